// The end screen's review, as a trainer walks a team through what they did: r opens it on the first step, the arrow
// keys step through the timeline with each step's verdicts and the incident's note, Esc goes back to the summary.
import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {ROLES} from '../../source/env/vocabulary.js';
import {debriefOf} from '../../source/io/debrief.js';
import {scenarioFor} from '../../source/io/incidents.js';
import {readRecording, resimulate} from '../../source/io/recording.js';
import {replaySession} from '../../source/ui/replay-session.js';
import {KEY, pick, renderApp, renderSessions} from './drive.js';
import {recordScripted} from './record.js';
import {recordDrill} from '../support/drill-recording.js';

afterEach(() => cleanup());

const RIGHT = '\u001B[C';
const LEFT = '\u001B[D';

/** cascade, seed 5, hard, the random team: two wrong fixes (one chasing a red herring), then the fix. */
function replayToTheEnd() {
	const scenario = scenarioFor('cascade', {seed: 5, difficulty: 'hard'});
	const recording = readRecording(recordScripted(scenario, undefined, Object.fromEntries(ROLES.map(role => [role, 'random' as const])))).at(-1)!;
	const app = renderSessions(() => replaySession(recording, resimulate(recording), 0), scenario.seed, {size: {columns: 120, rows: 30}});
	return {app, debrief: debriefOf(recording)};
}

describe('the review on the end screen', () => {
	it('walks the debrief’s timeline step by step, each step with its verdicts and note, and goes back to the summary', async () => {
		const {app, debrief} = replayToTheEnd();
		await app.waitFor('EPISODE OVER');
		expect(app.frame()).toContain('r reviews each step');
		await app.press('r');
		await app.waitFor('REVIEW');
		const steps = debrief.timeline.length;
		expect(app.frame()).toContain(`Step 1 of ${steps} · SRE (random)`);
		expect(app.frame()).toContain('✗ wrong_fix: a repair that did not help');
		await app.press(RIGHT);
		expect(app.frame()).toContain(`Step 2 of ${steps}`);
		expect(app.frame()).toContain('✗ red_herring: acted on a service only a misleading log pointed at');
		await app.press(LEFT, LEFT);
		expect(app.frame()).toContain(`Step 1 of ${steps}`);
		await app.press('\u001B[F');
		const last = debrief.timeline.at(-1)!;
		expect(app.frame()).toContain(`Step ${steps} of ${steps}`);
		expect(last.verdicts).toEqual(['fix', 'helped']);
		expect(app.frame()).toContain('✓ fix: this step resolved the incident');
		expect(app.frame()).toContain(`Note: ${last.note}`);
		await app.press(KEY.escape);
		await app.waitFor('EPISODE OVER');
	});

	it('in a drill’s replay, names the player who decided each step', async () => {
		const recording = readRecording(recordDrill()).at(-1)!;
		const app = renderSessions(() => replaySession(recording, resimulate(recording), 0), recording.header.scenario.seed, {size: {columns: 120, rows: 30}});
		await app.waitFor('EPISODE OVER');
		await app.press('r');
		expect(app.frame()).toContain('Step 1 of');
		expect(app.frame()).toContain('· SRE (alice)');
		expect(app.frame()).toContain('✓ root_cause_correct: the true root cause, declared');
	});

	it('opens after play too, on the player’s own steps', async () => {
		const app = renderApp({failure: 'db_deadlock', humans: ['dev'], policies: Object.fromEntries(ROLES.map(role => [role, 'noop' as const]))});
		await app.waitFor('YOUR MOVE (DEV)');
		await pick(app, 'restart');
		await pick(app, 'db');
		await app.waitFor('EPISODE OVER');
		await app.press('r', '\u001B[F');
		expect(app.frame()).toContain('· DEV (human)');
		expect(app.frame()).toContain('Action: restart db');
		expect(app.frame()).toContain('✓ fix: this step resolved the incident');
		await app.press('r');
		await app.waitFor('EPISODE OVER');
	});

	it('judges each step as chaosops debrief does', async () => {
		const {app, debrief} = replayToTheEnd();
		await app.waitFor('EPISODE OVER');
		await app.press('r');
		for (const entry of debrief.timeline) {
			const frame = app.frame();
			expect(frame).toContain(`Step ${entry.step} of`);
			for (const verdict of entry.verdicts) expect(frame).toContain(` ${verdict}: `);
			await app.press(RIGHT);
		}
	});
});
