// Text that players, recordings and scenario files put on screen never carries control characters to the terminal:
// an OSC sequence in a chat message would retitle the terminal, a CSI one could redraw it.
import {cleanup, render} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import type {Policy} from '../../source/agents/policy.js';
import {scenarioFor} from '../../source/io/incidents.js';
import {App} from '../../source/ui/App.js';
import {PlaySession} from '../../source/ui/session.js';
import {KEY, pick, renderApp, tick} from './drive.js';
import {ledgerIncident} from './ledger-incident.js';

afterEach(() => cleanup());

const RETITLE = '\u001b]0;pwned\u0007';
const CSI_CLEAR = '\u009b2J';

/** A teammate whose every turn is a chat message carrying escape sequences. */
const mallory: Policy = {
	name: 'mallory',
	act: () => ({action_type: 'communicate', args: {message: `${RETITLE}all good${CSI_CLEAR}`, to: 'all'}}),
};

function renderHostile() {
	const scenario = scenarioFor('db_deadlock', {seed: 3});
	const start = () =>
		new PlaySession({scenario, scripts: () => ({sre: mallory, oversight: mallory, dev: mallory, manager: mallory}), humans: [], delayMs: 0});
	return render(<App start={start} seed={3} title={`Night ${RETITLE}shift \u202etxt.exe`} briefing={`Page ${RETITLE}now`} size={{columns: 120, rows: 40}} />);
}

describe('hostile text on the play screen', () => {
	it('shows escape sequences from chat, the title and the briefing as visible text', async () => {
		const app = renderHostile();
		let frame = '';
		for (let i = 0; i < 400 && !frame.includes('EPISODE OVER') && !frame.includes('all good'); i++) {
			await tick();
			frame = app.lastFrame() ?? '';
		}
		const frames = app.frames.join('\n');
		expect(frames).toContain('\\x1b]0;pwned\\x07all good\\x9b2J');
		expect(frames).toContain('Night \\x1b]0;pwned\\x07shift \\u202etxt.exe');
		expect(frames).not.toContain('\u202e');
		expect(frames).not.toContain('\u001b]');
		expect(frames).not.toContain('\u0007');
		expect(frames).not.toContain('\u009b');
	});

	it('drops control characters typed or pasted into a message, so the field never draws them raw', async () => {
		const app = renderApp({humans: ['sre'], policies: {}});
		await app.waitFor('YOUR MOVE (SRE)');
		await pick(app, 'communicate');
		await app.waitFor('type a message');
		await app.press('all \u0007good\u0085 \u009b2J\u007f');
		await app.waitFor('> all good 2J');
		await app.press(KEY.enter);
		await app.waitFor('everyone (shared chat)');
		await pick(app, 'everyone');
		await app.waitFor('[sre] all good 2J');
		expect(app.frames.join('\n')).not.toMatch(/[\u0007\u007f-\u009f]/);
		expect(app.play().played[0]?.action.args).toMatchObject({message: 'all good 2J'});
	});

	it('shows escape sequences in an incident’s hints, root cause and notes as visible text', async () => {
		// The file format refuses control characters; an incident that got past it anyway must still not reach the terminal raw.
		const incident = ledgerIncident();
		const trainer = {
			root_cause: `Locks ${RETITLE}held\nfor good`,
			red_herrings: `none ${CSI_CLEAR}`,
			notes: [{action: 'restart' as const, target: 'ledger', verdict: 'helps' as const, note: `fixed ${CSI_CLEAR}it`}],
			hints: [`look ${RETITLE}here`],
		};
		const app = renderApp({incident: {...incident, file: {...incident.file, trainer}}, humans: ['dev'], policies: {}});
		await app.waitFor('YOUR MOVE (DEV)');
		await app.press('h');
		await app.waitFor('Hint 1/1: look \\x1b]0;pwned\\x07here');
		await pick(app, 'restart');
		await pick(app, 'ledger');
		await app.waitFor('EPISODE OVER');
		expect(app.frame()).toContain('What happened: Locks \\x1b]0;pwned\\x07held');
		expect(app.frame()).toContain('fixed \\x9b2Jit');
		const frames = app.frames.join('\n');
		expect(frames).not.toContain('\u001b]');
		expect(frames).not.toContain('\u0007');
		expect(frames).not.toContain('\u009b');
	});
});
