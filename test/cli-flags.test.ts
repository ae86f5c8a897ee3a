// Flags as a user might mistype them: each refused in one line with the flag as written (kebab-case), never read
// as something else (meow turns `--no-json` into the string "false" and would write a file named ./false).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {spawnSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {CLI, expectOneLineRefusal} from './support/cli.js';

/** Runs in an empty folder, so that a stray file written by a misread flag would show. */
function runInEmptyFolder(args: readonly string[]) {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'chaosops-flags-'));
	const {status, stdout, stderr} = spawnSync(process.execPath, [CLI, ...args], {cwd: folder, encoding: 'utf8'});
	return {run: {status, stdout, stderr}, files: fs.readdirSync(folder)};
}

describe('negated value flags', () => {
	it.each([
		[['eval', '--tiers', 'easy', '--no-json'], 'json', 'eval'],
		[['run', '--scenario', 'starter', '--no-format'], 'format', 'run'],
		[['play', '--no-record'], 'record', 'play'],
	])('%j is refused, and writes no file', (args, flag, command) => {
		const {run, files} = runInEmptyFolder(args);
		expectOneLineRefusal(
			run,
			new RegExp(`^chaosops: --no-${flag} is not a flag: --${flag} takes a value; to leave it off, leave --${flag} out \\(see chaosops ${command} --help\\)$`),
		);
		expect(files).toEqual([]);
	});
});

describe('flags spelt another way', () => {
	it.each([
		[['run', '--scenario', 'starter', '--maxSteps', '3'], /^chaosops: unknown flag --maxSteps for run; expected --scenario, .*--max-steps/],
		[['run', '--scenario', 'starter', '--Seed', '3'], /^chaosops: unknown flag --Seed for run/],
		[['run', '-s', 'starter'], /^chaosops: unknown flag -s for run/],
		[['run', '--scenario', 'starter', '--max-steps', '3', '--max-steps=4'], /^chaosops: --max-steps is given more than once; give it once/],
		[['run', '--scenario', 'starter', '--format'], /^chaosops: --format needs a value \(see chaosops run --help\)$/],
		[['eval', '--json='], /^chaosops: --json needs a value \(see chaosops eval --help\)$/],
		// meow drops these without a word, or reads ---seed as --seed.
		[['run', '--scenario', 'starter', '--__proto__'], /^chaosops: unknown flag --__proto__ for run; expected --scenario, /],
		[['run', '--scenario', 'starter', '---seed', '3'], /^chaosops: unknown flag ---seed for run/],
		[['eval', '--tiers', 'easy', '---json', 'z.json'], /^chaosops: unknown flag ---json for eval/],
		[['run', '--scenario', 'starter', '--1', '2'], /^chaosops: unknown flag --1 for run/],
		[['run', '--scenario', 'starter', '--'], /^chaosops: unknown flag -- for run/],
		[['run', '--scenario', 'starter', '--\u001b[31m'], /^chaosops: unknown flag --\\x1b\[31m for run/],
	])('%j → one line naming the flag as written', (args, message) => {
		const {run, files} = runInEmptyFolder(args);
		expectOneLineRefusal(run, message);
		expect(run.stderr).not.toMatch(/maxSteps can only|policySeed/);
		expect(files).toEqual([]);
	});

	it('still takes a negative number as a flag value', () => {
		const {run} = runInEmptyFolder(['run', '--scenario', 'db_deadlock', '--seed', '-5', '--max-steps', '1']);
		expect(run.status).toBe(0);
		expect(run.stdout).toContain('seed          : -5');
	});
});
