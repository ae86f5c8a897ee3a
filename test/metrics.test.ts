import {describe, expect, it} from 'vitest';
import {ChaosOpsEnv} from '../source/env/environment.js';
import {scenarioFor} from '../source/io/incidents.js';

describe('metrics recorder', () => {
	it('keeps the last snapshots of a ring buffer, oldest first', () => {
		const env = new ChaosOpsEnv({metricsCapacity: 4});
		env.reset(scenarioFor('memory_leak', {maxSteps: 20}));
		for (let i = 0; i < 6; i++) env.step({action_type: i % 2 === 0 ? 'noop' : 'escalate'});
		const snapshots = env.metrics.snapshots();
		expect(snapshots.map(s => s.step)).toEqual([3, 4, 5, 6]);
		expect(snapshots.at(-1)!.action_histogram).toMatchObject({noop: 3, escalate: 3, restart: 0});
		expect(snapshots.map(s => s.mttr_steps)).toEqual([3, 4, 5, 6]);
		expect(snapshots.at(-1)!.cumulative_reward).toBe(env.info().cumulative_reward);
	});

	// disk_full, because its drift is one a series can show: §8 adds 0.02 to db's error rate each unresolved step. (A
	// memory leak only grows memory, which the series do not hold: every one of them stays flat.)
	it("draws disk_full's db error rate creeping up 0.02 a step, latency flat, oldest first, in the series a sparkline reads", () => {
		const env = new ChaosOpsEnv({metricsCapacity: 4});
		env.reset(scenarioFor('disk_full', {maxSteps: 20}));
		const truth = [];
		for (let i = 0; i < 6; i++) {
			env.step({action_type: 'noop'});
			truth.push(env.state().services);
		}
		// Six steps in a buffer of four: steps 3 to 6, after the ring has wrapped.
		const db = env.metrics.series('db');
		expect(db).toEqual({latency_ms: truth.slice(-4).map(s => s['db']!.latency_ms), error_rate: truth.slice(-4).map(s => s['db']!.error_rate)});
		expect(db.error_rate.map(e => Math.round(e * 100))).toEqual([20, 22, 24, 26]);
		expect(db.latency_ms).toEqual([640, 640, 640, 640]);
		// The other services do not drift: each series is its own service's.
		for (const service of ['auth', 'payments', 'notifications'] as const) {
			expect(env.metrics.series(service)).toEqual({latency_ms: [45, 45, 45, 45], error_rate: [0.01, 0.01, 0.01, 0.01]});
		}
	});

	it('marks mttr as -1 once resolved and starts empty after a reset', () => {
		const env = new ChaosOpsEnv();
		env.reset(scenarioFor('db_deadlock'));
		env.step({action_type: 'restart', target: 'db'});
		expect(env.metrics.snapshots()).toMatchObject([{step: 1, mttr_steps: -1, wrong_fixes: 0, oversight_flag_count: 0}]);
		env.reset(scenarioFor('db_deadlock'));
		expect(env.metrics.snapshots()).toEqual([]);
	});
});
