import {spawn, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {CLI, expectOneLineRefusal, runCli, runCliAsync} from './support/cli.js';
import {loadTraces} from './support/fixtures.js';

const lines = (text: string) => text.trimEnd().split('\n');
const replies = (input: ReadonlyArray<object | string>) => {
	const run = runCli(['env'], input.map(line => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n') + '\n');
	return {...run, replies: run.stdout === '' ? [] : lines(run.stdout).map(line => JSON.parse(line) as Record<string, unknown>)};
};

const RESET = {op: 'reset', scenario: {failure_type: 'db_deadlock', difficulty: 'easy', seed: 3, max_steps: 2}};

describe('chaosops env: parity with the reference', () => {
	it('replays every recorded case in one process and answers each step as the reference did', () => {
		const requests: object[] = [];
		const expected: object[] = [];
		for (const [index, trace] of loadTraces().entries()) {
			requests.push({op: 'reset', id: `${index}/reset`, scenario: trace.scenario});
			expected.push({id: `${index}/reset`, ok: true, observation: trace.reset});
			for (const [turn, step] of trace.steps.entries()) {
				requests.push({op: 'step', id: `${index}/${turn}`, action: step.action});
				expected.push({id: `${index}/${turn}`, ok: true, observation: step.observation, breakdown: step.breakdown, info: step.info});
			}
		}
		const {status, stderr, replies: got} = replies(requests);
		expect(stderr).toBe('');
		expect(status).toBe(0);
		expect(got).toHaveLength(expected.length);
		for (const [index, reply] of got.entries()) expect(reply, String(expected[index] && (expected[index] as {id: string}).id)).toEqual(expected[index]);
	});
});

describe('chaosops env: requests', () => {
	it('reports the acting role and its legal actions, and the ground truth', () => {
		const {replies: got} = replies([RESET, {op: 'step', action: {action_type: 'noop'}}, {op: 'legal_actions', id: 'l'}, {op: 'state'}]);
		expect(got[2]).toEqual({
			id: 'l',
			ok: true,
			role: 'oversight',
			legal_actions: ['noop', 'communicate', 'restart', 'rollback', 'scale', 'flag_rogue', 'identify_root_cause', 'escalate'],
			done: false,
		});
		expect(got[3]).toMatchObject({ok: true, state: {step_count: 1, max_steps: 2, failure_type: 'db_deadlock', rogue_fleet_agent: null}});
	});

	it('takes the optional scenario fields, the rest defaulting as the spec says', () => {
		const scenario = {failure_type: 'cascade', difficulty: 'hard', seed: 1};
		const {replies: got} = replies([
			{op: 'reset', scenario},
			{op: 'state'},
			{op: 'reset', scenario: {...scenario, max_steps: 5, inject_misleading_logs: false, rogue_fleet_agent: 'autoscaler'}},
			{op: 'state'},
		]);
		expect(got[1]).toMatchObject({state: {max_steps: 20, misleading_log_count: 3, rogue_fleet_agent: null}});
		expect(got[3]).toMatchObject({state: {max_steps: 5, misleading_log_count: 0, rogue_fleet_agent: 'autoscaler'}});
	});

	it('skips blank lines, serves a last line without a newline, and exits 0 at end of input', () => {
		const run = runCli(['env'], `\n${JSON.stringify(RESET)}\n   \n{"op":"state","id":9}`);
		expect(run.status).toBe(0);
		expect(lines(run.stdout).map(line => JSON.parse(line).ok)).toEqual([true, true]);
		expect(JSON.parse(lines(run.stdout)[1]!).id).toBe(9);
	});
});

describe('chaosops env: refusals', () => {
	const step = (action: unknown) => ({op: 'step', id: 'bad', action});

	it.each([
		['a line that is not JSON', 'restart db please', /^not valid JSON \(.*\); send one JSON object per line$/],
		['a JSON value that is not an object', '[1, 2]', /must be a JSON object with an "op" \(reset, step, state, legal_actions, prompt, parse, score\)/],
		['an unknown op', {op: 'fly'}, /^unknown op "fly"; expected one of reset, step, state, legal_actions, prompt, parse, score$/],
		['a missing op', {id: 1}, /^unknown op \(missing\); expected one of reset/],
		['an unknown action type', step({action_type: 'reboot'}), /^step: action.action_type is "reboot"; expected one of noop, communicate, /],
		['replicas that are not an integer', step({action_type: 'scale', target: 'db', args: {replicas: 2.5}}), /args.replicas must be an integer or an integer-valued string/],
		['replicas as words', step({action_type: 'scale', target: 'db', args: {replicas: 'four'}}), /args.replicas must be an integer or an integer-valued string/],
		['a target that is not a string', step({action_type: 'restart', target: 7}), /action.target is 7; expected a string/],
		['an unknown arg', step({action_type: 'scale', target: 'db', args: {replica: 2}}), /action.args has unknown key "replica"; accepted: message, to, replicas/],
		['an unknown role', step({action_type: 'noop', role: 'ceo'}), /action.role is "ceo"; expected one of sre, dev, manager, oversight/],
		['a reset without a scenario', {op: 'reset'}, /^reset: scenario is missing; expected an object$/],
		['a reset with a bad seed', {op: 'reset', scenario: {failure_type: 'cascade', difficulty: 'easy', seed: 0.5}}, /scenario.seed is 0.5; expected an integer/],
		['a seed JSON cannot carry', '{"op":"reset","scenario":{"failure_type":"cascade","difficulty":"easy","seed":1e309}}', /^reset: scenario.seed is too large; expected an integer with \|n\| < 2\^53$/],
		['a seed beyond 2^53', '{"op":"reset","scenario":{"failure_type":"cascade","difficulty":"easy","seed":1e20}}', /^reset: scenario.seed is too large; expected an integer with \|n\| < 2\^53$/],
		['replicas text beyond 2^53', step({action_type: 'scale', target: 'payments', args: {replicas: '9'.repeat(400)}}), /^step: action.args.replicas is too large; expected an integer with \|n\| < 2\^53$/],
		['replicas that are neither', step({action_type: 'scale', target: 'db', args: {replicas: true}}), /args.replicas must be an integer or an integer-valued string$/],
		['an id JSON cannot echo exactly', '{"op":"state","id":12345678901234567890}', /^id is too large; expected an integer with \|n\| < 2\^53$/],
		['an id that is not an integer', '{"op":"state","id":1.5}', /^id is 1.5; expected a string or an integer with \|n\| < 2\^53$/],
		['an id of another kind', '{"op":"state","id":true}', /^id is true; expected a string or an integer with \|n\| < 2\^53$/],
		['replicas JSON cannot carry', '{"op":"step","action":{"action_type":"scale","target":"db","args":{"replicas":1e309}}}', /^step: action.args.replicas is too large; expected an integer with \|n\| < 2\^53$/],
		['a scenario without its failure', {op: 'reset', scenario: {difficulty: 'easy', seed: 1}}, /^reset: scenario needs failure_type or incident/],
		['max_steps as text', {op: 'reset', scenario: {failure_type: 'cascade', difficulty: 'easy', seed: 1, max_steps: '20'}}, /^reset: scenario.max_steps is "20"; expected an integer from 1 to 10000$/],
		['a seed as text', {op: 'reset', scenario: {failure_type: 'cascade', difficulty: 'easy', seed: '5'}}, /^reset: scenario.seed is "5"; expected an integer with \|n\| < 2\^53$/],
		['an unknown fleet agent', {op: 'reset', scenario: {failure_type: 'cascade', difficulty: 'easy', seed: 1, rogue_fleet_agent: 'cron'}}, /rogue_fleet_agent is "cron"; expected one of autoscaler, load_balancer, deploy_bot, or null$/],
		['a thousand unknown keys', {op: 'state', ...Object.fromEntries(Array.from({length: 1000}, (_, index) => [`k${index}`, 0]))}, /^state: has unknown keys "k0", "k1", "k2" and 997 more; accepted: op, id$/],
	])('answers %s with ok:false, the environment unchanged', (_name, request, message) => {
		const {status, replies: got} = replies([RESET, {op: 'state'}, request, {op: 'state'}, {op: 'step', action: {action_type: 'noop'}}]);
		expect(status).toBe(0);
		expect(got[2]).toMatchObject({ok: false, error: expect.stringMatching(message)});
		expect(Object.keys(got[2]!).filter(key => key !== 'id')).toEqual(['ok', 'error']);
		expect(got[3]).toEqual(got[1]);
		expect(got[4]).toMatchObject({ok: true, info: {step_count: 1}});
	});

	it('refuses a step before any reset, and after the episode is over', () => {
		const noop = {op: 'step', action: {action_type: 'noop'}};
		const {replies: got} = replies([noop, {op: 'state'}, {op: 'legal_actions'}, RESET, noop, noop, noop, {op: 'state'}]);
		expect(got.slice(0, 3)).toEqual(Array(3).fill({ok: false, error: 'no episode yet; reset first'}));
		expect(got[5]).toMatchObject({ok: true, observation: {done: true}});
		expect(got[6]).toEqual({ok: false, error: 'the episode is over; reset to start another'});
		expect(got[7]).toMatchObject({state: {step_count: 2, cumulative_reward: -66}});
	});

	it('names a policy-free value briefly: a long op is cut short, a nested one is "an object"', () => {
		const {replies: got} = replies([{op: 'x'.repeat(10_000)}, {op: {a: {b: 1}}}]);
		expect(got[0]!['error']).toBe(`unknown op "${'x'.repeat(40)}…"; expected one of reset, step, state, legal_actions, prompt, parse, score`);
		expect(got[1]!['error']).toBe('unknown op (an object); expected one of reset, step, state, legal_actions, prompt, parse, score');
	});

	it('echoes the id of a refused request', () => {
		expect(replies([{op: 'nope', id: 'x-1'}]).replies[0]).toEqual({id: 'x-1', ok: false, error: expect.any(String)});
	});
});

describe('chaosops env: as a process', () => {
	it('explains the protocol with --help, and takes no flag but --system-prompts', () => {
		const help = runCli(['env', '--help']);
		expect(help.status).toBe(0);
		expect(help.stdout).toMatch(/^Usage: chaosops env \[--system-prompts DIR\]\n/);
		expect(help.stdout).toContain('{"op":"legal_actions"}');
		expect(help.stdout).toContain('{"op":"prompt"}');
		expectOneLineRefusal(runCli(['env', '--port', '80']), /^chaosops: unknown flag --port for env; expected --system-prompts \(see chaosops env --help\)$/);
	});

	it('answers each line as it comes, while its input stays open', async () => {
		const child = spawn(process.execPath, [CLI, 'env']);
		const replies: string[] = [];
		let pending = '';
		const waiting: Array<(reply: string) => void> = [];
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
			pending += chunk;
			for (let newline = pending.indexOf('\n'); newline !== -1; newline = pending.indexOf('\n')) {
				const line = pending.slice(0, newline);
				pending = pending.slice(newline + 1);
				const next = waiting.shift();
				if (next) next(line);
				else replies.push(line);
			}
		});
		const ask = (request: object) =>
			new Promise<Record<string, unknown>>(resolve => {
				waiting.push(line => resolve(JSON.parse(line) as Record<string, unknown>));
				child.stdin.write(`${JSON.stringify(request)}\n`);
			});
		expect(await ask({...RESET, id: 1})).toMatchObject({id: 1, ok: true, observation: {step: 0}});
		expect(await ask({op: 'step', id: 2, action: {action_type: 'noop'}})).toMatchObject({id: 2, ok: true, info: {step_count: 1}});
		expect(await ask({op: 'step', id: 3, action: {action_type: 'reboot'}})).toMatchObject({id: 3, ok: false});
		child.stdin.end();
		expect(await new Promise(resolve => child.on('close', resolve))).toBe(0);
		expect(replies).toEqual([]);
	});

	it('keeps replies in order while its reader is slow', async () => {
		const count = 20_000;
		const child = spawn(process.execPath, [CLI, 'env']);
		child.stdin.write(`${JSON.stringify(RESET)}\n`);
		for (let id = 0; id < count; id++) child.stdin.write(`{"op":"legal_actions","id":${id}}\n`);
		child.stdin.end();
		child.stdout.pause();
		await new Promise(resolve => setTimeout(resolve, 300));
		let text = '';
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
		child.stdout.resume();
		const status = await new Promise(resolve => child.on('close', resolve));
		expect(status).toBe(0);
		const ids = lines(text).slice(1).map(line => JSON.parse(line).id as number);
		expect(ids).toEqual(Array.from({length: count}, (_, id) => id));
	});

	it('ends quietly, status 0, when its reader stops reading', async () => {
		const child = spawn(process.execPath, [CLI, 'env']);
		let stderr = '';
		child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
		child.stdout.once('data', () => child.stdout.destroy());
		child.stdin.on('error', () => {});
		child.stdin.write(`${JSON.stringify(RESET)}\n`);
		for (let id = 0; id < 5000; id++) child.stdin.write('{"op":"state"}\n');
		child.stdin.end();
		expect(await new Promise(resolve => child.on('close', resolve))).toBe(0);
		expect(stderr).toBe('');
	});

	it('never loads React or Ink', () => {
		const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'chaosops-'));
		const log = path.join(folder, 'loaded.txt');
		fs.writeFileSync(
			path.join(folder, 'loader.mjs'),
			`import {appendFileSync} from 'node:fs';
			 export async function load(url, context, next) { appendFileSync(${JSON.stringify(log)}, url + '\\n'); return next(url, context); }`,
		);
		fs.writeFileSync(path.join(folder, 'hook.mjs'), `import {register} from 'node:module'; register('./loader.mjs', import.meta.url);`);
		const run = spawnSync(process.execPath, ['--import', path.join(folder, 'hook.mjs'), CLI, 'env'], {input: JSON.stringify(RESET), encoding: 'utf8'});
		expect(JSON.parse(run.stdout)).toMatchObject({ok: true});
		const files = lines(fs.readFileSync(log, 'utf8')).filter(url => url.startsWith('file:'));
		expect(files.some(url => url.endsWith('/cli.js'))).toBe(true);
		const drawing = files.filter(url => /react\.(transitional\.)?element|ink-text-input|react-reconciler/.test(fs.readFileSync(new URL(url), 'utf8')));
		expect(drawing).toEqual([]);
	});
});

describe('chaosops env: hostile and unlucky input', () => {
	const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

	it('answers a deeply nested op and keeps serving (the error message once overflowed the stack)', () => {
		const run = runCli(['env'], `{"op":${nested(5000)}}\n{"op":"legal_actions","id":2}\n`);
		expect(run.status).toBe(0);
		expect(run.stderr).toBe('');
		expect(lines(run.stdout).map(line => JSON.parse(line))).toEqual([
			{ok: false, error: 'unknown op (an object); expected one of reset, step, state, legal_actions, prompt, parse, score'},
			{id: 2, ok: false, error: 'no episode yet; reset first'},
		]);
	});

	it('answers a line over 16 MiB with one ok:false, skips it, and serves the next line', async () => {
		const run = await runCliAsync(['env'], `${'a'.repeat(17 * 1024 * 1024)}\n${JSON.stringify(RESET)}\n{"op":"state","id":"after"}\n`);
		expect(run.status).toBe(0);
		const got = lines(run.stdout).map(line => JSON.parse(line));
		expect(got).toHaveLength(3);
		expect(got[0]).toEqual({ok: false, error: expect.stringMatching(/^request line longer than 16 MiB; skipped to the next newline/)});
		expect(got[1]).toMatchObject({ok: true});
		expect(got[2]).toMatchObject({id: 'after', ok: true, state: {step_count: 0}});
	});

	it('answers a line of only other whitespace (a form feed, a no-break space): only spaces and tabs are blank', () => {
		const run = runCli(['env'], '\f\n\u00a0\n \t \r\n\ufeff\n{"op":"state"}\n');
		expect(lines(run.stdout).map(line => JSON.parse(line).error)).toEqual([
			expect.stringMatching(/^not valid JSON/),
			expect.stringMatching(/^not valid JSON/),
			expect.stringMatching(/^not valid JSON/),
			'no episode yet; reset first',
		]);
	});

	it('takes a line of exactly 16 MiB ended by \\r\\n, as it takes one ended by \\n', async () => {
		const request = (id: string) => `{"op":"state","id":"${id.padEnd(16 * 1024 * 1024 - 22, 'x')}"}`;
		expect(Buffer.byteLength(request('lf'))).toBe(16 * 1024 * 1024);
		const run = await runCliAsync(['env'], `${request('lf')}\n${request('crlf')}\r\n${request('over')}x\r\n`);
		const got = lines(run.stdout).map(line => JSON.parse(line).error);
		expect(got).toEqual(['no episode yet; reset first', 'no episode yet; reset first', expect.stringMatching(/^request line longer than 16 MiB/)]);
	});

	it('answers a stream with no newline at all once, and ends at end of input', async () => {
		const run = await runCliAsync(['env'], 'x'.repeat(40 * 1024 * 1024));
		expect(run.status).toBe(0);
		expect(lines(run.stdout).map(line => JSON.parse(line).ok)).toEqual([false]);
	});

	it('prints control characters, bidi overrides and line separators in replies as JSON escapes, never raw', () => {
		const message = 'ok \u001b]0;pwned\u0007 \u009b2J \u202egnp.exe\u2028end';
		const run = runCli(['env'], `${JSON.stringify(RESET)}\n${JSON.stringify({op: 'step', action: {action_type: 'communicate', args: {message}}})}\n{"op":"state"}\n`);
		expect(run.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e\u2028]/);
		expect(JSON.parse(lines(run.stdout)[2]!).state.chat_history).toEqual([`[sre] ${message}`]);
	});
});
