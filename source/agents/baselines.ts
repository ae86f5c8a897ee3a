// What the scripted teams score on the same scenario and seed, for the end-of-episode comparison.
import type {PolicyName} from './policies.js';
import {type EpisodeResult, buildSeats, runEpisode} from './runner.js';
import type {Scenario} from '../env/types.js';
import {ROLES} from '../env/vocabulary.js';

export const BASELINE_TEAMS = ['oracle', 'heuristic'] as const satisfies readonly PolicyName[];
export type BaselineTeam = (typeof BASELINE_TEAMS)[number];

export function baselineResults(scenario: Scenario): Record<BaselineTeam, EpisodeResult> {
	const play = (name: BaselineTeam) =>
		runEpisode(scenario, buildSeats(Object.fromEntries(ROLES.map(role => [role, name])), scenario)).result;
	return {oracle: play('oracle'), heuristic: play('heuristic')};
}
