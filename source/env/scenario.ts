// Building a scenario from a failure type (§3).
import type {Scenario} from './types.js';
import {type Difficulty, type FailureType, ROGUE_AGENT_BY_FAILURE} from './vocabulary.js';

export const DEFAULT_MAX_STEPS = 20;

export type ScenarioOptions = {
	readonly difficulty?: Difficulty;
	readonly seed?: number;
	readonly maxSteps?: number;
	readonly injectMisleadingLogs?: boolean;
};

export function makeScenario(failureType: FailureType, options: ScenarioOptions = {}): Scenario {
	const difficulty = options.difficulty ?? 'easy';
	return {
		failure_type: failureType,
		difficulty,
		seed: options.seed ?? 0,
		max_steps: options.maxSteps ?? DEFAULT_MAX_STEPS,
		inject_misleading_logs: options.injectMisleadingLogs ?? difficulty === 'hard',
		rogue_fleet_agent: ROGUE_AGENT_BY_FAILURE[failureType],
	};
}
