// The app's code cache (source/ui/vendor-loader.ts) in a real terminal: the first start makes it, and a cache that
// is corrupt, or a cache folder that cannot be written, never keeps the app from starting or leaving as it should.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {describe, expect, it} from 'vitest';
import {readCodeCache} from '../source/ui/code-cache.js';
import {openTerminal} from './support/pty.js';

/** The footer is drawn last: once it shows, the app is up. */
const DRAWN = 'q quit';
/** Longer than the app waits after loading before it writes its cache. */
const CACHE_WRITTEN_MS = 1500;

const cacheHome = () => fs.mkdtempSync(path.join(os.tmpdir(), 'chaosops-cache-home-'));
const cacheFiles = (home: string) => {
	const folder = path.join(home, 'chaosops');
	return fs.existsSync(folder) ? fs.readdirSync(folder).map(name => path.join(folder, name)) : [];
};

/** Polls until `condition` holds; rejects after `ms`. */
async function until(condition: () => boolean, ms = 10_000): Promise<void> {
	for (const start = Date.now(); !condition(); await sleep(50)) if (Date.now() - start > ms) throw new Error('still not so');
}

/** Starts `chaosops play` with its caches in `home`, and gives the terminal to `use` once the first frame is drawn. */
async function play(home: string, use: (terminal: ReturnType<typeof openTerminal>) => Promise<void> = async () => {}) {
	const terminal = openTerminal(['play'], {env: {XDG_CACHE_HOME: home}});
	try {
		await terminal.waitFor(DRAWN);
		await use(terminal);
	} finally {
		terminal.kill();
	}
}

describe('the code cache of chaosops play', () => {
	it('is made once the first frame is drawn, one file for this build and Node', async () => {
		const home = cacheHome();
		await play(home, () => until(() => cacheFiles(home).length > 0));
		const files = cacheFiles(home);
		expect(files.map(file => path.basename(file))).toEqual([expect.stringMatching(new RegExp(`^vendor-[0-9a-f]{16}-node${process.version}-${process.arch}\\.v8$`))]);
		expect(readCodeCache(files[0]!)).toBeDefined();
	});

	it('is ignored when corrupt, the app starting as ever, and made again', async () => {
		const home = cacheHome();
		await play(home, () => until(() => cacheFiles(home).length > 0));
		const [file] = cacheFiles(home);
		const bytes = fs.readFileSync(file!);
		// The digest kept, the cache's bytes garbled: V8 would take them as they are.
		fs.writeFileSync(file!, Buffer.concat([bytes.subarray(0, 32), Buffer.alloc(bytes.length - 32, 0x5a)]));
		expect(readCodeCache(file!)).toBeUndefined();
		await play(home, () => until(() => readCodeCache(file!) !== undefined));
		expect(cacheFiles(home)).toEqual([file]);
	});

	it('never keeps the app from starting or quitting when its folder cannot be made', async () => {
		const blocker = path.join(cacheHome(), 'a-file');
		fs.writeFileSync(blocker, 'not a folder');
		await play(blocker, async terminal => {
			await sleep(CACHE_WRITTEN_MS);
			terminal.type('\u0003');
			expect(await terminal.exited).toBe(130);
		});
		expect(fs.readFileSync(blocker, 'utf8')).toBe('not a folder');
	});
});
