// The batch path: seats whose policies decide blind (random, oracle, noop) are played without observations when
// nobody watches. It must play exactly the episode the watched path plays.
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {POLICY_FACTORIES, type PolicyName} from '../source/agents/policies.js';
import {Episode, buildSeats, type EpisodeStep, type PolicyMap} from '../source/agents/runner.js';
import {ChaosOpsEnv} from '../source/env/environment.js';
import type {ActionRequest} from '../source/env/types.js';
import {ROLES} from '../source/env/vocabulary.js';
import {builtInIncidentNames, scenarioFor} from '../source/io/incidents.js';

const BLIND: readonly PolicyName[] = ['random', 'oracle', 'noop'];
const ANY: readonly PolicyName[] = [...BLIND, 'heuristic', 'teammate'];

const arbitraryPlay = fc.record({
	incident: fc.constantFrom(...builtInIncidentNames()),
	difficulty: fc.constantFrom('easy', 'medium', 'hard' as const),
	seed: fc.integer({min: 0, max: 2 ** 40}),
	scoring: fc.constantFrom('reference', 'drill' as const),
	seats: fc.tuple(...ROLES.map(() => fc.constantFrom(...ANY))),
});

type Play = typeof arbitraryPlay extends fc.Arbitrary<infer T> ? T : never;

function played({incident, difficulty, seed, scoring, seats}: Play, watched: boolean) {
	const scenario = {...scenarioFor(incident, {difficulty, seed}), scoring};
	const policies: PolicyMap = Object.fromEntries(ROLES.map((role, index) => [role, seats[index]!]));
	const env = new ChaosOpsEnv({episodeId: () => 'episode'});
	const episode = new Episode(scenario, buildSeats(policies, scenario), {env});
	const steps: EpisodeStep[] = [];
	if (watched) episode.subscribe(event => event.kind === 'step' && steps.push(event.step));
	const result = episode.play();
	return {result, observation: episode.observation, state: env.state(), turn: episode.turn, steps};
}

describe('the batch path', () => {
	it('plays the episode the watched path plays: the same result, last observation and ground truth', () => {
		fc.assert(
			fc.property(arbitraryPlay, play => {
				const {steps, ...watched} = played(play, true);
				const {steps: none, ...batch} = played(play, false);
				expect(none).toEqual([]);
				expect(batch).toEqual(watched);
				expect(steps.length).toBe(watched.turn);
			}),
			{numRuns: 150},
		);
	});

	it("gives, for each blind policy, the action act() would have given, normalised, moving the policy alike", () => {
		const scenario = scenarioFor('cascade', {difficulty: 'hard', seed: 11});
		const env = new ChaosOpsEnv();
		const observation = env.reset(scenario);
		for (const name of BLIND) {
			const asked = POLICY_FACTORIES[name]({seed: 11, scenario});
			const blind = POLICY_FACTORIES[name]({seed: 11, scenario});
			for (let turn = 0; turn < 60; turn++) {
				const role = ROLES[turn % ROLES.length]!;
				const request = asked.act(observation, role) as ActionRequest;
				const action = blind.blind!(role)();
				expect(action, `${name}, turn ${turn}`).toEqual({role, action_type: request.action_type, target: request.target ?? null, args: request.args ?? {}});
			}
		}
	});

	it('builds an observation only when asked: the environment steps on without one', () => {
		const scenario = scenarioFor('db_deadlock', {seed: 2});
		const stepped = new ChaosOpsEnv({episodeId: () => 'e'});
		const advanced = new ChaosOpsEnv({episodeId: () => 'e'});
		stepped.reset(scenario);
		advanced.begin(scenario);
		const line = [
			{action_type: 'restart', target: 'auth'},
			{action_type: 'noop'},
			{action_type: 'communicate', args: {message: 'on it', to: 'dev'}},
			{action_type: 'scale', target: 'payments', args: {replicas: 2}},
			{action_type: 'identify_root_cause', args: {failure_type: 'db_deadlock'}},
		] as const;
		for (const [index, request] of line.entries()) {
			const {observation, action} = stepped.step(request);
			advanced.advance(action);
			expect(advanced.observation(), `after step ${index + 1}`).toEqual(observation);
		}
		expect(advanced.state()).toEqual(stepped.state());
	});
});
