// What the scripted teams score on the same scenario and seed, for the end-of-episode comparison and the debrief.
import type {PolicyName} from './policies.js';
import {type EpisodeResult, type EpisodeRun, buildSeats, runEpisode} from './runner.js';
import {byRole} from '../env/vocabulary.js';
import type {Scenario} from '../env/types.js';

export const BASELINE_TEAMS = ['oracle', 'heuristic'] as const satisfies readonly PolicyName[];
export type BaselineTeam = (typeof BASELINE_TEAMS)[number];

/** Each team's episode, its steps kept: the policy in every seat, seeded as `chaosops run` seeds it. */
export const baselineRuns = (scenario: Scenario): Record<BaselineTeam, EpisodeRun> =>
	Object.fromEntries(BASELINE_TEAMS.map(name => [name, runEpisode(scenario, buildSeats(byRole(() => name), scenario))])) as Record<
		BaselineTeam,
		EpisodeRun
	>;

export function baselineResults(scenario: Scenario): Record<BaselineTeam, EpisodeResult> {
	const {oracle, heuristic} = baselineRuns(scenario);
	return {oracle: oracle.result, heuristic: heuristic.result};
}
