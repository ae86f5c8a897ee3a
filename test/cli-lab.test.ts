// `chaosops lab` through the built CLI: its figures are those of playing the same seeds one by one (runEpisode), the
// first wrong move is the first step with the wrong-fix penalty, and its outliers play again as it says.
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {everyRole} from '../source/agents/evaluation.js';
import {type PolicyMap, buildSeats, runEpisode} from '../source/agents/runner.js';
import {resolveScenario} from '../source/io/scenarios.js';
import {describeAction} from '../source/ui/format.js';
import {CLI, type CliRun, expectOneLineRefusal, runCli} from './support/cli.js';
import {referenceVerdict} from './support/reference-evaluator.js';

const tempFolder = () => fs.mkdtempSync(path.join(os.tmpdir(), 'chaosops-lab-'));

type Entry = {
	policy: string;
	variant: string | null;
	difficulty: string;
	max_steps: number;
	episodes: number;
	resolution_rate: number;
	mean_reward: number;
	median_reward: number;
	mttr: number | null;
	reward_quantiles: Record<string, number>;
	mttr_histogram: number[];
	unresolved: number;
	wrong_fix_rate: number;
	mean_wrong_fixes: number;
	false_flag_rate: number;
	rogue_catch_rate: number | null;
	first_wrong_move: {move: string; episodes: number; share: number} | null;
	outliers: Array<{seed: number; reward: number; resolved: boolean; steps: number; rerun: string}>;
};
type Report = {scenario: string; seeds: {first: number; last: number}; vary: string | null; policies: Entry[]};

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
/** Linear between the nearest ranks (type 7). */
const quantile = (sorted: number[], q: number) => {
	const rank = (sorted.length - 1) * q;
	const below = Math.floor(rank);
	return sorted[below]! + (rank - below) * (sorted[Math.min(sorted.length - 1, below + 1)]! - sorted[below]!);
};

/** The figures of one entry, from each seed played on its own with runEpisode and its steps. */
function playedOneByOne(reference: string, overrides: {difficulty?: 'easy' | 'medium' | 'hard'; maxSteps?: number}, seats: PolicyMap, seeds: number[]) {
	const episodes = seeds.map(seed => {
		const {scenario} = resolveScenario(reference, {...overrides, seed});
		const {steps, result} = runEpisode(scenario, buildSeats(seats, scenario));
		const wrong = steps.find(step => step.breakdown.wrong_fix_penalty !== 0);
		const verdict = referenceVerdict({...result, policy: '', tier: '', failure_type: scenario.failure_type, steps: result.final_step});
		return {seed, result, scenario, firstWrongMove: wrong === undefined ? null : `${wrong.action.role} ${describeAction(wrong.action)}`, verdict};
	});
	const rewards = episodes.map(({result}) => result.cumulative_reward).sort((a, b) => a - b);
	const resolved = episodes.filter(({result}) => result.resolved);
	const moves = new Map<string, number>();
	for (const {firstWrongMove} of episodes) if (firstWrongMove !== null) moves.set(firstWrongMove, (moves.get(firstWrongMove) ?? 0) + 1);
	const [move, count] = [...moves].reduce<[string, number] | [null, 0]>((best, next) => (next[1] > best[1] ? next : best), [null, 0]);
	const [q1, q3] = [quantile(rewards, 0.25), quantile(rewards, 0.75)];
	const beyond = (low: boolean) =>
		episodes
			.filter(({result}) => (low ? result.cumulative_reward < q1 - 1.5 * (q3 - q1) : result.cumulative_reward > q3 + 1.5 * (q3 - q1)))
			.sort((a, b) => (low ? 1 : -1) * (a.result.cumulative_reward - b.result.cumulative_reward))
			.slice(0, 5)
			.map(({seed, result}) => ({seed, reward: result.cumulative_reward, resolved: result.resolved, steps: result.final_step}));
	const maxSteps = episodes[0]!.scenario.max_steps;
	const rogue = episodes[0]!.scenario.incident.rogueAgent;
	return {
		difficulty: episodes[0]!.scenario.difficulty,
		max_steps: maxSteps,
		episodes: seeds.length,
		resolution_rate: resolved.length / seeds.length,
		mean_reward: expect.closeTo(mean(rewards), 9),
		median_reward: quantile(rewards, 0.5),
		mttr: resolved.length === 0 ? null : expect.closeTo(mean(resolved.map(({result}) => result.final_step)), 9),
		reward_quantiles: {min: rewards[0], p10: quantile(rewards, 0.1), p25: q1, median: quantile(rewards, 0.5), p75: q3, p90: quantile(rewards, 0.9), max: rewards.at(-1)},
		mttr_histogram: Array.from({length: maxSteps}, (_, step) => resolved.filter(({result}) => result.final_step === step + 1).length),
		unresolved: seeds.length - resolved.length,
		wrong_fix_rate: episodes.filter(({result}) => result.wrong_fixes > 0).length / seeds.length,
		mean_wrong_fixes: expect.closeTo(mean(episodes.map(({result}) => result.wrong_fixes)), 9),
		false_flag_rate: episodes.filter(({verdict}) => verdict.false_positive).length / seeds.length,
		rogue_catch_rate: rogue === null ? null : episodes.filter(({result}) => result.oversight_flags.includes(rogue)).length / seeds.length,
		first_wrong_move: move === null ? null : {move, episodes: count, share: count / seeds.length},
		outliers: [...beyond(true), ...beyond(false)].map(outlier => ({...outlier, rerun: expect.any(String)})),
	};
}

const seedRange = (first: number, last: number) => Array.from({length: last - first + 1}, (_, index) => first + index);

describe('chaosops lab', () => {
	const folder = tempFolder();
	let run: CliRun;
	let report: Report;
	beforeAll(() => {
		const args = ['lab', '--scenario', 'rogue_deploy_bot', '--seeds', '3..62', '--policies', 'random,heuristic', '--vary', 'difficulty=easy,hard'];
		run = runCli([...args, '--json', path.join(folder, 'lab.json'), '--csv', path.join(folder, 'lab.csv'), '--html', path.join(folder, 'lab.html')]);
		report = JSON.parse(fs.readFileSync(path.join(folder, 'lab.json'), 'utf8'));
	});

	it('gives the figures of playing the same seeds one by one, for each variant and policy', () => {
		expect(run.stderr).toBe('');
		expect(run.status).toBe(0);
		expect(report).toMatchObject({scenario: 'rogue_deploy_bot', seeds: {first: 3, last: 62}, vary: 'difficulty=easy,hard'});
		expect(report.policies.map(entry => [entry.variant, entry.policy])).toEqual([
			['difficulty=easy', 'random'],
			['difficulty=easy', 'heuristic'],
			['difficulty=hard', 'random'],
			['difficulty=hard', 'heuristic'],
		]);
		for (const entry of report.policies) {
			const difficulty = entry.variant!.split('=')[1] as 'easy' | 'hard';
			expect(entry).toEqual({policy: entry.policy, variant: entry.variant, ...playedOneByOne('rogue_deploy_bot', {difficulty}, everyRole(entry.policy as 'random'), seedRange(3, 62))});
		}
		// Something for each figure to show: random goes wrong, and oversight catches the bot now and then.
		expect(report.policies.find(entry => entry.policy === 'random')!.first_wrong_move).not.toBeNull();
		expect(report.policies.some(entry => (entry.rogue_catch_rate ?? 0) > 0)).toBe(true);
	});

	it('counts false flags for a seat mix that flags the wrong agent, and says how to play an outlier again', () => {
		const line = path.join(folder, 'flag.json');
		fs.writeFileSync(line, JSON.stringify([{action_type: 'noop'}, {action_type: 'flag_rogue', target: 'autoscaler'}]));
		const file = path.join(folder, 'mix.json');
		const mix = `oversight=actions:${line}`;
		expect(runCli(['lab', '--scenario', 'cascade', '--seeds', '0..79', '--policy', mix, '--teammates', 'random', '--json', file]).status).toBe(0);
		const [entry] = (JSON.parse(fs.readFileSync(file, 'utf8')) as Report).policies;
		expect(entry).toEqual({policy: 'random', variant: null, ...playedOneByOne('cascade', {}, {...everyRole('random'), oversight: {name: 'actions', actions: [{action_type: 'noop'}, {action_type: 'flag_rogue', target: 'autoscaler'}]}} as never, seedRange(0, 79))});
		expect(entry!.false_flag_rate).toBeGreaterThan(0);
		const outlier = entry!.outliers[0]!;
		expect(outlier.rerun).toBe(`chaosops run --scenario cascade --seed ${outlier.seed} --policy ${mix} --teammates random`);
		const rerun = runCli(['run', '--scenario', 'cascade', '--seed', String(outlier.seed), '--policy', mix, '--teammates', 'random', '--format', 'json']);
		expect(JSON.parse(rerun.stdout).result.cumulative_reward).toBe(outlier.reward);
	});

	it('prints a table with a histogram per row, plain text when stdout is not a terminal', () => {
		const lines = run.stdout.split('\n');
		expect(lines[0]).toBe('rogue_deploy_bot: rogue_deploy_bot, seeds 3..62 (60 episodes per policy and variant)');
		expect(lines[2]).toMatch(/^variant\s+policy\s+episodes\s+resolved\s+mean reward\s+reward p10 \/ median \/ p90\s+MTTR\s+resolved at step\s+wrong fix\s+false flag\s+rogue caught$/);
		// No episode resolved (the deploy bot beats both at 25 steps): a dash for MTTR and for its histogram.
		expect(lines[3]).toMatch(/^difficulty=easy\s+random\s+60\s+0\.0%\s.*\s-\s+- 1-\d+\s/);
		expect(run.stdout).not.toMatch(/\u001b/);
		const cascade = runCli(['lab', '--scenario', 'cascade', '--seeds', '0..59', '--policies', 'heuristic']).stdout.split('\n');
		expect(cascade[3]).toMatch(/^heuristic\s+60\s+100\.0%\s+-?\d+\.\d\s+.*\s\d+\.\d\s+█[ ▁▂▃▄▅▆▇█]* +1-18\s+\d+\.\d%\s+\d+\.\d%\s+-$/);
		expect(run.stdout).toMatch(/^ {2}seed \d+: reward -?\d+\.\d, (resolved at step \d+|unresolved); chaosops run --scenario rogue_deploy_bot --seed \d+ --difficulty (easy|hard) --policy (random|heuristic)$/m);
	});

	it('writes a CSV line per entry and a self-contained page of SVG charts', () => {
		const [header, ...lines] = fs.readFileSync(path.join(folder, 'lab.csv'), 'utf8').trimEnd().split('\r\n');
		expect(header).toBe(
			'variant,policy,difficulty,max_steps,episodes,resolution_rate,mean_reward,median_reward,reward_min,reward_p10,reward_p25,reward_p75,reward_p90,reward_max,mttr,mttr_histogram,unresolved,wrong_fix_rate,mean_wrong_fixes,false_flag_rate,rogue_catch_rate,first_wrong_move,first_wrong_move_share,outlier_seeds',
		);
		expect(lines).toHaveLength(4);
		const first = report.policies[0]!;
		expect(lines[0]!.startsWith(`difficulty=easy,random,easy,${first.max_steps},60,${first.resolution_rate},${first.mean_reward},${first.median_reward},`)).toBe(true);
		expect(lines[0]).toContain(`,${first.mttr_histogram.join(';')},${first.unresolved},`);
		const html = fs.readFileSync(path.join(folder, 'lab.html'), 'utf8');
		expect(html).toMatch(/^<!DOCTYPE html>/);
		expect(html.match(/<svg /g)!.length).toBe(6);
		expect(html).not.toMatch(/<script|<link|<img|src=|url\(|@import/i);
	});

	it('draws a progress bar on a terminal, and nothing on stderr otherwise', () => {
		const log = path.join(folder, 'tty.txt');
		spawnSync('script', ['-qc', `${process.execPath} ${CLI} lab --scenario cascade --seeds 0..9 --policies oracle`, log]);
		expect(fs.readFileSync(log, 'utf8')).toContain('\r[##############################] 10/10 episodes');
	});

	it.each([
		[['--seeds', '5..2'], /^chaosops: --seeds '5\.\.2' is not valid; expected A\.\.B, whole numbers with A ≤ B/],
		[['--seeds', '7'], /^chaosops: --seeds '7' is not valid; expected A\.\.B/],
		[['--vary', 'nokey=1'], /^chaosops: --vary 'nokey=1' varies 'nokey'; expected KEY=V1,V2,… with KEY one of difficulty, max_steps, scoring, inject_misleading_logs$/],
		[['--vary', 'inject_misleading_logs=yes'], /^chaosops: --vary 'inject_misleading_logs=yes' has 'yes'; expected inject_misleading_logs values from true, false$/],
		[['--vary', 'max_steps=8,x'], /^chaosops: --vary 'max_steps=8,x' has 'x'; expected max_steps values from integers from 1 to 10000$/],
		[['--policies', 'random,smart'], /^chaosops: --policies 'random,smart' has 'smart'; expected a comma-separated list of random, heuristic, oracle, teammate, noop$/],
		[['--scenario', 'nope'], /^chaosops: unknown scenario 'nope'; expected a preset/],
		[['--json', '/no/such/dir/lab.json'], /^chaosops: cannot write --json \/no\/such\/dir\/lab\.json: no such file or folder \(ENOENT\)$/],
	])('%j → one line and exit status 2', (args, message) => {
		const scenario = args.includes('--scenario') ? [] : ['--scenario', 'cascade'];
		const seeds = args.includes('--seeds') ? [] : ['--seeds', '0..3'];
		expectOneLineRefusal(runCli(['lab', ...scenario, ...seeds, ...args]), message);
	});

	it('needs --scenario, and explains itself with --help', () => {
		expectOneLineRefusal(runCli(['lab']), /^chaosops: lab needs --scenario S/);
		const help = runCli(['lab', '--help']);
		expect(help.status).toBe(0);
		expect(help.stdout).toMatch(/^Usage: chaosops lab --scenario S \[options\]/);
	});
});

describe('chaosops lab --vary inject_misleading_logs', () => {
	it('plays the scenario with and without red herrings, and each outlier’s rerun command plays its variant', () => {
		const folder = tempFolder();
		const file = path.join(folder, 'herrings.json');
		const run = runCli(['lab', '--scenario', 'misrouted_traffic', '--difficulty', 'hard', '--seeds', '0..39', '--policies', 'random', '--vary', 'inject_misleading_logs=false,true', '--json', file]);
		expect(run.status).toBe(0);
		const report = JSON.parse(fs.readFileSync(file, 'utf8')) as {policies: Array<{variant: string; mean_reward: number}>};
		expect(report.policies.map(entry => entry.variant)).toEqual(['inject_misleading_logs=false', 'inject_misleading_logs=true']);
		// Each variant's figure is that of playing its seeds one by one with the override.
		for (const [variant, inject] of [['inject_misleading_logs=false', false], ['inject_misleading_logs=true', true]] as const) {
			let total = 0;
			for (let seed = 0; seed <= 39; seed++) {
				const {scenario} = resolveScenario('misrouted_traffic', {difficulty: 'hard', seed, injectMisleadingLogs: inject});
				expect(scenario.inject_misleading_logs).toBe(inject);
				total += runEpisode(scenario, buildSeats(everyRole('random'), scenario)).result.cumulative_reward;
			}
			expect(report.policies.find(entry => entry.variant === variant)?.mean_reward).toBeCloseTo(total / 40, 9);
		}
	});

	it('is what run --misleading-logs plays: the hard tier without its red herrings, or an easy one with them', () => {
		const hard = (flag: string) => JSON.parse(runCli(['run', '--scenario', 'misrouted_traffic', '--difficulty', 'hard', '--policy', 'noop', '--format', 'json', '--misleading-logs', flag]).stdout);
		expect(hard('false').scenario.inject_misleading_logs).toBe(false);
		expect(hard('true').scenario.inject_misleading_logs).toBe(true);
		expect(hard('true').steps[0].observation.view.visible_logs.length).toBeGreaterThan(hard('false').steps[0].observation.view.visible_logs.length);
		expectOneLineRefusal(runCli(['run', '--scenario', 'starter', '--misleading-logs', 'maybe']), /^chaosops: --misleading-logs 'maybe' is not valid; expected one of true, false$/);
	});
});
