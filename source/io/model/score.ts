// The reward the reference's GRPO trainer gives a completion (_score_completion): the dataset row's scenario played
// again with its history, then the completion parsed as the row's role's reply and played; the step's team and
// oversight rewards blended. Wherever the reference's scoring raises, the reward is −5, as its trainer makes it.
import {ChaosOpsEnv} from '../../env/environment.js';
import {makeScenario} from '../../env/scenario.js';
import type {Scenario} from '../../env/types.js';
import {ACTION_TYPES, DIFFICULTIES, ROLES, isOneOf} from '../../env/vocabulary.js';
import {builtInIncident} from '../incidents.js';
import {actionRequestOf, parseActionOrRaise} from './parse-action.js';
import {PythonFloat, PythonInt, isPythonDict, parsePythonJson, pythonEntries, pythonIntOf} from './python-json.js';

export type ScoreRequest = {
	readonly scenario_json: string;
	readonly action_history_json: string;
	readonly role: string;
	readonly completion: string;
	readonly team_weight: number;
};

/** The reward of a completion the reference could not score. */
export const UNSCORABLE = -5.0;

/** What the reference raises on: the reward is UNSCORABLE. */
class Unscorable extends Error {}

/** `d[key]`: KeyError when it is not there. */
function item(dict: Record<string, unknown>, key: string): unknown {
	if (!Object.hasOwn(dict, key)) throw new Unscorable(`no ${key}`);
	return dict[key];
}

/** `int(value)`, as a number the engine takes (an integer JSON carries exactly). */
function integer(value: unknown, what: string): number {
	const read = pythonIntOf(value);
	if (typeof read !== 'number' || !Number.isSafeInteger(read)) throw new Unscorable(`${what} is not an integer`);
	return read;
}

/** Python's truth of a parsed JSON value, as bool() takes it. */
function truthy(value: unknown): boolean {
	if (value instanceof PythonFloat) return value.value !== 0;
	if (value instanceof PythonInt) return true;
	if (Array.isArray(value)) return value.length > 0;
	if (isPythonDict(value)) return pythonEntries(value).length > 0;
	return Boolean(value) || Number.isNaN(value);
}

/** The scenario of `scenario_json`: its failure type a built-in incident, each field read as the reference reads it. */
function scenarioOf(text: string): Scenario {
	const fields = parsePythonJson(text);
	if (!isPythonDict(fields)) throw new Unscorable('scenario_json is not an object');
	const name = item(fields, 'failure_type');
	const difficulty = item(fields, 'difficulty');
	if (typeof name !== 'string') throw new Unscorable('failure_type is not a string');
	if (!isOneOf(DIFFICULTIES, difficulty)) throw new Unscorable('no such difficulty');
	const rogue = item(fields, 'rogue_fleet_agent');
	if (rogue !== null && typeof rogue !== 'string') throw new Unscorable('rogue_fleet_agent is neither a string nor null');
	const scenario = makeScenario(builtInIncident(name), {
		difficulty,
		seed: integer(item(fields, 'seed'), 'seed'),
		maxSteps: integer(item(fields, 'max_steps'), 'max_steps'),
		injectMisleadingLogs: truthy(item(fields, 'inject_misleading_logs')),
	});
	return {...scenario, rogue_fleet_agent: rogue};
}

/** What `for past in json.loads(text)` goes through: a list's items; an empty string or object holds none. */
function historyOf(text: string): unknown[] {
	const history = parsePythonJson(text);
	if (Array.isArray(history)) return history;
	// A string's characters and an object's keys are strings, which no action validates as; empty, they are nothing.
	if ((typeof history === 'string' && history === '') || (isPythonDict(history) && pythonEntries(history).length === 0)) return [];
	throw new Unscorable('action_history_json is not a list of actions');
}

/** A past action as the reference's action model validates it: a role and an action type, a string target, object args. */
function pastAction(past: unknown) {
	if (!isPythonDict(past)) throw new Unscorable('an action is not an object');
	const {role, action_type: actionType} = past;
	const target = Object.hasOwn(past, 'target') ? past['target'] : null;
	const args = Object.hasOwn(past, 'args') ? past['args'] : {};
	if (!isOneOf(ROLES, role) || !isOneOf(ACTION_TYPES, actionType)) throw new Unscorable('an action has no valid role or action_type');
	if ((target !== null && typeof target !== 'string') || !isPythonDict(args)) throw new Unscorable('an action has a bad target or args');
	return actionRequestOf({action_type: actionType, target, args});
}

/** Python's `max(0.0, min(weight, 1.0))`, NaN included (it gives 0.0). */
const clampedWeight = (weight: number): number => {
	const capped = 1.0 < weight ? 1.0 : weight;
	return capped > 0.0 ? capped : 0.0;
};

function score({scenario_json, action_history_json, role, completion, team_weight}: ScoreRequest): number {
	const scenario = scenarioOf(scenario_json);
	const history = historyOf(action_history_json);
	const env = new ChaosOpsEnv({recordMetrics: false});
	env.reset(scenario);
	for (const past of history) {
		if (env.step(pastAction(past)).observation.done) return 0.0;
	}
	if (!isOneOf(ROLES, role)) throw new Unscorable('no such role');
	if (env.currentRole !== role) return 0.0;
	const {breakdown} = env.step(actionRequestOf(parseActionOrRaise(completion, role)));
	const weight = clampedWeight(team_weight);
	return weight * breakdown.team_reward + (1.0 - weight) * breakdown.oversight_reward;
}

/**
 * The GRPO reward of `completion` for the row: 0.0 when the history ends the episode or the turn is not `role`'s,
 * UNSCORABLE (−5.0) wherever the reference fails (bad JSON, an unknown failure type, an action refused).
 */
export function scoreCompletion(request: ScoreRequest): number {
	try {
		return score(request);
	} catch {
		return UNSCORABLE;
	}
}
