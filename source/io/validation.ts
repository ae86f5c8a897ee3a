// Turning a zod failure into the one line a user reads: where the value was wrong (its wire path), what it was and
// what is accepted, in the user's words; never zod's own "Invalid input" or camelCase.
import * as z from 'zod';
import {terminalJson} from './terminal-text.js';
import {InputError} from './errors.js';
import {unknownKeysError} from '../env/unknown-keys.js';

/** User text quoted in a message is cut to this many characters: a message is one line. */
const QUOTED_MAX = 40;

/** The first `max` characters of `text`, a surrogate pair never split. */
const firstCharacters = (text: string, max: number): string => {
	let end = Math.min(max, text.length);
	if (end < text.length && /[\ud800-\udbff]/.test(text[end - 1]!)) end--;
	return text.slice(0, end);
};

/** A string as quoted in a message: JSON-quoted, control characters escaped as JSON escapes them, cut short. */
export function quoted(text: string): string {
	return terminalJson(text.length > QUOTED_MAX ? `${firstCharacters(text, QUOTED_MAX)}…` : text);
}

/** Any value as JSON in at most about `max` characters, cut short with `…` and never inside an escape or a pair. */
export function briefJson(value: unknown, max: number): string {
	const text = value === undefined ? 'nothing' : terminalJson(value);
	if (text.length <= max) return text;
	return `${firstCharacters(text, max).replace(/\\(u[0-9a-fA-F]{0,3})?$/, '')}…`;
}

/** A value in a few words: `"db"`, `12`, `true`, `null`, `an object`; a number JSON cannot carry is "too large". */
export function describeValue(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'an array';
	if (typeof value === 'string') return quoted(value);
	if (typeof value === 'number') return Number.isFinite(value) && Math.abs(value) <= Number.MAX_SAFE_INTEGER ? String(value) : 'too large';
	if (typeof value === 'object') return 'an object';
	return String(value);
}

const EXPECTED_TYPE: Record<string, string> = {
	int: 'an integer with |n| < 2^53',
	number: 'a number',
	string: 'a string',
	boolean: 'true or false',
	object: 'an object',
	record: 'an object',
	array: 'an array',
	null: 'null',
};

type Issue = z.core.$ZodIssue;

/** `is 12; ` or, for a number too large to carry, `is too large; `. */
const was = (input: unknown): string => (describeValue(input) === 'too large' ? 'is too large' : `is ${describeValue(input)}`);

/** `is missing` for a value not given, else as `was`. */
const wasGiven = (input: unknown): string => (input === undefined ? 'is missing' : was(input));

/**
 * A schema that says in its own words what it takes (`integer` below) gives messages that begin "expected "; zod's
 * own messages never do, and are never shown.
 */
const OWN_WORDS = 'expected ';
const ownWords = (issue: Issue): string | null => (issue.message.startsWith(OWN_WORDS) ? issue.message : null);
/** Nor does a message of zod's begin "must ": one that does is a rule in the schema's own words. */
const MUST = 'must ';

const UNITS: Record<string, string> = {string: 'character', array: 'item', set: 'item'};
const unitOf = (origin: string, count: number | bigint): string =>
	UNITS[origin] === undefined ? '' : ` ${UNITS[origin]}${Number(count) === 1 ? '' : 's'}`;

/** A number or a length out of range: `is 0; expected at least 1`, `is too large; expected an integer with |n| < 2^53`. */
function outOfRange(issue: Extract<Issue, {code: 'too_big' | 'too_small'}>, word: 'most' | 'least', limit: number | bigint): string {
	const {input, origin} = issue;
	const own = ownWords(issue);
	if (own !== null) return `${was(input)}; ${own}`;
	// A bound in a schema's own words (`must name at least two causes: the true one and a wrong one`) says more than a count.
	if (issue.message.startsWith(MUST)) return issue.message;
	// z.int() reports a value beyond the safe integers as too big; say what integers we take.
	if (origin === 'int' && word === 'most' && Number(limit) === Number.MAX_SAFE_INTEGER) return `${was(input)}; expected ${EXPECTED_TYPE['int']}`;
	return `${was(input)}; expected at ${word} ${limit}${unitOf(origin, limit)}`;
}

/** What one member of a union expects, from its first issue. */
function memberExpects(first: Issue | undefined): string | undefined {
	if (first === undefined) return undefined;
	const own = ownWords(first);
	if (own !== null) return own.slice(OWN_WORDS.length);
	if (first.code === 'invalid_type') return EXPECTED_TYPE[first.expected] ?? first.expected;
	if ((first.code === 'too_big' || first.code === 'too_small') && first.origin === 'int') return EXPECTED_TYPE['int'];
	return first.message;
}

/** What a union's members expect: `a string or an integer with |n| < 2^53`. */
const unionExpected = (issue: z.core.$ZodIssueInvalidUnion): string =>
	issue.errors
		.map(issues => memberExpects(issues[0]))
		.filter((text, index, all): text is string => text !== undefined && all.indexOf(text) === index)
		.join(' or ');

const ISSUE_TEXT: {[Code in Issue['code']]: (issue: Extract<Issue, {code: Code}>) => string} = {
	invalid_type: issue => `${wasGiven(issue.input)}; ${ownWords(issue) ?? `expected ${EXPECTED_TYPE[issue.expected] ?? issue.expected}`}`,
	invalid_value: issue =>
		`${wasGiven(issue.input)}; ${ownWords(issue) ?? `expected ${issue.values.length === 1 ? String(issue.values[0]) : `one of ${issue.values.map(String).join(', ')}`}`}`,
	too_big: issue => outOfRange(issue, 'most', issue.maximum),
	too_small: issue => outOfRange(issue, 'least', issue.minimum),
	// Our own formats carry their own words (`must be lower-case letters, digits, _ or -`).
	invalid_format: issue => `${was(issue.input)}; ${issue.message}`,
	not_multiple_of: issue => `${was(issue.input)}; expected a multiple of ${issue.divisor}`,
	// Every schema that refuses unknown keys (closedObject, closedRecord, the incident format's) names those it accepts.
	unrecognized_keys: issue => issue.message,
	invalid_union: issue => `${wasGiven(issue.input)}; expected ${unionExpected(issue)}`,
	invalid_key: issue => `has a key that is not accepted: ${describeIssue(issue.issues[0]!)}`,
	invalid_element: issue => `has an entry that is not accepted: ${describeIssue(issue.issues[0]!)}`,
	custom: issue => issue.message,
};

/** A key in a path as a message shows it: cut short like quoted text, since a key can be as long as a file. */
const pathKey = (key: PropertyKey): string => {
	const text = String(key);
	return text.length > QUOTED_MAX ? `${firstCharacters(text, QUOTED_MAX)}…` : text;
};

/** One line for the first thing wrong, prefixed with where it is (`policies.sre is "smart"; expected one of …`). */
export function describeIssue(issue: Issue): string {
	const where = issue.path.map(pathKey).join('.');
	const text = (ISSUE_TEXT[issue.code] as (issue: Issue) => string)(issue);
	return where === '' ? text : `${where} ${text}`;
}

/** The value as the schema reads it, or an InputError `{subject}: {what is wrong}`. */
export function parseWith<Schema extends z.ZodType>(schema: Schema, value: unknown, subject: string): z.output<Schema> {
	const parsed = schema.safeParse(value, {reportInput: true});
	if (parsed.success) return parsed.data;
	throw new InputError(`${subject}: ${describeIssue(parsed.error.issues[0]!)}`);
}

/** The message for unknown keys, naming the first few (quoted as every message quotes) and the ones accepted. */
const unknownKeys = (accepted: readonly string[]) => unknownKeysError(accepted, quoted);

/**
 * An integer JSON carries exactly (|n| < 2^53), within [min, max] if given, which says what it takes in the user's
 * words whatever is wrong with a value: zod's z.int() would say only "expected a number" of a string.
 */
export function integer(range?: {readonly min: number; readonly max: number}) {
	const words = `${OWN_WORDS}${range === undefined ? EXPECTED_TYPE['int'] : `an integer from ${range.min} to ${range.max}`}`;
	const error = {error: () => words};
	return range === undefined ? z.int(error) : z.int(error).min(range.min, error).max(range.max, error);
}

/** An object that names the keys it accepts when given one it does not know. */
export const closedObject = <Shape extends z.core.$ZodLooseShape>(shape: Shape) =>
	z.strictObject(shape, {error: unknownKeys(Object.keys(shape))});

/** A record over a closed set of keys, any of them optional, that names the keys it accepts when given another. */
export const closedRecord = <const Key extends string, Value extends z.ZodType>(keys: readonly [Key, ...Key[]], value: Value) =>
	z.partialRecord(z.enum(keys), value, {error: unknownKeys(keys)});
