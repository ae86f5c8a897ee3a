// play and replay as a user meets them from a shell: refusals in one line, and recordings printed back.
import fs from 'node:fs';
import {describe, expect, it} from 'vitest';
import {scenarioFor} from '../source/io/incidents.js';
import {expectOneLineRefusal, runCli} from './support/cli.js';
import {recordScripted} from './ui/record.js';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Exit status 2, nothing on stdout and one line on stderr that contains `text`. */
const refused = (args: readonly string[], text: string) => expectOneLineRefusal(runCli(args), new RegExp(`^chaosops: .*${escape(text)}`));

describe('chaosops play from a shell', () => {
	it('refuses to run without a terminal and points to chaosops run', () => {
		refused(['play'], 'play needs an interactive terminal, but stdin is not one; for an episode without a terminal use `chaosops run');
	});

	it.each([
		[['--as', 'ceo'], "--as 'ceo' has 'ceo'; expected a comma-separated list of sre, dev, manager, oversight"],
		[['--as', 'SRE,CEO'], "--as 'SRE,CEO' has 'CEO'; expected a comma-separated list of sre, dev, manager, oversight"],
		[['--as', 'SRE,sre'], "--as 'SRE,sre' names 'sre' twice"],
		[['--delay', 'soon'], "--delay 'soon' is not valid; expected milliseconds from 0 to 60000"],
		[['--scenario', 'nope'], "unknown scenario 'nope'"],
		[['--policy', 'dev=genius'], "--policy 'dev=genius' has 'dev=genius'"],
		[['--seed', '1.5'], "--seed '1.5' is not valid"],
	])('names what is wrong with %j before anything else', (args, message) => {
		refused(['play', ...args], message);
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
		const file = recordScripted(scenarioFor('db_deadlock', {difficulty: 'hard', seed: 4}));
		const replayed = runCli(['replay', file, '--format', 'text']);
		const run = runCli(['run', '--scenario', 'db_deadlock', '--difficulty', 'hard', '--seed', '4', '--policy', 'heuristic']);
		expect(replayed.status).toBe(0);
		expect(replayed.stdout).toBe(run.stdout);
	});

	it('prints JSON with who decided each step', () => {
		const file = recordScripted(scenarioFor('bad_config_push', {seed: 9}));
		const {status, stdout} = runCli(['replay', '--format=json', file]);
		expect(status).toBe(0);
		const printed = JSON.parse(stdout);
		expect(printed.disagreement).toBeNull();
		expect(printed.complete).toBe(true);
		expect(printed.steps[0]).toMatchObject({turn: 0, role: 'sre', by: 'heuristic'});
	});

	it('says so, and fails, when the environment no longer agrees', () => {
		const file = recordScripted(scenarioFor('rogue_deploy_bot', {seed: 7}));
		const lines = fs.readFileSync(file, 'utf8').split('\n');
		lines[2] = lines[2]!.replace(/"reward":-?[\d.]+/, '"reward":12.5');
		fs.writeFileSync(file, lines.join('\n'));
		const {status, stderr} = runCli(['replay', file, '--format', 'text']);
		expect(status).toBe(1);
		expect(stderr.trimEnd().split('\n')).toHaveLength(1);
		expect(stderr).toContain('the environment no longer agrees with the recording: turn 1: recorded reward 12.5');
	});

	it('refuses, in one line, a missing file, a file that is not a recording and the app without a terminal', () => {
		refused(['replay'], 'replay needs a recording FILE');
		refused(['replay', 'no-such-file.jsonl', '--format', 'text'], 'cannot read the recording no-such-file.jsonl: no such file or folder (ENOENT)');
		const file = recordScripted(scenarioFor('db_deadlock', {seed: 1}));
		refused(['replay', file], `replay needs an interactive terminal, but stdin is not one; to print the recording instead use \`chaosops replay ${file} --format text\``);
		refused(['replay', file, '--episode', '2', '--format', 'text'], 'holds 1 episode(s); expected 1 to 1');
	});
});
