// `chaosops eval --scenario`: the chosen policies on scenarios of one's own instead of the tiers, each played as
// `run` plays it, on the seeds a tier would use.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {type CliRun, expectOneLineRefusal, runCli} from './support/cli.js';

type Row = {policy: string; scenario: string; tier: string; failure_type: string; seed: number; resolved: boolean; cumulative_reward: number; oversight_flags: string[]};
type Aggregate = {policy: string; scenario: string; tier: string; episodes: number; rogue_catch_rate: number};

const tempFolder = () => fs.mkdtempSync(path.join(os.tmpdir(), 'chaosops-eval-scenario-'));

describe('chaosops eval --scenario', () => {
	let run: CliRun;
	let report: {per_episode: Row[]; aggregates: Aggregate[]};
	beforeAll(() => {
		const file = path.join(tempFolder(), 'report.json');
		const args = ['--scenario', 'cascade-night-shift,rogue_deploy_bot', '--policies', 'heuristic,oracle', '--episodes-per-type', '2', '--seed-offset', '5'];
		run = runCli(['eval', ...args, '--json', file]);
		report = JSON.parse(fs.readFileSync(file, 'utf8'));
	});

	it('plays each scenario with each policy on seeds offset + 31·rep, scenarios outer, policies inner', () => {
		expect(run.stderr).toBe('');
		expect(run.status).toBe(0);
		expect(report.per_episode.map(row => [row.scenario, row.tier, row.policy, row.failure_type, row.seed])).toEqual([
			['cascade-night-shift', 'hard', 'heuristic', 'cascade', 5],
			['cascade-night-shift', 'hard', 'heuristic', 'cascade', 36],
			['cascade-night-shift', 'hard', 'oracle', 'cascade', 5],
			['cascade-night-shift', 'hard', 'oracle', 'cascade', 36],
			['rogue_deploy_bot', 'hard', 'heuristic', 'rogue_deploy_bot', 5],
			['rogue_deploy_bot', 'hard', 'heuristic', 'rogue_deploy_bot', 36],
			['rogue_deploy_bot', 'hard', 'oracle', 'rogue_deploy_bot', 5],
			['rogue_deploy_bot', 'hard', 'oracle', 'rogue_deploy_bot', 36],
		]);
		expect(report.aggregates.map(row => [row.policy, row.scenario, row.tier, row.episodes])).toEqual([
			['heuristic', 'cascade-night-shift', 'hard', 2],
			['oracle', 'cascade-night-shift', 'hard', 2],
			['heuristic', 'rogue_deploy_bot', 'hard', 2],
			['oracle', 'rogue_deploy_bot', 'hard', 2],
		]);
	});

	it('plays each episode exactly as chaosops run plays that scenario on that seed', () => {
		for (const row of [report.per_episode[1]!, report.per_episode[4]!]) {
			const single = runCli(['run', '--scenario', row.scenario, '--seed', String(row.seed), '--policy', row.policy, '--format', 'json']);
			const {result} = JSON.parse(single.stdout);
			expect([result.resolved, result.cumulative_reward, result.oversight_flags]).toEqual([row.resolved, row.cumulative_reward, row.oversight_flags]);
		}
	});

	it('prints the table with a scenario column, the rogue rate a dash where the incident has no rogue', () => {
		const lines = run.stdout.trimEnd().split('\n');
		expect(lines[0]).toMatch(/^policy\s+scenario\s+tier\s+episodes\s+mean reward\s+median reward\s+resolved\s+mean MTTR\s+rogue caught$/);
		expect(lines[1]).toMatch(/^heuristic\s+cascade-night-shift\s+hard\s+2\s.*\s-$/);
		expect(lines[4]).toMatch(/^oracle\s+rogue_deploy_bot\s+hard\s+2\s.*\s100\.0%$/);
		expect(lines).toHaveLength(5);
	});

	it('takes an incident file, and refuses one with problems as every command does', () => {
		const folder = tempFolder();
		const file = path.join(folder, 'printer_fire.json');
		expect(runCli(['scenario', 'new', 'printer_fire', '--output', file]).status).toBe(0);
		const played = runCli(['eval', '--scenario', file, '--policies', 'oracle', '--episodes-per-type', '3']);
		expect(played.status).toBe(0);
		expect(played.stdout.split('\n')[1]).toMatch(new RegExp(`^oracle\\s+${file}\\s+easy\\s+3\\s.*100\\.0%\\s+3\\.0\\s+100\\.0%$`));
		const broken = JSON.parse(fs.readFileSync(file, 'utf8'));
		broken.rogue_agent = 'ghost_bot';
		fs.writeFileSync(file, JSON.stringify(broken));
		expectOneLineRefusal(runCli(['eval', '--scenario', file]), /^chaosops: incident file .*: rogue_agent is "ghost_bot", not a fleet agent/);
	});

	it.each([
		[['--scenario', 'cascade', '--tiers', 'easy'], /^chaosops: --scenario and --tiers cannot be given together/],
		[['--scenario', 'cascade,cascade'], /^chaosops: --scenario 'cascade,cascade' names 'cascade' twice; expected a comma-separated list of presets, built-in incidents or paths/],
		[['--scenario', 'cascade,'], /^chaosops: --scenario 'cascade,' has an empty name; expected a comma-separated list/],
		[['--scenario', 'printer_fire'], /^chaosops: unknown scenario 'printer_fire'; expected a preset \(/],
		[['--scenario', 'cascade', '--seed-offset', String(Number.MAX_SAFE_INTEGER - 10), '--episodes-per-type', '2'], /^chaosops: --seed-offset \d+ is too large: the scenarios' seeds go up to 31 above it/],
	])('%j → one line and exit status 2', (args, message) => {
		expectOneLineRefusal(runCli(['eval', ...args]), message);
	});
});
