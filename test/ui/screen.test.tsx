// A screen that explains itself: the detail view, lists that say they scroll and number their items, hints that
// never mislead, the last step's reward in words, keys that say why they do nothing, big terminals put to use, and
// steps numbered alike everywhere.
import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import type {Policy} from '../../source/agents/policy.js';
import type {PolicyMap} from '../../source/agents/runner.js';
import {builtInIncident, scenarioFor} from '../../source/io/incidents.js';
import type {HintSource} from '../../source/io/recording.js';
import {readRecording, resimulate} from '../../source/io/recording.js';
import type {TerminalSize} from '../../source/ui/layout.js';
import {replaySession} from '../../source/ui/replay-session.js';
import {PlaySession} from '../../source/ui/session.js';
import {KEY, expectFits, highlighted, pick, renderApp, renderSessions} from './drive.js';
import {ledgerIncident} from './ledger-incident.js';
import {recordScripted} from './record.js';

afterEach(() => cleanup());

const idle: PolicyMap = {sre: 'noop', oversight: 'noop', dev: 'noop', manager: 'noop'};
const SMALL: TerminalSize = {columns: 80, rows: 24};
/** Wide enough for a status line of one line. */
const WIDE: TerminalSize = {columns: 140, rows: 40};
const KEYS = {pageDown: '\u001B[6~', pageUp: '\u001B[5~', home: '\u001B[H', end: '\u001B[F'} as const;

/** A teammate that talks every turn: to everyone, and privately to the SRE and to the Dev. */
const chatty = (name: string): Policy => {
	let turn = 0;
	const messages = [
		{message: `${name} round ${turn}: the payments config was pushed by deploy_bot and checksums fail since`, to: 'all'},
		{message: `${name} for the SRE only`, to: 'sre'},
		{message: `${name} secret for the dev`, to: 'dev'},
	];
	return {name, act: () => ({action_type: 'communicate', args: messages[turn++ % messages.length]!})};
};

/** The SRE's seat for the person; the others talk. */
function renderChatty() {
	const scenario = scenarioFor('rogue_deploy_bot', {seed: 7});
	const start = () =>
		new PlaySession({
			scenario,
			scripts: () => ({sre: chatty('sre'), oversight: chatty('oversight'), dev: chatty('dev'), manager: chatty('manager')}),
			humans: ['sre'],
			delayMs: 0,
		});
	return renderSessions(start, scenario.seed, {size: SMALL});
}

describe('the detail view (d)', () => {
	it('shows the full text the play screen cuts, only what the role sees, and scrolls through all of it', async () => {
		const app = renderChatty();
		await app.waitFor('YOUR MOVE (SRE)');
		for (let round = 0; round < 3; round++) {
			await pick(app, 'noop');
			await app.waitFor(() => app.play().pending?.human === true && app.play().played.length === 4 * (round + 1), `round ${round + 1}`);
		}
		const main = app.frame();
		expect(main).toContain('71% of ...'); // the log line, cut
		expect(main).not.toContain('checksum mismatch');

		await app.press('d');
		await app.waitFor("DETAIL: SRE's view in full");
		const top = app.frame();
		expectFits(top, SMALL);
		expect(top).toContain('LOGS (1)');
		expect(top).toContain('rejected: checksum mismatch'); // the same line, whole, wrapped
		expect(top).toMatch(/↓ \d+ lines below/);
		expect(top).not.toContain('lines above');

		// Down to the end: the whole turn log, each step with its reward in words.
		const seen = [top];
		for (let page = 0; page < 10 && !app.frame().match(/^\s*12 MANAGER/m); page++) {
			await app.press(KEYS.pageDown);
			seen.push(app.frame());
		}
		await app.press(KEYS.end);
		const bottom = app.frame();
		expect(bottom).toMatch(/↑ \d+ lines above/);
		expect(bottom).not.toContain('lines below');
		expect(bottom).toMatch(/12 MANAGER: communicate +-24\.0: 12 steps -24/);
		const all = [...seen, bottom].join('\n');
		expect(all).toContain('TURN LOG (12 steps)');
		expect(all).toContain('INBOX (');
		expect(all).toContain('[dev -> sre] dev for the SRE only');
		// Only the SRE's own view: no one else's inbox, no fleet, no Oversight's note.
		expect(all).not.toContain('secret for the dev');
		expect(all).not.toContain('FLEET');
		expect(all).not.toContain('push_config');

		await app.press(KEYS.home);
		await app.waitFor(() => !app.frame().includes('lines above'), 'the top again');
		expect(app.frame()).toContain('ALERTS (');
		await app.press(KEY.down);
		await app.waitFor('↑ 1 lines above');
		await app.press(KEY.up);
		await app.waitFor(() => !app.frame().includes('lines above'), 'one line up');

		await app.press(KEY.escape);
		await app.waitFor('YOUR MOVE (SRE)');
		await app.press('d');
		await app.waitFor('DETAIL');
		await app.press('d');
		await app.waitFor('YOUR MOVE (SRE)');
		expect(app.play().played).toHaveLength(12); // looking took no turn
	});

	it('is in the footer and the help', async () => {
		const app = renderApp({humans: ['sre'], policies: idle});
		await app.waitFor('YOUR MOVE (SRE)');
		expect(app.frame().split('\n').at(-1)).toContain('d detail');
		await app.press('?');
		await app.waitFor('CONTROLS');
		expect(app.frame()).toContain('the full text of your view');
	});
});

describe('lists', () => {
	it('say when they scroll: more below, and after coming round from the top, more above', async () => {
		const app = renderApp({incident: ledgerIncident(8), humans: ['oversight'], policies: idle, size: SMALL});
		await app.waitFor('YOUR MOVE (OVERSIGHT)');
		await app.press('h', 'h', 'h'); // a long status takes lines from the picker
		await app.waitFor('Hint 3/3');
		expect(app.frame()).toContain('↓ 4 more below');
		expect(app.frame()).not.toContain('more above');
		await app.press(KEY.up);
		await app.waitFor('↑ 4 more above');
		expect(highlighted(app.frame())).toMatch(/^escalate/);
		expect(app.frame()).not.toContain('more below');
		await app.press(KEY.down);
		await app.waitFor('↓ 4 more below');
		expect(highlighted(app.frame())).toMatch(/^noop/);
		expectFits(app.frame(), SMALL);
	});

	it('number their first nine items, and a number key takes its item at once, as the help says', async () => {
		const app = renderApp({failure: 'db_deadlock', humans: ['sre'], policies: idle});
		await app.waitFor('YOUR MOVE (SRE)');
		expect(app.frame()).toMatch(/ 3 restart +restart service/);
		await app.press('?');
		await app.waitFor('CONTROLS');
		expect(app.frame()).toContain('1-9    take the numbered item of a list at once');
		await app.press('x');
		await app.waitFor('YOUR MOVE (SRE)');
		await app.press('3');
		await app.waitFor('which service?');
		const services = app.play().vocabulary.services;
		expect(app.frame()).toMatch(new RegExp(` 1 ${services[0]}`));
		await app.press('1');
		await app.waitFor(() => app.play().played.length > 0, 'the restart');
		expect(app.play().played[0]!.action).toMatchObject({action_type: 'restart', target: services[0]});
	});

	it('but not on the summary, where a number pressed for the last move must not start another episode', async () => {
		const app = renderApp({failure: 'db_deadlock', humans: ['dev'], policies: idle});
		await app.waitFor('YOUR MOVE (DEV)');
		await pick(app, 'restart');
		await pick(app, 'db');
		await app.waitFor('EPISODE OVER');
		expect(app.frame()).not.toMatch(/ 1 play again/);
		await app.press('1', '2', '3');
		expect(app.frame()).toContain('EPISODE OVER');
		expect(app.sessions).toHaveLength(1);
		expect(app.frame()).toContain('↑↓ ⏎ choose · r reviews each step · u undoes your last decision · q quits');
	});
});

describe('hints (h)', () => {
	it('walk the ladder, then tell what the oracle would do in this seat at this turn, each one journaled', async () => {
		const hints: Array<{turn: number; source: HintSource}> = [];
		const journal = {step() {}, seat() {}, undo() {}, reveal() {}, hint: (turn: number, source: HintSource) => hints.push({turn, source})};
		const {hints: ladder} = builtInIncident('queue_backlog').file.trainer;
		const app = renderApp({failure: 'queue_backlog', humans: ['sre'], policies: idle, size: {columns: 140, rows: 40}, journal});
		await app.waitFor('YOUR MOVE (SRE)');
		for (const [index, hint] of ladder.entries()) {
			await app.press('h');
			await app.waitFor(`Hint ${index + 1}/${ladder.length}: ${hint}`);
		}
		await app.press('h');
		// The oracle plays the SRE's plan in order: its first move now, its second at the SRE's next turn.
		await app.waitFor(`No more hints (all ${ladder.length} shown); the oracle would identify_root_cause queue_backlog as SRE now.`);
		await pick(app, 'noop');
		await app.waitFor('step 5/20 · SRE');
		await app.press('h');
		await app.waitFor('the oracle would restart worker as SRE now.');
		expect(hints).toEqual([...ladder.map(() => ({turn: 0, source: 'ladder'})), {turn: 0, source: 'oracle'}, {turn: 4, source: 'oracle'}]);
		expect(app.play().hints).toMatchObject({ladder: ladder.length, oracleMoves: 2});
	});

	it('never pass on the heuristic’s guess: in the starter incident it restarts payments, a wrong fix', async () => {
		const app = renderApp({failure: 'rogue_deploy_bot', scenarioSeed: 7, humans: ['sre'], policies: idle, size: WIDE});
		await app.waitFor('YOUR MOVE (SRE)');
		await app.press('h', 'h', 'h', 'h');
		await app.waitFor('the oracle would identify_root_cause rogue_deploy_bot as SRE now.');
		expect(app.frame()).not.toContain('restart payments');
	});

	it('on a scripted teammate’s turn, say the oracle’s move waits for the player’s own', async () => {
		const app = renderApp({failure: 'db_deadlock', humans: ['dev'], policies: idle, delayMs: 3_600_000, size: WIDE});
		await app.waitFor('SRE (noop) is deciding');
		await app.press('h', 'h', 'h', 'h');
		await app.waitFor('on your turn, h tells what the oracle would do in your seat.');
		expect(app.play().hints.oracleMoves).toBe(0);
	});
});

describe('the reward panel', () => {
	it('says in words what the last step’s reward was made of, within 80 columns', async () => {
		const app = renderApp({failure: 'db_deadlock', humans: ['sre'], policies: idle, size: SMALL});
		await app.waitFor('YOUR MOVE (SRE)');
		expect(app.frame()).toContain('no step played yet');
		await pick(app, 'restart');
		await pick(app, 'payments');
		await app.waitFor('step 5/20 · SRE');
		expect(app.frame()).toContain('REWARD -70.0  step 4: -8.0');
		const rows = app.frame().split('\n');
		expect(rows[rows.findIndex(row => row.includes('REWARD')) + 1]).toMatch(/ {2}4 steps -8$/);
		expectFits(app.frame(), SMALL);
		// Step 1's own reward, as the turn log gave it when it was the last: the wrong fix and the clock.
		expect(app.frames.some(frame => frame.includes('REWARD -52.0  step 1: -52.0') && /wrong fix -50, 1 step -2/.test(frame))).toBe(true);
	});

	it('on a wide screen, the turn log tells every step’s reward in words too', async () => {
		const app = renderApp({failure: 'db_deadlock', humans: ['sre'], policies: idle, size: {columns: 160, rows: 40}});
		await app.waitFor('YOUR MOVE (SRE)');
		await pick(app, 'restart');
		await pick(app, 'payments');
		await app.waitFor('step 5/20 · SRE');
		expect(app.frame()).toContain('1 SRE: restart | -> payments | ✗ wrong fix  -52.0 (you): wrong fix -50, 1 step -2');
	});
});

describe('a key that can do nothing now', () => {
	it('says why on the status line', async () => {
		const app = renderApp({failure: 'db_deadlock', humans: ['dev'], policies: idle, delayMs: 3_600_000, size: WIDE});
		await app.waitFor('SRE (noop) is deciding');
		await app.press('n');
		await app.waitFor('n plays one scripted turn while paused: space pauses first.');
		await app.press('u');
		await app.waitFor('Nothing to undo yet: you have not decided anything.');
		await app.press('4');
		await app.waitFor('Number keys pick from a list on your turn; there is none open now.');
		await app.press('x');
		await app.waitFor('The key x does nothing here: ? lists the keys.');
		await app.press(' ', 'n', 'n');
		await app.waitFor('YOUR MOVE (DEV)');
		await app.press('n');
		await app.waitFor('It is your move: n plays only a scripted turn.');
		expect(app.play().played).toHaveLength(2);
	});

	it('in a replay, t and u say it is a replay', async () => {
		const file = recordScripted(scenarioFor('rogue_deploy_bot', {seed: 7}));
		const recording = readRecording(file).at(-1)!;
		const app = renderSessions(() => replaySession(recording, resimulate(recording), 3_600_000), recording.header.scenario.seed, {size: WIDE});
		await app.waitFor('is deciding');
		await app.press('t');
		await app.waitFor('This is a replay: it plays the recorded seats and decisions, so t cannot take a seat over.');
		await app.press('u');
		await app.waitFor('This is a replay: it plays the recorded seats and decisions, so u has nothing to undo.');
		expect(app.frame()).not.toContain('TAKE OVER');
		expect(app.frame().split('\n').at(-1)).not.toMatch(/t seats|u undo/);
	});
});

/** The longest run of rows with nothing on them. */
const longestBlankRun = (frame: string): number => {
	let longest = 0;
	let run = 0;
	for (const row of frame.split('\n')) {
		run = row.trim() === '' ? run + 1 : 0;
		longest = Math.max(longest, run);
	}
	return longest;
};

describe('a large terminal', () => {
	const LARGE: TerminalSize = {columns: 200, rows: 50};

	it('uses its rows: taller sparklines, the keys under the picker, no large empty band', async () => {
		const app = renderApp({failure: 'rogue_deploy_bot', scenarioSeed: 7, humans: ['sre'], size: LARGE});
		await app.waitFor('YOUR MOVE (SRE)');
		expect(longestBlankRun(app.frame())).toBeLessThanOrEqual(3);
		await pick(app, 'noop');
		await app.waitFor(() => app.play().pending?.human === true && app.play().played.length === 4, 'a round');
		const frame = app.frame();
		expectFits(frame, LARGE);
		expect(longestBlankRun(frame)).toBeLessThanOrEqual(3);
		// Each service's charts take three lines: two of headroom above the row with its figures.
		const rows = frame.split('\n');
		const payments = rows.findIndex(row => /^ ■ payments/.test(row));
		expect(rows[payments - 1]).toMatch(/^ {34}\S/);
		expect(rows[payments - 2]).toMatch(/^ {34}\S/);
		expect(frame).toContain('KEYS');
		expect(frame).toMatch(/^1-9 {4}take the numbered item/m);
		expect(frame).toMatch(/^d {6}the full text of your view/m);
	});

	it('80×24 keeps one line per service and no keys panel', async () => {
		const app = renderApp({failure: 'rogue_deploy_bot', scenarioSeed: 7, humans: ['sre'], size: SMALL});
		await app.waitFor('YOUR MOVE (SRE)');
		const rows = app.frame().split('\n');
		expect(rows[1]).toMatch(/^SERVICES/);
		expect(rows[2]).toMatch(/^ ● auth/);
		expect(rows[3]).toMatch(/^ ■ payments/);
		expect(app.frame()).not.toContain('KEYS');
	});
});

describe('step numbers', () => {
	it('agree everywhere: the header’s step under way, the turn log, the reward panel, the notes and the summary', async () => {
		const app = renderApp({failure: 'db_deadlock', humans: ['sre'], policies: idle, size: {columns: 120, rows: 40}});
		await app.waitFor('step 1/20 · SRE');
		await pick(app, 'restart');
		await pick(app, 'payments');
		await app.waitFor('step 5/20 · SRE');
		const frame = app.frame();
		expect(frame).toMatch(/ {2}1 SRE: restart \| -> payments/);
		expect(frame).toMatch(/ {2}4 MANAGER: noop/);
		expect(frame).toContain('step 4: -8.0');
		await app.press('g');
		await app.waitFor('GROUND TRUTH — revealed at step 5');
		expect(app.frame()).toContain('restart payments — SRE step 1 (you, wrong fix)');
		await app.press('g');
		await pick(app, 'restart');
		await pick(app, 'db');
		await app.waitFor('EPISODE OVER');
		expect(app.frame()).toContain('resolved in 5 steps');
		expect(app.frame()).toContain('ground truth revealed at step 5');
		expect(app.frame()).toContain('✓ restart db — SRE step 5 (you)');
	});
});
