// The replay app, driven by keys as a person watching a recording would: read-only, and honest about a recording
// that today's environment no longer agrees with.
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {scenarioFor} from '../../source/io/incidents.js';
import {readRecording, resimulate} from '../../source/io/recording.js';
import {replaySession} from '../../source/ui/replay-session.js';
import {renderSessions} from './drive.js';
import {recordScripted} from './record.js';
import {recordDrill} from '../support/drill-recording.js';

afterEach(() => cleanup());

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'recordings');

/** The replay app on a recording file's last episode, as `chaosops replay FILE` opens it. */
function renderReplay(file: string, delayMs = 0) {
	const recording = readRecording(file).at(-1)!;
	const replayed = resimulate(recording);
	const app = renderSessions(() => replaySession(recording, replayed, delayMs), recording.header.scenario.seed, {size: {columns: 200, rows: 40}});
	return {recording, app};
}

describe('the replay app', () => {
	it('plays every recorded step back and lets nobody take a seat, undo or pick an action', async () => {
		// A recording written by play before format 2: a person in the SRE seat, an undo, the truth revealed.
		const {recording, app} = renderReplay(path.join(FIXTURES, 'format-1-play.jsonl'));
		await app.waitFor('End of the recording');
		expect(app.play().played.map(step => step.action)).toEqual(recording.steps.map(step => step.action));
		await app.press('t', 'u');
		expect(app.frame()).not.toContain('TAKE OVER');
		expect(app.frame()).not.toContain('Undone');
		expect(app.frame()).toContain('This is a replay: it plays the recorded seats and decisions, so u has nothing to undo.');
		expect(app.frame().split('\n').at(-1)).not.toMatch(/seats|undo/);
		expect(app.frames.join('\n')).not.toContain('YOUR MOVE');
		expect(app.play().holders).toEqual({sre: 'recording', dev: 'recording', manager: 'recording', oversight: 'recording'});
	});

	it('reports the help the recorded player took on its summary: hints, oracle moves and the reveal', async () => {
		const file = recordScripted(scenarioFor('rogue_deploy_bot', {seed: 7}));
		const [header, first, second, ...rest] = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
		const events = (turn: number, ...lines: object[]) => lines.map(line => JSON.stringify({...line, turn}));
		const help = [
			header,
			...events(0, {kind: 'hint', source: 'ladder'}),
			first,
			second,
			...events(2, {kind: 'hint', source: 'ladder'}, {kind: 'hint', source: 'oracle'}, {kind: 'reveal'}),
			...rest,
		];
		fs.writeFileSync(file, `${help.join('\n')}\n`);
		const {app} = renderReplay(file);
		await app.waitFor('EPISODE OVER');
		const {hints} = scenarioFor('rogue_deploy_bot').incident.file.trainer;
		expect(app.frame()).toContain(`help taken in the recording: 2 of ${hints.length} hints · 1 oracle move · ground truth revealed at step 3`);
	});

	it('says the environment no longer agrees once playback reaches the changed step, and again on the summary', async () => {
		const file = recordScripted(scenarioFor('rogue_deploy_bot', {seed: 7}));
		const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
		lines[2] = lines[2]!.replace(/"reward":-?[\d.]+/, '"reward":99');
		fs.writeFileSync(file, `${lines.join('\n')}\n`);
		const {app} = renderReplay(file, 60_000);
		await app.waitFor('is deciding');
		await app.press(' ', 'n');
		await app.waitFor(() => app.play().played.length === 1, 'turn 0 played');
		expect(app.frame()).not.toContain('no longer agrees');
		await app.press('n');
		await app.waitFor('no longer agrees with the recording at step 2; in the file, turn 1: recorded reward 99');
		for (let turn = 2; turn < 40 && !app.frame().includes('EPISODE OVER'); turn++) await app.press('n');
		await app.waitFor('EPISODE OVER');
		expect(app.frame()).toContain('The environment no longer agrees with the recording at step 2; in the file, turn 1: recorded reward 99, now');
	});
	it('shows a model’s recorded replies and notice in the detail view, with no model to ask', async () => {
		const file = recordScripted(scenarioFor('rogue_deploy_bot', {seed: 7}));
		const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
		const first = JSON.parse(lines[1]!);
		const agent = {source: 'qwen2.5:7b', replies: ['no idea', JSON.stringify(first.action)], notice: 'reply 1 was not an action; asked again'};
		lines[1] = JSON.stringify({...first, agent});
		fs.writeFileSync(file, `${lines.join('\n')}\n`);
		const {app} = renderReplay(file, 60_000);
		await app.waitFor('is deciding');
		await app.press(' ', 'n');
		await app.waitFor(() => app.play().played.length === 1, 'turn 0 played');
		expect(app.play().played[0]!.agent).toEqual(agent);
		await app.press('d');
		await app.waitFor('qwen2.5:7b, reply 2 of 2:');
		expect(app.frame()).toContain('qwen2.5:7b, reply 1 of 2:');
		expect(app.frame()).toContain('⚠ qwen2.5:7b: reply 1 was not an action; asked again');
	});
});

describe('the replay app on a drill’s recording', () => {
	it('tells, step by step, who played each step, a countdown run out, the players joining and dropping and the facilitator’s pauses, notes and hints', async () => {
		const file = recordDrill(undefined, {4: journal => journal.note(4, 'escape \u001b]0;pwned\u0007 here')});
		const {app} = renderReplay(file, 60_000);
		await app.waitFor('alice took the SRE seat');
		await app.press(' ');
		const after = async (played: number, ...texts: string[]) => {
			await app.press('n');
			await app.waitFor(() => app.play().played.length === played, `step ${played} played`);
			for (const text of texts) await app.waitFor(text);
		};
		await after(1, "Step 1 (SRE) was alice's", 'Note: alice named the root cause at once');
		expect(app.frame()).not.toContain('alice took the SRE seat');
		await after(2, 'The facilitator paused the drill · The facilitator resumed the drill · bob took the DEV seat');
		await after(3, "Step 3 (DEV) was bob's: time ran out, so noop", "The facilitator's hint to DEV: look at the database", 'bob dropped out of the DEV seat');
		await after(4, 'Note: escape \\x1b]0;pwned\\x07 here');
		expect(app.frames.join('\n')).not.toMatch(/[\u001b\u0007](?!\[)/);
		await after(5, "Step 5 (SRE) was alice's");
		await after(6);
		expect(app.play().recordedEvents).toEqual([]);
	});
});
