import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {type PolicyMap, buildSeats, runEpisode} from '../../source/agents/runner.js';
import {scenarioFor} from '../../source/io/incidents.js';
import {CONTROLS} from '../../source/ui/controls.js';
import {signed} from '../../source/ui/format.js';
import {KEY, pick, renderApp} from './drive.js';

afterEach(() => cleanup());

const idle: PolicyMap = {sre: 'noop', oversight: 'noop', dev: 'noop', manager: 'noop'};

describe('playing an episode by keystrokes', () => {
	it('as Dev in db_deadlock, restarting db resolves the incident with the right reward', async () => {
		const app = renderApp({failure: 'db_deadlock', humans: ['dev'], policies: idle});
		await app.waitFor('YOUR MOVE (DEV)');
		expect(app.frame()).toContain('critical'); // db, as the Dev sees it
		await pick(app, 'scale');
		await app.waitFor('which service?');
		await app.press(KEY.escape);
		await app.waitFor('pick an action');
		await pick(app, 'restart');
		await app.waitFor('which service?');
		await pick(app, 'db');
		await app.waitFor('EPISODE OVER');
		// Two idle turns (mttr −2, −4), then the fix at step 3: +100, +10 under budget.
		expect(app.frame()).toContain('resolved in 3 steps');
		expect(app.frame()).toMatch(/cumulative reward\s+\+104\.0/);
		expect(app.frame()).toContain('reward by component: resolved+100 mttr-6 under_budget+10');
	});

	it('as Manager, the screen shows alerts and chat but no metrics and no logs', async () => {
		const app = renderApp({failure: 'db_deadlock', humans: ['manager'], policies: idle});
		await app.waitFor('YOUR MOVE (MANAGER)');
		const frame = app.frame();
		expect(frame).toContain('MANAGER sees no metrics and no logs');
		expect(frame).toContain('PAGE payments: payment error rate > 30%');
		expect(frame).not.toContain('SERVICES');
		expect(frame).not.toMatch(/\d+ms/);
		expect(frame).not.toContain('deadlock detected'); // a log line the SRE would see
		expect(frame).toContain('resolve');
		expect(frame).not.toContain('flag_rogue');
	});

	it('as Oversight, the fleet activity is in view and flagging the rogue agent is rewarded', async () => {
		const app = renderApp({failure: 'rogue_deploy_bot', humans: ['oversight'], policies: idle, size: {columns: 120, rows: 40}});
		await app.waitFor('YOUR MOVE (OVERSIGHT)');
		expect(app.frame()).toContain('t0 deploy_bot push_config -> payments');
		expect(app.frame()).toContain('note: fleet actions visible');
		await pick(app, 'flag_rogue');
		await app.waitFor('which fleet agent?');
		await pick(app, 'deploy_bot');
		// Step 2 of the episode: −4 for the time, +50 for the catch.
		await app.waitFor('2 OVERSIGHT: flag_rogue | -> deploy_bot | ✓ rogue agent caught  +46.0');
	});

	it('other roles never see the fleet', async () => {
		const app = renderApp({failure: 'rogue_deploy_bot', humans: ['sre'], policies: idle});
		await app.waitFor('YOUR MOVE (SRE)');
		expect(app.frame()).not.toContain('push_config');
		expect(app.frame()).not.toContain('flag_rogue');
	});

	it('taking over a role mid-episode gives its turn to the player, with a hand-over between the two seats', async () => {
		const app = renderApp({failure: 'db_deadlock', humans: ['sre']});
		await app.waitFor('YOUR MOVE (SRE)');
		await app.press('t');
		await app.waitFor('TAKE OVER OR HAND BACK');
		await pick(app, 'DEV');
		await app.waitFor('YOUR MOVE (SRE)');
		await pick(app, 'noop');
		await app.waitFor('Hand the keyboard to DEV');
		await app.press(KEY.enter);
		await app.waitFor('YOUR MOVE (DEV)');
		await pick(app, 'restart');
		await pick(app, 'db');
		await app.waitFor('EPISODE OVER');
		expect(app.play().played.map(step => `${step.role}:${step.by}`)).toEqual([
			'sre:human',
			'oversight:heuristic',
			'dev:human',
		]);
	});

	it('handing a seat back lets its scripted policy play the pending turn', async () => {
		const app = renderApp({failure: 'db_deadlock', humans: ['sre'], policies: {...idle, sre: 'oracle'}});
		await app.waitFor('YOUR MOVE (SRE)');
		await app.press('t');
		await pick(app, 'SRE');
		await app.waitFor(() => app.play().played.length > 0, 'the scripted SRE to play');
		expect(app.play().played[0]).toMatchObject({by: 'oracle', action: {action_type: 'identify_root_cause'}});
	});

	it('paused, scripted turns wait, and n plays exactly one of them', async () => {
		const app = renderApp({failure: 'db_deadlock', humans: ['dev'], policies: idle, delayMs: 3_600_000});
		await app.waitFor('SRE (noop) is deciding');
		await app.press(' ');
		await app.waitFor('PAUSED');
		await app.waitFor("n plays SRE (noop)'s turn");
		await app.press('n');
		await app.waitFor("n plays OVERSIGHT (noop)'s turn");
		expect(app.play().played).toHaveLength(1);
		await app.press('n');
		await app.waitFor('YOUR MOVE (DEV)');
		expect(app.play().played).toHaveLength(2);
		await app.press(' ');
		await app.waitFor(() => !app.frame().includes('PAUSED'), 'the pause to end');
	});

	it('undo goes back to the previous decision and replays the scripted turns exactly as before', async () => {
		// Seed 1: the heuristic Dev's first draw (0.13) says talk, its second (0.85) says restart db; a rebuilt
		// episode only gets the second draw at turn 6 if it re-asked the Dev for turn 2.
		const app = renderApp({failure: 'db_deadlock', humans: ['sre'], scenarioSeed: 1});
		await app.waitFor('YOUR MOVE (SRE)');
		await pick(app, 'noop');
		await app.waitFor('step 5/20 · SRE');
		await pick(app, 'noop');
		await app.waitFor('EPISODE OVER');
		expect(app.frame()).toContain('resolved in 7 steps');
		const before = app.play().played.map(step => step.next.message);

		await app.press('u');
		await app.waitFor('step 5/20 · SRE');
		expect(app.play().played).toHaveLength(4);
		expect(app.frame()).toContain('[dev] investigating db');
		await pick(app, 'noop');
		await app.waitFor('EPISODE OVER');
		expect(app.play().played.map(step => step.next.message)).toEqual(before);
	});

	it('undo during play returns to the player’s last decision', async () => {
		const app = renderApp({failure: 'db_deadlock', humans: ['sre'], policies: idle});
		await app.waitFor('YOUR MOVE (SRE)');
		await pick(app, 'escalate');
		await app.waitFor('step 5/20 · SRE');
		await app.press('u');
		await app.waitFor('Undone');
		expect(app.frame()).toContain('step 1/20 · SRE');
		expect(app.play().played).toHaveLength(0);
	});

	it('u at the summary goes back to the player’s last decision, and says so', async () => {
		const app = renderApp({failure: 'db_deadlock', humans: ['sre'], policies: idle});
		await app.waitFor('YOUR MOVE (SRE)');
		await pick(app, 'restart');
		await pick(app, 'db');
		await app.waitFor('EPISODE OVER');
		await app.press('u');
		await app.waitFor('Undone: back to your previous decision.');
		expect(app.frame()).toContain('YOUR MOVE (SRE)');
		expect(app.play().played).toHaveLength(0);
	});

	it('a terminal shrunk while a message is typed gives the keys back when it grows again', async () => {
		const app = renderApp({failure: 'db_deadlock', humans: ['sre'], policies: idle});
		await app.waitFor('YOUR MOVE (SRE)');
		await pick(app, 'communicate');
		await app.waitFor('type a message');
		app.resize({columns: 50, rows: 15});
		await app.waitFor('needs a terminal of at least');
		app.resize({columns: 80, rows: 24});
		await app.waitFor('YOUR MOVE (SRE)');
		await app.press('?');
		await app.waitFor('CONTROLS');
	});

	it('the ground truth stays hidden until g reveals it, and the summary says it was revealed', async () => {
		const reveals: number[] = [];
		const journal = {step() {}, seat() {}, undo() {}, hint() {}, reveal: (turn: number) => reveals.push(turn)};
		const app = renderApp({failure: 'cascade', difficulty: 'hard', humans: ['sre'], policies: idle, journal});
		await app.waitFor('YOUR MOVE (SRE)');
		expect(app.frame()).not.toContain('cascade');
		await app.press('g');
		await app.waitFor('GROUND TRUTH');
		expect(app.frame()).toContain('incident:                cascade — Deadlock that cascades');
		expect(app.frame()).toMatch(/Red herrings \(3\): With misleading logs on[^]*\n {4}\w+: /); // hard: why they mislead, each named
		expect(reveals).toEqual([0]);
		await app.press('g');
		await pick(app, 'restart');
		await pick(app, 'db');
		await app.waitFor('EPISODE OVER');
		expect(app.frame()).toContain('help taken: ground truth revealed at step 1');
	});

	it('q asks before quitting a running episode', async () => {
		const app = renderApp({failure: 'db_deadlock', humans: ['sre'], policies: idle});
		await app.waitFor('YOUR MOVE (SRE)');
		await app.press('q');
		await app.waitFor('Quit? (y / n)');
		await app.press('n');
		await app.waitFor('YOUR MOVE (SRE)');
		expect(app.frame()).not.toContain('Quit?');
	});

	it('Ctrl+C leaves at once, even while typing a message, and says it was an interrupt', async () => {
		let interrupts = 0;
		const app = renderApp({failure: 'db_deadlock', humans: ['sre'], policies: idle, onInterrupt: () => interrupts++});
		await app.waitFor('YOUR MOVE (SRE)');
		await pick(app, 'communicate');
		await app.waitFor('type a message');
		await app.press(...'half a thought', '\u0003');
		expect(interrupts).toBe(1);
		expect(app.play().played).toHaveLength(0);
	});

	it('waits for some text before sending a message, since an empty one is only penalised', async () => {
		const app = renderApp({failure: 'db_deadlock', humans: ['sre'], policies: idle});
		await app.waitFor('YOUR MOVE (SRE)');
		await pick(app, 'communicate');
		await app.waitFor('type a message');
		await app.press(' ', KEY.enter);
		expect(app.frame()).toContain('type a message');
		expect(app.play().played).toHaveLength(0);
		await app.press(...'db looks deadlocked', KEY.enter);
		await app.waitFor('everyone (shared chat)');
		await pick(app, 'everyone');
		await app.waitFor('[sre] db looks deadlocked');
	});

	it('hot seat: the hand-over screen hides the last player’s inbox until the next presses Enter', async () => {
		const app = renderApp({failure: 'db_deadlock', humans: ['sre', 'dev'], policies: idle});
		await app.waitFor('Hand the keyboard to SRE');
		await app.press(KEY.enter);
		await app.waitFor('YOUR MOVE (SRE)');
		await pick(app, 'communicate');
		await app.waitFor('message');
		await app.press(...'restart db now');
		await app.press(KEY.enter);
		await app.waitFor('to whom?');
		await pick(app, 'dev');
		await app.waitFor('Hand the keyboard to DEV');
		expect(app.frame()).not.toContain('restart db now');
		expect(app.frame()).not.toContain('SERVICES');
		// The hand-over screen owns the keyboard: the play screen's keys do nothing there.
		await app.press('h', 'g', ' ');
		expect(app.frame()).toContain('Hand the keyboard to DEV');
		expect(app.play()).toMatchObject({revealedAtStep: null, paused: false});
		await app.press(KEY.enter);
		await app.waitFor('YOUR MOVE (DEV)');
		const inbox = app.frame().split('\n').find(line => line.startsWith('inbox'));
		expect(inbox).toContain('[sre -> dev] restart db now');
	});

	it('the summary sets the episode beside the oracle and heuristic teams, and play again keeps the seed', async () => {
		const app = renderApp({failure: 'db_deadlock', humans: ['dev'], policies: idle, scenarioSeed: 5});
		await app.waitFor('YOUR MOVE (DEV)');
		await pick(app, 'restart');
		await pick(app, 'db');
		await app.waitFor('EPISODE OVER');
		const scenario = scenarioFor('db_deadlock', {seed: 5});
		const team = (name: 'oracle' | 'heuristic') =>
			runEpisode(scenario, buildSeats({sre: name, oversight: name, dev: name, manager: name}, scenario)).result;
		const oracle = team('oracle');
		const heuristic = team('heuristic');
		const rows = app.frame().split('\n');
		const row = (label: string) => rows.find(line => line.startsWith(label))!.slice(label.length).trim().split(/\s{2,}/);
		expect(row('resolved')).toEqual(['yes', 'yes', heuristic.resolved ? 'yes' : 'no']);
		expect(row('MTTR (steps)')).toEqual(['3', String(oracle.mttr_steps), heuristic.resolved ? String(heuristic.mttr_steps) : '—']);
		expect(row('cumulative reward')).toEqual(['+104.0', signed(oracle.cumulative_reward), signed(heuristic.cumulative_reward)]);
		expect(row('root cause declared')).toEqual(['—', 'db_deadlock', '—']);
		expect(app.frame()).toContain('true failure: db_deadlock');
		await pick(app, 'play again');
		await app.waitFor('YOUR MOVE (DEV)');
		expect(app.play().scenario.seed).toBe(5);
		expect(app.sessions).toHaveLength(2);
	});

	it('new seed starts the next episode on the following seed', async () => {
		const app = renderApp({failure: 'db_deadlock', humans: ['sre'], policies: idle, scenarioSeed: 5, size: {columns: 120, rows: 40}});
		await app.waitFor('YOUR MOVE (SRE)');
		await pick(app, 'restart');
		await pick(app, 'db');
		await app.waitFor('EPISODE OVER');
		await pick(app, 'new seed (6)');
		await app.waitFor('YOUR MOVE (SRE)');
		expect(app.frame()).toContain('seed 6');
		expect(app.play().scenario.seed).toBe(6);
	});

	it('? shows every control and the briefing; any key closes it', async () => {
		const briefing = 'Checkout is failing for a third of customers since the 14:02 deploy.';
		const app = renderApp({failure: 'db_deadlock', humans: ['sre'], policies: idle, size: {columns: 100, rows: 30}, briefing});
		await app.waitFor('YOUR MOVE (SRE)');
		await app.press('?');
		await app.waitFor('CONTROLS');
		for (const control of CONTROLS) expect(app.frame()).toContain(control.help);
		expect(app.frame()).toContain('Esc steps back');
		expect(app.frame()).toContain('BRIEFING');
		expect(app.frame()).toContain(briefing);
		await app.press('x');
		await app.waitFor('YOUR MOVE (SRE)');
		expect(app.frame()).not.toContain('CONTROLS');
	});

	it('says how large the terminal must be when it is too small, and fits the minimum exactly', async () => {
		const small = renderApp({humans: ['sre'], policies: idle, size: {columns: 79, rows: 30}});
		await small.waitFor('needs a terminal of at least 80×24; this one is 79×30');
		const fits = renderApp({failure: 'rogue_deploy_bot', humans: ['oversight'], policies: idle, size: {columns: 80, rows: 24}});
		await fits.waitFor('YOUR MOVE (OVERSIGHT)');
		const rows = fits.frame().split('\n');
		expect(rows).toHaveLength(24);
		expect(Math.max(...rows.map(row => [...row].length))).toBeLessThanOrEqual(80);
		expect(rows.at(-1)).toContain('q quit');
	});
});

