// How a command ends when something goes wrong: bad input is one line and status 2, output that could not be
// written is one line naming the file and status 1, a reader that closed its end is a quiet end, and anything else
// is a bug: status 1 with its stack, so that a bug is never disguised as bad input.
import {InputError, OutputError, isClosedReader} from '../io/errors.js';
import {visibleLine} from '../io/terminal-text.js';

/** The exit status for a bug, and for output that could not be written. */
export const FAILURE_STATUS = 1;
/** The exit status for bad input. */
export const USAGE_STATUS = 2;

/** Writes to stderr; with stderr gone there is nowhere left to say anything, so its failure is let go. */
function tell(text: string): void {
	process.stderr.once('error', () => {}).write(text);
}

/** Prints `chaosops: <message>` on stderr, each line of it as one line with no control characters, and returns the exit status to use. */
export function fail(message: string | readonly string[], status = USAGE_STATUS): number {
	tell((typeof message === 'string' ? [message] : message).map(line => `chaosops: ${visibleLine(line)}\n`).join(''));
	return status;
}

const stackOf = (error: unknown): string => (error instanceof Error ? (error.stack ?? error.message) : String(error));

/** A bug met while a server (env, serve) answered one request: its stack on stderr, and the server goes on. */
export const reportServedBug = (error: unknown): void => tell(`chaosops: internal error while answering a request (a bug; please report it):\n${stackOf(error)}\n`);

/** Reports an error that ended a command and returns its exit status. */
export function report(error: unknown): number {
	if (error instanceof InputError) return fail(error.lines, USAGE_STATUS);
	if (error instanceof OutputError) return fail(error.message, FAILURE_STATUS);
	if (isClosedReader(error)) return 0;
	tell(`chaosops: internal error (a bug; please report it with what you ran):\n${stackOf(error)}\n`);
	return FAILURE_STATUS;
}
