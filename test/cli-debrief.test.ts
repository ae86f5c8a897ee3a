// `chaosops debrief FILE` through the built CLI, as a trainer runs it after an episode: each format, the comparison
// with what `chaosops run` gives for the scripted teams, a drill's recording, --out, and bad input refused in one line.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {expectOneLineRefusal, runCli} from './support/cli.js';
import {recordDrill} from './support/drill-recording.js';
import {tempFile} from './ui/record.js';

/** A recording of `chaosops run --record`: the random team on cascade, which makes mistakes worth debriefing. */
function recordRun(args: readonly string[] = ['--scenario', 'cascade', '--seed', '5', '--policy', 'random']): string {
	const file = tempFile();
	const run = runCli(['run', ...args, '--record', file]);
	expect(run.status).toBe(0);
	return file;
}

const jsonOf = (file: string) => {
	const run = runCli(['debrief', file, '--format', 'json']);
	expect(run.stderr).toBe('');
	expect(run.status).toBe(0);
	return JSON.parse(run.stdout);
};

describe('chaosops debrief', () => {
	it('writes the documented JSON: every step, its verdicts agreeing with its breakdown', () => {
		const file = recordRun();
		const debrief = jsonOf(file);
		expect(Object.keys(debrief)).toEqual(['scenario', 'timeline', 'moments', 'departure', 'totals', 'compare', 'disagreement', 'complete']);
		const steps = fs.readFileSync(file, 'utf8').trimEnd().split('\n').map(line => JSON.parse(line)).filter(line => line.kind === 'step');
		expect(debrief.timeline).toHaveLength(steps.length);
		debrief.timeline.forEach((entry: any, index: number) => {
			expect(Object.keys(entry)).toEqual(['turn', 'step', 'role', 'by', 'player', 'action', 'reward', 'cumulative_reward', 'verdicts', 'note']);
			expect(entry.verdicts.includes('wrong_fix')).toBe(steps[index].breakdown.wrong_fix_penalty < 0);
			expect(entry.reward).toBe(steps[index].reward);
		});
		expect(debrief.departure).toMatchObject({turn: expect.any(Number), oracle: {action_type: expect.any(String)}});
	});

	it('compares with what chaosops run gives the oracle and heuristic teams on the same scenario and seed', () => {
		const args = ['--scenario', 'rogue_deploy_bot', '--seed', '11', '--difficulty', 'hard'];
		const {compare} = jsonOf(recordRun([...args, '--policy', 'random']));
		for (const team of ['oracle', 'heuristic']) {
			const {result} = JSON.parse(runCli(['run', ...args, '--policy', team, '--format', 'json']).stdout);
			expect(compare[team]).toEqual({resolved: result.resolved, cumulative_reward: result.cumulative_reward, mttr_steps: result.mttr_steps});
		}
	});

	it('prints text for the terminal and Markdown for a postmortem', () => {
		const file = recordRun();
		const text = runCli(['debrief', file]);
		expect(text.status).toBe(0);
		expect(text.stdout).toMatch(/^Debrief: Deadlock that cascades \(cascade, medium, seed 5\)\n/);
		expect(text.stdout).toContain('\nKey moments\n');
		expect(text.stdout).toMatch(/\n {2}Oracle team {5}resolved at step \d+, [+-]\d+\.\d\n/);
		const md = runCli(['debrief', file, '--format', 'md']).stdout;
		expect(md).toMatch(/^# Debrief: Deadlock that cascades/);
		expect(md).toContain('\n| Step | Role | By | Action | Reward | Verdicts | Note |\n| ---: | --- |');
		expect(md).toContain('\n## On the same scenario and seed\n');
	});

	it('writes one self-contained HTML page with the two charts to --out, fetching nothing', () => {
		const out = path.join(path.dirname(tempFile()), 'debrief.html');
		const run = runCli(['debrief', recordRun(), '--format', 'html', '--out', out]);
		expect(run.status).toBe(0);
		expect(run.stdout).toBe('');
		const html = fs.readFileSync(out, 'utf8');
		expect(html).toMatch(/^<!doctype html>/);
		expect(html.match(/<svg /g)).toHaveLength(2);
		expect(html).toContain('aria-label="Cumulative reward by step, this team against the oracle team"');
		expect(html).not.toMatch(/<script|<link|\bsrc=|url\(|https?:\/\//i);
	});

	it('debriefs a drill: each step names its player, and text from the recording is escaped', () => {
		const file = recordDrill(undefined, {
			2: journal => journal.note(2, 'see <b>here</b>'),
		});
		const debrief = jsonOf(file);
		expect(debrief.timeline[0]).toMatchObject({by: 'human', player: 'alice', verdicts: ['root_cause_correct']});
		expect(debrief.moments.first_correct_diagnosis).toMatchObject({step: 1, role: 'sre'});
		// The facilitator's one hint to the Dev counts among the help the team had.
		expect(debrief.totals.hints).toEqual({ladder: 0, oracle: 0, facilitator: 1});
		const text = runCli(['debrief', file]).stdout;
		expect(text).toContain('1 hint from the facilitator');
		expect(text).toMatch(/^ +1 SRE {2}alice +identify_root_cause db_deadlock +\+28\.0 {2}root_cause_correct$/m);
	});

	it('never prints a control character from the recording', () => {
		const lineFile = path.join(path.dirname(tempFile()), 'line.json');
		fs.writeFileSync(lineFile, JSON.stringify([{action_type: 'communicate', args: {message: 'hi \u001b]0;owned\u0007 there'}}]));
		const recording = recordRun(['--scenario', 'starter', '--policy', `sre=actions:${lineFile}`, '--teammates', 'heuristic']);
		for (const format of ['text', 'md', 'html', 'json']) {
			const {stdout, status} = runCli(['debrief', recording, '--format', format]);
			expect(status).toBe(0);
			expect(stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
			expect(stdout).toContain('owned');
		}
	});

	it('says so, and exits 1, when today’s environment no longer agrees with the recording', () => {
		const file = recordRun();
		const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n').map(line => JSON.parse(line));
		lines.find(line => line.kind === 'step').reward = 999;
		fs.writeFileSync(file, lines.map(line => `${JSON.stringify(line)}\n`).join(''));
		const run = runCli(['debrief', file]);
		expect(run.status).toBe(1);
		expect(run.stderr).toMatch(/^chaosops: the environment no longer agrees with the recording: turn 0: recorded reward 999, now -?\d/);
		expect(run.stdout.split('\n')[1]).toMatch(/^Today's environment no longer agrees with the recording: turn 0: /);
	});

	it.each([
		[['debrief'], /^chaosops: debrief needs a recording FILE/],
		[['debrief', '/nonexistent/night.jsonl'], /^chaosops: .*\/nonexistent\/night\.jsonl/],
		[['debrief', 'FILE', '--format', 'pdf'], /^chaosops: --format/],
	])('refuses %j in one line', (args, message) => {
		expectOneLineRefusal(runCli(args), message);
	});

	it('refuses a file that is no recording, an unknown format, or an --out it cannot write, in one line', () => {
		const file = tempFile();
		fs.writeFileSync(file, '{"kind":"step"}\n');
		expectOneLineRefusal(runCli(['debrief', file]), /^chaosops: \S*episode\.jsonl:1: /);
		const recording = recordRun();
		expectOneLineRefusal(runCli(['debrief', recording, '--format', 'pdf']), /^chaosops: --format .*pdf.*text, md, html, json/);
		expectOneLineRefusal(runCli(['debrief', recording, '--out', '/nonexistent/debrief.md']), /^chaosops: cannot write --out \/nonexistent\/debrief\.md: /);
	});

	it('explains itself with --help', () => {
		const run = runCli(['debrief', '--help']);
		expect(run.status).toBe(0);
		expect(run.stdout).toMatch(/^Usage: chaosops debrief FILE \[options\]/);
		expect(run.stdout).toContain('--format F');
	});
});
