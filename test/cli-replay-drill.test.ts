// `chaosops replay` of a drill's recording, as a facilitator reviews one after the drill: the transcript and the JSON
// show who played each step, a countdown that ran out, the players joining and dropping and the facilitator's
// pauses, notes and hints where they happened; a damaged drill line is refused in one line; and a recording that is
// no drill prints as it always did.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {expectOneLineRefusal, runCli} from './support/cli.js';
import {recordDrill} from './support/drill-recording.js';

type Line = Record<string, any>;

const readLines = (file: string): Line[] => fs.readFileSync(file, 'utf8').trimEnd().split('\n').map(line => JSON.parse(line));
const writeLines = (file: string, lines: readonly Line[]) => fs.writeFileSync(file, lines.map(line => `${JSON.stringify(line)}\n`).join(''));

/** The transcript's lines from the one that starts with `from` up to (not with) the one that starts with `to`. */
const between = (transcript: string, from: string, to: string): string[] => {
	const lines = transcript.split('\n');
	return lines.slice(lines.findIndex(line => line.startsWith(from)) + 1, lines.findIndex(line => line.startsWith(to)));
};

describe('replay of a drill', () => {
	it('prints the transcript with the drill’s seats, each step’s player and the events where they happened', () => {
		const run = runCli(['replay', recordDrill(), '--format', 'text']);
		expect(run.stderr).toBe('');
		expect(run.status).toBe(0);
		const transcript = run.stdout;
		expect(transcript).toContain('rogue_agent   : none (infra fault)\ndrill seats   : SRE, DEV\nturn seconds  : 30\n\n  -- alice took the SRE seat\nt00 [SRE] ');
		expect(transcript).toMatch(/^t00 \[SRE\] action=identify_root_cause .* {2}player=alice$/m);
		expect(transcript).toMatch(/^t02 \[DEV\] action=noop target=- {2}reward=-6\.0 {2}player=bob \(timed out: played noop\)$/m);
		// A teammate's or a script's step names no player.
		expect(transcript).toMatch(/^t10 \[DEV\] action=restart target=db {2}reward=\+100\.0$/m);
		expect(between(transcript, 't00', 't01')).toEqual(['        breakdown: mttr-2, early_rca+30', '  -- Note: alice named the root cause at once']);
		expect(between(transcript, 't01', 't02')).toEqual([
			'        breakdown: mttr-4',
			'  -- The facilitator paused the drill',
			'  -- The facilitator resumed the drill',
			'  -- bob took the DEV seat',
		]);
		expect(between(transcript, 't02', 't03')).toEqual([
			'        breakdown: mttr-6',
			"  -- The facilitator's hint to DEV: look at the database",
			'  -- bob dropped out of the DEV seat',
		]);
	});

	it('prints JSON with each step’s player and countdown and the drill’s events as recorded', () => {
		const file = recordDrill();
		const run = runCli(['replay', file, '--format', 'json']);
		expect(run.status).toBe(0);
		const replayed = JSON.parse(run.stdout);
		expect(replayed).toMatchObject({disagreement: null, complete: true, header: {drill: {seats: ['sre', 'dev'], turn_seconds: 30}}});
		const recorded = readLines(file);
		const steps = recorded.filter(line => line.kind === 'step');
		expect(replayed.steps.map((step: Line) => [step.turn, step.by, step.player, step.timed_out])).toEqual(steps.map(step => [step.turn, step.by, step.player, step.timed_out]));
		expect(replayed.drill_events).toEqual(recorded.filter(line => ['player', 'pause', 'resume', 'note', 'facilitator_hint'].includes(line.kind)));
	});

	it('shows a player’s name and the facilitator’s words with their escape sequences made visible, never raw', () => {
		const hostile = 'all \u001b]0;pwned\u0007 good\u009b2J';
		const file = recordDrill(undefined, {
			4: journal => {
				journal.note(4, hostile);
				journal.player(4, 'dev', `eve${hostile}`, true);
				journal.player(4, 'dev', `eve${hostile}`, false);
			},
		});
		expect(fs.readFileSync(file, 'utf8')).not.toMatch(/[\u001b\u0007\u009b]/);
		const text = runCli(['replay', file, '--format', 'text']);
		expect(text.status).toBe(0);
		expect(text.stdout).toContain('  -- Note: all \\x1b]0;pwned\\x07 good\\x9b2J\n  -- eveall \\x1b]0;pwned\\x07 good\\x9b2J took the DEV seat\n');
		expect(text.stdout).not.toMatch(/[\u001b\u0007\u009b]/);
		const json = runCli(['replay', file, '--format', 'json']);
		expect(json.stdout).not.toMatch(/[\u001b\u0007\u009b]/);
		expect(JSON.parse(json.stdout).drill_events).toContainEqual({kind: 'note', turn: 4, text: hostile});
	});

	it.each([
		['a key a drill line does not have', (lines: Line[]) => (lines.find(line => line.kind === 'pause')!.zzz = 1), /^chaosops: .*:6: has unknown key "zzz"; accepted: kind, turn$/],
		['a note too long', (lines: Line[]) => (lines.find(line => line.kind === 'note')!.text = 'x'.repeat(2001)), /^chaosops: .*:4: text must be at most 2000 characters$/],
		['a note out of order', (lines: Line[]) => (lines.find(line => line.kind === 'note')!.turn = 0), /^chaosops: .*:4: turn is 0; a note line after 1 step has turn 1$/],
		['a step with no countdown', (lines: Line[]) => delete lines[2]!.timed_out, /^chaosops: .*:3: timed_out is missing; expected true or false$/],
	])('refuses %s in one line, exit status 2', (_, edit, message) => {
		const file = recordDrill();
		const lines = readLines(file);
		edit(lines);
		writeLines(file, lines);
		for (const format of ['text', 'json']) expectOneLineRefusal(runCli(['replay', file, '--format', format]), message);
	});

	it('still says where today’s environment no longer agrees', () => {
		const file = recordDrill();
		const lines = readLines(file);
		lines.find(line => line.kind === 'step' && line.turn === 2)!.reward = 99;
		writeLines(file, lines);
		const run = runCli(['replay', file, '--format', 'text']);
		expect(run.status).toBe(1);
		expect(run.stderr).toBe('chaosops: the environment no longer agrees with the recording: turn 2: recorded reward 99, now -6\n');
	});
});

describe('replay of a recording that is no drill', () => {
	it('prints the transcript run prints, and JSON without a drill’s keys', () => {
		const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'chaosops-replay-')), 'run.jsonl');
		const args = ['run', '--scenario', 'cascade', '--seed', '1', '--policy', 'heuristic'];
		const ran = runCli([...args, '--record', file]);
		expect(ran.status).toBe(0);
		expect(runCli(['replay', file, '--format', 'text']).stdout).toBe(ran.stdout);
		const replayed = JSON.parse(runCli(['replay', file, '--format', 'json']).stdout);
		expect(Object.keys(replayed)).toEqual(['header', 'steps', 'result', 'complete', 'torn_tail', 'revealed_at_turn', 'hints', 'disagreement']);
		expect(Object.keys(replayed.steps[0])).toEqual(['turn', 'role', 'by', 'decision_ms', 'action', 'reward', 'breakdown', 'done', 'observation', 'next_observation', 'info']);
		expect(replayed.header).not.toHaveProperty('drill');
	});
});
