// The drill client against a real host: `chaosops host --headless` as its own process on loopback. A seat joins,
// plays its turn and hears the chat as it happens; a refusal, an address nobody answers at and a host that speaks
// something else each fail in one line; a dropped connection comes back with the same seat.
import net from 'node:net';
import {afterEach, describe, expect, it} from 'vitest';
import {WebSocketServer} from 'ws';
import type {Role} from '../../source/env/vocabulary.js';
import {DrillClient, JoinFailure} from '../../source/net/drill-client.js';
import {until} from '../support/drill-client.js';
import {freePort, proxyTo} from '../support/drill-harness.js';
import {type HostProcess, startHost} from '../support/host-process.js';

const hosts: HostProcess[] = [];
const clients: DrillClient[] = [];
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
	for (const client of clients.splice(0)) client.close();
	for (const host of hosts.splice(0)) await host.stop();
	for (const close of closers.splice(0)) await close();
});

async function host(...args: string[]): Promise<HostProcess> {
	const started = await startHost(['--scenario', 'db_deadlock', '--difficulty', 'easy', '--teammates', 'noop', '--delay', '0', ...args]);
	hosts.push(started);
	return started;
}

async function join(address: string, code: string, role: Role | null, name?: string): Promise<DrillClient> {
	const client = new DrillClient({address, code, role, name});
	clients.push(client);
	await client.connect();
	return client;
}

async function failure(address: string, code: string, role: Role | null): Promise<JoinFailure> {
	const error = await join(address, code, role).then(
		() => null,
		(thrown: unknown) => thrown,
	);
	expect(error).toBeInstanceOf(JoinFailure);
	return error as JoinFailure;
}

const turnOf = async (client: DrillClient) => {
	await until(() => client.snapshot().pending !== null, `${client.snapshot().role}'s turn`);
	return client.snapshot().pending!;
};

describe('the drill client, against chaosops host', () => {
	it('joins, plays a turn, hears the chat as it happens, never reads another seat’s private message, and sees the end', async () => {
		const drill = await host('--seats', 'sre,dev,manager');
		const sre = await join(drill.address, drill.code, 'sre', 'alice');
		const dev = await join(drill.address, drill.code, 'dev', 'bob');
		const manager = await join(drill.address, drill.code, 'manager', 'carol');
		expect(sre.snapshot()).toMatchObject({role: 'sre', name: 'alice', drill: {title: 'Database deadlock', seats: ['sre', 'dev', 'manager']}});
		expect(sre.snapshot().legalActions).toContain('restart');

		await turnOf(sre);
		expect(sre.snapshot().observation?.view.role).toBe('sre');
		expect(sre.act({action_type: 'communicate', args: {message: 'the deploy key is hunter2', to: 'dev'}})).toBeNull();
		expect(sre.act({action_type: 'noop'})).toBe('it is not your turn');
		// Oversight (a teammate) plays; the Dev's inbox has the message before the Dev's turn comes.
		await until(() => dev.snapshot().chat?.private_inbox.length === 1, 'the Dev’s inbox');
		expect(dev.snapshot().chat?.private_inbox).toEqual(['[sre -> dev] the deploy key is hunter2']);
		await until(() => manager.snapshot().steps.length > 0, 'the Manager to see the first step');
		const seen = manager.snapshot().steps[0]!;
		expect(seen).toMatchObject({role: 'sre', by: 'human', player: 'alice', private: true, message: 'SRE: communicate'});
		expect(seen.action.args).toEqual({to: 'dev'});

		await turnOf(dev);
		expect(sre.snapshot().pending).toBeNull();
		expect(dev.act({action_type: 'communicate', args: {message: 'restarting db now', to: 'all'}})).toBeNull();
		// The chat reaches the SRE between its turns, and the Manager before its first.
		await until(() => sre.snapshot().chat?.shared_chat.includes('[dev] restarting db now') === true, 'the SRE to hear the Dev');
		await until(() => manager.snapshot().chat?.shared_chat.includes('[dev] restarting db now') === true, 'the Manager to hear the Dev');
		await turnOf(manager);
		expect(manager.act({action_type: 'noop'})).toBeNull();
		await turnOf(sre);
		sre.act({action_type: 'noop'});
		await turnOf(dev);
		dev.act({action_type: 'restart', target: 'db'});
		for (const client of [sre, dev, manager]) {
			await until(() => client.snapshot().connection.state === 'closed', `${client.snapshot().role} to see the end`);
			expect(client.snapshot().ending).toMatchObject({reason: 'resolved', result: {resolved: true, final_step: 7, wrong_fixes: 0}});
		}
		expect(drill.lines.filter(line => line.event === 'step').map(line => [line['role'], line['player']])).toEqual([
			['sre', 'alice'],
			['oversight', null],
			['dev', 'bob'],
			['manager', 'carol'],
			['sre', 'alice'],
			['oversight', null],
			['dev', 'bob'],
		]);
	});

	it('is told the facilitator’s pause and hint, and a refused act is the seat’s to make again', async () => {
		const drill = await host('--seats', 'sre');
		const sre = await join(drill.address, drill.code, 'sre');
		const turn = await turnOf(sre);
		drill.command({op: 'pause'});
		drill.command({op: 'hint', role: 'sre', text: 'look at the db logs'});
		await until(() => sre.snapshot().hints.length === 1, 'the hint');
		expect(sre.snapshot()).toMatchObject({paused: true, hints: [{text: 'look at the db logs'}]});
		expect(sre.act({action_type: 'communicate', args: {message: 'x'.repeat(1001), to: 'all'}})).toBe(
			'a message is at most 1000 characters, and this one has 1001; it was not sent',
		);
		expect(sre.act({action_type: 'noop'})).toBeNull();
		await until(() => sre.snapshot().errors.length === 1, 'the host’s refusal');
		expect(sre.snapshot().errors[0]?.text).toMatch(/paused/);
		expect(sre.snapshot().pending).toMatchObject({turn: turn.turn, sent: false});
		drill.command({op: 'resume'});
		await until(() => !sre.snapshot().paused, 'the resume');
		expect(sre.act({action_type: 'noop'})).toBeNull();
		await until(() => sre.snapshot().steps.length > 0, 'the step');
	});

	it('says what the host refused: a wrong code, a seat taken, a seat not open', async () => {
		const drill = await host('--seats', 'sre,dev');
		await join(drill.address, drill.code, 'sre', 'alice');
		const cases: Array<[string, Role, RegExp]> = [
			['nope', 'dev', /^the host refused: wrong join code; ask the facilitator for the code the host printed$/],
			[drill.code, 'sre', /^the host refused: the sre seat is taken by alice$/],
			[drill.code, 'manager', /^the host refused: the manager seat is not open in this drill; open seats: sre, dev$/],
		];
		for (const [code, role, expected] of cases) {
			const refused = await failure(drill.address, code, role);
			expect(refused.kind).toBe('refused');
			expect(refused.message).toMatch(expected);
		}
	});

	it('names the address nobody answers at', async () => {
		const port = await freePort();
		const unreachable = await failure(`127.0.0.1:${port}`, 'x', 'sre');
		expect(unreachable.kind).toBe('unreachable');
		expect(unreachable.message).toBe(`cannot reach a drill host at 127.0.0.1:${port}: connection refused (ECONNREFUSED)`);
	});

	it('closes on a message that is not the protocol’s, and says so in one line', async () => {
		const server = new WebSocketServer({host: '127.0.0.1', port: 0});
		closers.push(() => new Promise(resolve => server.close(() => resolve())));
		let greeting = '{"type":"welcome","protocol":1}';
		server.on('connection', socket => socket.once('message', () => socket.send(greeting)));
		await new Promise(resolve => server.once('listening', resolve));
		const address = `127.0.0.1:${(server.address() as net.AddressInfo).port}`;
		const broken = await failure(address, 'x', 'sre');
		expect(broken.kind).toBe('protocol');
		expect(broken.message).toMatch(new RegExp(`^the host at ${address} sent what this chaosops cannot read \\(.+\\); disconnected$`));
		greeting = 'not json';
		expect((await failure(address, 'x', 'sre')).message).toContain('(a message that is not JSON)');
	});

	it('after a drop, reconnects with the same code and seat, and the host gives the screen back as it stands', async () => {
		// Teammates that take their time: the SRE's message comes while the Dev is away, before the Dev's next view.
		const drill = await startHost(['--seats', 'sre,dev', '--scenario', 'db_deadlock', '--teammates', 'noop', '--delay', '60000']);
		hosts.push(drill);
		const proxy = await proxyTo(drill.port);
		closers.push(proxy.close);
		const sre = await join(drill.address, drill.code, 'sre', 'alice');
		const dev = await join(`127.0.0.1:${proxy.port}`, drill.code, 'dev', 'bob');
		await turnOf(sre);
		proxy.drop();
		await until(() => dev.snapshot().connection.state === 'lost', 'the drop');
		expect(dev.snapshot().connection).toEqual({state: 'lost', reason: `the connection to 127.0.0.1:${proxy.port} dropped (the host stopped, or the network)`});
		await drill.logged('left');
		sre.act({action_type: 'communicate', args: {message: 'db is deadlocked', to: 'all'}});
		await drill.logged('step');
		dev.reconnect();
		expect(dev.snapshot().connection.state).toBe('reconnecting');
		await until(() => dev.snapshot().connection.state === 'joined', 'the rejoin');
		expect(dev.snapshot().seats?.dev).toEqual({holder: 'human', player: 'bob', connected: true});
		expect(dev.snapshot().steps.map(step => step.message)).toEqual(['SRE: communicate']);
		await until(() => dev.snapshot().chat !== null, 'the chat');
		expect(dev.snapshot().chat?.shared_chat).toContain('[sre] db is deadlocked');
		expect(drill.lines.filter(line => line.event === 'joined').map(line => line['name'])).toEqual(['alice', 'bob', 'bob']);
	});
});
