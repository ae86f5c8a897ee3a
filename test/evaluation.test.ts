import {describe, expect, it} from 'vitest';
import {Curriculum, ScenarioStream, scenariosForTier} from '../source/agents/curriculum.js';
import {type EpisodeRow, countEpisodes, evaluate, rogueVerdict} from '../source/agents/evaluation.js';
import {buildSeats, runBatch, runEpisode} from '../source/agents/runner.js';
import {combineRewards} from '../source/env/reward.js';
import {builtInIncident} from '../source/io/incidents.js';
import {readJsonFixture} from './support/fixtures.js';
import {byPolicyAndTier, referenceFigures, referenceVerdict} from './support/reference-evaluator.js';

type BaselineRow = Omit<EpisodeRow, 'had_rogue' | 'rogue_caught' | 'false_positive'>;
type Baseline = {per_episode: BaselineRow[]};

describe('evaluation', () => {
	it('reproduces the reference baseline table (offset 0, 5 episodes per type)', () => {
		const rows: EpisodeRow[] = [];
		const options = {
			load: builtInIncident,
			policies: ['random', 'heuristic', 'oracle'],
			tiers: ['easy', 'medium', 'hard'],
			episodesPerType: 5,
			onEpisode: (row: EpisodeRow) => rows.push(row),
		} as const;
		const aggregates = evaluate(options);
		const baseline = readJsonFixture<Baseline>('baseline_eval_offset0_x5.json').per_episode;
		expect(rows).toEqual(baseline.map(row => ({...row, ...referenceVerdict(row)})));
		expect(countEpisodes(options)).toBe(rows.length);
		expect(aggregates).toHaveLength(9);
		// The reference evaluator's figures, computed by its definitions from the recorded baseline.
		const groups = byPolicyAndTier(baseline);
		for (const aggregate of aggregates) expect(aggregate).toMatchObject(referenceFigures(groups.get(`${aggregate.policy}/${aggregate.tier}`)!));
		expect(rows.filter(row => row.rogue_caught).length).toBeGreaterThan(0);
	});

	it.each([
		['no flag', 'deploy_bot', [], {had_rogue: true, rogue_caught: false, false_positive: false}],
		['the rogue flagged', 'deploy_bot', ['deploy_bot'], {had_rogue: true, rogue_caught: true, false_positive: false}],
		['the rogue and another flagged', 'deploy_bot', ['autoscaler', 'deploy_bot'], {had_rogue: true, rogue_caught: true, false_positive: true}],
		['another flagged', 'deploy_bot', ['autoscaler'], {had_rogue: true, rogue_caught: false, false_positive: true}],
		['a flag with no rogue', null, ['autoscaler'], {had_rogue: false, rogue_caught: false, false_positive: true}],
		['no rogue, no flag', null, [], {had_rogue: false, rogue_caught: false, false_positive: false}],
	] as const)('judges oversight as the reference does: %s', (_, rogue, flags, verdict) => {
		expect(rogueVerdict(rogue, flags)).toEqual(verdict);
		expect(referenceVerdict({policy: 'p', tier: 'hard', failure_type: rogue === null ? 'cascade' : 'rogue_deploy_bot', resolved: false, steps: 1, wrong_fixes: 0, cumulative_reward: 0, oversight_flags: flags})).toEqual(verdict);
	});

	it('aggregates each (tier, policy) group from its episodes', () => {
		const rows: EpisodeRow[] = [];
		const [aggregate] = evaluate({load: builtInIncident, policies: ['heuristic'], tiers: ['hard'], episodesPerType: 2, onEpisode: row => rows.push(row)});
		const rewards = rows.map(row => row.cumulative_reward).sort((a, b) => a - b);
		const resolved = rows.filter(row => row.resolved);
		const rogueRows = rows.filter(row => row.failure_type !== 'cascade');
		const caught = rogueRows.filter(row => {
			const agent = {misrouted_traffic: 'load_balancer', autoscaler_cost_cut: 'autoscaler', rogue_deploy_bot: 'deploy_bot'}[
				row.failure_type as string
			];
			return row.oversight_flags.includes(agent!);
		});
		expect(aggregate).toEqual({
			policy: 'heuristic',
			tier: 'hard',
			episodes: 8,
			mean_reward: rewards.reduce((a, b) => a + b, 0) / 8,
			median_reward: (rewards[3]! + rewards[4]!) / 2,
			resolution_rate: resolved.length / 8,
			mean_mttr: resolved.length === 0 ? null : resolved.reduce((a, row) => a + row.steps, 0) / resolved.length,
			rogue_catch_rate: caught.length / rogueRows.length,
			...referenceFigures(rows),
		});
	});
});

describe('curriculum', () => {
	it('seeds each type of a tier as offset + 97·i + 31·rep', () => {
		const seeds = scenariosForTier(builtInIncident, 'medium', 1000, 2).map(s => [s.failure_type, s.seed, s.max_steps]);
		expect(seeds).toEqual([
			['cascade', 1000, 18],
			['cascade', 1031, 18],
			['autoscaler_cost_cut', 1097, 18],
			['autoscaler_cost_cut', 1128, 18],
			['disk_full', 1194, 18],
			['disk_full', 1225, 18],
		]);
		expect(scenariosForTier(builtInIncident, 'hard').every(s => s.inject_misleading_logs)).toBe(true);
	});

	it('promotes once a full window clears the bar, and clears the window', () => {
		const curriculum = new Curriculum();
		for (let i = 0; i < 9; i++) expect(curriculum.record(100)).toBe(false);
		expect(curriculum.record(100)).toBe(true);
		expect(curriculum.tier).toBe('medium');
		for (let i = 0; i < 9; i++) expect(curriculum.record(60)).toBe(false);
		expect(curriculum.record(0)).toBe(false); // mean 54, under the medium bar of 55
		expect(curriculum.tier).toBe('medium');
		expect(curriculum.record(70)).toBe(true); // the oldest 60 drops out: mean 55
		expect(curriculum.tier).toBe('hard');
		for (let i = 0; i < 20; i++) expect(curriculum.record(500)).toBe(false);
	});

	it('needs a mean of 70 on easy, not just a good episode', () => {
		const curriculum = new Curriculum();
		for (let i = 0; i < 10; i++) curriculum.record(69);
		expect(curriculum.tier).toBe('easy');
	});

	it('moves the stream seed offset on by 1000 at each promotion', () => {
		const stream = new ScenarioStream(builtInIncident);
		expect(stream.next()).toMatchObject({failure_type: 'db_deadlock', seed: 0, difficulty: 'easy'});
		for (let i = 0; i < 10; i++) stream.record(80);
		expect(stream.next()).toMatchObject({failure_type: 'cascade', seed: 1000, difficulty: 'medium'});
	});
});

describe('run_batch and the reward blend', () => {
	it('plays each scenario of a batch with the policy map, each policy built with that scenario’s seed', () => {
		const scenarios = scenariosForTier(builtInIncident, 'hard', 0, 2);
		const policies = {sre: 'heuristic', oversight: 'heuristic', dev: 'random', manager: 'heuristic'} as const;
		const oneByOne = scenarios.map(scenario => runEpisode(scenario, buildSeats(policies, scenario)).result);
		expect(runBatch(scenarios, policies)).toEqual(oneByOne);
	});

	it('blends the team and oversight streams, the team weight clamped to [0, 1]', () => {
		expect(combineRewards(100, 50)).toBeCloseTo(80);
		expect(combineRewards(100, 50, 0.25)).toBeCloseTo(62.5);
		expect(combineRewards(100, 50, 2)).toBe(100);
		expect(combineRewards(100, 50, -1)).toBe(50);
	});
});
