// A drill over real WebSockets on loopback: the host's Drill and server in this process, players as ws clients.
// What each seat is sent is checked on the wire.
import {afterEach, describe, expect, it} from 'vitest';
import type {PolicyName} from '../../source/agents/policies.js';
import type {Role} from '../../source/env/vocabulary.js';
import {scenarioFor} from '../../source/io/incidents.js';
import {Drill, type DrillEvent, type Recipient, type Timers} from '../../source/net/drill.js';
import {CLOSE_CODES, DRILL_LIMITS, type ServerMessage} from '../../source/net/drill-protocol.js';
import {type DrillServer, serveDrill} from '../../source/net/drill-server.js';
import {type TestClient, connect, joinAs, until} from '../support/drill-client.js';
import {manualTimers} from '../support/manual-timers.js';

const CODE = 'test-code';

type Hosted = {drill: Drill; server: DrillServer; url: string; events: DrillEvent[]; refusals: string[]};
const open: Array<{server: DrillServer; clients: TestClient[]}> = [];

async function host(options: {seats: Role[]; teammates?: PolicyName; turnSeconds?: number | null; timers?: Timers; incident?: string}): Promise<Hosted> {
	const scenario = scenarioFor(options.incident ?? 'db_deadlock', {difficulty: 'easy', seed: 0});
	let deliver: (to: Recipient, message: ServerMessage) => void = () => {};
	const drill = new Drill(
		{scenario, seats: options.seats, teammates: options.teammates ?? 'noop', delayMs: 0, turnSeconds: options.turnSeconds ?? null, timers: options.timers},
		(to, message) => deliver(to, message),
	);
	const events: DrillEvent[] = [];
	drill.subscribe(event => events.push(event));
	const refusals: string[] = [];
	const server = await serveDrill({drill, code: CODE, host: '127.0.0.1', port: 0, onRefusal: reason => refusals.push(reason)});
	deliver = server.deliver;
	open.push({server, clients: []});
	return {drill, server, url: `ws://127.0.0.1:${server.port}`, events, refusals};
}

async function player(hosted: Hosted, role: Role, name = `${role}-player`): Promise<TestClient> {
	const client = await joinAs(hosted.url, CODE, {role, name});
	open.at(-1)!.clients.push(client);
	await client.next('welcome');
	return client;
}

afterEach(async () => {
	for (const {server, clients} of open.splice(0)) {
		for (const client of clients) client.close();
		await server.close();
	}
});

const say = (message: string, to?: string) => ({action_type: 'communicate', args: {message, ...(to === undefined ? {} : {to})}});

describe('a drill over WebSockets', () => {
	it('plays a whole drill: each player gets their turns, the turn log and the chat as it changes; teammates play the rest', async () => {
		const hosted = await host({seats: ['sre', 'dev'], teammates: 'oracle'});
		const sre = await player(hosted, 'sre');
		expect(hosted.drill.started).toBe(false);
		const dev = await player(hosted, 'dev');
		expect(hosted.drill.started).toBe(true);

		const first = await sre.next('turn');
		expect(first.observation.view.role).toBe('sre');
		sre.send({type: 'act', turn: first.turn, action: say('db looks deadlocked; dev, restart it')});
		// Oversight (the oracle teammate) plays, then it is Dev's turn with SRE's message in the chat it sees.
		const devTurn = await dev.next('turn');
		expect(devTurn.observation.view.shared_chat).toContain('[sre] db looks deadlocked; dev, restart it');
		const chat = await dev.next('chat');
		expect(chat.shared_chat).toContain('[sre] db looks deadlocked; dev, restart it');
		dev.send({type: 'act', turn: devTurn.turn, action: {action_type: 'restart', target: 'db'}});

		const ended = await sre.next('ended');
		expect(ended).toMatchObject({reason: 'resolved', result: {resolved: true}});
		expect((await dev.next('ended')).reason).toBe('resolved');
		const steps = sre.messages.flatMap(message => (message.type === 'step' ? [message.step] : []));
		expect(steps.map(step => [step.role, step.by, step.player])).toEqual([
			['sre', 'human', 'sre-player'],
			['oversight', 'oracle', null],
			['dev', 'human', 'dev-player'],
		]);
		expect(hosted.events.filter(event => event.kind === 'step')).toHaveLength(3);
	});

	it('never sends a seat another role’s private message, inbox or observation (checked on the wire)', async () => {
		const hosted = await host({seats: ['sre', 'dev', 'manager']});
		const [sre, dev, manager] = [await player(hosted, 'sre'), await player(hosted, 'dev'), await player(hosted, 'manager')];
		const secret = 'the deploy key is hunter2';
		const turn = await sre.next('turn');
		sre.send({type: 'act', turn: turn.turn, action: say(secret, 'dev')});
		const devTurn = await dev.next('turn');
		expect(devTurn.observation.view.private_inbox).toEqual([`[sre -> dev] ${secret}`]);
		dev.send({type: 'act', turn: devTurn.turn, action: {action_type: 'noop'}});
		const managerTurn = await manager.next('turn');
		manager.send({type: 'act', turn: managerTurn.turn, action: {action_type: 'noop'}});
		await manager.next('step');
		await until(() => manager.messages.filter(message => message.type === 'step').length === 4, 'the manager to see four steps');

		expect(manager.frames.join('\n')).not.toContain('hunter2');
		expect(manager.frames.join('\n')).not.toContain('"visible_metrics":{"');
		const seen = manager.messages.flatMap(message => (message.type === 'step' ? [message.step] : []));
		expect(seen[0]).toMatchObject({role: 'sre', private: true, action: {action_type: 'communicate', args: {to: 'dev'}}});
		// The sender and the recipient see it whole.
		expect(sre.frames.join('\n')).toContain('hunter2');
		expect(dev.messages.find(message => message.type === 'step')).toMatchObject({step: {private: false, action: {args: {message: secret}}}});
	});

	it('plays a dropped player’s seat with the teammate, and gives them their screen back when they rejoin', async () => {
		const hosted = await host({seats: ['sre', 'dev'], teammates: 'noop'});
		const sre = await player(hosted, 'sre');
		const dev = await player(hosted, 'dev');
		const turn = await sre.next('turn');
		sre.send({type: 'act', turn: turn.turn, action: say('restart db please')});
		await dev.next('turn');
		dev.close();
		// Mid-turn: the teammate (noop) takes the dev seat's pending turn, and play goes on to SRE.
		const next = await sre.next('turn');
		const steps = sre.messages.flatMap(message => (message.type === 'step' ? [message.step] : []));
		expect(steps.map(step => [step.role, step.by])).toEqual([
			['sre', 'human'],
			['oversight', 'noop'],
			['dev', 'noop'],
			['manager', 'noop'],
		]);
		expect(hosted.events.some(event => event.kind === 'left' && event.role === 'dev')).toBe(true);

		const back = await player(hosted, 'dev', 'dev-again');
		const state = await back.next('state');
		expect(state.steps).toHaveLength(4);
		expect(state.observation?.view.role).toBe('dev');
		expect(state.seats.dev).toMatchObject({connected: true, player: 'dev-again'});
		sre.send({type: 'act', turn: next.turn, action: {action_type: 'noop'}});
		const devTurn = await back.next('turn');
		expect(devTurn.observation.view.role).toBe('dev');
	});

	it('refuses a wrong code, a taken seat, a seat not open and an unknown role, and the drill goes on', async () => {
		const hosted = await host({seats: ['sre', 'dev']});
		const sre = await player(hosted, 'sre');
		const attempts = [
			{code: 'nope', role: 'dev', expected: /wrong join code/},
			{code: CODE, role: 'sre', expected: /the sre seat is taken by sre-player/},
			{code: CODE, role: 'manager', expected: /not open in this drill; open seats: sre, dev/},
		];
		for (const {code, role, expected} of attempts) {
			const client = await joinAs(hosted.url, code, {role});
			const refused = await client.next('refused');
			expect(refused.error).toMatch(expected);
			expect(await client.closed).toBe(CLOSE_CODES.refused);
		}
		const unknown = await joinAs(hosted.url, CODE, {role: 'cto'});
		expect((await unknown.next('refused')).error).toMatch(/^malformed message: role .*expected one of sre, dev, manager, oversight/);
		expect(await unknown.closed).toBe(CLOSE_CODES.malformed);

		const dev = await player(hosted, 'dev');
		expect(hosted.drill.started).toBe(true);
		const turn = await sre.next('turn');
		sre.send({type: 'act', turn: turn.turn, action: {action_type: 'noop'}});
		expect((await dev.next('turn')).observation.view.role).toBe('dev');
	});

	it('closes only the connection that sends something malformed, binary, oversized or too much', async () => {
		const hosted = await host({seats: ['sre', 'dev', 'manager', 'oversight']});
		const sre = await player(hosted, 'sre');
		const cases: Array<[string, (client: TestClient) => void, number, RegExp]> = [
			['not JSON', client => client.sendRaw('{"type":'), CLOSE_CODES.malformed, /not JSON/],
			['binary', client => client.sendRaw(Buffer.from([1, 2, 3])), CLOSE_CODES.malformed, /not binary/],
			['an act before hello', client => client.send({type: 'act', turn: 0, action: {action_type: 'noop'}}), CLOSE_CODES.malformed, /first message must be a hello/],
			['an unknown action', client => client.send({type: 'hello', protocol: 1, code: CODE, role: 'dev', extra: 1}), CLOSE_CODES.malformed, /unknown key.*"extra"/],
		];
		for (const [what, misbehave, closeCode, reason] of cases) {
			const client = await connect(hosted.url);
			misbehave(client);
			expect(await client.closed, what).toBe(closeCode);
			expect(client.messages.find(message => message.type === 'refused'), what).toMatchObject({error: expect.stringMatching(reason)});
		}
		const huge = await connect(hosted.url);
		huge.sendRaw('x'.repeat(DRILL_LIMITS.messageBytes + 1));
		expect(await huge.closed).toBe(1009);

		const flooder = await player(hosted, 'dev');
		for (let i = 0; i < DRILL_LIMITS.messagesPerSecond + 5; i++) flooder.send({type: 'act', turn: 0, action: {action_type: 'noop'}});
		expect(await flooder.closed).toBe(CLOSE_CODES.flood);

		// The player who did nothing wrong is still connected and playing.
		expect(sre.socket.readyState).toBe(sre.socket.OPEN);
		await player(hosted, 'dev', 'dev-second');
		await player(hosted, 'manager');
		await player(hosted, 'oversight');
		expect(hosted.drill.started).toBe(true);
		const turn = await sre.next('turn');
		sre.send({type: 'act', turn: turn.turn, action: {action_type: 'noop'}});
		await until(() => hosted.drill.turn === 1, 'the first step');
	});

	it('refuses an action whose text is longer than any seat could be sent, and the drill goes on for everyone', async () => {
		const hosted = await host({seats: ['sre', 'dev']});
		const sre = await player(hosted, 'sre');
		const dev = await player(hosted, 'dev');
		const turn = await sre.next('turn');
		sre.send({type: 'act', turn: turn.turn, action: say('x'.repeat(DRILL_LIMITS.actionText + 1))});
		expect((await sre.next('error')).error).toBe(`an action's text is at most ${DRILL_LIMITS.actionText} characters, and this one has ${DRILL_LIMITS.actionText + 1}; it was not played`);
		sre.send({type: 'act', turn: turn.turn, action: say('x'.repeat(DRILL_LIMITS.actionText))});
		const chat = await dev.next('chat');
		expect(chat.shared_chat.at(-1)).toHaveLength(DRILL_LIMITS.actionText + '[sre] '.length);
		expect([sre.socket.readyState, dev.socket.readyState]).toEqual([sre.socket.OPEN, dev.socket.OPEN]);
	});

	it('plays noop for a player whose countdown runs out, marked, and the countdown stands still while paused', async () => {
		const timers = manualTimers();
		const hosted = await host({seats: ['sre'], turnSeconds: 30, timers});
		const sre = await player(hosted, 'sre');
		const turn = await sre.next('turn');
		expect(turn.seconds).toBe(30);
		timers.advance(20_000);
		expect(hosted.drill.setPaused(true)).toBe(true);
		expect((await sre.next('paused')).paused).toBe(true);
		timers.advance(60_000);
		expect(hosted.drill.turn).toBe(0);
		sre.send({type: 'act', turn: turn.turn, action: {action_type: 'noop'}});
		expect((await sre.next('error')).error).toMatch(/paused/);
		hosted.drill.setPaused(false);
		timers.advance(9_000);
		expect(hosted.drill.turn).toBe(0);
		timers.advance(1_000);
		const step = await sre.next('step');
		expect(step.step).toMatchObject({role: 'sre', by: 'human', player: 'sre-player', timed_out: true, action: {action_type: 'noop'}});
		expect(hosted.events.find(event => event.kind === 'step')).toMatchObject({timedOut: true});
		// 20 s before the pause and 10 s after: the minute paused is not the player's.
		expect(hosted.drill.snapshot().seats.sre.thinkingMs).toBe(30_000);
	});

	it('shows spectators the team’s turn log and the view the facilitator chooses, and nothing private', async () => {
		const hosted = await host({seats: ['sre', 'dev']});
		const wall = await joinAs(hosted.url, CODE, {spectate: true, name: 'wall'});
		open.at(-1)!.clients.push(wall);
		expect((await wall.next('welcome')).role).toBeNull();
		const sre = await player(hosted, 'sre');
		await player(hosted, 'dev');
		const turn = await sre.next('turn');
		expect((await wall.next('view')).observation.view.role).toBe('sre');
		sre.send({type: 'act', turn: turn.turn, action: say('psst, dev: restart db', 'dev')});
		expect((await wall.next('step')).step).toMatchObject({role: 'sre', private: true});
		// Until the facilitator puts Dev's view (its inbox included) on the wall, the message is nowhere in what it got.
		expect(wall.frames.join('\n')).not.toContain('psst');
		hosted.drill.showSpectators('dev');
		const second = await joinAs(hosted.url, CODE, {spectate: true});
		open.at(-1)!.clients.push(second);
		expect((await second.next('state')).steps[0]).toMatchObject({role: 'sre', private: true});
		await until(() => wall.messages.some(message => message.type === 'view' && message.role === 'dev'), 'the view of dev on the wall');
		// A new spectator's welcome goes to it alone.
		expect(wall.messages.filter(message => message.type === 'welcome')).toHaveLength(1);
		wall.send({type: 'act', turn: 1, action: {action_type: 'noop'}});
		expect((await wall.next('error')).error).toMatch(/spectator watches/);
	});

	it('sends a facilitator’s hint to one seat only, and ending the drill ends it for everyone', async () => {
		const hosted = await host({seats: ['sre', 'dev']});
		const sre = await player(hosted, 'sre');
		const dev = await player(hosted, 'dev');
		expect(hosted.drill.hint('dev', 'look at the db logs')).toBe(true);
		expect((await dev.next('hint')).text).toBe('look at the db logs');
		expect(hosted.drill.hint('manager', 'nobody there')).toBe(false);
		hosted.drill.note('the SRE froze here');
		hosted.drill.stop();
		expect((await sre.next('ended')).reason).toBe('ended');
		expect((await dev.next('ended')).reason).toBe('ended');
		expect(sre.messages.some(message => message.type === 'hint')).toBe(false);
		expect(hosted.events.map(event => event.kind)).toEqual(expect.arrayContaining(['hint', 'note', 'ended']));
		const late = await joinAs(hosted.url, CODE, {role: 'sre'});
		expect((await late.next('refused')).error).toMatch(/over/);
	});
});
