// A V8 code cache kept in a file: the SHA-256 of the cache's bytes, then the bytes. V8 checks that a cache suits the
// script and this Node (refused, it compiles as if there were none) but trusts its bytes, so a file that does not hold
// what its digest says (cut short, overwritten by something else) is no cache at all. A cache is never a reason for
// the app to fail: one that cannot be read or written is one the app starts without.
import {mkdirSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {digestOf} from '../io/digest.js';

const DIGEST_BYTES = 32;

/** Where chaosops keeps its caches: under $XDG_CACHE_HOME (an absolute path), else ~/.cache. */
export function cacheFolder(env: NodeJS.ProcessEnv = process.env): string {
	const home = env['XDG_CACHE_HOME'];
	return path.join(home !== undefined && path.isAbsolute(home) ? home : path.join(os.homedir(), '.cache'), 'chaosops');
}

/** The cache in `file`, or undefined when there is none or it is not what its digest says. */
export function readCodeCache(file: string): Buffer | undefined {
	let bytes: Buffer;
	try {
		bytes = readFileSync(file);
	} catch {
		return undefined;
	}
	const data = bytes.subarray(DIGEST_BYTES);
	return data.length > 0 && digestOf(data) === bytes.subarray(0, DIGEST_BYTES).toString('hex') ? data : undefined;
}

/** Writes the cache to `file`, whole or not at all (beside it first, then renamed over it); a failure leaves no cache. */
export function writeCodeCache(file: string, data: Buffer): void {
	try {
		mkdirSync(path.dirname(file), {recursive: true});
	} catch {
		return;
	}
	const written = `${file}.${process.pid}`;
	try {
		writeFileSync(written, Buffer.concat([Buffer.from(digestOf(data), 'hex'), data]));
		renameSync(written, file);
	} catch {
		rmSync(written, {force: true});
	}
}
