// The replay app's session: the recorded actions played back, paced, in seats nobody can take, and once playback
// reaches the place where today's environment no longer agrees with the recording, a notice saying so. Its summary
// reports the help the recorded player took, and its review who decided each step as the recording says.
import {debriefOf} from '../io/debrief.js';
import {type RecordedEpisode, type Resimulation, playbackJournal, recordingSeats} from '../io/recording.js';
import {type HelpTaken, PlaySession} from './session.js';

/** The recording's hints, oracle moves and reveal, counted as the summary counts a player's. */
const recordedHelp = ({header, hints, revealedAtTurn}: RecordedEpisode): HelpTaken => ({
	hints: hints.filter(hint => hint.source === 'ladder').length,
	ladder: header.scenario.incident.file.trainer.hints.length,
	oracleMoves: hints.filter(hint => hint.source === 'oracle').length,
	// Revealed after `revealedAtTurn` steps: while the next one was under way.
	revealedAtStep: revealedAtTurn === null ? null : revealedAtTurn + 1,
});

export const replaySession = (recording: RecordedEpisode, replayed: Resimulation, delayMs: number): PlaySession =>
	new PlaySession({
		scenario: recording.header.scenario,
		scripts: () => recordingSeats(recording),
		humans: [],
		delayMs,
		readOnly: true,
		openJournal: () => playbackJournal(recording, replayed),
		recordedHelp: recordedHelp(recording),
		recordedTimeline: () => debriefOf(recording).timeline,
	});
