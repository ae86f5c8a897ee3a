// What clients send: the protocol's ids, resets and steps, scenarios (a reset's, a recording's) and actions (a step's,
// a recording's, an actions file's).
// The schemas are the validators of record. Beside them, checks by hand of the common cases, which the protocol runs
// first since zod's parse was a large part of answering a step: each takes only what its schema takes, as the
// schema reads it, and leaves anything else to the schema, so that whatever is wrong is refused in the schema's words.
import * as z from 'zod';
import {replicasProblem} from '../env/action.js';
import type {ActionRequest} from '../env/types.js';
import {ACTION_TYPES, DIFFICULTIES, ROLES, SCORINGS, isOneOf} from '../env/vocabulary.js';
import {incidentReferenceSchema} from './incidents.js';
import {MAX_STEPS_RANGE, maxStepsSchema, seedSchema} from './scenarios.js';
import {closedObject, integer} from './validation.js';

/** An id is echoed exactly, so it must be one JSON carries exactly: a string, or an integer with |n| < 2^53. */
export const idSchema = z.union([z.string(), integer()]).optional();

/** Whether the schema takes this id (or none) and reads it as it is; any other is left to the schema. */
export const isPlainId = (id: unknown): boolean => id === undefined || typeof id === 'string' || Number.isSafeInteger(id);

export const scenarioSchema = closedObject({
	failure_type: z.string({error: () => 'expected the name of a built-in incident'}).optional(),
	incident: incidentReferenceSchema.optional(),
	difficulty: z.enum(DIFFICULTIES),
	seed: seedSchema,
	max_steps: maxStepsSchema.optional(),
	inject_misleading_logs: z.boolean().optional(),
	rogue_fleet_agent: z.string({error: () => "expected one of the incident's fleet agents, or null"}).nullable().optional(),
	scoring: z.enum(SCORINGS).optional(),
});

const text = z.string({error: () => 'expected a string or null'}).nullable().optional();

/** What is wrong with a `replicas` arg, or null: null is dropped like any null arg, and a missing replicas reads as 0 (§6). */
const replicasArgProblem = (value: unknown): string | null => (value === null ? null : replicasProblem(value));

const argsSchema = closedObject({
	message: text,
	to: text,
	replicas: z
		.unknown()
		.superRefine((value, context) => {
			const problem = replicasArgProblem(value);
			if (problem !== null) context.addIssue({code: 'custom', message: problem, input: value});
		})
		.optional(),
	failure_type: text,
	agent_name: text,
});

export const actionSchema = closedObject({
	action_type: z.enum(ACTION_TYPES),
	target: text,
	args: argsSchema.nullable().optional(),
	role: z.enum(ROLES).optional(),
});

const SCENARIO_KEYS = new Set(Object.keys(scenarioSchema.shape));
const ACTION_KEYS = new Set(Object.keys(actionSchema.shape));
const TEXT_ARG_KEYS = new Set(Object.keys(argsSchema.shape).filter(key => key !== 'replicas'));

const isPlainObject = (value: unknown): value is Readonly<Record<string, unknown>> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

const isText = (value: unknown): boolean => value === undefined || value === null || typeof value === 'string';
const isOptional = (value: unknown, check: (value: unknown) => boolean): boolean => value === undefined || check(value);
const isString = (value: unknown): boolean => typeof value === 'string';
const isMaxSteps = (value: unknown): boolean =>
	Number.isSafeInteger(value) && (value as number) >= MAX_STEPS_RANGE.min && (value as number) <= MAX_STEPS_RANGE.max;

/**
 * The scenario, when `value` is one the schema takes with nothing to read differently: its incident named (an
 * inline incident file is left to the schema, as is anything else).
 */
function plainScenario(value: unknown): z.output<typeof scenarioSchema> | undefined {
	if (!isPlainObject(value)) return undefined;
	for (const key in value) if (!SCENARIO_KEYS.has(key)) return undefined;
	const {failure_type, incident, difficulty, seed, max_steps, inject_misleading_logs, rogue_fleet_agent, scoring} = value;
	const plain =
		isOptional(failure_type, isString) &&
		isOptional(incident, isString) &&
		isOneOf(DIFFICULTIES, difficulty) &&
		Number.isSafeInteger(seed) &&
		isOptional(max_steps, isMaxSteps) &&
		isOptional(inject_misleading_logs, flag => typeof flag === 'boolean') &&
		isText(rogue_fleet_agent) &&
		isOptional(scoring, name => isOneOf(SCORINGS, name));
	return plain ? (value as z.output<typeof scenarioSchema>) : undefined;
}

/** Whether each arg is one the schema takes (an unknown one is left to the schema to name). */
function plainArgs(args: Readonly<Record<string, unknown>>): boolean {
	for (const key in args) {
		const value = args[key];
		if (key === 'replicas' ? replicasArgProblem(value) !== null : !(TEXT_ARG_KEYS.has(key) && isText(value))) return false;
	}
	return true;
}

/**
 * The action, when `value` is one the schema takes with nothing to read differently (it is then its own output,
 * up to the order of its keys); undefined to leave it to the schema, which takes it or says what is wrong.
 */
export function plainAction(value: unknown): ActionRequest | undefined {
	if (!isPlainObject(value)) return undefined;
	for (const key in value) if (!ACTION_KEYS.has(key)) return undefined;
	const {action_type, target, args, role} = value;
	if (!isOneOf(ACTION_TYPES, action_type) || !isText(target)) return undefined;
	if (role !== undefined && !isOneOf(ROLES, role)) return undefined;
	if (args !== undefined && args !== null && !(isPlainObject(args) && plainArgs(args))) return undefined;
	return value as ActionRequest;
}

type Request<Op extends string, Field extends string, Value> = {op: Op; id?: string | number} & Record<Field, Value>;

/** A check of `{"op":…, field:…}`, perhaps with an id: the request as its schema reads it, or undefined. */
const plainRequest =
	<Op extends string, Field extends string, Value>(op: Op, field: Field, plain: (value: unknown) => Value | undefined) =>
	(request: Readonly<Record<string, unknown>>): Request<Op, Field, Value> | undefined => {
		for (const key in request) if (key !== 'op' && key !== 'id' && key !== field) return undefined;
		if (request['op'] !== op || !isPlainId(request['id']) || plain(request[field]) === undefined) return undefined;
		return request as Request<Op, Field, Value>;
	};

/** `{"op":"step","action":{…}}` with an action plainAction takes, as the step schema (`op`, `id`, `action`) reads it. */
export const plainStep = plainRequest('step', 'action', plainAction);

/** `{"op":"reset","scenario":{…}}` with a scenario that names its incident, as the reset schema reads it. */
export const plainReset = plainRequest('reset', 'scenario', plainScenario);
