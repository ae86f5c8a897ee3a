import {describe, expect, it} from 'vitest';
import {ChaosOpsEnv} from '../source/env/environment.js';
import {makeScenario} from '../source/env/scenario.js';

describe('metrics recorder', () => {
	it('keeps the last snapshots of a ring buffer, oldest first', () => {
		const env = new ChaosOpsEnv({metricsCapacity: 4});
		env.reset(makeScenario('memory_leak', {maxSteps: 20}));
		for (let i = 0; i < 6; i++) env.step({action_type: i % 2 === 0 ? 'noop' : 'escalate'});
		const snapshots = env.metrics.snapshots();
		expect(snapshots.map(s => s.step)).toEqual([3, 4, 5, 6]);
		expect(snapshots.at(-1)!.action_histogram).toMatchObject({noop: 3, escalate: 3, restart: 0});
		expect(snapshots.map(s => s.mttr_steps)).toEqual([3, 4, 5, 6]);
		expect(snapshots.at(-1)!.cumulative_reward).toBe(env.info().cumulative_reward);
	});

	it('draws the memory leak growing in the series a sparkline reads', () => {
		const env = new ChaosOpsEnv();
		env.reset(makeScenario('disk_full'));
		for (let i = 0; i < 3; i++) env.step({action_type: 'noop'});
		const {error_rate, latency_ms} = env.metrics.series('db');
		expect(error_rate.map(e => Math.round(e * 100))).toEqual([16, 18, 20]);
		expect(latency_ms).toEqual([640, 640, 640]);
	});

	it('marks mttr as -1 once resolved and starts empty after a reset', () => {
		const env = new ChaosOpsEnv();
		env.reset(makeScenario('db_deadlock'));
		env.step({action_type: 'restart', target: 'db'});
		expect(env.metrics.snapshots()).toMatchObject([{step: 1, mttr_steps: -1, wrong_fixes: 0, oversight_flag_count: 0}]);
		env.reset(makeScenario('db_deadlock'));
		expect(env.metrics.snapshots()).toEqual([]);
	});
});
