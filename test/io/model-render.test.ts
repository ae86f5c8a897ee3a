// The rendering a model reads, against the reference's own for 120 episodes (test/fixtures/prompts.json.gz).
import fs from 'node:fs';
import zlib from 'node:zlib';
import {describe, expect, it} from 'vitest';
import {ChaosOpsEnv} from '../../source/env/environment.js';
import type {Observation} from '../../source/env/types.js';
import {scenarioOf} from '../../source/io/protocol.js';
import {buildPrompt, chatMessages, renderObservation} from '../../source/io/model/render.js';
import {fixturePath} from '../support/fixtures.js';

type PromptCase = {id: string; scenario: any; actions: Array<Record<string, unknown>>; renders: string[]};

const cases = JSON.parse(zlib.gunzipSync(fs.readFileSync(fixturePath('prompts.json.gz'))).toString('utf8')) as PromptCase[];

/** Every observation of the case's episode: the reset's, then each step's. */
function observations({scenario, actions}: PromptCase): Observation[] {
	const env = new ChaosOpsEnv({recordMetrics: false});
	return [env.reset(scenarioOf(scenario)), ...actions.map(action => env.step(action as never).observation)];
}

describe('renderObservation, as the reference renders', () => {
	it('has the 120 recorded episodes', () => {
		expect(cases).toHaveLength(120);
	});

	it.each(cases.map(c => [c.id, c] as const))('%s', (_id, recorded) => {
		expect(observations(recorded).map(renderObservation)).toEqual(recorded.renders);
	});
});

describe('prompts and chat messages', () => {
	const [observation] = observations(cases[0]!);
	const rendering = renderObservation(observation!);

	it('puts the system prompt, a blank line, then the rendering', () => {
		expect(buildPrompt(observation!, 'You are the SRE.')).toBe(`You are the SRE.\n\n${rendering}`);
	});

	it('is the rendering alone without a prompt, or with an empty one', () => {
		expect(buildPrompt(observation!, null)).toBe(rendering);
		expect(buildPrompt(observation!, '')).toBe(rendering);
	});

	it('sends the prompt as the system message and the rendering as the user message', () => {
		expect(chatMessages(observation!, 'Be brief.')).toEqual([
			{role: 'system', content: 'Be brief.'},
			{role: 'user', content: rendering},
		]);
		expect(chatMessages(observation!, null)).toEqual([{role: 'user', content: rendering}]);
	});

	it('ends with the two lines telling the model how to answer, and no newline', () => {
		expect(rendering.split('\n').slice(-2)).toEqual([
			'RESPOND with JSON only: {"action_type": "<type>", "target": "<service|agent>", "args": {...}}',
			'For private messages use args.to="sre|dev|manager|oversight"; default communicate broadcasts to all roles.',
		]);
		expect(rendering.endsWith('\n')).toBe(false);
	});
});
