// A model's reply as the action it means, by the reference's parse_action: the first JSON object found (the whole
// reply, a fenced block, a balanced {…} block, a brace pair with none inside), read as Python reads it, its fields
// taken as Python's str() and int() take them. Nothing a model says can make this throw: no object is a noop.
import {TEXT_ARGS} from '../../env/action.js';
import type {ActionArgs, ActionRequest} from '../../env/types.js';
import {ACTION_TYPES, type ActionType, type Role, isOneOf} from '../../env/vocabulary.js';
import {pythonLower, pythonStrip} from '../../env/python-text.js';
import {REFERENCE_INCIDENTS} from '../reference-incidents.js';
import {PythonFloat, PythonInt, PythonJsonError, isPythonDict, parsePythonJson, pythonDict, pythonEntries, pythonIntOf, pythonStr} from './python-json.js';

export type ParsedAction = {action_type: ActionType; target: string | null; args: Record<string, unknown>};

/** The action of a reply with no JSON object in it. */
export const NOOP_ACTION: ParsedAction = Object.freeze({action_type: 'noop', target: null, args: Object.freeze({})});

/** Python's `\s` (str.isspace()), which JavaScript's `\s` is not: it lacks \x1c–\x1f and \x85, and has \ufeff. */
const SPACE = '[\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const FENCED = new RegExp(`\`\`\`(?:json)?${SPACE}*(\\{[\\s\\S]*?\\})${SPACE}*\`\`\``, 'g');
const BARE_BRACES = /\{[^{}]*\}/g;

/** Each top-level balanced {…} block, in order; braces inside JSON strings do not count. */
function* balancedBlocks(text: string): Generator<string> {
	let depth = 0;
	let start = -1;
	let inString = false;
	let escaped = false;
	for (let index = 0; index < text.length; index++) {
		const character = text[index];
		if (escaped) escaped = false;
		else if (inString) {
			if (character === '\\') escaped = true;
			else if (character === '"') inString = false;
		} else if (character === '"') inString = true;
		else if (character === '{') {
			if (depth === 0) start = index;
			depth++;
		} else if (character === '}' && depth > 0) {
			depth--;
			if (depth === 0) yield text.slice(start, index + 1);
		}
	}
}

/** The texts that may hold the action, in the order they are tried. */
function* candidates(text: string): Generator<string> {
	if (text.startsWith('{') && text.endsWith('}')) yield text;
	for (const match of text.matchAll(FENCED)) yield match[1]!;
	yield* balancedBlocks(text);
	for (const match of text.matchAll(BARE_BRACES)) yield match[0];
}

/**
 * How the parser meets what makes the reference's own parser raise rather than pass over: a candidate json.loads
 * fails on with other than a JSONDecodeError (an int of more than 4300 digits, nesting past Python's recursion
 * limit), and infinite replicas (OverflowError). `tolerate` passes over them as over bad JSON (a seat's reply must
 * give an action); `raise` throws, as the reference does (the GRPO reward is then −5).
 */
type PythonRaises = 'tolerate' | 'raise';

/** The reference's parser would raise here. */
export class ReferenceParserRaises extends Error {
	override readonly name = 'ReferenceParserRaises';
}

/** The first candidate that reads as a JSON object, or null. */
function payloadOf(text: string, raises: PythonRaises): Record<string, unknown> | null {
	for (const candidate of candidates(pythonStrip(text))) {
		let value: unknown;
		try {
			value = parsePythonJson(candidate);
		} catch (error) {
			if (raises === 'raise' && error instanceof PythonJsonError && !error.decodeError) throw new ReferenceParserRaises(error.message);
			continue;
		}
		if (isPythonDict(value)) return value;
	}
	return null;
}

const isInfinite = (value: unknown): boolean => typeof value === 'number' && !Number.isNaN(value) && !Number.isFinite(value);

/** What each arg with a rule of its own becomes; undefined drops it. */
const ARG_RULES: Record<string, (value: unknown, raises: PythonRaises) => unknown> = {
	// int(value); where int() raises TypeError or ValueError the arg is dropped (OverflowError: see PythonRaises).
	replicas: (value, raises) => {
		if (raises === 'raise' && isInfinite(value)) throw new ReferenceParserRaises('cannot convert float infinity to integer');
		return pythonIntOf(value) ?? undefined;
	},
	// Kept only if str(value) is exactly one of the reference's failure types.
	failure_type: value => {
		const text = pythonStr(value);
		return isOneOf(REFERENCE_INCIDENTS, text) ? text : undefined;
	},
};

function argsOf(value: unknown, raises: PythonRaises): Record<string, unknown> {
	if (!isPythonDict(value)) return {};
	const args: Array<[string, unknown]> = [];
	for (const [key, item] of pythonEntries(value)) {
		const rule = ARG_RULES[key];
		const taken = rule === undefined ? item : rule(item, raises);
		// Null args are dropped, as the reference's action model drops them.
		if (taken !== undefined && taken !== null) args.push([key, taken]);
	}
	return pythonDict(args);
}

function parsed(text: string, raises: PythonRaises): ParsedAction {
	const payload = payloadOf(text, raises);
	if (payload === null) return NOOP_ACTION;
	const named = pythonLower(pythonStrip(pythonStr(Object.hasOwn(payload, 'action_type') ? payload['action_type'] : '')));
	const target = Object.hasOwn(payload, 'target') ? payload['target'] : null;
	return {
		action_type: isOneOf(ACTION_TYPES, named) ? named : 'noop',
		target: target === null ? null : pythonStr(target),
		args: argsOf(Object.hasOwn(payload, 'args') ? payload['args'] : null, raises),
	};
}

/**
 * The action a reply means; never throws. `role` is the seat's: whatever the reply says, the action is that role's
 * (the ParsedAction carries no role; the turn gives it).
 */
export const parseAction = (text: string, _role: Role): ParsedAction => parsed(text, 'tolerate');

/** parseAction, but throwing ReferenceParserRaises where the reference's parse_action raises (see PythonRaises). */
export const parseActionOrRaise = (text: string, _role: Role): ParsedAction => parsed(text, 'raise');

/**
 * Whether the reply was worth taking, or is to be asked again (§2): it is if the parser found a target or args, or
 * an action other than noop, or the reply has both braces (a noop meant as one).
 */
export const isUsableReply = (text: string, parsed: ParsedAction): boolean =>
	Boolean(parsed.target) ||
	Object.keys(parsed.args).length > 0 ||
	parsed.action_type !== 'noop' ||
	(text.includes('{') && text.includes('}'));

/** A number class as the plain number JSON and the environment take. */
const plain = (value: unknown): unknown => (value instanceof PythonFloat ? value.value : value instanceof PythonInt ? Number(value.value) : value);

const TEXT_ARG_KEYS: ReadonlySet<string> = new Set(TEXT_ARGS);

/**
 * What to step for a parsed action. The args a handler reads as text go as str() of them, as the reference's
 * handlers read them (a message of 5 is "5"); the others as they are, numbers as plain numbers. The environment
 * refuses what it still cannot take (replicas beyond 2^53).
 */
export const actionRequestOf = (parsed: ParsedAction): ActionRequest => ({
	action_type: parsed.action_type,
	target: parsed.target,
	args: Object.fromEntries(
		Object.entries(parsed.args).map(([key, value]) => [key, TEXT_ARG_KEYS.has(key) ? pythonStr(value) : plain(value)]),
	) as ActionArgs,
});
