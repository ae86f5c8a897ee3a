/**
 * Something the user gave (a file, a flag value, a protocol line) that cannot be used; the message says what and what
 * is accepted. A file with several problems is refused with one line for each: `lines`, which the message joins.
 */
export class InputError extends Error {
	override readonly name = 'InputError';
	readonly lines: readonly string[];

	constructor(lines: string | readonly string[]) {
		const all = typeof lines === 'string' ? [lines] : lines;
		super(all.join('\n'));
		this.lines = all;
	}
}

/**
 * Output that could not be written (a full disk, a read-only folder); the message names the file. Not the user's
 * mistake and not a bug: one line, exit status 1. A reader that closed its end (EPIPE) is not an OutputError: the
 * command simply ends.
 */
export class OutputError extends Error {
	override readonly name = 'OutputError';
}

const SYSTEM_ERRORS: Record<string, string> = {
	ENOENT: 'no such file or folder',
	ENOTDIR: 'a part of the path is not a folder',
	EISDIR: 'it is a folder',
	EACCES: 'permission denied',
	EPERM: 'permission denied',
	EROFS: 'the file system is read-only',
	ENOSPC: 'no space left on device',
	EDQUOT: 'disk quota exceeded',
	EFBIG: 'the file is too large',
	EIO: 'input/output error',
	EPIPE: 'the reader has gone',
	EMFILE: 'too many open files',
	ENAMETOOLONG: 'the name is too long',
	ELOOP: 'too many symbolic links',
	EXDEV: 'not on the same file system',
	ECONNREFUSED: 'connection refused',
	ECONNRESET: 'connection reset',
	ENOTFOUND: 'no such host',
	EAI_AGAIN: 'the host name could not be looked up',
	EHOSTUNREACH: 'host unreachable',
	ENETUNREACH: 'network unreachable',
	ETIMEDOUT: 'timed out',
};

/** A system error in words, with its code: `no space left on device (ENOSPC)`. */
export function describeSystemError(error: unknown): string {
	const code = (error as NodeJS.ErrnoException | null)?.code;
	if (typeof code === 'string') return SYSTEM_ERRORS[code] === undefined ? code : `${SYSTEM_ERRORS[code]} (${code})`;
	return error instanceof Error ? error.message : String(error);
}

/** True for the error a write gets when its reader has closed the other end of a pipe. */
export const isClosedReader = (error: unknown): boolean => (error as NodeJS.ErrnoException | null)?.code === 'EPIPE';
