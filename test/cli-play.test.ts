// play and replay as a user meets them from a shell: refusals in one line, and recordings printed back.
import fs from 'node:fs';
import {describe, expect, it} from 'vitest';
import {makeScenario} from '../source/env/scenario.js';
import {runCli} from './support/cli.js';
import {recordScripted} from './ui/record.js';

const oneLine = (stderr: string) => {
	expect(stderr.trimEnd().split('\n')).toHaveLength(1);
	expect(stderr).toMatch(/^chaosops: /);
	expect(stderr).not.toMatch(/\n\s+at /);
};

describe('chaosops play from a shell', () => {
	it('refuses to run without a terminal and points to chaosops run', () => {
		const {status, stderr} = runCli(['play']);
		expect(status).not.toBe(0);
		oneLine(stderr);
		expect(stderr).toContain('play needs an interactive terminal, but stdin is not one');
		expect(stderr).toContain('chaosops run');
	});

	it.each([
		[['--as', 'ceo'], "--as 'ceo' has 'ceo'; expected a comma-separated list of sre, dev, manager, oversight"],
		[['--delay', 'soon'], "--delay 'soon' is not valid; expected milliseconds from 0 to 60000"],
		[['--scenario', 'nope'], "unknown scenario 'nope'"],
		[['--policy', 'dev=genius'], "--policy 'dev=genius' has 'dev=genius'"],
		[['--seed', '1.5'], "--seed '1.5' is not valid"],
	])('names what is wrong with %j before anything else', (args, message) => {
		const {status, stderr} = runCli(['play', ...args]);
		expect(status).not.toBe(0);
		oneLine(stderr);
		expect(stderr).toContain(message);
	});

	it('explains itself with --help', () => {
		const {status, stdout} = runCli(['play', '--help']);
		expect(status).toBe(0);
		expect(stdout).toContain('Usage: chaosops play');
		expect(stdout).toContain('--record FILE');
	});
});

describe('chaosops replay', () => {
	it('prints a recording as the same transcript run prints for the same episode', () => {
		const file = recordScripted(makeScenario('db_deadlock', {difficulty: 'hard', seed: 4}));
		const replayed = runCli(['replay', file, '--format', 'text']);
		const run = runCli(['run', '--scenario', 'db_deadlock', '--difficulty', 'hard', '--seed', '4', '--policy', 'heuristic']);
		expect(replayed.status).toBe(0);
		expect(replayed.stdout).toBe(run.stdout);
	});

	it('prints JSON with who decided each step', () => {
		const file = recordScripted(makeScenario('bad_config_push', {seed: 9}));
		const {status, stdout} = runCli(['replay', '--format=json', file]);
		expect(status).toBe(0);
		const printed = JSON.parse(stdout);
		expect(printed.disagreement).toBeNull();
		expect(printed.complete).toBe(true);
		expect(printed.steps[0]).toMatchObject({turn: 0, role: 'sre', by: 'heuristic'});
	});

	it('says so, and fails, when the environment no longer agrees', () => {
		const file = recordScripted(makeScenario('rogue_deploy_bot', {seed: 7}));
		const lines = fs.readFileSync(file, 'utf8').split('\n');
		lines[2] = lines[2]!.replace(/"reward":-?[\d.]+/, '"reward":12.5');
		fs.writeFileSync(file, lines.join('\n'));
		const {status, stderr} = runCli(['replay', file, '--format', 'text']);
		expect(status).toBe(1);
		oneLine(stderr);
		expect(stderr).toContain('the environment no longer agrees with the recording: turn 1: recorded reward 12.5');
	});

	it('refuses, in one line, a missing file, a file that is not a recording and the app without a terminal', () => {
		const missing = runCli(['replay']);
		oneLine(missing.stderr);
		expect(missing.stderr).toContain('replay needs a recording FILE');
		const notThere = runCli(['replay', 'no-such-file.jsonl', '--format', 'text']);
		oneLine(notThere.stderr);
		expect(notThere.stderr).toContain("cannot read the recording 'no-such-file.jsonl': ENOENT");
		const file = recordScripted(makeScenario('db_deadlock', {seed: 1}));
		const app = runCli(['replay', file]);
		oneLine(app.stderr);
		expect(app.stderr).toContain(`--format text`);
		const episode = runCli(['replay', file, '--episode', '2', '--format', 'text']);
		oneLine(episode.stderr);
		expect(episode.stderr).toContain('holds 1 episode(s); expected 1 to 1');
	});
});
