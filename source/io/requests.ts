// What clients send: the protocol's ids and step requests, and actions (a step's, a recording's, an actions file's).
// The schemas are the validators of record. Beside them, checks by hand of the common cases, which the protocol runs
// first since zod's parse was a large part of answering a step: each takes only what its schema takes, as the
// schema reads it, and leaves anything else to the schema, so that whatever is wrong is refused in the schema's words.
import * as z from 'zod';
import {replicasProblem} from '../env/action.js';
import type {ActionRequest} from '../env/types.js';
import {ACTION_TYPES, ROLES, isOneOf} from '../env/vocabulary.js';
import {closedObject, integer} from './validation.js';

/** An id is echoed exactly, so it must be one JSON carries exactly: a string, or an integer with |n| < 2^53. */
export const idSchema = z.union([z.string(), integer()]).optional();

/** Whether the schema takes this id (or none) and reads it as it is; any other is left to the schema. */
export const isPlainId = (id: unknown): boolean => id === undefined || typeof id === 'string' || Number.isSafeInteger(id);

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

const ACTION_KEYS = new Set(Object.keys(actionSchema.shape));
const TEXT_ARG_KEYS = new Set(Object.keys(argsSchema.shape).filter(key => key !== 'replicas'));

const isPlainObject = (value: unknown): value is Readonly<Record<string, unknown>> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

const isText = (value: unknown): boolean => value === undefined || value === null || typeof value === 'string';

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

/**
 * The request as the step schema (`op`, `id`, `action`) reads it, when it is `{"op":"step","action":{…}}`, perhaps
 * with an id, with an id and an action the checks above take; undefined to leave it to the schema.
 */
export function plainStep(request: Readonly<Record<string, unknown>>): {op: 'step'; id?: string | number; action: ActionRequest} | undefined {
	for (const key in request) if (key !== 'op' && key !== 'id' && key !== 'action') return undefined;
	if (request['op'] !== 'step' || !isPlainId(request['id'])) return undefined;
	const action = plainAction(request['action']);
	return action === undefined ? undefined : (request as {op: 'step'; id?: string | number; action: ActionRequest});
}
