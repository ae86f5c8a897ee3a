// LLM seats against a stand-in OpenAI-compatible server on loopback: what chaosops asks (the model, the key, the
// system prompt and the rendering, the reminder on a retry, the tool) and what it plays of each kind of answer.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {heuristicPolicy} from '../../source/agents/policies.js';
import {Episode} from '../../source/agents/runner.js';
import {modelSeat} from '../../source/net/model-seat.js';
import {scenarioFor} from '../../source/io/incidents.js';
import {ACTION_TOOL} from '../../source/io/model/action-schema.js';
import {RETRY_REMINDER} from '../../source/io/model/retry.js';
import {loadSystemPrompts} from '../../source/io/model/system-prompts.js';
import {type CannedAnswer, type ChatRequest, type ChatServer, chatServer} from '../support/chat-server.js';
import {expectOneLineRefusal, runCli, runCliAsync} from '../support/cli.js';

const KEY = 'sk-test-not-a-real-key-7f3a';
const MODEL = 'stand-in-model';
const RESTART_DB = '{"action_type": "restart", "target": "db"}';
const ROOT_CAUSE = '{"action_type": "identify_root_cause", "args": {"failure_type": "db_deadlock"}}';
const SAY = '{"action_type": "communicate", "args": {"message": "looking at the db"}}';

let server: ChatServer | null = null;
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'chaosops-llm-'));

afterEach(async () => {
	await server?.close();
	server = null;
});

type Step = {role: string; by: string; action: {action_type: string; target: string | null; args: Record<string, unknown>}; agent?: {source: string; replies: string[]; notice: string | null}};

/** `run` with the SRE's seat the model's (the others noop unless `extra` says), as JSON; the key in the environment. */
async function runWithModel(answer: (request: ChatRequest, index: number) => CannedAnswer, extra: string[] = []) {
	server = await chatServer(answer);
	const run = await runCliAsync(
		['run', '--scenario', 'db_deadlock', '--policy', 'sre=llm', '--llm-model', MODEL, '--llm-base-url', server.baseUrl, '--format', 'json', ...extra],
		'',
		{CHAOSOPS_LLM_API_KEY: KEY},
	);
	expect(run.stderr).toBe('');
	expect(run.status).toBe(0);
	expect(run.stdout).not.toContain(KEY);
	const steps = (JSON.parse(run.stdout) as {steps: Step[]}).steps;
	return {steps, sre: steps.filter(step => step.role === 'sre'), requests: server.requests};
}

describe('an llm seat', () => {
	it('asks the endpoint with the model, the key, the role prompt and the rendering, and plays the action replied', async () => {
		const {steps, requests} = await runWithModel(() => ({content: ROOT_CAUSE}), ['--max-steps', '1']);
		expect(steps[0]).toMatchObject({role: 'sre', by: 'llm', action: {action_type: 'identify_root_cause', args: {failure_type: 'db_deadlock'}}});
		expect(steps[0]!.agent).toEqual({source: MODEL, replies: [ROOT_CAUSE], notice: null});
		expect(requests).toHaveLength(1);
		const [request] = requests;
		expect(request!.url).toBe('/v1/chat/completions');
		expect(request!.authorization).toBe(`Bearer ${KEY}`);
		expect(request!.body.model).toBe(MODEL);
		expect(request!.body.messages).toHaveLength(2);
		expect(request!.body.messages[0]).toEqual({role: 'system', content: loadSystemPrompts().sre});
		expect(request!.body.messages[1]!.role).toBe('user');
		expect(request!.body.messages[1]!.content).toMatch(/^STEP 0\nROLE SRE\n/);
		expect(request!.body.tools).toEqual([ACTION_TOOL]);
	});

	it.each([
		['a fenced block', 'Here is my move:\n```json\n' + RESTART_DB + '\n```\nGood luck.'],
		['JSON among chatter', `The db looks stuck. ${RESTART_DB} — that should clear the locks.`],
		['a tool call', null],
	])('plays the action in %s', async (_what, content) => {
		const {sre} = await runWithModel(() => (content === null ? {toolArguments: RESTART_DB} : {content}), ['--max-steps', '1']);
		expect(sre[0]!.action).toMatchObject({action_type: 'restart', target: 'db'});
		expect(sre[0]!.agent!.notice).toBeNull();
	});

	it('asks again after garbage, with the reminder and what it said, and plays the second reply', async () => {
		const {sre, requests} = await runWithModel((_request, index) => (index === 0 ? {content: 'I am not sure what to do.'} : {content: RESTART_DB}), ['--max-steps', '1']);
		expect(sre[0]!.action).toMatchObject({action_type: 'restart', target: 'db'});
		expect(sre[0]!.agent!.replies).toEqual(['I am not sure what to do.', RESTART_DB]);
		expect(sre[0]!.agent!.notice).toMatch(/held no JSON action/);
		expect(requests).toHaveLength(2);
		const retried = requests[1]!.body.messages.at(-1)!.content;
		expect(retried.startsWith(requests[0]!.body.messages.at(-1)!.content)).toBe(true);
		expect(retried).toContain(`\n\n${RETRY_REMINDER}\n\nPrevious output:\nI am not sure what to do.`);
	});

	it('falls back to noop with a notice on a 500, after three attempts, and the episode goes on', async () => {
		// A server that echoes the request's headers: the key stays out of the notice all the same.
		const {steps, sre, requests} = await runWithModel(request => ({status: 500, raw: JSON.stringify({error: 'overloaded', authorization: request.authorization})}), [
			'--max-steps',
			'2',
			'--teammates',
			'heuristic',
		]);
		expect(sre[0]!.action.action_type).toBe('noop');
		expect(sre[0]!.agent!.replies).toEqual([]);
		expect(sre[0]!.agent!.notice).toMatch(/HTTP 500.*Bearer \[the key\].*; noop$/);
		expect(requests).toHaveLength(3);
		expect(steps).toHaveLength(2);
	});

	it('gives up on a server that does not answer within --llm-timeout', async () => {
		const {sre} = await runWithModel(() => 'hang', ['--max-steps', '1', '--llm-timeout', '0.2']);
		expect(sre[0]!.action.action_type).toBe('noop');
		expect(sre[0]!.agent!.notice).toMatch(/no answer from .* within 0\.2s/);
	});

	it('asks without tools once the server refuses them, for the rest of the episode', async () => {
		const {sre, requests} = await runWithModel(
			request => (request.body.tools === undefined ? {content: SAY} : {status: 400, raw: '{"error": {"message": "tools are not supported"}}'}),
			['--max-steps', '5'],
		);
		expect(sre.map(step => step.action.action_type)).toEqual(['communicate', 'communicate']);
		expect(requests.map(request => request.body.tools === undefined)).toEqual([false, true, true]);
	});

	it('says so when the endpoint refuses the connection', async () => {
		const closed = await chatServer(() => ({content: SAY}));
		await closed.close();
		const run = await runCliAsync(['run', '--scenario', 'db_deadlock', '--policy', 'sre=llm', '--llm-model', MODEL, '--llm-base-url', closed.baseUrl, '--max-steps', '1', '--format', 'json']);
		const [step] = (JSON.parse(run.stdout) as {steps: Step[]}).steps;
		expect(step!.action.action_type).toBe('noop');
		expect(step!.agent!.notice).toMatch(/cannot reach http:\/\/127\.0\.0\.1:\d+\/v1\/chat\/completions: connection refused/);
	});

	it('is recorded with its replies, never its key, and replays without the server', async () => {
		const recording = path.join(folder, 'llm.jsonl');
		const {sre} = await runWithModel(() => ({content: RESTART_DB}), ['--record', recording, '--teammates', 'heuristic']);
		const text = fs.readFileSync(recording, 'utf8');
		expect(text).not.toContain(KEY);
		expect(JSON.parse(text.split('\n')[0]!).policies.sre).toEqual({kind: 'llm'});
		await server!.close();
		server = null;
		const json = runCli(['replay', recording, '--format', 'json']);
		expect(json.status).toBe(0);
		const replayed = JSON.parse(json.stdout) as {steps: Step[]; disagreement: string | null};
		expect(replayed.disagreement).toBeNull();
		expect(replayed.steps.filter(step => step.role === 'sre').map(step => step.agent)).toEqual(sre.map(step => step.agent));
		const transcript = runCli(['replay', recording, '--format', 'text']);
		expect(transcript.status).toBe(0);
		expect(transcript.stdout).toContain(`        reply 1 from ${MODEL}: ${RESTART_DB}`);
	});

	it('plays in eval and lab, one seat the model, the others the policies evaluated', async () => {
		server = await chatServer(() => ({content: ROOT_CAUSE}));
		const common = ['--policy', 'sre=llm', '--teammates', 'heuristic', '--llm-model', MODEL, '--llm-base-url', server.baseUrl];
		const json = path.join(folder, 'eval.json');
		const evaluation = await runCliAsync(['eval', '--scenario', 'db_deadlock', '--episodes-per-type', '2', ...common, '--json', json], '', {OPENAI_API_KEY: KEY});
		expect(evaluation.stderr).toBe('');
		expect(evaluation.status).toBe(0);
		const rows = (JSON.parse(fs.readFileSync(json, 'utf8')) as {per_episode: Array<{seed: number; resolved: boolean}>}).per_episode;
		expect(rows.map(row => row.seed)).toEqual([0, 31]);
		const asked = server.requests.length;
		expect(asked).toBeGreaterThanOrEqual(2);
		expect(server.requests.every(request => request.authorization === `Bearer ${KEY}`)).toBe(true);
		const lab = await runCliAsync(['lab', '--scenario', 'db_deadlock', '--seeds', '0..1', ...common]);
		expect(lab.status).toBe(0);
		expect(lab.stdout).toMatch(/heuristic/);
		expect(server.requests.length).toBeGreaterThan(asked);
		expect(server.requests.at(-1)!.authorization).toBeUndefined();
	});

	it('withdraws its request when its seat is taken over, and the new holder plays the turn', async () => {
		server = await chatServer(() => 'hang');
		const scenario = scenarioFor('db_deadlock', {});
		const seat = modelSeat({endpoint: {baseUrl: server.baseUrl, model: MODEL, apiKey: null, timeoutMs: 60_000}, systemPrompts: loadSystemPrompts(), failureTypes: scenario.incident.rootCauses});
		const episode = new Episode(scenario, {sre: seat});
		const steps: string[] = [];
		episode.subscribe(event => event.kind === 'step' && steps.push(`${event.step.role}:${event.step.by}`));
		const played = episode.play();
		expect(episode.pending).toMatchObject({role: 'sre', by: 'llm', title: MODEL});
		await vi.waitFor(() => expect(server!.requests).toHaveLength(1));
		episode.seat('sre', heuristicPolicy(0, []));
		await vi.waitFor(() => expect(server!.withdrawn()).toBe(1));
		expect(steps[0]).toBe('sre:heuristic');
		await played;
		expect(server.requests).toHaveLength(1);
	});

	it('needs --llm-model', () => {
		expectOneLineRefusal(runCli(['run', '--scenario', 'starter', '--policy', 'sre=llm']), /^chaosops: an llm seat needs --llm-model NAME/);
	});
});
