// Normalising what a caller sends into an action the handlers can trust (§2, §5).
import {EnvError} from './errors.js';
import {pythonInt} from './python-text.js';
import type {Action, ActionArgs, ActionRequest} from './types.js';
import {ACTION_TYPES, type Role, isOneOf} from './vocabulary.js';

/** An action that does not fit the schema (§5): refused, and nothing changes. */
export class ActionRejected extends EnvError {
	override readonly name = 'ActionRejected';
}

/** The args a handler reads as text. */
export const TEXT_ARGS = ['message', 'to', 'failure_type', 'agent_name'] as const;

/**
 * The `replicas` arg as Python's int() reads it (missing → 0), or null when it is not an integer or an
 * integer-valued string. A value beyond 2^53 comes back inexact: normaliseAction refuses it as too large.
 */
export function replicasOf(args: ActionArgs): number | null {
	const value = args.replicas;
	if (value === undefined) return 0;
	if (typeof value === 'number') return Number.isInteger(value) ? value : null;
	return typeof value === 'string' ? pythonInt(value) : null;
}

/** What is wrong with a `replicas` value, or null when it is an integer JSON carries exactly. */
export function replicasProblem(value: unknown): string | null {
	// 1e309 and a 400-digit bare number arrive as Infinity: too large, not "not an integer".
	const replicas = typeof value === 'number' && !Number.isFinite(value) ? value : replicasOf({replicas: value as ActionArgs['replicas']});
	if (replicas === null) return 'must be an integer or an integer-valued string';
	return Number.isSafeInteger(replicas) ? null : 'is too large; expected an integer with |n| < 2^53';
}

const NO_ARGS: ActionArgs = Object.freeze({});

function withoutNulls(args: ActionArgs | undefined): ActionArgs {
	if (args === undefined || args === null) return NO_ARGS;
	let hasNull = false;
	for (const key in args) if ((args as Record<string, unknown>)[key] === null) hasNull = true;
	if (!hasNull) return args;
	return Object.fromEntries(Object.entries(args).filter(([, value]) => value !== null)) as ActionArgs;
}

/** The action as the acting role takes it, or ActionRejected naming what does not fit. */
export function normaliseAction(request: ActionRequest, role: Role): Action {
	if (!isOneOf(ACTION_TYPES, request.action_type)) {
		throw new ActionRejected(`unknown action_type ${JSON.stringify(request.action_type)}; expected one of ${ACTION_TYPES.join(', ')}`);
	}
	const target = request.target ?? null;
	if (target !== null && typeof target !== 'string') throw new ActionRejected('target must be a string or null');
	const args = withoutNulls(request.args);
	if (typeof args !== 'object' || Array.isArray(args)) throw new ActionRejected('args must be an object');
	for (const key of TEXT_ARGS) {
		const value = args[key];
		if (value !== undefined && typeof value !== 'string') throw new ActionRejected(`args.${key} must be a string`);
	}
	const replicas = replicasProblem(args.replicas);
	if (replicas !== null) throw new ActionRejected(`args.replicas ${replicas}`);
	return {role, action_type: request.action_type, target, args};
}
