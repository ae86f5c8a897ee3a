// Writing the files a command makes. Every write goes through writeAll, which finishes a short write and turns a
// failure into an OutputError naming the file. A finished document (eval --json) is written beside its target
// and renamed over it only once it is complete, so a failure or Ctrl+C never leaves the target empty or half-written.
import fs from 'node:fs';
import path from 'node:path';
import {InputError, OutputError, describeSystemError} from './errors.js';

/** Writes all of `text` (or its bytes) to `fd` (a write may take only part of it); `what` names the file in the error. */
export function writeAll(fd: number, text: string | Uint8Array, what: string): void {
	const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
	try {
		for (let offset = 0; offset < bytes.length; ) offset += fs.writeSync(fd, bytes, offset, bytes.length - offset);
	} catch (error) {
		throw new OutputError(`cannot write ${what}: ${describeSystemError(error)}`);
	}
}

const isFifo = (file: string): boolean => {
	try {
		return fs.statSync(file).isFIFO();
	} catch {
		return false;
	}
};

/**
 * Opens `file` for writing (truncating it). A path that cannot be opened (no such folder, no permission) is the
 * user's to fix: an InputError naming it. A FIFO that nobody reads would block the open for ever, so it is
 * first opened without waiting, which fails at once when there is no reader.
 */
export function openForWriting(file: string, what: string): number {
	const fifo = isFifo(file);
	try {
		if (fifo) fs.closeSync(fs.openSync(file, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK));
		return fs.openSync(file, 'w');
	} catch (error) {
		const reason = fifo && (error as NodeJS.ErrnoException).code === 'ENXIO' ? 'it is a FIFO that no process is reading' : describeSystemError(error);
		throw new InputError(`cannot write ${what}: ${reason}`);
	}
}

/** The path through any symbolic link, so that a link keeps pointing where it did and gets the new contents. */
const realPath = (file: string): string => {
	try {
		return fs.realpathSync(file);
	} catch {
		return file;
	}
};

const isRegularOrAbsent = (file: string): boolean => {
	try {
		return fs.statSync(file).isFile();
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'ENOENT';
	}
};

/**
 * A document written to a temporary file beside `target` and renamed over it by `commit`. A target that is not a
 * regular file (a FIFO, /dev/stdout, /dev/full) is written directly: renaming over it would replace it.
 */
export class StagedFile {
	private readonly fd: number;
	/** Where the document goes once complete: the target, through any symbolic link. */
	private readonly finalPath: string;
	private readonly staging: string | null;
	private open = true;

	constructor(
		readonly target: string,
		private readonly what: string,
	) {
		// Judged on the target itself: /dev/stdout leads through /proc to a pipe's name that is no path at all.
		const staged = isRegularOrAbsent(target);
		this.finalPath = staged ? realPath(target) : target;
		this.staging = staged ? path.join(path.dirname(this.finalPath), `.${path.basename(this.finalPath)}.${process.pid}.partial`) : null;
		this.fd = openForWriting(this.staging ?? target, what);
	}

	write(text: string | Uint8Array): void {
		writeAll(this.fd, text, this.what);
	}

	/** Closes the file and puts it in place of the target. */
	commit(): void {
		this.close();
		if (this.staging === null) return;
		try {
			fs.renameSync(this.staging, this.finalPath);
		} catch (error) {
			this.removeStaging();
			throw new OutputError(`cannot write ${this.what}: ${describeSystemError(error)}`);
		}
	}

	/** Closes and removes the temporary file; the target stays as it was. */
	discard(): void {
		this.close();
		this.removeStaging();
	}

	private close(): void {
		if (!this.open) return;
		this.open = false;
		fs.closeSync(this.fd);
	}

	private removeStaging(): void {
		if (this.staging !== null) fs.rmSync(this.staging, {force: true});
	}
}

/** True when both paths name one existing file (through links, or by another name). */
function sameFile(a: string, b: string): boolean {
	try {
		const [first, second] = [fs.statSync(a), fs.statSync(b)];
		return first.dev === second.dev && first.ino === second.ino;
	} catch {
		return false;
	}
}

/** Refuses to write `target` when it is the file `source` that the command has just read (`--record` onto the scenario). */
export function refuseOverwriting(target: string, source: string | null, what: string): void {
	if (source !== null && (sameFile(target, source) || path.resolve(target) === path.resolve(source))) {
		throw new InputError(`${what} ${target} is the scenario file just loaded; writing it would destroy the scenario. Name another file`);
	}
}
