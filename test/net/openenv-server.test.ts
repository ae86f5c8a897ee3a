// `chaosops serve`'s server over real HTTP and WebSocket on loopback, in this process: the reference's recorded
// episodes replayed through it, several WebSocket sessions at once, and every kind of refusal.
import net from 'node:net';
import WebSocket from 'ws';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {ACTION_TYPES} from '../../source/env/vocabulary.js';
import {JsonBytes} from '../../source/io/json-bytes.js';
import {observationSchema, stateSchema} from '../../source/io/observation-schema.js';
import {ProtocolSession} from '../../source/io/protocol.js';
import {resolveScenario} from '../../source/io/scenarios.js';
import {type OpenEnvServer, SERVE_LIMITS, serveOpenEnv} from '../../source/net/openenv-server.js';
import {type TraceCase, loadTraces} from '../support/fixtures.js';

type Json = Record<string, any>;

let server: OpenEnvServer;
let base: string;
const bugs: unknown[] = [];

beforeAll(async () => {
	server = await serveOpenEnv({host: '127.0.0.1', port: 0, onBug: error => bugs.push(error)});
	base = `http://127.0.0.1:${server.port}`;
});
afterAll(async () => {
	await server.close();
	expect(bugs).toEqual([]);
});

async function http(path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST'): Promise<{status: number; json: Json}> {
	const response = await fetch(`${base}${path}`, {method, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body)});
	return {status: response.status, json: (await response.json()) as Json};
}

/** A recorded observation as OpenEnv's server shapes it: done and reward beside the rest. */
const openEnvShape = ({done, reward, ...observation}: Json) => ({observation, reward, done});

/** The protocol's reply to one request line, to hold the server's refusals to its words. */
function protocolError(...lines: object[]): string {
	const session = new ProtocolSession();
	const out = new JsonBytes();
	for (const line of lines) session.reply(JSON.stringify(line), out);
	const replies = out.take().toString('utf8').trimEnd().split('\n').map(line => JSON.parse(line) as Json);
	const last = replies.at(-1)!;
	expect(last['ok']).toBe(false);
	return last['error'] as string;
}

/** A WebSocket client that answers each message with the next reply. */
type Client = {ask(message: unknown): Promise<Json>; sendRaw(text: string): Promise<Json>; readonly closed: Promise<number>; close(): void};

function connect(url = `ws://127.0.0.1:${server.port}/ws`): Promise<Client> {
	const socket = new WebSocket(url);
	const replies: Json[] = [];
	const waiting: Array<(reply: Json) => void> = [];
	socket.on('message', data => {
		const reply = JSON.parse(data.toString()) as Json;
		const wake = waiting.shift();
		if (wake === undefined) replies.push(reply);
		else wake(reply);
	});
	const closed = new Promise<number>(resolve => socket.on('close', code => resolve(code)));
	const next = () => new Promise<Json>(resolve => (replies.length > 0 ? resolve(replies.shift()!) : waiting.push(resolve)));
	const sendRaw = (text: string) => {
		socket.send(text);
		return next();
	};
	return new Promise((resolve, reject) => {
		socket.once('error', reject);
		socket.once('open', () => resolve({ask: message => sendRaw(JSON.stringify(message)), sendRaw, closed, close: () => socket.close()}));
	});
}

describe('serve over HTTP: the reference episodes', () => {
	it('replays every recorded episode through POST /reset and /step, observation, reward and done as recorded', async () => {
		for (const trace of loadTraces()) {
			const reset = await http('/reset', {scenario: trace.scenario});
			expect(reset, `${trace.id} reset`).toEqual({status: 200, json: openEnvShape(trace.reset)});
			for (const [turn, step] of trace.steps.entries()) {
				const reply = await http('/step', {action: step.action});
				expect(reply, `${trace.id} step ${turn}`).toEqual({status: 200, json: {...openEnvShape(step.observation), breakdown: step.breakdown, info: step.info}});
			}
		}
	});

	it('reports the ground truth of the episode the HTTP endpoints share, which the schema describes', async () => {
		const trace = loadTraces()[0]!;
		await http('/reset', {scenario: trace.scenario, episode_id: 'run-7'});
		for (const step of trace.steps) await http('/step', {action: step.action});
		const {status, json} = await http('/state');
		expect(status).toBe(200);
		expect(json).toMatchObject({episode_id: 'run-7', step_count: trace.steps.length, failure_type: trace.scenario.failure_type, resolved: trace.steps.at(-1)!.info['resolved']});
		expect(stateSchema.safeParse(json).success).toBe(true);
	});
});

describe('serve over HTTP: resets', () => {
	it('plays the reference server’s default scenario for an empty body, with the seed given', async () => {
		const protocolReset = (seed: number) => {
			const session = new ProtocolSession();
			const out = new JsonBytes();
			session.reply(JSON.stringify({op: 'reset', scenario: {failure_type: 'db_deadlock', difficulty: 'easy', seed}}), out);
			return openEnvShape(JSON.parse(out.take().toString('utf8')).observation);
		};
		const empty = await fetch(`${base}/reset`, {method: 'POST'});
		expect(await empty.json()).toEqual(protocolReset(0));
		expect((await http('/reset', {})).json).toEqual(protocolReset(0));
		expect((await http('/reset', {seed: 11})).json).toEqual(protocolReset(11));
		expect((await http('/state')).json).toMatchObject({failure_type: 'db_deadlock', difficulty: 'easy', max_steps: 20});
	});

	it('takes a preset or a built-in incident by name, as --scenario does, with the seed given', async () => {
		const named = (await http('/reset', {scenario: 'cascade-night-shift', seed: 4})).json;
		const {scenario} = resolveScenario('cascade-night-shift', {seed: 4});
		expect((await http('/state')).json).toMatchObject({failure_type: scenario.failure_type, difficulty: scenario.difficulty, max_steps: scenario.max_steps});
		expect(named.observation.view.visible_logs.length).toBeGreaterThan(0);
		await http('/reset', {scenario: 'rogue_deploy_bot'});
		expect((await http('/state')).json).toMatchObject({failure_type: 'rogue_deploy_bot'});
	});

	it('gives a scenario object the body’s seed where it has none', async () => {
		await http('/reset', {scenario: {incident: 'memory_leak', difficulty: 'medium'}, seed: 9});
		expect((await http('/state')).json).toMatchObject({failure_type: 'memory_leak', difficulty: 'medium'});
		const mine = (await http('/reset', {scenario: {incident: 'memory_leak', difficulty: 'medium', seed: 9}})).json;
		const given = (await http('/reset', {scenario: {incident: 'memory_leak', difficulty: 'medium'}, seed: 9})).json;
		expect(given).toEqual(mine);
	});

	it('answers /health, /metadata and /schema as OpenEnv does', async () => {
		expect(await http('/health')).toEqual({status: 200, json: {status: 'healthy'}});
		expect((await http('/metadata')).json).toMatchObject({name: 'chaosops'});
		const {json} = await http('/schema');
		expect(Object.keys(json)).toEqual(['action', 'observation', 'state']);
		expect(json['action'].properties.action_type.enum).toEqual([...ACTION_TYPES]);
		expect(json['observation'].required).toEqual(['done', 'reward', 'view', 'step', 'turn_role', 'message']);
		for (const trace of loadTraces().slice(0, 50)) {
			for (const observation of [trace.reset, ...trace.steps.map(step => step.observation)]) expect(observationSchema.safeParse(observation).success).toBe(true);
		}
	});
});

describe('serve over HTTP: refusals, as the JSON-lines protocol refuses', () => {
	const RESET = {scenario: {failure_type: 'db_deadlock', difficulty: 'easy', seed: 3, max_steps: 1}};

	it.each([
		['an action the schema refuses', {action: {action_type: 'reboot'}}],
		['replicas that are not an integer', {action: {action_type: 'scale', target: 'db', args: {replicas: 2.5}}}],
		['an unknown arg', {action: {action_type: 'noop', args: {colour: 'red'}}}],
		['no action', {}],
	])('400 for %s, in the protocol’s words', async (_name, body) => {
		await http('/reset', RESET);
		const reply = await http('/step', body);
		expect(reply.status).toBe(400);
		expect(reply.json).toEqual({error: protocolError({op: 'reset', ...RESET}, {op: 'step', ...body})});
	});

	it.each([
		['an unknown incident', {scenario: {incident: 'meteor', difficulty: 'easy', seed: 0}}],
		['a failure_type that is not its incident’s', {scenario: {failure_type: 'db_deadlock', incident: 'cascade', difficulty: 'easy', seed: 0}}],
		['a scenario without a difficulty', {scenario: {incident: 'cascade', seed: 0}}],
		['an inline incident with problems', {scenario: {incident: {format: 1, name: 'x'}, difficulty: 'easy', seed: 0}}],
	])('400 for a reset with %s, in the protocol’s words', async (_name, body) => {
		const reply = await http('/reset', body);
		expect(reply.status).toBe(400);
		expect(reply.json).toEqual({error: protocolError({op: 'reset', ...body})});
	});

	it.each([
		['a body that is not JSON', '/reset', 'restart db please', /^not valid JSON \(.*\); send one JSON object as the body$/],
		['a body that is not an object', '/reset', '[1, 2]', /^reset: is an array; expected an object$/],
		['an unknown key', '/reset', '{"scenaro":"cascade"}', /^reset: has unknown key "scenaro"; accepted: scenario, seed, episode_id$/],
		['a seed that is not an integer', '/reset', '{"seed":"7"}', /^reset: seed is "7"; expected an integer/],
		['a scenario by a name that is neither a preset nor an incident', '/reset', '{"scenario":"meteor"}', /^reset: scenario "meteor" is not a preset \(.*cascade-night-shift.*\) or a built-in incident \(.*\); the server reads no files/],
		['a scenario by path', '/reset', '{"scenario":"scenarios/cascade.json"}', /the server reads no files/],
		['a seed that is not the scenario’s', '/reset', '{"scenario":{"incident":"cascade","difficulty":"easy","seed":1},"seed":2}', /^reset: seed is 2 but scenario.seed is 1; give one, or the same in both$/],
		['an unknown key in a step', '/step', '{"action":{"action_type":"noop"},"force":true}', /^step: has unknown key "force"; accepted: action, timeout_s, request_id$/],
	])('400 for %s', async (_name, path, body, error) => {
		const reply = await http(path, body);
		expect(reply.status).toBe(400);
		expect(reply.json['error']).toMatch(error);
		expect(Object.keys(reply.json)).toEqual(['error']);
	});

	it('409 for a step after the episode is over, and the state unchanged', async () => {
		await http('/reset', RESET);
		expect((await http('/step', {action: {action_type: 'noop'}})).json['done']).toBe(true);
		const before = (await http('/state')).json;
		const reply = await http('/step', {action: {action_type: 'noop'}});
		expect(reply).toEqual({status: 409, json: {error: protocolError({op: 'reset', ...RESET}, {op: 'step', action: {action_type: 'noop'}}, {op: 'step', action: {action_type: 'noop'}})}});
		expect((await http('/state')).json).toEqual(before);
	});

	it('409 for a step or the state before the first reset', async () => {
		const fresh = await serveOpenEnv({host: '127.0.0.1', port: 0});
		try {
			const step = await fetch(`http://127.0.0.1:${fresh.port}/step`, {method: 'POST', body: '{"action":{"action_type":"noop"}}'});
			expect(step.status).toBe(409);
			expect(await step.json()).toEqual({error: 'no episode yet; reset first'});
			expect((await fetch(`http://127.0.0.1:${fresh.port}/state`)).status).toBe(409);
		} finally {
			await fresh.close();
		}
	});

	it('takes OpenEnv’s own step fields and action metadata, which change nothing', async () => {
		await http('/reset', RESET);
		const plain = await http('/step', {action: {action_type: 'noop'}});
		await http('/reset', RESET);
		const reply = await http('/step', {action: {action_type: 'noop', metadata: {source: 'trainer'}}, timeout_s: 30, request_id: 'r-1'});
		expect(reply).toEqual(plain);
		expect(plain.status).toBe(200);
	});

	it('404 for an unknown path, 405 for a wrong method, 426 for /ws without a WebSocket', async () => {
		const unknown = await http('/resett', {});
		expect(unknown.status).toBe(404);
		expect(unknown.json['error']).toMatch(/^no endpoint \/resett; the endpoints are POST \/reset, POST \/step, GET \/state/);
		const wrong = await fetch(`${base}/reset`);
		expect(wrong.status).toBe(405);
		expect(wrong.headers.get('allow')).toBe('POST');
		expect(await wrong.json()).toEqual({error: '/reset takes POST, not GET'});
		expect((await http('/state', {})).status).toBe(405);
		expect((await http('/ws')).status).toBe(426);
	});

	it('413 for a body longer than the limit, said by its length or found while reading', async () => {
		const declared = await http('/reset', 'x'.repeat(SERVE_LIMITS.requestBytes + 1));
		expect(declared.status).toBe(413);
		expect(declared.json['error']).toMatch(/^the body is longer than 16 MiB/);
		// Chunked, so that no length is declared: the limit is found as the body comes in.
		const chunks = new ReadableStream({
			start(controller) {
				for (let index = 0; index < 17; index++) controller.enqueue(new Uint8Array(1024 * 1024).fill(0x20));
				controller.close();
			},
		});
		const streamed = await fetch(`${base}/reset`, {method: 'POST', body: chunks, duplex: 'half'} as RequestInit);
		expect(streamed.status).toBe(413);
		// And the server goes on serving.
		expect((await http('/health')).status).toBe(200);
	});

	it('goes on serving others while a client sends half a request and nothing more', async () => {
		const slow = net.connect(server.port, '127.0.0.1');
		await new Promise(resolve => slow.once('connect', resolve));
		slow.write('POST /reset HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"sce');
		expect(await http('/health')).toEqual({status: 200, json: {status: 'healthy'}});
		slow.destroy();
	});
});

describe('serve over WebSocket', () => {
	it('plays many episodes at once, one per connection, each as recorded, the HTTP episode untouched', async () => {
		await http('/reset', {scenario: 'db_deadlock', episode_id: 'http-episode'});
		const traces = loadTraces();
		const connections = 8;
		const play = async (share: TraceCase[]) => {
			const client = await connect();
			for (const trace of share) {
				expect(await client.ask({type: 'reset', data: {scenario: trace.scenario}}), `${trace.id} reset`).toEqual({type: 'observation', data: openEnvShape(trace.reset)});
				for (const [turn, step] of trace.steps.entries()) {
					const reply = await client.ask({type: 'step', data: step.action});
					expect(reply, `${trace.id} step ${turn}`).toEqual({type: 'observation', data: {...openEnvShape(step.observation), breakdown: step.breakdown, info: step.info}});
				}
				const state = await client.ask({type: 'state'});
				expect(state.type).toBe('state');
				expect(state.data.step_count).toBe(trace.steps.length);
			}
			client.close();
			return client.closed;
		};
		await Promise.all(Array.from({length: connections}, (_, index) => play(traces.filter((_, at) => at % connections === index))));
		expect((await http('/state')).json).toMatchObject({episode_id: 'http-episode', step_count: 0});
	});

	it('answers what is wrong with a message as OpenEnv does, and goes on serving the session', async () => {
		const client = await connect();
		const error = (code: string, message: RegExp | string) => ({type: 'error', data: {code, message: typeof message === 'string' ? message : expect.stringMatching(message)}});
		expect(await client.ask({type: 'step', data: {action_type: 'noop'}})).toEqual(error('EXECUTION_ERROR', 'no episode yet; reset first'));
		expect(await client.sendRaw('{nope')).toEqual(error('INVALID_JSON', /^not valid JSON \(.*\); send one JSON object per message$/));
		expect(await client.ask([1])).toEqual(error('VALIDATION_ERROR', 'message: is an array; expected an object'));
		expect(await client.ask({type: 'step', data: {}, extra: 1})).toEqual(error('VALIDATION_ERROR', /^message: has unknown key "extra"; accepted: type, data$/));
		expect(await client.ask({type: 'fly'})).toEqual(error('UNKNOWN_TYPE', 'unknown message type "fly"; expected one of reset, step, state, prompt, parse, score, close'));
		expect(await client.ask({type: 'reset', data: {scenario: {incident: 'meteor', difficulty: 'easy', seed: 0}}})).toEqual(
			error('VALIDATION_ERROR', protocolError({op: 'reset', scenario: {incident: 'meteor', difficulty: 'easy', seed: 0}})),
		);
		expect((await client.ask({type: 'reset'})).type).toBe('observation');
		expect(await client.ask({type: 'step', data: {action_type: 'reboot'}})).toEqual(error('VALIDATION_ERROR', protocolError({op: 'step', action: {action_type: 'reboot'}})));
		expect((await client.ask({type: 'step', data: {action_type: 'noop'}})).type).toBe('observation');
		client.close();
		await client.closed;
	});

	it('holds as many sessions as it may, and tells the next one it is at capacity', async () => {
		const small = await serveOpenEnv({host: '127.0.0.1', port: 0, sessions: 2});
		const url = `ws://127.0.0.1:${small.port}/ws`;
		try {
			const held = await Promise.all([connect(url), connect(url)]);
			for (const client of held) expect((await client.ask({type: 'reset'})).type).toBe('observation');
			const refused = new WebSocket(url);
			const [message, code] = await Promise.all([
				new Promise<Json>(resolve => refused.once('message', data => resolve(JSON.parse(data.toString()) as Json))),
				new Promise<number>(resolve => refused.once('close', resolve)),
			]);
			expect(message).toEqual({type: 'error', data: {code: 'CAPACITY_REACHED', message: 'the server holds at most 2 sessions at once; close one and connect again'}});
			expect(code).toBe(1013);
			held[0]!.close();
			await held[0]!.closed;
			const next = await connect(url);
			expect((await next.ask({type: 'reset'})).type).toBe('observation');
			await small.close();
			expect(await Promise.all([held[1]!.closed, next.closed])).toEqual([1001, 1001]);
		} finally {
			await small.close();
		}
	});

	it('closes the connection on a close message', async () => {
		const client = await connect();
		const socket = client;
		socket.ask({type: 'close'}).catch(() => {});
		expect(await client.closed).toBe(1000);
	});
});

describe('serve: prompt, parse and score, over HTTP and WebSocket', () => {
	const parseCase = {text: 'I would restart it: ```json\n{"action_type": "restart", "target": "db"}\n```', role: 'dev'};
	const protocolReplyTo = (...lines: object[]): Json => {
		const session = new ProtocolSession();
		const out = new JsonBytes();
		for (const line of lines) session.reply(JSON.stringify(line), out);
		const {ok, ...fields} = JSON.parse(out.take().toString('utf8').trimEnd().split('\n').at(-1)!) as Json;
		expect(ok).toBe(true);
		return fields;
	};
	const RESET = {scenario: {incident: 'cascade', difficulty: 'hard', seed: 5}};

	it('answers each as the protocol does', async () => {
		await http('/reset', RESET);
		await http('/step', {action: {action_type: 'noop'}});
		const prompt = protocolReplyTo({op: 'reset', ...RESET}, {op: 'step', action: {action_type: 'noop'}}, {op: 'prompt'});
		expect(await http('/prompt', {})).toEqual({status: 200, json: prompt});
		expect(prompt['messages'][0].role).toBe('system');
		expect(await http('/parse', parseCase)).toEqual({status: 200, json: {action: {action_type: 'restart', target: 'db', args: {}}}});
		const score = {scenario_json: JSON.stringify({failure_type: 'cascade', difficulty: 'easy', seed: 1, max_steps: 20, inject_misleading_logs: false, rogue_fleet_agent: null}), action_history_json: '[]', role: 'sre', completion: '{"action_type": "noop"}', team_weight: 0.6};
		expect(await http('/score', score)).toEqual({status: 200, json: protocolReplyTo({op: 'score', ...score})});

		const client = await connect();
		expect(await client.ask({type: 'prompt'})).toEqual({type: 'error', data: {code: 'EXECUTION_ERROR', message: 'no episode yet; reset first'}});
		await client.ask({type: 'reset', data: RESET});
		await client.ask({type: 'step', data: {action_type: 'noop'}});
		expect(await client.ask({type: 'prompt'})).toEqual({type: 'prompt', data: prompt});
		expect(await client.ask({type: 'parse', data: parseCase})).toEqual({type: 'parse', data: {action: {action_type: 'restart', target: 'db', args: {}}}});
		expect(await client.ask({type: 'score', data: score})).toEqual({type: 'score', data: protocolReplyTo({op: 'score', ...score})});
		expect(await client.ask({type: 'parse', data: {text: 1}})).toEqual({type: 'error', data: {code: 'VALIDATION_ERROR', message: 'parse: text is 1; expected a string'}});
		client.close();
		await client.closed;
	});

	it('refuses as the protocol refuses: 400 for a bad body, 409 for a prompt before reset', async () => {
		expect(await http('/parse', {text: 'x'})).toEqual({status: 400, json: {error: 'parse: role is missing; expected one of sre, dev, manager, oversight'}});
		expect(await http('/parse', '[1]')).toEqual({status: 400, json: {error: 'parse: is an array; expected an object'}});
		const fresh = await serveOpenEnv({host: '127.0.0.1', port: 0});
		try {
			const reply = await fetch(`http://127.0.0.1:${fresh.port}/prompt`, {method: 'POST'});
			expect(reply.status).toBe(409);
			expect(await reply.json()).toEqual({error: 'no episode yet; reset first'});
		} finally {
			await fresh.close();
		}
	});
});
