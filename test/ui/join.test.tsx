// The join screen: a seat of a drill hosted on loopback in this process, joined with the real client and drawn by
// the join app, driven by keystrokes. The other seats are played through the drill, as their players would.
import type {AddressInfo} from 'node:net';
import {cleanup, render} from 'ink-testing-library';
import {type WebSocket, WebSocketServer} from 'ws';
import {afterEach, describe, expect, it} from 'vitest';
import type {Role} from '../../source/env/vocabulary.js';
import {scenarioFor} from '../../source/io/incidents.js';
import {DrillClient} from '../../source/net/drill-client.js';
import {Drill} from '../../source/net/drill.js';
import type {ServerMessage} from '../../source/net/drill-protocol.js';
import {JoinApp} from '../../source/ui/JoinApp.js';
import type {TerminalSize} from '../../source/ui/layout.js';
import {type Harness, type HarnessOptions, hostDrill} from '../support/drill-harness.js';
import {until} from '../support/drill-client.js';
import {manualTimers} from '../support/manual-timers.js';
import {KEY, drive, expectFits, pick, widen} from './drive.js';

const hosted: Harness[] = [];
afterEach(async () => {
	cleanup();
	for (const harness of hosted.splice(0)) await harness.close();
});

async function host(options: HarnessOptions): Promise<Harness> {
	const harness = await hostDrill(options);
	hosted.push(harness);
	return harness;
}

/** The join app on a client, driven by keystrokes. */
function renderJoin(client: DrillClient, {size = {columns: 100, rows: 30}, now}: {size?: TerminalSize; now?: () => number} = {}) {
	const app = render(<JoinApp client={client} size={size} now={now} />);
	widen(app, size.columns);
	return {...app, ...drive(app)};
}

const say = (message: string, to = 'all') => ({action_type: 'communicate' as const, args: {message, to}});

/** Plays the seat's pending turn through the drill, as that seat's player would from their own terminal. */
async function playAs(harness: Harness, role: Role, action: Parameters<Harness['drill']['act']>[2]): Promise<void> {
	await until(() => harness.drill.snapshot().pending?.role === role, `${role}'s turn`);
	expect(harness.drill.act(role, harness.drill.turn, action)).toBeNull();
}

describe('the join screen', () => {
	it('waits for another seat, then on the seat’s turn picks an action as play does, and ends on the result', async () => {
		const harness = await host({seats: ['sre', 'dev']});
		// The SRE's player joins from elsewhere; this screen is the Dev's.
		const sre = await harness.join('sre', 'alice');
		const app = renderJoin(await harness.join('dev', 'bob'));
		await app.waitFor('SRE (alice) is deciding...');
		expect(app.frame()).toContain("SRE's turn (alice)");
		expect(app.frame()).toMatch(/SRE {7}alice/);
		expect(app.frame()).toMatch(/DEV {7}you/);
		expect(app.frame()).toContain('DEV: your view appears at your first turn.');
		expect(app.frame()).not.toContain('YOUR MOVE');

		await playAs(harness, 'sre', say('db is deadlocked; dev, restart it'));
		await app.waitFor('YOUR MOVE (DEV)');
		const turn = app.frame();
		expect(turn).toContain("DEV's turn (you)");
		expect(turn).toContain('[sre] db is deadlocked; dev, restart it');
		expect(turn).toContain('1 SRE: communicate  -2.0 (alice)');
		expect(turn).toContain('critical'); // db, as the Dev sees it
		await pick(app, 'restart');
		await app.waitFor('which service?');
		await pick(app, 'db');
		await app.waitFor('DRILL OVER');
		const end = app.frame();
		expect(end).toContain('DRILL OVER · Database deadlock · resolved in 3 steps');
		expect(end).toMatch(/cumulative reward\s+\+104\.0/);
		expect(end).toContain('reward by component: resolved+100 mttr-6 under_budget+10');
		expect(end).toContain("your seat: DEV · you decided 1 step of the team's 3");
		expect(end).toContain('3 DEV: restart | -> db | ✓ incident resolved  +110.0 (you)');
		expect(sre.snapshot().ending?.reason).toBe('resolved');
		await app.press('q');
		await until(() => harness.drill.snapshot().seats.dev.connected === false, 'the Dev to leave');
	});

	it('shows another seat’s private message as private, its text absent, and the live chat between turns', async () => {
		const harness = await host({seats: ['sre', 'dev', 'manager']});
		await harness.join('sre');
		const dev = await harness.join('dev');
		const app = renderJoin(await harness.join('manager'), {size: {columns: 140, rows: 40}});
		await app.waitFor('SRE (sre) is deciding...');
		await playAs(harness, 'sre', say('the deploy key is hunter2', 'dev'));
		await app.waitFor('1 SRE: communicate | private message to dev  -2.0 (sre)');
		// Before the Manager's first turn, the chat arrives as the others talk.
		await playAs(harness, 'dev', say('on it, restarting db next'));
		await app.waitFor('[dev] on it, restarting db next');
		expect(app.frame()).toContain('MANAGER sees no metrics and no logs');
		expect(app.frames.join('\n')).not.toContain('hunter2');
		expect(dev.snapshot().chat?.private_inbox).toEqual(['[sre -> dev] the deploy key is hunter2']);
	});

	it('says the facilitator paused the drill, holds the picker until they resume, and shows their hint', async () => {
		const harness = await host({seats: ['sre']});
		const app = renderJoin(await harness.join('sre'));
		await app.waitFor('YOUR MOVE (SRE)');
		expect(harness.drill.hint('sre', 'look at the db logs')).toBe(true);
		await app.waitFor('Hint from the facilitator: look at the db logs');
		harness.drill.setPaused(true);
		await app.waitFor('Paused by the facilitator: your move waits until they resume.');
		expect(app.frame()).toContain('⏸ PAUSED');
		await app.press('1');
		expect(harness.drill.snapshot().steps).toHaveLength(0);
		harness.drill.setPaused(false);
		await app.waitFor(() => !app.frame().includes('PAUSED'), 'the pause to end');
		await app.press('?');
		await app.waitFor('HINTS FROM THE FACILITATOR (1)');
		expect(app.frame()).toContain('1. look at the db logs');
		expect(app.frame()).toContain('CONTROLS (any key closes)');
		await app.press('x');
		await pick(app, 'noop');
		await app.waitFor(() => harness.drill.snapshot().steps.length > 0, 'the SRE’s noop');
		// Answered: the hint leaves the status line (the help keeps it).
		await app.waitFor(() => !app.frame().includes('Hint from the facilitator'), 'the hint to go');
	});

	it('counts down the time left for the seat’s turn when the host set a limit, and stops while paused', async () => {
		const timers = manualTimers();
		let now = 1_000_000;
		const harness = await host({seats: ['sre'], turnSeconds: 30, timers});
		const app = renderJoin(await harness.join('sre', 'alice', () => now), {now: () => now});
		await app.waitFor('YOUR MOVE (SRE)');
		expect(app.frame()).toContain("SRE's turn (you) · 0:30 left");
		now += 20_500;
		await app.press('x'); // any key: the screen draws again
		await app.waitFor('0:10 left');
		harness.drill.setPaused(true);
		await app.waitFor('0:10 left (paused)');
		now += 60_000;
		await app.press('x');
		expect(app.frame()).toContain('0:10 left (paused)');
		harness.drill.setPaused(false);
		await app.waitFor(() => app.frame().includes('0:10 left') && !app.frame().includes('paused'), 'the countdown to go on');
		// The host's countdown runs out: the seat plays noop, marked.
		timers.advance(30_000);
		await app.waitFor('1 SRE: noop | out of time  -2.0 (you)');
	});

	it('says the connection dropped, and r gets the seat back with the screen as it stands', async () => {
		const harness = await host({seats: ['sre', 'dev']});
		await harness.join('sre', 'alice');
		const dev = await harness.join('dev', 'bob');
		const app = renderJoin(dev, {size: {columns: 160, rows: 40}});
		await app.waitFor('SRE (alice) is deciding...');
		harness.drop(dev);
		await app.waitFor('The connection to');
		expect(app.frame()).toContain('r reconnects as DEV with the same code; q quits.');
		// Meanwhile the teammate plays the seat, and the SRE goes on.
		await until(() => harness.drill.snapshot().seats.dev.holder === 'noop', 'the teammate to take the seat');
		await app.press('r');
		await app.waitFor('SRE (alice) is deciding...');
		expect(app.frame()).toMatch(/DEV {7}you/);
		expect(harness.drill.snapshot().seats.dev).toMatchObject({holder: 'human', player: 'bob', connected: true});
	});

	it('gives up the turn when the facilitator hands the seat to its teammate, and takes it again when they hand it back', async () => {
		// A teammate that takes its time: the turn waits for it while the seat is handed over.
		const harness = await host({seats: ['sre'], delayMs: 3_600_000});
		const app = renderJoin(await harness.join('sre', 'alice'));
		await app.waitFor('YOUR MOVE (SRE)');
		harness.drill.handOver('sre', true);
		await app.waitFor('SRE (noop) is deciding...');
		expect(app.frame()).toContain('noop (you watch)');
		expect(app.frame()).not.toContain('YOUR MOVE');
		harness.drill.handOver('sre', false);
		await app.waitFor('YOUR MOVE (SRE)');
	});

	it('asks before quitting a running drill', async () => {
		const harness = await host({seats: ['sre']});
		const app = renderJoin(await harness.join('sre'));
		await app.waitFor('YOUR MOVE (SRE)');
		await app.press('q');
		await app.waitFor('The drill goes on without you: a teammate takes your seat. Quit? (y / n)');
		await app.press('n');
		await app.waitFor('YOUR MOVE (SRE)');
		for (const key of ['u', 'g', 't']) {
			await app.press(key);
			await app.waitFor(`The key ${key} does nothing here`);
		}
		await app.press('q', 'y');
		await until(() => !harness.drill.snapshot().seats.sre.connected, 'the SRE to leave');
	});

	it('watches as a spectator: the view the facilitator shows and the turn log, nothing to pick', async () => {
		const harness = await host({seats: ['sre']});
		const app = renderJoin(await harness.join(null, 'wall'));
		await harness.join('sre', 'alice');
		await app.waitFor('SRE (alice) is deciding...');
		expect(app.frame()).toContain('SERVICES');
		harness.drill.showSpectators('manager');
		await playAs(harness, 'sre', say('paging the manager'));
		await app.waitFor('MANAGER sees no metrics and no logs');
		expect(app.frame()).not.toContain('YOUR MOVE');
		harness.drill.stop();
		await app.waitFor('DRILL OVER');
		expect(app.frame()).toContain('ended by the facilitator, not resolved');
		expect(app.frame()).toContain('you watched as a spectator');
	});

	it('lets a spectator leave without asking: nothing is left behind', async () => {
		const harness = await host({seats: ['sre']});
		const wall = await harness.join(null, 'wall');
		const app = renderJoin(wall);
		await app.waitFor('SERVICES');
		await app.press('q');
		await until(() => wall.snapshot().connection.state === 'closed', 'the spectator to leave');
		expect(app.frames.join('\n')).not.toContain('Quit? (y / n)');
	});

	it('shows escape sequences in other players’ names and messages as visible text', async () => {
		const harness = await host({seats: ['sre', 'dev']});
		await harness.join('sre', `mallory${RETITLE}`);
		const app = renderJoin(await harness.join('dev'), {size: {columns: 140, rows: 40}});
		await playAs(harness, 'sre', say(`all good${CSI_CLEAR}`));
		await app.waitFor('YOUR MOVE (DEV)');
		expect(app.frame()).toContain('[sre] all good\\x9b2J');
		expect(app.frame()).toContain('mallory\\x1b]0;pwned\\x07');
		expectNoControls(app.frames.join('\n'));
	});

	it('shows escape sequences in what a hostile host sends as visible text, picker and all', async () => {
		const [welcome, ...rest] = await drillMessages('sre');
		const hostile = {...welcome, drill: {...welcome.drill, title: `Night ${RETITLE}shift`, services: [`db${CSI_CLEAR}`, 'auth']}};
		const fake = await fakeHost(socket => [hostile, ...rest].forEach(message => socket.send(JSON.stringify(message))));
		const client = new DrillClient({address: fake.address, code: 'x', role: 'sre'});
		await client.connect();
		const app = renderJoin(client, {size: {columns: 140, rows: 40}});
		await app.waitFor('YOUR MOVE (SRE)');
		await pick(app, 'restart');
		await app.waitFor('db\\x9b2J');
		expect(app.frame()).toContain('Night \\x1b]0;pwned\\x07shift');
		expectNoControls(app.frames.join('\n'));
		client.close();
		await fake.close();
	});

	it('fits an 80×24 terminal on every screen', async () => {
		const size = {columns: 80, rows: 24};
		const harness = await host({seats: ['sre', 'oversight']});
		const app = renderJoin(await harness.join('oversight', 'olga'), {size});
		await harness.join('sre', 'alice');
		await app.waitFor('SRE (alice) is deciding...');
		expectFits(app.frame(), size);
		await playAs(harness, 'sre', say('looking'));
		await app.waitFor('YOUR MOVE (OVERSIGHT)');
		expectFits(app.frame(), size);
		await app.press('d');
		await app.waitFor("DETAIL: OVERSIGHT's view in full");
		expectFits(app.frame(), size);
		await app.press(KEY.escape);
		harness.drill.stop();
		await app.waitFor('DRILL OVER');
		expectFits(app.frame(), size);
	});
});

const RETITLE = '\u001b]0;pwned\u0007';
const CSI_CLEAR = '\u009b2J';

const expectNoControls = (frames: string) => expect(frames).not.toMatch(/\u001b\]|\u0007|\u009b/);

type Greeting = [Extract<ServerMessage, {type: 'welcome'}>, ...ServerMessage[]];

/** What a real drill sends a seat that joins it and is given the first turn: welcome, state, turn. */
async function drillMessages(role: Role): Promise<Greeting> {
	const sent: ServerMessage[] = [];
	const scenario = scenarioFor('db_deadlock', {difficulty: 'easy', seed: 0});
	const drill = new Drill({scenario, seats: [role], teammates: 'noop', delayMs: 0, turnSeconds: null}, (to, message) => to === role && sent.push(message));
	drill.join(role, 'player');
	await until(() => sent.some(message => message.type === 'turn'), 'the first turn');
	drill.stop();
	return sent.filter(message => ['welcome', 'state', 'turn'].includes(message.type)) as Greeting;
}

/** A WebSocket server on loopback that answers each hello with what `greet` sends. */
async function fakeHost(greet: (socket: WebSocket) => void): Promise<{address: string; close: () => Promise<void>}> {
	const server = new WebSocketServer({host: '127.0.0.1', port: 0});
	server.on('connection', socket => socket.once('message', () => greet(socket)));
	await new Promise(resolve => server.once('listening', resolve));
	return {
		address: `127.0.0.1:${(server.address() as AddressInfo).port}`,
		close: () => {
			for (const socket of server.clients) socket.terminate();
			return new Promise(resolve => server.close(() => resolve()));
		},
	};
}
