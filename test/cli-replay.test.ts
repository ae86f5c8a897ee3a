// Recordings as users make, damage and doctor them: `run --record` writes what `play --record` writes, a line torn
// by a crash is skipped with a warning, a full disk says so, and any edit to what a recording holds is caught by
// replay, which names the first place it differs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runEpisode} from '../source/agents/runner.js';
import {scenarioFor} from '../source/io/incidents.js';
import {RecordingWriter} from '../source/io/recording.js';
import {expectOneLineRefusal, runCli} from './support/cli.js';

const tempFile = (name = 'episode.jsonl') => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'chaosops-replay-')), name);

type Line = Record<string, any>;

/** Records a scripted episode with `run --record` and returns the file. */
function record(args: readonly string[]): string {
	const file = tempFile();
	const run = runCli(['run', ...args, '--record', file]);
	expect(run.stderr).toBe('');
	expect(run.status).toBe(0);
	return file;
}

const readLines = (file: string): Line[] => fs.readFileSync(file, 'utf8').trimEnd().split('\n').map(line => JSON.parse(line));
const writeLines = (file: string, lines: readonly Line[]) => fs.writeFileSync(file, lines.map(line => `${JSON.stringify(line)}\n`).join(''));

/** 25 steps of a hard scenario (red herrings drawn from the seed) played by the heuristic team. */
const HARD = ['--scenario', 'rogue_deploy_bot', '--difficulty', 'hard', '--seed', '5', '--policy', 'heuristic'];

describe('run --record', () => {
	it('writes a recording that replays with the same steps run prints, and agrees', () => {
		const file = record(HARD);
		const run = JSON.parse(runCli(['run', ...HARD, '--format', 'json']).stdout);
		const replay = runCli(['replay', file, '--format', 'json']);
		expect(replay.status).toBe(0);
		const replayed = JSON.parse(replay.stdout);
		expect(replayed).toMatchObject({disagreement: null, complete: true, torn_tail: false});
		expect(replayed.header).toMatchObject({policies: {sre: 'heuristic'}, seats: {sre: 'heuristic'}, policy_seed: 5, preset: 'rogue_deploy_bot'});
		expect(replayed.steps.map((step: Line) => [step.turn, step.role, step.by, step.action, step.reward, step.breakdown])).toEqual(
			run.steps.map((step: Line) => [step.turn, step.role, 'heuristic', step.action, step.reward, step.breakdown]),
		);
		expect(replayed.result).toEqual(run.result);
	});

	it('records the policy seed, so that a random team replays', () => {
		const file = record(['--scenario', 'memory_leak', '--policy', 'random', '--policy-seed', '77']);
		expect(readLines(file)[0]).toMatchObject({policy_seed: 77});
		expect(runCli(['replay', file, '--format', 'text']).status).toBe(0);
	});

	it('says "recording" and names the file when the disk is full', () => {
		const run = runCli(['run', '--scenario', 'starter', '--record', '/dev/full']);
		expect(run.status).toBe(1);
		expect(run.stderr).toBe('chaosops: cannot write the recording /dev/full: no space left on device (ENOSPC)\n');
	});

	it('refuses to record over the scenario file it has just loaded', () => {
		const scenario = tempFile('night.json');
		const text = JSON.stringify({name: 'night', title: 'Night', briefing: 'Pager.', incident: 'db_deadlock', difficulty: 'easy', seed: 1});
		fs.writeFileSync(scenario, text);
		for (const command of ['run', 'play']) {
			expectOneLineRefusal(runCli([command, '--scenario', scenario, '--record', scenario]), /^chaosops: --record .* is the scenario file just loaded; /);
		}
		expect(fs.readFileSync(scenario, 'utf8')).toBe(text);
	});

	it('leaves an earlier recording alone when the command fails before the episode starts', () => {
		const file = record(['--scenario', 'starter']);
		const before = fs.readFileSync(file, 'utf8');
		expectOneLineRefusal(runCli(['run', '--scenario', 'starter', '--policy', 'genius', '--record', file]), /--policy 'genius'/);
		expect(fs.readFileSync(file, 'utf8')).toBe(before);
	});
});

describe('replay of a damaged recording', () => {
	it('skips a last line torn mid-write, says so in one line, and replays the steps before it', () => {
		const file = record(HARD);
		const text = fs.readFileSync(file, 'utf8');
		const steps = readLines(file).filter(line => line.kind === 'step').length;
		fs.writeFileSync(file, text.slice(0, text.length - 40));
		const lines = text.trimEnd().split('\n').length;
		const printed = runCli(['replay', file, '--format', 'json']);
		expect(printed.status).toBe(0);
		expect(printed.stderr).toBe(`chaosops: warning: ${file}:${lines} was cut off mid-write (a crash or a full disk?) and is skipped; the lines before it are replayed\n`);
		const replayed = JSON.parse(printed.stdout);
		expect(replayed).toMatchObject({torn_tail: true, complete: false, disagreement: null});
		expect(replayed.steps).toHaveLength(steps - 1);
		expect(runCli(['replay', file, '--format', 'text']).status).toBe(0);
	});

	it('still refuses a broken line in the middle, naming it', () => {
		const file = record(HARD);
		const lines = fs.readFileSync(file, 'utf8').split('\n');
		lines[2] = lines[2]!.slice(0, 20);
		fs.writeFileSync(file, lines.join('\n'));
		expectOneLineRefusal(runCli(['replay', file, '--format', 'text']), new RegExp(`^chaosops: ${file}:3: not JSON; a recording holds one JSON object per line$`));
	});
});

describe('replay of a doctored recording', () => {
	const edits: Array<[string, readonly string[], (lines: Line[]) => void, RegExp]> = [
		['the seed, where it changes the red herrings', HARD, ([header]) => (header!.scenario.seed = 6), /^reset: recorded observation\.view\.visible_logs/],
		[
			'the seed, where only a random team would notice',
			['--scenario', 'db_deadlock', '--policy', 'random', '--max-steps', '6'],
			([header]) => {
				header!.scenario.seed = 1;
				header!.policy_seed = 1;
			},
			/^turn 0: recorded action\.\w+ .*, but random decides /,
		],
		['the incident', HARD, ([header]) => ((header!.scenario.incident = 'db_deadlock'), delete header!.scenario.failure_type), /^reset: recorded observation\.view\.visible_metrics\./],
		['a breakdown component', HARD, lines => (lines[2]!.breakdown.mttr_penalty = -1), /^turn 1: recorded breakdown\.mttr_penalty -1, now -4$/],
		// Line 2 is turn 1's step; the observation it returned is the Dev's, who sees the metrics.
		['the observation view', HARD, lines => (lines[2]!.observation.view.visible_metrics.db.latency_ms = 1), /^turn 1: recorded observation\.view\.visible_metrics\.db\.latency_ms 1, now \d+$/],
		['a turn number', HARD, lines => (lines[3]!.turn = 7), /^turn 2: recorded turn 7, now 2$/],
		['the version', HARD, ([header]) => (header!.version = '9.9.9'), /^recorded by chaosops 9\.9\.9, newer than this /],
		['who decided a step', HARD, lines => (lines[1]!.by = 'oracle'), /^turn 0: recorded as decided by "oracle", but sre's seat was held by heuristic$/],
		['a scripted step passed off as a person’s', HARD, lines => (lines[3]!.by = 'human'), /^turn 2: recorded as decided by "human", but dev's seat was held by heuristic$/],
		[
			'a seat handed to a person that the steps after it do not show',
			HARD,
			lines => lines.splice(3, 0, {kind: 'seat', turn: 2, role: 'dev', by: 'human'}),
			/^turn 2: recorded as decided by "heuristic", but dev's seat was held by human$/,
		],
		['the seats at the start', HARD, ([header]) => (header!.seats.sre = 'human'), /^turn 0: recorded as decided by "heuristic", but sre's seat was held by human$/],
	];

	it.each(edits)('catches an edit to %s, as text and as JSON', (_, args, edit, where) => {
		const file = record(args);
		const lines = readLines(file);
		edit(lines);
		writeLines(file, lines);
		for (const format of ['text', 'json']) {
			const run = runCli(['replay', file, '--format', format]);
			expect(run.status).toBe(1);
			expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
			const disagreement = run.stderr.replace(/^chaosops: the environment no longer agrees with the recording: /, '').trimEnd();
			expect(disagreement).toMatch(where);
		}
	});

	it.each([
		['a key the format does not have, on a step line', (lines: Line[]) => (lines[2]!.zzz = 1), /:3: has unknown key "zzz"; accepted: kind, turn, role, by, action, /],
		['a key the format does not have, in the header', (lines: Line[]) => (lines[0]!.zzz = 1), /:1: has unknown key "zzz"; accepted: kind, format, version, /],
		['a line of no known kind', (lines: Line[]) => lines.splice(2, 0, {kind: 'zzz', turn: 1}), /:3: kind is "zzz"; expected one of header, step, seat, undo, reveal, hint$/],
		['a seat given to a policy that is not the role’s', (lines: Line[]) => lines.splice(2, 0, {kind: 'seat', turn: 1, role: 'dev', by: 'oracle'}), /:3: by is "oracle"; dev's seat is held by human or its policy, heuristic$/],
		['a starting seat held by no one it could be', (lines: Line[]) => (lines[0]!.seats.sre = 'bogus'), /:1: seats\.sre is "bogus"; sre's seat is held by human or its policy, heuristic$/],
	])('refuses %s, naming it', (_, edit, message) => {
		const file = record(HARD);
		const lines = readLines(file);
		edit(lines);
		writeLines(file, lines);
		expectOneLineRefusal(runCli(['replay', file, '--format', 'text']), message);
	});

	it('checks every episode in the file, not only the one it shows', () => {
		const first = readLines(record(HARD));
		const second = readLines(record(['--scenario', 'db_deadlock', '--policy', 'oracle']));
		first[2]!.reward = 999;
		const file = tempFile();
		writeLines(file, [...first, ...second]);
		const run = runCli(['replay', file, '--format', 'text']);
		expect(run.status).toBe(1);
		expect(run.stdout).toContain('scenario      : db_deadlock');
		expect(run.stderr.trimEnd()).toMatch(/^chaosops: the environment no longer agrees with the recording: episode 1: turn 1: recorded reward 999, now -?\d+$/);
	});

	it('refuses a version that is no version', () => {
		const file = record(HARD);
		const lines = readLines(file);
		lines[0]!.version = 'banana';
		writeLines(file, lines);
		expectOneLineRefusal(runCli(['replay', file, '--format', 'text']), /:1: version must be a chaosops version such as 0\.1\.0, or dev$/);
	});
});

describe('replay of a recording with escape sequences in it', () => {
	it('prints them as visible text, never raw, in the transcript and in JSON', () => {
		const file = tempFile();
		const scenario = scenarioFor('db_deadlock', {seed: 3});
		const hostile = {action_type: 'communicate', args: {message: 'all good \u001b]0;pwned\u0007\u009b2J', to: 'all'}} as const;
		const {steps} = runEpisode(scenario, {sre: {name: 'human', act: () => hostile}});
		const writer = new RecordingWriter(file);
		const journal = writer.begin({version: 'dev', scenario, preset: null, seats: {sre: 'human'}, policies: {}, reset: steps[0]!.observation});
		for (const step of steps) journal.step(step);
		writer.close();
		expect(fs.readFileSync(file, 'utf8')).not.toMatch(/[\u001b\u0007\u009b]/);

		const text = runCli(['replay', file, '--format', 'text']);
		expect(text.status).toBe(0);
		expect(text.stdout).toContain('message=all good \\x1b]0;pwned\\x07\\x9b2J');
		expect(text.stdout).not.toMatch(/[\u001b\u0007\u009b]/);
		const json = runCli(['replay', file, '--format', 'json']);
		expect(json.stdout).not.toMatch(/[\u001b\u0007\u009b]/);
		expect(JSON.parse(json.stdout).steps[0].action.args.message).toBe(hostile.args.message);
	});
});
