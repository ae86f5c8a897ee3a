import {describe, expect, it} from 'vitest';
import {ChaosOpsEnv} from '../source/env/environment.js';
import {asWire, loadTraces, playedScenario} from './support/fixtures.js';

const actionCases = loadTraces().filter(c => c.kind === 'actions');

describe('environment parity with the reference (raw action cases)', () => {
	it('has the recorded action cases to replay', () => {
		expect(actionCases.length).toBe(420);
	});

	it.each(actionCases.map(c => [c.id, c] as const))('%s', (_id, trace) => {
		const env = new ChaosOpsEnv();
		expect(asWire(env.reset(playedScenario(trace)))).toEqual(trace.reset);
		for (const [index, step] of trace.steps.entries()) {
			const result = env.step(step.action as never);
			expect(asWire(result.observation), `step ${index} observation`).toEqual(step.observation);
			expect(asWire(result.breakdown), `step ${index} breakdown`).toEqual(step.breakdown);
			expect(asWire(result.info), `step ${index} info`).toEqual(step.info);
		}
	});
});
