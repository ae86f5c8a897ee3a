// The code cache's file (source/ui/code-cache.ts): what was written is read back; anything else (a file cut short,
// overwritten, missing) reads as no cache; a folder that cannot be written costs only the cache.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {cacheFolder, readCodeCache, writeCodeCache} from '../../source/ui/code-cache.js';

const folder = () => fs.mkdtempSync(path.join(os.tmpdir(), 'chaosops-cache-'));
const CACHE = Buffer.from('what V8 made of a script, as bytes');

describe('the code cache file', () => {
	it('reads back what was written, in a folder it makes', () => {
		const file = path.join(folder(), 'new', 'folder', 'vendor.v8');
		writeCodeCache(file, CACHE);
		expect(readCodeCache(file)).toEqual(CACHE);
		expect(fs.readdirSync(path.dirname(file))).toEqual(['vendor.v8']);
	});

	it('is no cache when missing, empty, cut short or changed', () => {
		const file = path.join(folder(), 'vendor.v8');
		expect(readCodeCache(file)).toBeUndefined();
		writeCodeCache(file, CACHE);
		const written = fs.readFileSync(file);
		for (const bytes of [Buffer.alloc(0), written.subarray(0, 32), written.subarray(0, written.length - 1), Buffer.from(written.toString('latin1').replace('bytes', 'bytez'), 'latin1')]) {
			fs.writeFileSync(file, bytes);
			expect(readCodeCache(file)).toBeUndefined();
		}
	});

	it('leaves nothing, and throws nothing, where it cannot write', () => {
		const blocker = path.join(folder(), 'a-file');
		fs.writeFileSync(blocker, 'not a folder');
		expect(() => writeCodeCache(path.join(blocker, 'chaosops', 'vendor.v8'), CACHE)).not.toThrow();
		expect(fs.readFileSync(blocker, 'utf8')).toBe('not a folder');
	});

	it('is kept under $XDG_CACHE_HOME when it is an absolute path, else under ~/.cache', () => {
		expect(cacheFolder({XDG_CACHE_HOME: '/var/cache/me'})).toBe(path.join('/var/cache/me', 'chaosops'));
		expect(cacheFolder({XDG_CACHE_HOME: 'relative'})).toBe(path.join(os.homedir(), '.cache', 'chaosops'));
		expect(cacheFolder({})).toBe(path.join(os.homedir(), '.cache', 'chaosops'));
	});
});
