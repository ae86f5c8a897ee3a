import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {CLI, type CliRun, expectOneLineRefusal, runCli} from './support/cli.js';
import {readJsonFixture} from './support/fixtures.js';
import {REFERENCE_ROGUE as ROGUE, byPolicyAndTier, referenceFigures, referenceVerdict} from './support/reference-evaluator.js';

type Row = {policy: string; tier: string; failure_type: string; resolved: boolean; steps: number; cumulative_reward: number; wrong_fixes: number; oversight_flags: string[]};

const tempFile = (name: string) => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'chaosops-')), name);
const baseline = readJsonFixture<{per_episode: Row[]}>('baseline_eval_offset0_x5.json');

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

describe('chaosops eval --json', () => {
	let run: CliRun;
	let report: {per_episode: Row[]; aggregates: Array<Record<string, unknown>>};
	beforeAll(() => {
		const file = tempFile('baseline.json');
		run = runCli(['eval', '--episodes-per-type', '5', '--seed-offset', '0', '--policies', 'random,heuristic,oracle', '--tiers', 'easy,medium,hard', '--json', file]);
		expect(run.stderr).toBe('');
		report = JSON.parse(fs.readFileSync(file, 'utf8'));
	});

	it('reproduces the reference baseline episode for episode', () => {
		expect(run.stderr).toBe('');
		expect(run.status).toBe(0);
		// Today's keys keep their values and their order; the reference evaluator's follow them.
		expect(report.per_episode).toEqual(baseline.per_episode.map(row => ({...row, ...referenceVerdict(row)})));
		for (const [index, row] of report.per_episode.entries()) {
			expect(Object.keys(row)).toEqual([...Object.keys(baseline.per_episode[index]!), 'had_rogue', 'rogue_caught', 'false_positive']);
		}
	});

	it('aggregates each (policy, tier) as the spec defines, and prints them as a table', () => {
		const groups = byPolicyAndTier(baseline.per_episode);
		const tiersOuter = ['easy', 'medium', 'hard'].flatMap(tier => ['random', 'heuristic', 'oracle'].map(policy => `${policy}/${tier}`));
		expect(report.aggregates.map(row => `${row.policy}/${row.tier}`)).toEqual(tiersOuter);
		for (const aggregate of report.aggregates) {
			const rows = groups.get(`${aggregate.policy}/${aggregate.tier}`)!;
			const rewards = rows.map(row => row.cumulative_reward).sort((a, b) => a - b);
			const resolved = rows.filter(row => row.resolved);
			const rogue = rows.filter(row => ROGUE[row.failure_type] !== undefined);
			expect(aggregate).toEqual({
				policy: aggregate.policy,
				tier: aggregate.tier,
				episodes: rows.length,
				mean_reward: expect.closeTo(mean(rewards), 9),
				median_reward: (rewards[(rewards.length - 1) >> 1]! + rewards[rewards.length >> 1]!) / 2,
				resolution_rate: resolved.length / rows.length,
				mean_mttr: resolved.length === 0 ? null : expect.closeTo(mean(resolved.map(row => row.steps)), 9),
				rogue_catch_rate: rogue.length === 0 ? 0 : rogue.filter(row => row.oversight_flags.includes(ROGUE[row.failure_type]!)).length / rogue.length,
				...referenceFigures(rows),
				mttr: resolved.length === 0 ? null : expect.closeTo(mean(resolved.map(row => row.steps)), 9),
			});
			expect(Object.keys(aggregate).slice(0, 8)).toEqual(['policy', 'tier', 'episodes', 'mean_reward', 'median_reward', 'resolution_rate', 'mean_mttr', 'rogue_catch_rate']);
		}
		const table = run.stdout.trimEnd().split('\n');
		expect(table[0]).toMatch(/^policy\s+tier\s+episodes\s+mean reward\s+median reward\s+resolved\s+mean MTTR\s+rogue caught$/);
		expect(table).toHaveLength(1 + report.aggregates.length);
		const oracleHard = report.aggregates.find(row => row.policy === 'oracle' && row.tier === 'hard')!;
		expect(table.find(line => line.startsWith('oracle') && line.includes(' hard '))).toMatch(
			new RegExp(`^oracle\\s+hard\\s+20\\s+${(oracleHard.mean_reward as number).toFixed(1)}\\s+${(oracleHard.median_reward as number).toFixed(1)}\\s+100\\.0%`),
		);
		expect(new Set(table.map(line => line.length)).size).toBe(1);
	});
});

describe('chaosops eval', () => {
	it('shows a dash where a figure does not apply', () => {
		const run = runCli(['eval', '--policies', 'noop', '--tiers', 'easy', '--episodes-per-type', '1']);
		expect(run.stdout.trimEnd().split('\n')[1]).toMatch(/^noop\s+easy\s+4\s+-216\.0\s+-216\.0\s+0\.0%\s+-\s+-$/);
	});

	it('draws a progress bar on a terminal, and nothing on stderr otherwise', () => {
		expect(runCli(['eval', '--policies', 'random', '--tiers', 'easy', '--episodes-per-type', '2']).stderr).toBe('');
		const log = tempFile('tty.txt');
		spawnSync('script', ['-qc', `${process.execPath} ${CLI} eval --policies random --tiers easy --episodes-per-type 2`, log]);
		expect(fs.readFileSync(log, 'utf8')).toContain('\r[##############################] 8/8 episodes');
	});

	it.each([
		[['--policies', 'random,smart'], /^chaosops: --policies 'random,smart' has 'smart'; expected a comma-separated list of random, heuristic, oracle, teammate, noop$/],
		[['--tiers', 'easy,easy'], /^chaosops: --tiers 'easy,easy' names 'easy' twice; expected a comma-separated list of easy, medium, hard$/],
		[['--episodes-per-type', '0'], /^chaosops: --episodes-per-type '0' is not valid; expected an integer from 1 to 1000000$/],
		[['--seed-offset', '1e3'], /^chaosops: --seed-offset '1e3' is not valid; expected an integer with \|n\| < 2\^53$/],
		[['--json', '/no/such/dir/out.json'], /^chaosops: cannot write --json \/no\/such\/dir\/out.json: no such file or folder \(ENOENT\)$/],
		[['--episodes', '3'], /^chaosops: unknown flag --episodes for eval; expected --policies, --tiers, --episodes-per-type, --seed-offset, --json/],
	])('%j → one line and exit status 2', (args, message) => {
		expectOneLineRefusal(runCli(['eval', ...args]), message);
	});

	it('explains itself with --help', () => {
		const run = runCli(['eval', '--help']);
		expect(run.status).toBe(0);
		expect(run.stdout).toMatch(/^Usage: chaosops eval \[options\]/);
	});
});
