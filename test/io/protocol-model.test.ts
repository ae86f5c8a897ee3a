// The protocol's model operations (prompt, parse, score) against the reference's recorded outputs: every rendering
// of 120 episodes, the 16 parse cases and the 450 GRPO scores, through `chaosops env`'s session and its refusals.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import {describe, expect, it} from 'vitest';
import {ROLES} from '../../source/env/vocabulary.js';
import {JsonBytes} from '../../source/io/json-bytes.js';
import {promptsFolder} from '../../source/io/model/system-prompts.js';
import {ProtocolSession} from '../../source/io/protocol.js';
import {systemPromptsFrom} from '../../source/io/role-prompts.js';
import {expectOneLineRefusal, runCli} from '../support/cli.js';
import {fixturePath} from '../support/fixtures.js';

type Json = Record<string, any>;
type PromptCase = {id: string; scenario: Json; actions: Json[]; renders: string[]};
type ParseCase = {text: string; role: string; action: Json};
type ScoreCase = {scenario_json: string; action_history_json: string; role: string; completion: string; team_weight: number; reward: number};

const gunzipped = <T>(name: string): T => JSON.parse(zlib.gunzipSync(fs.readFileSync(fixturePath(name))).toString('utf8')) as T;
const promptCases = gunzipped<PromptCase[]>('prompts.json.gz');
const parseCases = JSON.parse(fs.readFileSync(fixturePath('parse.json'), 'utf8')) as ParseCase[];
const scoreCases = gunzipped<{scores: ScoreCase[]}>('dataset.json.gz').scores;

/** A folder of system prompts, one file per role with the text given. */
function promptsDir(text: (role: string) => string): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chaosops-prompts-'));
	for (const role of ROLES) fs.writeFileSync(path.join(dir, `${role}.md`), text(role));
	return dir;
}

/** A session answering requests one at a time: each reply parsed. */
function session(dir?: string) {
	const protocol = new ProtocolSession(undefined, error => {
		throw error;
	}, systemPromptsFrom(dir));
	const out = new JsonBytes();
	return (request: object): Json => {
		protocol.reply(JSON.stringify(request), out);
		return JSON.parse(out.take().toString('utf8')) as Json;
	};
}

const projectPrompt = (role: string) => fs.readFileSync(path.join(promptsFolder, `${role}.md`), 'utf8').trim();

describe('prompt', () => {
	it('renders every observation of the recorded episodes as the reference does (no system prompt: the prompt is the rendering)', () => {
		const ask = session(promptsDir(() => '\n'));
		for (const {id, scenario, actions, renders} of promptCases) {
			expect(ask({op: 'reset', scenario}).ok, id).toBe(true);
			for (const [index, render] of renders.entries()) {
				if (index > 0) expect(ask({op: 'step', action: actions[index - 1]}).ok, `${id} step ${index}`).toBe(true);
				expect(ask({op: 'prompt', id: index}), `${id} render ${index}`).toEqual({id: index, ok: true, prompt: render, messages: [{role: 'user', content: render}]});
			}
		}
	});

	it("puts the acting role's system prompt first: the project's, or another folder's", () => {
		const {scenario, actions, renders} = promptCases[0]!;
		for (const [dir, prompt] of [[undefined, projectPrompt], [promptsDir(role => `  You play ${role}.\n`), (role: string) => `You play ${role}.`]] as const) {
			const ask = session(dir);
			ask({op: 'reset', scenario});
			ask({op: 'step', action: actions[0]});
			const reply = ask({op: 'prompt'});
			const role = ask({op: 'legal_actions'})['role'] as string;
			expect(role).toBe('oversight');
			expect(reply).toEqual({
				ok: true,
				prompt: `${prompt(role)}\n\n${renders[1]}`,
				messages: [
					{role: 'system', content: prompt(role)},
					{role: 'user', content: renders[1]},
				],
			});
		}
	});

	it('needs an episode, and takes no fields', () => {
		const ask = session();
		expect(ask({op: 'prompt'})).toEqual({ok: false, error: 'no episode yet; reset first'});
		expect(ask({op: 'prompt', role: 'dev'})).toEqual({ok: false, error: 'prompt: has unknown key "role"; accepted: op, id'});
	});
});

describe('parse', () => {
	it('reads each recorded reply into the action the reference’s parser made of it', () => {
		const ask = session();
		expect(parseCases).toHaveLength(16);
		for (const {text, role, action} of parseCases) expect(ask({op: 'parse', text, role}), text).toEqual({ok: true, action});
	});

	it.each([
		[{op: 'parse', role: 'dev'}, 'parse: text is missing; expected a string'],
		[{op: 'parse', text: 5, role: 'dev'}, 'parse: text is 5; expected a string'],
		[{op: 'parse', text: '{}', role: 'cto'}, 'parse: role is "cto"; expected one of sre, dev, manager, oversight'],
	])('refuses %j', (request, error) => {
		expect(session()(request)).toEqual({ok: false, error});
	});
});

describe('score', () => {
	it('gives every recorded completion the reward the reference’s GRPO reward function gave it, exactly', () => {
		const ask = session();
		expect(scoreCases).toHaveLength(450);
		for (const {reward, ...request} of scoreCases) expect(ask({op: 'score', ...request}), request.completion).toEqual({ok: true, reward});
	});

	it.each([
		[{op: 'score', scenario_json: '{}', action_history_json: '[]', role: 'dev', completion: ''}, 'score: team_weight is missing; expected a number'],
		[{op: 'score', scenario_json: {}, action_history_json: '[]', role: 'dev', completion: '', team_weight: 0.5}, 'score: scenario_json is an object; expected a string'],
	])('refuses %j', (request, error) => {
		expect(session()(request)).toEqual({ok: false, error});
	});
});

describe('chaosops env --system-prompts', () => {
	it('renders with the prompts of the folder given', () => {
		const dir = promptsDir(role => `Prompt of ${role}.`);
		const scenario = promptCases[0]!.scenario;
		const run = runCli(['env', '--system-prompts', dir], `${JSON.stringify({op: 'reset', scenario})}\n{"op":"prompt"}\n`);
		expect(run.status).toBe(0);
		const reply = JSON.parse(run.stdout.trimEnd().split('\n')[1]!) as Json;
		expect(reply['prompt']).toBe(`Prompt of sre.\n\n${promptCases[0]!.renders[0]}`);
	});

	it('refuses a folder that lacks a prompt, naming the file', () => {
		const dir = promptsDir(() => 'x');
		fs.rmSync(path.join(dir, 'dev.md'));
		const run = runCli(['env', '--system-prompts', dir], '');
		expect(run.status).toBe(2);
		expect(run.stdout).toBe('');
		expect(run.stderr).toContain(path.join(dir, 'dev.md'));
	});

	it('refuses the flag without a value', () => {
		expectOneLineRefusal(runCli(['env', '--system-prompts'], ''), /^chaosops: --system-prompts needs a value/);
	});
});
