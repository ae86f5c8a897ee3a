// Where output goes wrong, as a user meets it: a reader that stops early, a full disk, Ctrl+C in the middle, a bug.
// A closed reader is a quiet end; a full disk is one line naming what could not be written; a bug is status 1 with
// its stack; and a document asked for with --json is either complete or not there at all.
import {spawn, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {scenarioFor} from '../source/io/incidents.js';
import {CLI, expectOneLineRefusal, runCli} from './support/cli.js';
import {recordScripted} from './ui/record.js';

const tempFolder = () => fs.mkdtempSync(path.join(os.tmpdir(), 'chaosops-out-'));

/** Runs the command and closes its standard output after the first chunk, as `| head -c 1` would. */
function readFirstChunkOnly(args: readonly string[]): Promise<{status: number | null; stderr: string}> {
	return new Promise(resolve => {
		const child = spawn(process.execPath, [CLI, ...args], {stdio: ['ignore', 'pipe', 'pipe']});
		let stderr = '';
		child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
		child.stdout.once('data', () => child.stdout.destroy());
		child.on('close', status => resolve({status, stderr}));
	});
}

/** Runs the command with its standard output on /dev/full, where every write fails with ENOSPC. */
function toFullDisk(args: readonly string[]) {
	const full = fs.openSync('/dev/full', 'w');
	try {
		const {status, stderr} = spawnSync(process.execPath, [CLI, ...args], {stdio: ['ignore', full, 'pipe'], encoding: 'utf8'});
		return {status, stderr};
	} finally {
		fs.closeSync(full);
	}
}

describe('a reader that closes its end early', () => {
	// Both print far more than a pipe holds (64 KiB), so the reader is gone while they still write.
	it('ends run quietly with status 0', async () => {
		const {status, stderr} = await readFirstChunkOnly(['run', '--scenario', 'memory_leak', '--policy', 'noop', '--max-steps', '1000', '--format', 'json']);
		expect(stderr).toBe('');
		expect(status).toBe(0);
	});

	it('ends replay quietly with status 0', async () => {
		const file = recordScripted(scenarioFor('misrouted_traffic', {seed: 2, maxSteps: 400, difficulty: 'hard'}));
		const {status, stderr} = await readFirstChunkOnly(['replay', file, '--format', 'json']);
		expect(stderr).toBe('');
		expect(status).toBe(0);
	});
});

describe('a full disk', () => {
	it.each([
		['run', ['run', '--scenario', 'starter']],
		['eval', ['eval', '--tiers', 'easy', '--episodes-per-type', '1']],
	])('%s says in one line that standard output could not be written, status 1', (_, args) => {
		const {status, stderr} = toFullDisk(args);
		expect(status).toBe(1);
		expect(stderr).toBe('chaosops: cannot write to standard output: no space left on device (ENOSPC)\n');
	});

	it('eval --json names the file it could not write', () => {
		const run = runCli(['eval', '--tiers', 'easy', '--episodes-per-type', '1', '--json', '/dev/full']);
		expect(run.status).toBe(1);
		expect(run.stderr).toBe('chaosops: cannot write --json /dev/full: no space left on device (ENOSPC)\n');
	});
});

describe('eval --json FILE', () => {
	it('replaces FILE only once the document is complete, leaving nothing else beside it', () => {
		const folder = tempFolder();
		const file = path.join(folder, 'keep.json');
		fs.writeFileSync(file, '{"kept":true}\n');
		const run = runCli(['eval', '--tiers', 'easy', '--episodes-per-type', '1', '--policies', 'oracle', '--json', file]);
		expect(run.status).toBe(0);
		expect(JSON.parse(fs.readFileSync(file, 'utf8')).aggregates).toHaveLength(1);
		expect(fs.readdirSync(folder)).toEqual(['keep.json']);
	});

	it.each([
		['eval', '--json', 'evaluation'],
		['dataset', '--out', 'dataset'],
	])('%s %s FILE: leaves FILE as it was when Ctrl+C stops it, and exits 130', async (command, flag, what) => {
		const folder = tempFolder();
		const file = path.join(folder, 'keep.json');
		fs.writeFileSync(file, '{"kept":true}\n');
		const child = spawn(process.execPath, [CLI, command, '--episodes-per-type', '100000', flag, file], {stdio: ['ignore', 'pipe', 'pipe']});
		let stderr = '';
		child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
		// Once the staged document exists, the episodes are under way.
		for (let waited = 0; fs.readdirSync(folder).length < 2 && waited < 10_000; waited += 20) await new Promise(resolve => setTimeout(resolve, 20));
		child.kill('SIGINT');
		const status = await new Promise(resolve => child.on('close', resolve));
		expect(status).toBe(130);
		expect(stderr).toBe(`chaosops: ${what} stopped by SIGINT; ${file} was left as it was\n`);
		expect(fs.readFileSync(file, 'utf8')).toBe('{"kept":true}\n');
		expect(fs.readdirSync(folder)).toEqual(['keep.json']);
	});
});

describe('a bug', () => {
	it('exits 1 and prints its stack, never passing for bad input', () => {
		const folder = tempFolder();
		const hook = path.join(folder, 'bug.mjs');
		fs.writeFileSync(hook, `process.stdout.write = () => { throw new TypeError('simulated bug'); };\n`);
		const {status, stderr} = spawnSync(process.execPath, ['--import', hook, CLI, 'run', '--scenario', 'starter'], {encoding: 'utf8'});
		expect(status).toBe(1);
		expect(stderr).toMatch(/^chaosops: internal error \(a bug; please report it with what you ran\):\nTypeError: simulated bug\n\s+at /);
	});
});

describe('output files that are not plain files', () => {
	it('eval --json /dev/stdout writes the document into a pipe', () => {
		// Through a shell pipe, as a user writes it (Node's own child stdio is a socket, which /dev/stdout cannot open).
		const command = `'${process.execPath}' '${CLI}' eval --tiers easy --episodes-per-type 1 --json /dev/stdout | cat`;
		const {status, stdout} = spawnSync('bash', ['-o', 'pipefail', '-c', command], {encoding: 'utf8'});
		expect(status).toBe(0);
		expect(JSON.parse(stdout.slice(0, stdout.lastIndexOf('}') + 1))).toMatchObject({per_episode: expect.any(Array)});
	});

	it.each([
		[['run', '--scenario', 'memory_leak', '--max-steps', '1', '--record'], 'the recording'],
		[['eval', '--tiers', 'easy', '--episodes-per-type', '1', '--json'], '--json'],
	])('%j onto a FIFO nobody reads is refused at once instead of waiting for ever', (args, what) => {
		const fifo = path.join(tempFolder(), 'out');
		spawnSync('mkfifo', [fifo]);
		const run = spawnSync(process.execPath, [CLI, ...args, fifo], {encoding: 'utf8', timeout: 20_000});
		expectOneLineRefusal(run, new RegExp(`^chaosops: cannot write ${what} ${fifo}: it is a FIFO that no process is reading$`));
	});
});

describe('eval seeds', () => {
	it('refuses a --seed-offset whose seeds would pass 2^53, saying how large it may be (it was a bug with a stack)', () => {
		expectOneLineRefusal(
			runCli(['eval', '--tiers', 'easy', '--episodes-per-type', '1', '--seed-offset', '9007199254740991']),
			/^chaosops: --seed-offset 9007199254740991 is too large: these tiers' seeds go up to 291 above it, and a seed must be below 2\^53; expected at most 9007199254740700$/,
		);
		expect(runCli(['eval', '--tiers', 'easy', '--episodes-per-type', '1', '--seed-offset', '9007199254740700']).status).toBe(0);
	});
});
