// The facilitator console of `chaosops host`, on a real Drill (teammates noop, a clock the test moves), driven by
// keystrokes as the facilitator would. What the drill was told is checked on the drill and in what it sent.
import {cleanup, render} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import type {Difficulty, Role} from '../../source/env/vocabulary.js';
import {scenarioFor} from '../../source/io/incidents.js';
import {Drill, type Recipient} from '../../source/net/drill.js';
import type {ServerMessage} from '../../source/net/drill-protocol.js';
import {ConsoleEvents, DrillConsole} from '../../source/ui/console-launch.js';
import type {JoinInfo} from '../../source/ui/console-view.js';
import type {TerminalSize} from '../../source/ui/layout.js';
import {manualTimers} from '../support/manual-timers.js';
import {KEY, drive, expectFits, widen} from './drive.js';

afterEach(() => cleanup());

const CODE = 'WXYZ-2345';
const ADDRESS = '127.0.0.1:4520';

type Options = {
	readonly seats?: readonly Role[];
	readonly incident?: string;
	readonly difficulty?: Difficulty;
	readonly turnSeconds?: number | null;
	readonly size?: TerminalSize;
};

function hostConsole({seats = ['sre', 'dev'], incident = 'db_deadlock', difficulty = 'easy', turnSeconds = null, size = {columns: 80, rows: 24}}: Options = {}) {
	const timers = manualTimers();
	const scenario = scenarioFor(incident, {difficulty, seed: 0});
	const sent: Array<{to: Recipient; message: ServerMessage}> = [];
	const drill = new Drill({scenario, seats, teammates: 'noop', delayMs: 0, turnSeconds, timers}, (to, message) => sent.push({to, message}));
	const events = new ConsoleEvents();
	drill.subscribe(events.add);
	const join: JoinInfo = {address: ADDRESS, code: CODE, commands: Object.fromEntries(seats.map(role => [role, `chaosops join ${ADDRESS} --code ${CODE} --as ${role}`]))};
	const left: string[] = [];
	const tree = (
		<DrillConsole drill={drill} events={events} join={join} timers={timers} size={size} onLeave={() => left.push('left')} onInterrupt={() => left.push('interrupted')} />
	);
	const app = render(tree);
	widen(app, size.columns);
	app.rerender(tree);
	return {...app, ...drive(app), drill, events, timers, sent, left};
}

const PLAYERS: Readonly<Partial<Record<Role, string>>> = {sre: 'alice', dev: 'bob'};

/** The console of a drill under way: a player (alice, bob) in every open seat. */
async function underWay(options: Options = {}) {
	const app = hostConsole(options);
	for (const role of options.seats ?? ['sre', 'dev']) app.drill.join(role, PLAYERS[role] ?? role);
	await app.waitFor('Drill started');
	return app;
}

/** The frame's line that holds `text`. */
const lineWith = (frame: string, text: string): string => frame.split('\n').find(line => line.includes(text)) ?? '';

/** The seats table's row of a role. */
const seatRow = (frame: string, role: string): string => frame.split('\n').find(line => new RegExp(`^[ >] ${role} (?! *chaosops)`).test(line)) ?? '';

describe('the facilitator console before the drill starts', () => {
	it('gives the join line of each seat nobody has taken, and s starts the drill with teammates in the empty seats', async () => {
		const app = hostConsole();
		await app.waitFor('Waiting for players: 0 of 2 seats taken');
		expect(app.frame()).toContain(`JOIN: give each player their line (code ${CODE})`);
		expect(app.frame()).toContain(`SRE        chaosops join ${ADDRESS} --code ${CODE} --as sre`);
		expect(app.frame()).toContain(`DEV        chaosops join ${ADDRESS} --code ${CODE} --as dev`);
		expect(seatRow(app.frame(), 'DEV')).toMatch(/nobody yet\s+waiting/);
		expect(seatRow(app.frame(), 'OVERSIGHT')).toContain('teammate seat');
		expectFits(app.frame(), {columns: 80, rows: 24});

		app.drill.join('sre', 'alice');
		await app.waitFor('alice took the SRE seat');
		expect(app.frame()).not.toContain('--as sre');
		expect(app.frame()).toContain('--as dev');
		expect(seatRow(app.frame(), 'SRE')).toMatch(/alice\s+online\s+player/);
		expect(app.frame()).toContain('1 of 2 seats taken');

		// Space pauses only a drill under way; the status line says why not yet.
		await app.press(' ');
		await app.waitFor('The drill has not started: s starts it.');
		expect(app.drill.snapshot().paused).toBe(false);

		await app.press('s');
		await app.waitFor('Drill started');
		expect(app.drill.started).toBe(true);
		// The SRE's turn is the player's; the empty DEV seat stays open to join.
		expect(app.drill.snapshot().pending).toMatchObject({role: 'sre', by: 'human'});
		expect(app.frame()).toContain('--as dev');
		expect(app.frame()).toContain(`JOIN (code ${CODE}): until someone joins, the teammate plays the seat`);
	});
});

describe('the facilitator console mid-drill', () => {
	it('counts down the pending player turn and the time each seat has taken', async () => {
		const app = hostConsole({seats: ['sre'], turnSeconds: 30, size: {columns: 100, rows: 40}});
		app.drill.join('sre', 'alice');
		await app.waitFor('0:30 left');
		expect(seatRow(app.frame(), 'SRE')).toMatch(/alice\s+online\s+player\s+0:00\s+0:30 left/);
		expect(app.frame()).toContain("SRE's turn (alice)");
		expect(app.frame()).not.toContain('JOIN');

		app.timers.advance(12_000);
		await app.waitFor('0:18 left');
		expect(seatRow(app.frame(), 'SRE')).toMatch(/0:12\s+0:18 left/);
		expect(app.frame()).toContain("SRE's turn: alice is deciding, 0:18 left.");

		// The player acts: the turn goes round the teammates (noop) and back, and the time taken is kept.
		expect(app.drill.act('sre', 0, {action_type: 'noop'})).toBeNull();
		await app.waitFor(() => app.drill.snapshot().pending?.turn === 4, 'the SRE’s next turn');
		app.timers.advance(1_000);
		await app.waitFor('0:29 left');
		expect(seatRow(app.frame(), 'SRE')).toMatch(/0:13\s+0:29 left/);
		expect(app.frame()).toContain('1 SRE: noop  -2.0 (alice)');
	});

	it('space pauses the drill for everyone and resumes it; the countdown waits', async () => {
		const app = hostConsole({seats: ['sre'], turnSeconds: 30});
		app.drill.join('sre', 'alice');
		await app.waitFor('0:30 left');
		app.timers.advance(12_000);
		await app.press(' ');
		await app.waitFor('Paused for everyone: space resumes.');
		expect(app.drill.snapshot().paused).toBe(true);
		expect(lineWith(app.frame(), 'ChaosOps drill')).toContain('PAUSED');
		// The time left stands still with the drill, and the seat says how much there is.
		expect(seatRow(app.frame(), 'SRE')).toMatch(/paused \(0:18\)\s*$/);
		expect(app.sent).toContainEqual({to: 'sre', message: {type: 'paused', paused: true}});

		app.timers.advance(60_000);
		expect(app.drill.turn).toBe(0);
		await app.press(' ');
		await app.waitFor('Resumed.');
		expect(app.drill.snapshot().paused).toBe(false);
		expect(lineWith(app.frame(), 'ChaosOps drill')).not.toContain('PAUSED');
		expect(app.frame()).toContain('0:18 left');
	});

	it('h sends a hint typed to the chosen seat only', async () => {
		const app = await underWay();
		await app.press('h');
		await app.waitFor('HINT TO WHICH SEAT?');
		expect(app.frame()).toMatch(/1 SRE\s+alice/);
		expect(app.frame()).toMatch(/2 DEV\s+bob/);
		await app.press('2');
		await app.waitFor('HINT TO DEV (bob): Enter sends it');
		// While typing, the keys are letters of the hint, not controls.
		await app.press(...'the db holds two locks');
		await app.waitFor('> the db holds two locks');
		expect(app.drill.snapshot().paused).toBe(false);
		await app.press(KEY.enter);
		await app.waitFor('Hint sent to DEV (bob).');
		expect(app.frame()).toContain('Hint to DEV: the db holds two locks');
		const hints = app.sent.filter(({message}) => message.type === 'hint');
		expect(hints).toEqual([{to: 'dev', message: {type: 'hint', text: 'the db holds two locks'}}]);
		expect(app.events.events()).toContainEqual({kind: 'hint', turn: 0, role: 'dev', text: 'the db holds two locks'});
	});

	it('h with nobody in a seat says so; Esc backs out of a prompt without sending anything', async () => {
		const app = hostConsole();
		await app.press('h');
		await app.waitFor('Nobody is in a seat to read a hint.');
		app.drill.join('sre', 'alice');
		await app.waitFor('alice took the SRE seat');
		await app.press('h', KEY.enter);
		await app.waitFor('HINT TO SRE (alice)');
		await app.press('x', KEY.escape);
		await app.waitFor(() => !app.frame().includes('HINT TO SRE'), 'the prompt to close');
		expect(app.sent.some(({message}) => message.type === 'hint')).toBe(false);
	});

	it('n writes a note, or a bare mark, into the drill’s record at the turn it is written', async () => {
		const app = await underWay({seats: ['sre']});
		await app.press('n');
		await app.waitFor('NOTE AT TURN 0: Enter writes it into the recording');
		await app.press(...'SRE froze at the first alert', KEY.enter);
		await app.waitFor('Note written into the recording at turn 0.');
		expect(app.events.events()).toContainEqual({kind: 'note', turn: 0, text: 'SRE froze at the first alert'});
		expect(app.frame()).toContain('NOTE at turn 0: SRE froze at the first alert');
		// Enter alone marks the turn.
		await app.press('n');
		await app.waitFor('NOTE AT TURN 0');
		await app.press(KEY.enter);
		await app.waitFor('Turn 0 marked important in the recording.');
		expect(app.events.events()).toContainEqual({kind: 'note', turn: 0, text: ''});
		expect(app.frame()).toContain('MARKED turn 0 important');
	});

	it('t hands a seat to the teammate and back to its player', async () => {
		const app = await underWay();
		await app.press('t');
		await app.waitFor('HAND WHICH SEAT OVER?');
		expect(app.frame()).toMatch(/1 SRE\s+to the teammate \(alice watches\)/);
		await app.press('1');
		await app.waitFor("SRE is the teammate's now; alice watches.");
		expect(app.drill.snapshot().seats.sre).toMatchObject({toTeammate: true, holder: 'noop'});
		expect(seatRow(app.frame(), 'SRE')).toContain('noop (handed)');
		// The noop teammate played the SRE's turn; it is Dev's now, still bob's.
		await app.waitFor(() => app.drill.snapshot().pending?.role === 'dev', 'the dev turn');

		await app.press('t');
		await app.waitFor('back to alice');
		await app.press('1');
		await app.waitFor('SRE is back with alice.');
		expect(app.drill.snapshot().seats.sre).toMatchObject({toTeammate: false, holder: 'human'});
	});

	it('v chooses the view the spectators see', async () => {
		const app = hostConsole();
		await app.press('v');
		await app.waitFor('WHOSE VIEW DO THE SPECTATORS SEE?');
		expect(app.frame()).toMatch(/SRE\s+\(shown now\)/);
		await app.press('3');
		await app.waitFor("The spectators see DEV's view.");
		expect(app.drill.snapshot().spectatorView).toBe('dev');
	});

	it('q asks before ending the drill for everyone; once it is over, q leaves', async () => {
		const app = await underWay({seats: ['sre']});
		await app.press('q');
		await app.waitFor('End the drill for everyone?');
		await app.press('n');
		await app.waitFor(() => !app.frame().includes('End the drill'), 'the question to go');
		expect(app.drill.over).toBe(false);

		await app.press('q');
		await app.waitFor('End the drill for everyone?');
		await app.press('y');
		await app.waitFor('Drill ended by the facilitator at step 0');
		expect(app.drill.over).toBe(true);
		expect(app.sent.filter(({message}) => message.type === 'ended').map(({to}) => to)).toContain('sre');
		expect(app.frame().trimEnd().split('\n').at(-1)).toBe('q leave');
		expect(app.left).toEqual([]);
		await app.press('h');
		await app.waitFor('The drill is over: q leaves the console.');
		await app.press('q');
		expect(app.left).toEqual(['left']);
	});

	it('Ctrl+C leaves at once, even while typing', async () => {
		const app = hostConsole();
		await app.press('n', 'a', KEY.ctrlC);
		expect(app.left).toEqual(['interrupted']);
	});
});

describe('the ground truth beside the views', () => {
	it('marks the red herrings and the malicious fleet action, in the truth and in the views that show them', async () => {
		const app = hostConsole({seats: ['sre'], incident: 'misrouted_traffic', difficulty: 'hard', size: {columns: 200, rows: 50}});
		const {truth} = app.drill.snapshot();
		const herrings = truth.all_logs.filter(log => log.is_red_herring);
		expect(herrings.length).toBeGreaterThan(0);
		app.drill.join('sre', 'alice');
		await app.waitFor('Drill started');
		app.drill.act('sre', 0, {action_type: 'noop'});
		// Oversight's turn (noop) shows its view with the fleet.
		await app.waitFor(() => app.drill.snapshot().pending?.role === 'sre', 'the round to come back to the SRE');
		await app.waitFor('GROUND TRUTH');
		const frame = app.frame();
		expectFits(frame, {columns: 200, rows: 50});
		const columnOf = (title: string) => frame.split('\n').map(line => line.slice(frame.split('\n').find(row => row.includes(title))!.indexOf(title)).slice(0, 39));
		const truthColumn = columnOf('GROUND TRUTH').join('\n');
		expect(truthColumn).toContain('cause   misrouted_traffic');
		expect(truthColumn).toContain('[herring] t0 WARN payments: p95');
		expect(truthColumn).toContain('[MALICIOUS] t0 load_balancer');
		// The true cause of the errors is not marked.
		expect(truthColumn).toMatch(/logs {4}t0 ERROR payments: 41% of/);
		// The SRE sees the same misleading lines, marked; Oversight sees the malicious action, marked.
		expect(columnOf('SRE alice').join('\n')).toContain('[herring] t0 WARN payments');
		expect(columnOf('OVERSIGHT noop').join('\n')).toContain('[MALICIOUS] t0 load_balancer');
	});
});

describe('the console fits the terminal', () => {
	it('shows one role’s view and the truth at 80×24, and every view with the truth at 200×50', async () => {
		const small = hostConsole({seats: ['sre', 'dev']});
		small.drill.join('sre', 'alice');
		await small.waitFor('alice took the SRE seat');
		expectFits(small.frame(), {columns: 80, rows: 24});
		expect(small.frame()).toContain('GROUND TRUTH');
		expect(small.frame()).toContain('tab views');
		await small.press(KEY.tab, KEY.tab);
		await small.waitFor('OVERSIGHT noop');
		cleanup();

		const large = hostConsole({seats: ['sre', 'dev'], size: {columns: 200, rows: 50}});
		large.drill.join('sre', 'alice');
		await large.waitFor('alice took the SRE seat');
		const frame = large.frame();
		expectFits(frame, {columns: 200, rows: 50});
		const titles = lineWith(frame, 'GROUND TRUTH');
		for (const title of ['SRE alice', 'OVERSIGHT noop', 'DEV nobody yet', 'MANAGER noop']) expect(titles).toContain(title);
		// The turn log stands beside the join lines and the seats, with the keys under them.
		expect(lineWith(frame, 'TURN LOG')).toMatch(/^JOIN: /);
		expect(lineWith(frame, 'alice took the SRE seat')).toMatch(/^ {2}DEV +chaosops join/);
		expect(frame).toContain('KEYS');
		expect(frame).not.toContain('tab views');
	});

	it('shows a player’s name and chat with their control characters made visible', async () => {
		const app = hostConsole({seats: ['sre']});
		app.drill.join('sre', 'eve\u001b]0;pwned\u0007');
		await app.waitFor('Drill started');
		app.drill.act('sre', 0, {action_type: 'communicate', args: {message: 'all \u009b2Jgood', to: 'all'}});
		await app.waitFor('all \\x9b2Jgood');
		const frames = app.frames.join('\n');
		expect(frames).toContain('eve\\x1b]0;pwned\\x07');
		expect(frames).not.toMatch(/[\u0007\u009b]|\u001b\]/);
	});
});
