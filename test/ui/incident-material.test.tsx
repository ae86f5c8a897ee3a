// What the app takes from the incident file beyond the simulation: the hint ladder, the author's account of what
// happened and notes on the actions taken (only once the truth is out), and screens that fit however many services.
import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import type {PolicyMap} from '../../source/agents/runner.js';
import {builtInIncident} from '../../source/io/incidents.js';
import type {TerminalSize} from '../../source/ui/layout.js';
import {expectFits, pick, renderApp} from './drive.js';
import {ledgerIncident} from './ledger-incident.js';

afterEach(() => cleanup());

const idle: PolicyMap = {sre: 'noop', oversight: 'noop', dev: 'noop', manager: 'noop'};
const WIDE: TerminalSize = {columns: 140, rows: 40};

const {trainer: deadlock} = builtInIncident('db_deadlock').file;
const rootCauseStart = deadlock.root_cause.slice(0, 40);

describe('h walks the incident’s hint ladder', () => {
	it('one hint more each press, saying which step it is, then the oracle’s move; the summary counts them', async () => {
		const app = renderApp({failure: 'db_deadlock', humans: ['sre'], policies: idle, size: WIDE});
		await app.waitFor('YOUR MOVE (SRE)');
		await app.press('h');
		await app.waitFor(`Hint 1/3: ${deadlock.hints[0]}`);
		expect(app.frame()).not.toContain(deadlock.hints[1]);
		await app.press('h');
		await app.waitFor(`Hint 2/3: ${deadlock.hints[1]}`);
		await app.press('h');
		await app.waitFor(`Hint 3/3: ${deadlock.hints[2]}`);
		await app.press('h');
		await app.waitFor('No more hints (all 3 shown); the oracle would identify_root_cause db_deadlock as SRE now.');
		expect(app.play().played).toHaveLength(0);
		expect(app.play().hints).toEqual({shown: deadlock.hints, ladder: 3, oracleMoves: 1});

		await app.press('?');
		await app.waitFor('HINTS TAKEN (3 of 3)');
		expect(app.frame()).toContain(`2. ${deadlock.hints[1]}`);
		await app.press('x');
		await pick(app, 'noop');
		await app.waitFor(() => app.play().played.length === 4, 'the next round');
		// Kept through an undo: a hint once read stays read.
		await app.press('u');
		await app.waitFor('Undone');
		expect(app.play().hints.shown).toHaveLength(3);
		await pick(app, 'restart');
		await pick(app, 'db');
		await app.waitFor('EPISODE OVER');
		expect(app.frame()).toContain('help taken: 3 of 3 hints · 1 oracle move');
	});

	it('a long hint wraps on the status line instead of being cut, at 80 columns', async () => {
		const app = renderApp({failure: 'cascade', humans: ['sre'], policies: idle});
		await app.waitFor('YOUR MOVE (SRE)');
		await app.press('h', 'h', 'h');
		await app.waitFor('Hint 3/3');
		const {hints} = builtInIncident('cascade').file.trainer;
		const status = app.frame().split('\n').slice(-3, -1).map(line => line.trim()).join(' ');
		expect(status).toBe(`Hint 3/3: ${hints[2]}`);
		expectFits(app.frame(), {columns: 80, rows: 24});
	});

	it('the summary says no help was taken when none was', async () => {
		const app = renderApp({failure: 'db_deadlock', humans: ['dev'], policies: idle, size: WIDE});
		await app.waitFor('YOUR MOVE (DEV)');
		await pick(app, 'restart');
		await pick(app, 'db');
		await app.waitFor('EPISODE OVER');
		expect(app.frame()).toContain('help taken: none');
		expect(app.frame()).toContain('true failure: db_deadlock (Database deadlock)');
	});
});

describe('the author’s account, after the fact', () => {
	it('stays hidden while the episode runs unrevealed; the summary gives the root cause and notes on the actions taken only', async () => {
		const app = renderApp({failure: 'db_deadlock', humans: ['dev'], policies: idle, size: WIDE});
		await app.waitFor('YOUR MOVE (DEV)');
		await pick(app, 'restart');
		await pick(app, 'payments');
		await app.waitFor('step 7/20 · DEV');
		expect(app.play().trainer).toBeNull();
		await pick(app, 'restart');
		await pick(app, 'db');
		await app.waitFor('EPISODE OVER');
		const playing = app.frames.slice(0, app.frames.findIndex(frame => frame.includes('EPISODE OVER')));
		for (const frame of playing) {
			expect(frame).not.toContain(rootCauseStart);
			expect(frame).not.toContain('Payments is a victim');
		}
		const summary = app.frame();
		expect(summary).toContain(`What happened: ${rootCauseStart}`);
		expect(summary).toContain('✗ restart payments — DEV step 3 (you, wrong fix): Payments is a victim, not the cause: restarting it is a wrong fix.');
		expect(summary).toContain('✓ restart db — DEV step 7 (you): Restarting db clears the deadlock');
		expect(summary).not.toContain('Nothing was deployed'); // the rollback note: nobody rolled back
		expect(summary.indexOf('restart payments')).toBeLessThan(summary.indexOf('restart db —'));
	});

	it('the reveal gives the root cause and the notes on what was played so far; no red herrings when none were injected', async () => {
		const app = renderApp({failure: 'db_deadlock', humans: ['dev'], policies: idle, size: WIDE});
		await app.waitFor('YOUR MOVE (DEV)');
		expect(app.frame()).not.toContain(rootCauseStart);
		await pick(app, 'restart');
		await pick(app, 'payments');
		await app.waitFor('step 7/20 · DEV');
		await app.press('g');
		await app.waitFor('GROUND TRUTH');
		const reveal = app.frame();
		expect(reveal).toContain(`What happened: ${rootCauseStart}`);
		expect(reveal).toContain('✗ restart payments — DEV step 3 (you, wrong fix): Payments is a victim');
		expect(reveal).not.toContain('Restarting db clears the deadlock'); // not played yet
		expect(reveal).toMatch(/red herrings: +none/);
		expect(reveal).not.toContain('With misleading logs on');
		expect(app.play().trainer?.rootCause).toBe(deadlock.root_cause);
	});

	it('fits the reveal and the summary into 80×24', async () => {
		const size = {columns: 80, rows: 24};
		const app = renderApp({failure: 'cascade', difficulty: 'hard', humans: ['sre'], policies: idle, size});
		await app.waitFor('YOUR MOVE (SRE)');
		await pick(app, 'restart');
		await pick(app, 'payments');
		await app.waitFor('step 5/20 · SRE');
		await app.press('g');
		await app.waitFor('GROUND TRUTH');
		expect(app.frame()).toContain('✗ restart payments — SRE step 1 (you, wrong fix)');
		expectFits(app.frame(), size);
		await app.press('g');
		// The wrong restart knocked notifications over: it must come back before the db restart resolves it all.
		await pick(app, 'restart');
		await pick(app, 'notifications');
		await app.waitFor('step 9/20 · SRE');
		await pick(app, 'restart');
		await pick(app, 'db');
		await app.waitFor('EPISODE OVER');
		expect(app.frame()).toContain('What happened: The same deadlock');
		expect(app.frame()).toContain('✗ restart payments');
		expect(app.frame()).toContain('quit');
		expectFits(app.frame(), size);
	});
});

describe('incidents with their own services', () => {
	it('six services fit whole at 80×24, in the incident’s order', async () => {
		const size = {columns: 80, rows: 24};
		const app = renderApp({incident: ledgerIncident(), humans: ['sre'], policies: idle, size});
		await app.waitFor('YOUR MOVE (SRE)');
		const rows = app.frame().split('\n');
		const names = rows.slice(2, 8).map(row => row.slice(3).split(' ')[0]);
		expect(names).toEqual(['gateway', 'checkout', 'ledger', 'search', 'mailer', 'db']);
		expect(rows[8]).toMatch(/^alerts/);
		expectFits(app.frame(), size);
		await pick(app, 'restart');
		await app.waitFor('which service?');
		expect(app.frame()).toContain('mailer');
	});

	it('more services than fit at 80×24 show the unhealthy ones and count the healthy rest, even under a long status', async () => {
		const size = {columns: 80, rows: 24};
		const app = renderApp({incident: ledgerIncident(8), humans: ['oversight'], policies: idle, size});
		await app.waitFor('YOUR MOVE (OVERSIGHT)');
		await app.press('h', 'h', 'h');
		await app.waitFor('Hint 3/3');
		const frame = app.frame();
		expect(frame).toMatch(/▲ checkout +degraded/);
		expect(frame).toMatch(/■ ledger +critical/);
		const hidden = /\+(\d+) healthy: ([\w, ]+)/.exec(frame);
		expect(hidden).not.toBeNull();
		const rowsShown = frame.split('\n').filter(row => /^ [●▲■✖] /.test(row)).length;
		expect(rowsShown + Number(hidden![1])).toBe(14);
		expect(frame).toMatch(/^fleet/m); // the feed keeps its lines
		expectFits(frame, size);
	});

	it('all fourteen fit at 200×50', async () => {
		const size = {columns: 200, rows: 50};
		const app = renderApp({incident: ledgerIncident(8), humans: ['sre'], policies: idle, size});
		await app.waitFor('YOUR MOVE (SRE)');
		expect(app.frame().split('\n').filter(row => /^ [●▲■✖] /.test(row))).toHaveLength(14);
		expect(app.frame()).not.toContain('healthy: ');
		expectFits(app.frame(), size);
	});
});
