// One-line errors for the user: no stack traces, a non-zero exit status.

/** Prints `chaosops: <message>` on stderr and returns the exit status to use. */
export function fail(message: string, status = 2): number {
	process.stderr.write(`chaosops: ${message}\n`);
	return status;
}
