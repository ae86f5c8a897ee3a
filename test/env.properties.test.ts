import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {ActionRejected} from '../source/env/action.js';
import {ChaosOpsEnv} from '../source/env/environment.js';
import {EnvError} from '../source/env/errors.js';
import {scenarioFor} from '../source/io/incidents.js';
import type {ActionRequest, Observation, ServiceMetrics} from '../source/env/types.js';
import {ACTION_TYPES, DIFFICULTIES, ROLES} from '../source/env/vocabulary.js';
import {REFERENCE_INCIDENTS} from '../source/io/incidents.js';

const SERVICES = ['auth', 'payments', 'notifications', 'db', 'autoscaler', 'load_balancer', 'deploy_bot'] as const;

const text = fc.oneof(fc.constantFrom('', '  ', 'db is the culprit', 'resolved', 'all healthy'), fc.string({maxLength: 12}));
const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, {nil: undefined});

const actionRequest: fc.Arbitrary<Record<string, unknown>> = fc.record(
	{
		action_type: fc.oneof({weight: 9, arbitrary: fc.constantFrom(...ACTION_TYPES)}, fc.constantFrom('reboot', '', 'NOOP')),
		role: maybe(fc.constantFrom(...ROLES)),
		target: maybe(fc.oneof(fc.constantFrom(...SERVICES, 'DB', 'cache', ''), fc.constant(null), fc.string({maxLength: 8}))),
		args: maybe(
			fc.record(
				{
					message: maybe(text),
					to: maybe(fc.constantFrom('all', 'dev', ' Oversight ', 'SRE', 'manager', 'ceo', '')),
					replicas: maybe(fc.oneof(fc.integer({min: -2, max: 6}), fc.constantFrom('4', ' 2 ', 'x', '2.5', 2.5, null))),
					failure_type: maybe(fc.constantFrom(...REFERENCE_INCIDENTS, 'bogus', '')),
					agent_name: maybe(fc.constantFrom('autoscaler', 'load_balancer', 'deploy_bot', 'payments', '', 'x')),
				},
				{requiredKeys: []},
			),
		),
	},
	{requiredKeys: ['action_type']},
);

const scenario = fc
	.record({
		failure: fc.constantFrom(...REFERENCE_INCIDENTS),
		difficulty: fc.constantFrom(...DIFFICULTIES),
		seed: fc.integer({min: -1_000_000, max: 1_000_000}),
		maxSteps: fc.integer({min: 1, max: 30}),
	})
	.map(({failure, difficulty, seed, maxSteps}) => scenarioFor(failure, {difficulty, seed, maxSteps}));

type Trajectory = {observations: string[]; rewards: number[]; refused: number; final: unknown};

/** Plays the requests in order, refused ones included; returns everything a client could have seen. */
function play(scenarioValue: ReturnType<typeof scenarioFor>, requests: Array<Record<string, unknown>>): Trajectory {
	const env = new ChaosOpsEnv({episodeId: () => 'episode'});
	const observations = [JSON.stringify(env.reset(scenarioValue))];
	const rewards: number[] = [];
	let refused = 0;
	for (const request of requests) {
		try {
			const {observation, breakdown} = env.step(request as ActionRequest);
			observations.push(JSON.stringify(observation));
			rewards.push(breakdown.total);
		} catch (error) {
			if (!(error instanceof EnvError)) throw error;
			refused++;
		}
	}
	return {observations, rewards, refused, final: env.state()};
}

const inBounds = (metrics: ServiceMetrics) =>
	metrics.cpu_pct >= 0 &&
	metrics.cpu_pct <= 100 &&
	metrics.memory_mb >= 0 &&
	metrics.memory_mb <= 4096 &&
	metrics.latency_ms >= 0 &&
	metrics.error_rate >= 0 &&
	metrics.error_rate <= 1 &&
	Number.isInteger(metrics.replicas) &&
	metrics.replicas >= 0;

describe('environment properties', () => {
	it('never throws anything but a refusal, and a refusal changes nothing', () => {
		fc.assert(
			fc.property(scenario, fc.array(actionRequest, {maxLength: 40}), (scenarioValue, requests) => {
				const env = new ChaosOpsEnv({episodeId: () => 'episode'});
				env.reset(scenarioValue);
				for (const request of requests) {
					const before = env.state();
					const role = env.currentRole;
					try {
						env.step(request as ActionRequest);
					} catch (error) {
						expect(error).toBeInstanceOf(EnvError);
						expect(env.state()).toEqual(before);
						expect(env.currentRole).toBe(role);
					}
				}
			}),
			{numRuns: 1500},
		);
	});

	it('keeps every metric and counter in bounds and the reward streams consistent', () => {
		fc.assert(
			fc.property(scenario, fc.array(actionRequest, {maxLength: 40}), (scenarioValue, requests) => {
				const env = new ChaosOpsEnv();
				env.reset(scenarioValue);
				let cumulative = 0;
				for (const request of requests) {
					if (env.done) break;
					let result;
					try {
						result = env.step(request as ActionRequest);
					} catch (error) {
						expect(error).toBeInstanceOf(ActionRejected);
						continue;
					}
					const {breakdown, info, observation} = result;
					expect(breakdown.total).toBe(breakdown.team_reward + breakdown.rogue_caught_bonus + breakdown.rogue_false_positive_penalty);
					cumulative += breakdown.total;
					if (observation.done && !info.resolved) cumulative -= 60;
					expect(info.cumulative_reward).toBe(cumulative);
					const state = env.state();
					expect(Object.values(state.services).every(inBounds)).toBe(true);
					expect(state.step_count).toBeLessThanOrEqual(scenarioValue.max_steps);
					expect(state.wrong_fixes).toBeGreaterThanOrEqual(0);
					expect(state.miscommunications).toBeGreaterThanOrEqual(0);
					expect(observation.view.shared_chat.length).toBeLessThanOrEqual(8);
					expect(observation.view.private_inbox.length).toBeLessThanOrEqual(8);
					expect(observation.view.visible_logs.length).toBeLessThanOrEqual(6);
					expect(observation.done).toBe(info.resolved || info.step_count >= scenarioValue.max_steps);
				}
			}),
			{numRuns: 1500},
		);
	});

	it('gives the same trajectory for the same seed and actions', () => {
		fc.assert(
			fc.property(scenario, fc.array(actionRequest, {maxLength: 30}), (scenarioValue, requests) => {
				expect(play(scenarioValue, requests)).toEqual(play(scenarioValue, requests));
			}),
			{numRuns: 500},
		);
	});

	it('hands out observations that later steps never change', () => {
		fc.assert(
			fc.property(scenario, fc.array(actionRequest, {maxLength: 30}), (scenarioValue, requests) => {
				const env = new ChaosOpsEnv();
				const kept: Array<{observation: Observation; asSeen: string}> = [];
				const keep = (observation: Observation) => kept.push({observation, asSeen: JSON.stringify(observation)});
				keep(env.reset(scenarioValue));
				for (const request of requests) {
					if (env.done) break;
					try {
						keep(env.step(request as ActionRequest).observation);
					} catch {
						// refused: nothing handed out
					}
				}
				for (const {observation, asSeen} of kept) expect(JSON.stringify(observation)).toBe(asSeen);
			}),
			{numRuns: 500},
		);
	});
});

describe('environment refusals', () => {
	const scenarioValue = scenarioFor('db_deadlock', {seed: 1, maxSteps: 2});

	it('refuses a step before reset', () => {
		expect(() => new ChaosOpsEnv().step({action_type: 'noop'})).toThrow(/reset first/);
	});

	it('refuses a step after the episode is over, without charging anything', () => {
		const env = new ChaosOpsEnv();
		env.reset(scenarioValue);
		env.step({action_type: 'noop'});
		expect(env.step({action_type: 'noop'}).observation.done).toBe(true);
		const before = env.state();
		expect(() => env.step({action_type: 'noop'})).toThrow(/episode is over/);
		expect(env.state()).toEqual(before);
		expect(before.cumulative_reward).toBe(-2 - 4 - 60);
	});

	it.each([
		[{action_type: 'reboot'}, /unknown action_type "reboot"/],
		[{action_type: 'scale', target: 'db', args: {replicas: 'two'}}, /replicas must be an integer/],
		[{action_type: 'scale', target: 'db', args: {replicas: 2.5}}, /replicas must be an integer/],
		[{action_type: 'communicate', args: {message: 5}}, /message must be a string/],
		[{action_type: 'restart', target: 3}, /target must be a string/],
	])('refuses %j', (request, message) => {
		const env = new ChaosOpsEnv();
		env.reset(scenarioValue);
		expect(() => env.step(request as never)).toThrow(message);
		expect(env.state().step_count).toBe(0);
	});

	it('takes an integer-valued string for replicas, as the reference does', () => {
		const env = new ChaosOpsEnv();
		env.reset(scenarioFor('disk_full'));
		const {observation} = env.step({action_type: 'scale', target: 'db', args: {replicas: ' 2 '}});
		expect(observation.message).toBe('SRE: scale | -> db | \u2713 incident resolved');
	});
});

describe('legal actions', () => {
	it('offers flag_rogue to oversight only and resolve to the manager only', () => {
		const env = new ChaosOpsEnv();
		expect(env.legalActions('sre')).toEqual(['noop', 'communicate', 'restart', 'rollback', 'scale', 'identify_root_cause', 'escalate']);
		expect(env.legalActions('oversight')).toContain('flag_rogue');
		expect(env.legalActions('oversight')).not.toContain('resolve');
		expect(env.legalActions('manager')).toContain('resolve');
		expect(env.legalActions('manager')).not.toContain('flag_rogue');
	});
});
