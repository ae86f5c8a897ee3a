// `chaosops host --headless` as a real process on loopback: players join over WebSockets, the facilitator's commands
// go in on stdin, and the drill's log comes out on stdout.
import {type ChildProcessWithoutNullStreams, spawn} from 'node:child_process';
import {mkdtempSync, readFileSync} from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {CLI, expectOneLineRefusal, runCli} from './support/cli.js';
import {type TestClient, joinAs, until} from './support/drill-client.js';

type Host = {child: ChildProcessWithoutNullStreams; lines: Array<Record<string, unknown>>; url: string; code: string; exited: Promise<number | null>};
const running: ChildProcessWithoutNullStreams[] = [];
const clients: TestClient[] = [];

afterEach(() => {
	for (const client of clients.splice(0)) client.close();
	for (const child of running.splice(0)) child.kill('SIGKILL');
});

async function startHost(args: string[]): Promise<Host> {
	const child = spawn(process.execPath, [CLI, 'host', '--headless', '--port', '0', '--delay', '0', ...args]);
	running.push(child);
	const lines: Array<Record<string, unknown>> = [];
	let pending = '';
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
		pending += chunk;
		const complete = pending.split('\n');
		pending = complete.pop()!;
		for (const line of complete) lines.push(JSON.parse(line));
	});
	let stderr = '';
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
	const exited = new Promise<number | null>(resolve => child.on('close', status => resolve(status)));
	await until(() => lines.length > 0 || child.exitCode !== null, 'the listening line');
	const listening = lines[0];
	if (listening?.['event'] !== 'listening') throw new Error(`host did not listen: ${stderr}`);
	return {child, lines, url: `ws://${String(listening['address'])}`, code: String(listening['code']), exited};
}

const events = (host: Host, event: string) => host.lines.filter(line => line['event'] === event);

async function seat(host: Host, role: string): Promise<TestClient> {
	const client = await joinAs(host.url, host.code, {role, name: `${role}-player`});
	clients.push(client);
	await client.next('welcome');
	return client;
}

describe('chaosops host --headless', () => {
	it('runs a whole drill: prints how to join, logs every event, and exits 0 when the incident is resolved', async () => {
		const host = await startHost(['--seats', 'sre,dev', '--scenario', 'db_deadlock', '--teammates', 'oracle']);
		const listening = host.lines[0]!;
		expect(listening['join']).toEqual([`chaosops join ${String(listening['address'])} --code ${host.code} --as sre`, `chaosops join ${String(listening['address'])} --code ${host.code} --as dev`]);
		expect(host.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
		const sre = await seat(host, 'sre');
		const dev = await seat(host, 'dev');
		const turn = await sre.next('turn');
		sre.send({type: 'act', turn: turn.turn, action: {action_type: 'communicate', args: {message: 'dev, the db is deadlocked: restart it', to: 'dev'}}});
		const devTurn = await dev.next('turn');
		expect(devTurn.observation.view.private_inbox).toEqual(['[sre -> dev] dev, the db is deadlocked: restart it']);
		dev.send({type: 'act', turn: devTurn.turn, action: {action_type: 'restart', target: 'db'}});

		expect(await host.exited).toBe(0);
		expect(host.lines.map(line => line['event'])).toEqual(expect.arrayContaining(['listening', 'joined', 'started', 'turn', 'step', 'ended']));
		expect(events(host, 'ended')[0]).toMatchObject({reason: 'resolved', result: {resolved: true, final_step: 3}});
		const steps = events(host, 'step');
		expect(steps.map(step => [step['role'], step['by'], step['player']])).toEqual([
			['sre', 'human', 'sre-player'],
			['oversight', 'oracle', null],
			['dev', 'human', 'dev-player'],
		]);
		// The facilitator sees everything, the private message included.
		expect(steps[0]).toMatchObject({action: {args: {message: 'dev, the db is deadlocked: restart it', to: 'dev'}}, timed_out: false});
	});

	it('records the drill as it happens, and replay plays it back with each step’s player and the facilitator’s notes', async () => {
		const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'chaosops-host-')), 'drill.jsonl');
		const host = await startHost(['--seats', 'sre', '--scenario', 'db_deadlock', '--teammates', 'oracle', '--record', file]);
		const sre = await seat(host, 'sre');
		host.child.stdin.write('{"op":"note","text":"SRE goes first"}\n');
		const turn = await sre.next('turn');
		await until(() => events(host, 'note').length === 1, 'the note');
		sre.send({type: 'act', turn: turn.turn, action: {action_type: 'restart', target: 'db'}});
		expect(await host.exited).toBe(0);
		expect(readFileSync(file, 'utf8').split('\n').filter(Boolean).map(line => JSON.parse(line).kind).slice(0, 5)).toEqual(['header', 'player', 'seat', 'note', 'step']);
		const replayed = runCli(['replay', file, '--format', 'json']);
		expect(replayed.status).toBe(0);
		const document = JSON.parse(replayed.stdout);
		expect(document.steps[0]).toMatchObject({role: 'sre', by: 'human', player: 'sre-player', timed_out: false, action: {action_type: 'restart', target: 'db'}});
		expect(document.drill_events).toEqual(expect.arrayContaining([expect.objectContaining({kind: 'note', text: 'SRE goes first'})]));
		expect(runCli(['replay', file, '--format', 'text']).stdout).toContain('player=sre-player');
	});

	it('takes the facilitator’s commands on stdin, logs one it cannot run, and ends the drill when told', async () => {
		const host = await startHost(['--seats', 'sre,dev']);
		const sre = await seat(host, 'sre');
		host.child.stdin.write('{"op":"start"}\n{"op":"pause"}\n{"op":"hint","role":"sre","text":"check the db"}\n');
		expect((await sre.next('paused')).paused).toBe(true);
		expect((await sre.next('hint')).text).toBe('check the db');
		host.child.stdin.write('not json\n{"op":"hint","role":"dev","text":"nobody is there"}\n{"op":"note","text":"paused to talk"}\n{"op":"end"}\n');
		expect(await host.exited).toBe(0);
		expect(events(host, 'error').map(line => line['error'])).toEqual([
			'a command is one JSON object per line, such as {"op":"pause"}',
			'nobody is in the dev seat to read a hint',
		]);
		expect(events(host, 'note')).toEqual([{event: 'note', turn: 0, text: 'paused to talk'}]);
		expect(events(host, 'ended')[0]).toMatchObject({reason: 'ended'});
		expect((await sre.next('ended')).reason).toBe('ended');
	});

	it('ends the drill on SIGTERM, logging its end, and exits 143', async () => {
		const host = await startHost(['--seats', 'sre']);
		await seat(host, 'sre');
		host.child.kill('SIGTERM');
		expect(await host.exited).toBe(143);
		expect(events(host, 'ended')[0]).toMatchObject({reason: 'ended'});
	});

	it('logs a refused connection and goes on', async () => {
		const host = await startHost(['--seats', 'sre', '--code', 'right']);
		const wrong = await joinAs(host.url, 'wrong', {role: 'sre'});
		clients.push(wrong);
		expect((await wrong.next('refused')).error).toMatch(/wrong join code/);
		await until(() => events(host, 'refused').length === 1, 'the refusal in the log');
		await seat(host, 'sre');
		await until(() => events(host, 'started').length === 1, 'the drill to start');
	});

	it('refuses bad flags in one line with status 2', async () => {
		const cases: Array<[string[], RegExp]> = [
			[['--headless'], /^chaosops: --seats is required: the seats people play, from sre, dev, manager, oversight/],
			[['--seats', 'sre,cto', '--headless'], /^chaosops: .*cto/],
			[['--seats', 'sre', '--port', '70000', '--headless'], /^chaosops: --port is "70000"; expected a port from 0 to 65535/],
			[['--seats', 'sre', '--code', 'has space', '--headless'], /^chaosops: --code is a join code of 1 to 64 printable characters/],
			[['--seats', 'sre', '--turn-seconds', '0', '--headless'], /^chaosops: .*turn-seconds/],
			[['--seats', 'sre', '--listen', '203.0.113.9', '--port', '0', '--headless'], /^chaosops: --listen 203\.0\.113\.9 is not an address of this machine$/],
			[['--seats', 'sre'], /^chaosops: host needs an interactive terminal, but stdin is not one; run it with --headless/],
		];
		for (const [args, message] of cases) expectOneLineRefusal(runCli(['host', ...args]), message);
	});

	it('says so in one line when the port is in use', async () => {
		const blocker = net.createServer();
		await new Promise<void>(resolve => blocker.listen(0, '127.0.0.1', resolve));
		const {port} = blocker.address() as net.AddressInfo;
		try {
			expectOneLineRefusal(runCli(['host', '--seats', 'sre', '--port', String(port), '--headless']), new RegExp(`^chaosops: port ${port} is in use on 127\\.0\\.0\\.1; give another with --port`));
		} finally {
			blocker.close();
		}
	});
});
