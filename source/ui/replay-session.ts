// The replay app's session: the recorded actions played back, paced, in seats nobody can take, and once playback
// reaches the place where today's environment no longer agrees with the recording, a notice saying so.
import {type RecordedEpisode, type Resimulation, playbackJournal, recordingSeats} from '../io/recording.js';
import {PlaySession} from './session.js';

export const replaySession = (recording: RecordedEpisode, replayed: Resimulation, delayMs: number): PlaySession =>
	new PlaySession({
		scenario: recording.header.scenario,
		scripts: () => recordingSeats(recording),
		humans: [],
		delayMs,
		readOnly: true,
		openJournal: () => playbackJournal(recording, replayed),
	});
