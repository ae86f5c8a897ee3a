// An incident on trial (`chaosops scenario check`): the oracle, the heuristic and random, each in every seat, play it
// on seeds 0 to N-1 at every difficulty. The oracle plays the incident's own solution, so it should resolve every
// episode; one it does not points at a solution that does not solve, or at a rule nobody can meet.
import {ChaosOpsEnv} from '../env/environment.js';
import type {Incident} from '../env/incident.js';
import {makeScenario} from '../env/scenario.js';
import {DIFFICULTIES, type Difficulty} from '../env/vocabulary.js';
import {type Figures, GroupTally, everyRole, playPolicies} from './evaluation.js';
import type {PolicyName} from './policies.js';

/** The policies put to an incident, the oracle first: the one that must resolve it. */
export const TRIAL_POLICIES = ['oracle', 'heuristic', 'random'] as const satisfies readonly PolicyName[];
export type TrialPolicy = (typeof TRIAL_POLICIES)[number];

export type TrialOptions = {
	/** Seeds 0 to seeds-1, at each difficulty. */
	readonly seeds: number;
	readonly maxSteps: number;
};

/** An episode that ended unresolved, as `chaosops run --difficulty D --seed S` plays it again. */
export type Unresolved = {readonly difficulty: Difficulty; readonly seed: number};

export type PolicyTrial = {
	readonly policy: TrialPolicy;
	/** Over every episode the policy played: seeds × difficulties. */
	readonly figures: Figures;
	/** Its unresolved episodes, by difficulty, then seed. */
	readonly unresolved: readonly Unresolved[];
};

/** Every trial policy on every (difficulty, seed), each policy seeded with the scenario's seed, as evaluation does. */
export function trial(incident: Incident, {seeds, maxSteps}: TrialOptions): PolicyTrial[] {
	const env = new ChaosOpsEnv();
	const scenarios = DIFFICULTIES.flatMap(difficulty => Array.from({length: seeds}, (_, seed) => makeScenario(incident, {difficulty, seed, maxSteps})));
	return TRIAL_POLICIES.map(policy => {
		const tally = new GroupTally(scenarios.length);
		const roles = everyRole(policy);
		const unresolved: Unresolved[] = [];
		for (const scenario of scenarios) {
			const result = playPolicies(roles, scenario, env);
			tally.add(scenario, result);
			if (!result.resolved) unresolved.push({difficulty: scenario.difficulty, seed: scenario.seed});
		}
		return {policy, figures: tally.figures(), unresolved};
	});
}
