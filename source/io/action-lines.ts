// Files of actions for `--policy ROLE=actions:FILE`: a JSON array of actions in the protocol's shape, one per turn of
// the seat that plays it (then noop). A file with problems is refused with one line per problem, each naming the
// file and the index of the action. The format: docs/actions-files.md.
import * as z from 'zod';
import type {ScriptedLine} from '../agents/scripted-line.js';
import type {ActionRequest} from '../env/types.js';
import {problemsError} from './incidents.js';
import {parseJsonText} from './json-text.js';
import {actionSchema} from './requests.js';
import {MIB, readTextFile} from './text-file.js';
import {describeIssue} from './validation.js';

/** A seat's line as a file holds it and a recording's header carries it (docs/actions-file.schema.json is generated from it). */
export const actionsFileSchema = z
	.array(actionSchema, {error: () => 'expected a JSON array of actions, one per turn of the seat'})
	.describe("A seat's actions, one per turn of the seat, in order; once they are played the seat plays noop.")
	// The protocol's shape of an action, which the environment takes as it takes a protocol step's (nulls dropped).
	.transform(actions => actions as ActionRequest[]);

/** A line of actions is a few pages of JSON at most; anything larger is not one. */
const ACTIONS_FILE_MAX_BYTES = MIB;

type Issue = z.core.$ZodIssue;

/** An issue's path written as JSON indexes it: `[3].args.replicas`, not `3.args.replicas`. */
const indexed = (issue: Issue): Issue => {
	const [index, ...rest] = issue.path;
	return index === undefined ? issue : {...issue, path: [`[${String(index)}]`, ...rest]};
};

/** The line of actions in `file`, or an InputError with a line per problem (each said once), each naming the file. */
export function readActionsFile(file: string): ScriptedLine {
	const subject = `actions file ${file}`;
	const parsed = actionsFileSchema.safeParse(parseJsonText(readTextFile(file, subject, ACTIONS_FILE_MAX_BYTES), subject), {reportInput: true});
	if (parsed.success) return {actions: parsed.data};
	throw problemsError(subject, [...new Set(parsed.error.issues.map(issue => describeIssue(indexed(issue))))]);
}
