// Turning a zod failure into the one line a user reads: where the value was wrong and what is accepted.
import * as z from 'zod';
import {InputError} from './errors.js';

const kindOf = (value: unknown): string => {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'an array';
	return typeof value === 'object' ? 'an object' : JSON.stringify(value) ?? typeof value;
};

const EXPECTED_TYPE: Record<string, string> = {
	int: 'an integer with |n| < 2^53',
	number: 'a number',
	string: 'a string',
	boolean: 'true or false',
	object: 'an object',
	array: 'an array',
};

type Issue = z.core.$ZodIssue;

const ISSUE_TEXT: Partial<Record<Issue['code'], (issue: never) => string>> = {
	invalid_value: (issue: z.core.$ZodIssueInvalidValue) =>
		`is ${kindOf(issue.input)}; expected one of ${issue.values.map(String).join(', ')}`,
	invalid_type: (issue: z.core.$ZodIssueInvalidType) =>
		issue.input === undefined
			? `is missing; expected ${EXPECTED_TYPE[issue.expected] ?? issue.expected}`
			: `is ${kindOf(issue.input)}; expected ${EXPECTED_TYPE[issue.expected] ?? issue.expected}`,
};

/** One line for the first thing wrong, prefixed with where it is (`policies.sre: …`). */
export function describeIssue(issue: Issue): string {
	const where = issue.path.map(String).join('.');
	const text = (ISSUE_TEXT[issue.code] as ((issue: Issue) => string) | undefined)?.(issue) ?? issue.message;
	return where === '' ? text : `${where} ${text}`;
}

/** The value as the schema reads it, or an InputError `{subject}: {what is wrong}`. */
export function parseWith<Schema extends z.ZodType>(schema: Schema, value: unknown, subject: string): z.output<Schema> {
	const parsed = schema.safeParse(value, {reportInput: true});
	if (parsed.success) return parsed.data;
	throw new InputError(`${subject}: ${describeIssue(parsed.error.issues[0]!)}`);
}

/** An object that names the keys it accepts when given one it does not know. */
export const closedObject = <Shape extends z.core.$ZodLooseShape>(shape: Shape) =>
	z.strictObject(shape, {
		error: issue =>
			issue.code === 'unrecognized_keys'
				? `has unknown ${issue.keys.length === 1 ? 'key' : 'keys'} ${issue.keys.map(key => JSON.stringify(key)).join(', ')}; accepted: ${Object.keys(shape).join(', ')}`
				: undefined,
	});
