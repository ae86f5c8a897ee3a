// A model in a seat, as the player sees it: a spinner with the model's name while it thinks, its raw replies in the
// detail view (shown safely, whatever they hold), and a notice when its turn fell back to noop, the episode going on.
import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import type {AgentDecision, AgentTurn, Policy} from '../../source/agents/policy.js';
import {buildSeats, runEpisode} from '../../source/agents/runner.js';
import {scenarioFor} from '../../source/io/incidents.js';
import {Drill} from '../../source/net/drill.js';
import {drillStatus, turnLogEntries} from '../../source/ui/console-view.js';
import type {TerminalSize} from '../../source/ui/layout.js';
import {SPINNER_FRAMES} from '../../source/ui/components/Spinner.js';
import {PlaySession} from '../../source/ui/session.js';
import {manualTimers} from '../support/manual-timers.js';
import {KEY, expectFits, pick, renderSessions, widen} from './drive.js';

afterEach(() => cleanup());

const THINKING = 'qwen2.5:7b is thinking… (SRE)';
const RETITLE = '\u001b]0;pwned\u0007';
const END = '\u001B[F';
const HOME = '\u001B[H';

/** A model seat that answers only when the test says so, as a slow endpoint would. */
function fakeModel() {
	const waiting: Array<(decision: AgentDecision) => void> = [];
	const policy: Policy = {
		name: 'llm',
		title: 'qwen2.5:7b',
		act: () => new Promise<AgentDecision>(resolve => waiting.push(resolve)),
		// The request it was making is no longer wanted.
		cancel: () => void waiting.pop(),
	};
	return {
		policy,
		/** Requests waiting for their answer. */
		asked: () => waiting.length,
		answer(agent: AgentTurn, action: AgentDecision['action'] = {action_type: 'noop'}) {
			const resolve = waiting.shift();
			if (resolve === undefined) throw new Error('the model was not asked');
			resolve({action, agent});
		},
	};
}

/** The app with the model as SRE, the player as Dev, and idle teammates, as play builds its seats. */
function renderWithModel(size: TerminalSize = {columns: 80, rows: 24}) {
	const model = fakeModel();
	const scenario = scenarioFor('db_deadlock', {seed: 3});
	const start = () =>
		new PlaySession({
			scenario,
			scripts: () => ({...buildSeats({oversight: 'noop', dev: 'noop', manager: 'noop'}, scenario), sre: model.policy}),
			humans: ['dev'],
			delayMs: 0,
		});
	const app = renderSessions(start, scenario.seed, {size});
	widen(app, size.columns);
	/** Waits until the model has been asked (the pace's delay past) and the screen shows it thinking. */
	const thinking = async () => {
		await app.waitFor(() => model.asked() === 1, 'the model to be asked');
		await app.waitFor(THINKING);
	};
	return {app, model, thinking};
}

const spinnerOf = (frame: string): string | undefined =>
	frame
		.split('\n')
		.find(line => line.includes(THINKING))
		?.trim()
		.at(0);

describe('a model in a seat', () => {
	it('shows a spinner with the model’s name while it thinks, and stops it when the decision comes', async () => {
		const {app, model, thinking} = renderWithModel();
		await thinking();
		expect(app.frame()).toContain("SRE's turn (qwen2.5:7b)");
		const first = spinnerOf(app.frame());
		expect(SPINNER_FRAMES).toContain(first);
		await app.waitFor(() => spinnerOf(app.frame()) !== first, 'the spinner to turn');
		expect(SPINNER_FRAMES).toContain(spinnerOf(app.frame()));
		expectFits(app.frame(), {columns: 80, rows: 24});

		model.answer({source: 'qwen2.5:7b', replies: ['{"action_type": "noop"}'], notice: null});
		await app.waitFor('YOUR MOVE (DEV)');
		expect(app.frame()).not.toContain('is thinking');
		expect(app.frame()).not.toMatch(new RegExp(`[${SPINNER_FRAMES.join('')}]`));
		expect(app.play().played[0]).toMatchObject({role: 'sre', by: 'llm', agent: {source: 'qwen2.5:7b'}});
	});

	it('lets the player look around and quit while the model thinks', async () => {
		const {app, model, thinking} = renderWithModel();
		await thinking();
		await app.press('d');
		await app.waitFor("DETAIL: DEV's view in full");
		expect(app.frame()).toContain(THINKING);
		await app.press(KEY.escape, 'q');
		await app.waitFor('Quit');
		expect(model.asked()).toBe(1);
		expect(app.play().played).toHaveLength(0);
	});

	it('shows each raw reply in the detail view, its control characters made visible', async () => {
		const {app, model, thinking} = renderWithModel({columns: 120, rows: 40});
		await thinking();
		expectFits(app.frame(), {columns: 120, rows: 40});
		model.answer(
			{
				source: 'qwen2.5:7b',
				replies: [`${RETITLE}I think it is the db\n\u001b[2Jdeadlock`, '{"action_type": "identify_root_cause", "args": {"failure_type": "db_deadlock"}}'],
				notice: 'reply 1 was not an action; asked again',
			},
			{action_type: 'identify_root_cause', args: {failure_type: 'db_deadlock'}},
		);
		await app.waitFor('YOUR MOVE (DEV)');
		await app.press('d');
		await app.waitFor('TURN LOG (2 steps)');
		const frame = app.frame();
		expect(frame).toContain('qwen2.5:7b, reply 1 of 2:');
		expect(frame).toContain('\\x1b]0;pwned\\x07I think it is the db');
		expect(frame).toContain('\\x1b[2Jdeadlock');
		expect(frame).toContain('qwen2.5:7b, reply 2 of 2:');
		expect(frame).toContain('{"action_type": "identify_root_cause", "args": {"failure_type": "db_deadlock"}}');
		expect(frame).toContain('⚠ qwen2.5:7b: reply 1 was not an action; asked again');
		expect(app.frames.join('\n')).not.toMatch(/\u001b\]|\u001b\[2J|\u0007/);
		expectFits(frame, {columns: 120, rows: 40});
	});

	it('cuts a long reply short in the detail view and a long notice to a line of the status, every line within the width', async () => {
		const {app, model, thinking} = renderWithModel();
		await thinking();
		const rambling = Array.from({length: 80}, (_, index) => `line ${index} ${'word '.repeat(30)}`).join('\n');
		const notice = `no usable action in 3 attempts (${Array.from({length: 3}, (_, index) => `reply ${index + 1} was not JSON`).join('; ')}); the end`;
		model.answer({source: 'qwen2.5:7b', replies: [rambling], notice});
		await app.waitFor('YOUR MOVE (DEV)');
		const status = app.frame().split('\n').slice(-3);
		expect(status[0]).toMatch(/^ ⚠ qwen2\.5:7b: no usable action in 3 attempts .*\.\.\.$/);
		expect(status[1]).toBe(' Your move as DEV; ? for help');
		expectFits(app.frame(), {columns: 80, rows: 24});
		await app.press('d', END);
		await app.waitFor('more lines');
		expect(app.frame()).toMatch(/\.\.\. \d+ more lines/);
		expectFits(app.frame(), {columns: 80, rows: 24});
		await app.press(HOME);
		await app.waitFor('the end');
	});

	it('tells of a turn that fell back to noop, in the status line and the turn log, and plays on', async () => {
		const {app, model, thinking} = renderWithModel();
		await thinking();
		model.answer({source: 'qwen2.5:7b', replies: [], notice: 'request timed out after 60 s; played noop'});
		await app.waitFor('YOUR MOVE (DEV)');
		const frame = app.frame();
		// Whole on the status line, and wrapped in the turn log.
		expect(frame).toContain('\n ⚠ qwen2.5:7b: request timed out after 60 s; played noop\n');
		expect(frame.split('⚠ qwen2.5:7b: request timed out')).toHaveLength(3);
		expect(frame).toContain('Your move as DEV');
		expectFits(frame, {columns: 80, rows: 24});
		await app.press('d');
		await app.waitFor('qwen2.5:7b gave no reply');

		// The episode goes on: the player's move, and the model is asked again at its next turn.
		await app.press(KEY.escape);
		await app.waitFor('YOUR MOVE (DEV)');
		await pick(app, 'noop');
		await thinking();
		expect(model.asked()).toBe(1);
		expect(app.play().played.map(step => step.role)).toEqual(['sre', 'oversight', 'dev', 'manager']);
	});

	it('keeps what the model said through an undo, and withdraws the request the undo made unwanted', async () => {
		const {app, model, thinking} = renderWithModel();
		await thinking();
		model.answer({source: 'qwen2.5:7b', replies: [], notice: 'the endpoint refused the connection; played noop'});
		await app.waitFor('YOUR MOVE (DEV)');
		await pick(app, 'noop');
		await thinking();
		await app.press('u');
		await app.waitFor('Undone: back to your previous decision.');
		await app.waitFor('YOUR MOVE (DEV)');
		expect(model.asked()).toBe(0);
		expect(app.play().played.map(step => step.agent?.notice ?? null)).toEqual(['the endpoint refused the connection; played noop', null]);
		expect(app.frame()).toContain('⚠ qwen2.5:7b: the endpoint refused the connection; played noop');
	});
});

describe('a model among the host’s teammates, on the facilitator console', () => {
	const scenario = scenarioFor('db_deadlock', {seed: 0});
	const drill = new Drill({scenario, seats: ['dev'], teammates: 'noop', delayMs: 0, turnSeconds: null, timers: manualTimers()}, () => {});
	drill.start();
	const drillNow = drill.snapshot();

	it('says the model is thinking while its turn is pending', () => {
		const pending = {...drillNow.pending!, role: 'sre' as const, by: 'llm', title: 'qwen2.5:7b'};
		expect(drillStatus({...drillNow, pending}, 0)).toMatchObject({text: THINKING, spinning: true});
	});

	it('names the model that played a step, and tells of a turn that fell back to noop under it', () => {
		const [step] = runEpisode(scenario, {}).steps;
		const agent: AgentTurn = {source: 'qwen2.5:7b', replies: ['garbage'], notice: 'no action in the reply; played noop'};
		const told = turnLogEntries([{kind: 'step', step: {...step!, by: 'llm', agent}, player: null, timedOut: false}]).map(entry => entry.text);
		expect(told).toEqual([' 1 SRE: noop  -2.0 (qwen2.5:7b)', '⚠ qwen2.5:7b: no action in the reply; played noop']);
	});
});
