// The episode of a recording a command reads (replay, debrief): the one --episode N names, else the last.
import {InputError} from '../io/errors.js';
import type {RecordedEpisode} from '../io/recording.js';

export function pickEpisode(episodes: RecordedEpisode[], file: string, chosen: number | undefined): RecordedEpisode {
	const index = (chosen ?? episodes.length) - 1;
	const episode = episodes[index];
	if (episode === undefined) throw new InputError(`--episode ${chosen}: ${file} holds ${episodes.length} episode(s); expected 1 to ${episodes.length}`);
	return episode;
}
