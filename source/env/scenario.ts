// Building a scenario from an incident (§3).
import type {Incident} from './incident.js';
import type {Scenario} from './types.js';
import type {Difficulty, Scoring} from './vocabulary.js';

export const DEFAULT_MAX_STEPS = 20;

export type ScenarioOptions = {
	readonly difficulty?: Difficulty | undefined;
	readonly seed?: number | undefined;
	readonly maxSteps?: number | undefined;
	readonly injectMisleadingLogs?: boolean | undefined;
	/** The rules the episode is scored by; the reference's if absent. */
	readonly scoring?: Scoring | undefined;
};

export function makeScenario(incident: Incident, options: ScenarioOptions = {}): Scenario {
	const difficulty = options.difficulty ?? 'easy';
	return {
		failure_type: incident.name,
		difficulty,
		seed: options.seed ?? 0,
		max_steps: options.maxSteps ?? DEFAULT_MAX_STEPS,
		inject_misleading_logs: options.injectMisleadingLogs ?? difficulty === 'hard',
		rogue_fleet_agent: incident.rogueAgent,
		scoring: options.scoring ?? 'reference',
		incident,
	};
}

/**
 * The scenario as JSON carries it: everything but the compiled incident, which travels by name or as its file. The
 * scoring is written only when it is not the reference's, so that a reference scenario reads as the reference's own
 * (the traces it is compared with, recordings that older versions read).
 */
export type ScenarioFields = Omit<Scenario, 'incident' | 'scoring'> & {readonly scoring?: Exclude<Scoring, 'reference'>};

export const scenarioFields = ({incident: _incident, scoring, ...fields}: Scenario): ScenarioFields =>
	scoring === 'reference' ? fields : {...fields, scoring};
