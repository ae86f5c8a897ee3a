// Reading a file the user names: only a regular file (a FIFO with no writer, or /dev/zero, would hang or never
// end), at most a given size, as UTF-8 with any byte-order mark dropped.
import fs from 'node:fs';
import {InputError, describeSystemError} from './errors.js';

const KIND_OF_FILE: ReadonlyArray<readonly [(stats: fs.Stats) => boolean, string]> = [
	[stats => stats.isDirectory(), 'a folder'],
	[stats => stats.isFIFO(), 'a FIFO (named pipe)'],
	[stats => stats.isCharacterDevice(), 'a character device'],
	[stats => stats.isBlockDevice(), 'a block device'],
	[stats => stats.isSocket(), 'a socket'],
];

const BYTE_ORDER_MARK = '\ufeff';

export const MIB = 1024 * 1024;

/**
 * The text of `file`, or an InputError that starts with `cannot read {what}: ` and says why (no such file, not a
 * regular file, larger than `maxBytes`).
 */
export function readTextFile(file: string, what: string, maxBytes: number): string {
	const refuse = (reason: string) => new InputError(`cannot read ${what}: ${reason}`);
	let stats: fs.Stats;
	try {
		stats = fs.statSync(file);
	} catch (error) {
		throw refuse(describeSystemError(error));
	}
	if (!stats.isFile()) {
		const kind = KIND_OF_FILE.find(([test]) => test(stats))?.[1] ?? 'not a regular file';
		throw refuse(`it is ${kind}, not a regular file`);
	}
	const tooLarge = () => refuse(`it is larger than ${maxBytes / MIB} MiB`);
	if (stats.size > maxBytes) throw tooLarge();
	let bytes: Buffer;
	try {
		const fd = fs.openSync(file, 'r');
		try {
			// The file may have grown since it was looked at: read one byte past the limit to know.
			bytes = Buffer.allocUnsafe(maxBytes + 1);
			let length = 0;
			for (let read = -1; read !== 0 && length < bytes.length; length += read) {
				read = fs.readSync(fd, bytes, length, bytes.length - length, null);
			}
			bytes = bytes.subarray(0, length);
		} finally {
			fs.closeSync(fd);
		}
	} catch (error) {
		throw refuse(describeSystemError(error));
	}
	if (bytes.length > maxBytes) throw tooLarge();
	const text = bytes.toString('utf8');
	return text.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text;
}
