import {describe, expect, it} from 'vitest';
import {type PolicyMap, buildSeats, runEpisode, runEpisodeAsync} from '../source/agents/runner.js';
import {asWire, loadTraces, playedScenario} from './support/fixtures.js';

const policyCases = loadTraces().filter(c => c.kind === 'policy');

describe('runner parity with the reference (policy-driven cases)', () => {
	it('has the recorded policy cases to replay', () => {
		expect(policyCases.length).toBe(243);
	});

	it.each(policyCases.map(c => [c.id, c] as const))('%s', (_id, trace) => {
		const seats = buildSeats(trace.policies as PolicyMap, playedScenario(trace), trace.policy_seed);
		const {steps, result} = runEpisode(playedScenario(trace), seats);
		expect(steps).toHaveLength(trace.steps.length);
		let seen = trace.reset;
		for (const [index, step] of steps.entries()) {
			const expected = trace.steps[index]!;
			expect(asWire(step.observation), `turn ${index}: what the role saw`).toEqual(seen);
			expect({turn: step.turn, role: step.role, action: asWire(step.action), reward: step.reward}).toEqual({
				turn: expected.turn,
				role: expected.role,
				action: expected.action,
				reward: expected.reward,
			});
			expect(asWire(step.next), `turn ${index} observation`).toEqual(expected.observation);
			expect(asWire(step.breakdown), `turn ${index} breakdown`).toEqual(expected.breakdown);
			expect(asWire(step.info), `turn ${index} info`).toEqual(expected.info);
			seen = expected.observation;
		}
		expect(asWire(result)).toEqual(trace.result);
	});

	it('gives the same trajectory through the asynchronous path', async () => {
		for (const trace of policyCases.filter((_, index) => index % 9 === 0)) {
			const seats = () => buildSeats(trace.policies as PolicyMap, playedScenario(trace), trace.policy_seed);
			const sync = runEpisode(playedScenario(trace), seats());
			const deferred = Object.fromEntries(
				Object.entries(seats()).map(([role, policy]) => [
					role,
					{name: policy.name, act: (o: never, r: never) => Promise.resolve(policy.act(o, r))},
				]),
			);
			const later = await runEpisodeAsync(playedScenario(trace), deferred);
			// The same steps; only how long each decision was pending differs.
			const untimed = (steps: typeof sync.steps) => asWire(steps.map(({decisionMs: _decisionMs, ...step}) => step));
			expect(untimed(later.steps)).toEqual(untimed(sync.steps));
			expect(later.steps.every(step => step.decisionMs >= 0)).toBe(true);
			expect(later.result).toEqual(sync.result);
		}
	});
});
