import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {buildSeats, runEpisode} from '../source/agents/runner.js';
import {scenarioFor} from '../source/io/incidents.js';
import {InputError} from '../source/io/errors.js';
import {type RecordedEpisode, RecordingWriter, readRecording, resimulate} from '../source/io/recording.js';
import {resolveScenario} from '../source/io/scenarios.js';
import {PlaySession} from '../source/ui/session.js';
import {runCli} from './support/cli.js';
import {heuristicEverywhere, recordScripted, tempFile} from './ui/record.js';

/** Resolves at the next human turn (a choice just made is played first), or when the episode is over. */
const humanTurn = async (session: PlaySession) => {
	await new Promise(resolve => setImmediate(resolve));
	return new Promise<void>(resolve => {
		const check = () => {
			const {pending, result} = session.snapshot();
			if (pending?.human !== true && result === null) return;
			stop();
			resolve();
		};
		const stop = session.subscribe(check);
		check();
	});
};

const lines = (file: string) => fs.readFileSync(file, 'utf8').trimEnd().split('\n');
const rewrite = (file: string, edit: (lines: string[]) => string[]) => fs.writeFileSync(file, `${edit(lines(file)).join('\n')}\n`);

describe('recordings', () => {
	it('hold a header, then one line per step, each on disk as soon as it is written', () => {
		const file = tempFile();
		const writer = new RecordingWriter(file);
		const scenario = scenarioFor('db_deadlock', {seed: 3});
		const {steps} = runEpisode(scenario, buildSeats(heuristicEverywhere, scenario));
		const journal = writer.begin({version: 'dev', scenario, preset: null, seats: {}, policies: {}, reset: steps[0]!.observation});
		journal.step({...steps[0]!, by: 'human'});
		// Not closed: an interrupted session leaves what it wrote so far.
		const written = lines(file).map(line => JSON.parse(line));
		expect(written.map(line => line.kind)).toEqual(['header', 'step']);
		expect(written[1]).toMatchObject({turn: 0, role: 'sre', by: 'human', reward: steps[0]!.reward});
		writer.close();
	});

	it('play back with today’s environment and agree with it', () => {
		const [recording] = readRecording(recordScripted(scenarioFor('cascade', {difficulty: 'hard', seed: 11})));
		const replayed = resimulate(recording!);
		expect(replayed.disagreement).toBeNull();
		expect(replayed.complete).toBe(true);
		expect(replayed.steps).toHaveLength(recording!.steps.length);
	});

	it('say where the environment no longer agrees', () => {
		const file = recordScripted(scenarioFor('rogue_deploy_bot', {seed: 7}));
		rewrite(file, all => all.map((line, index) => (index === 2 ? line.replace(/"reward":-?[\d.]+/, '"reward":99') : line)));
		const [recording] = readRecording(file);
		expect(resimulate(recording!).disagreement).toMatch(/^turn 1: recorded reward 99, now -?\d+$/);
	});

	it('a recording cut short is not a disagreement, only incomplete', () => {
		const file = recordScripted(scenarioFor('rogue_deploy_bot', {seed: 7}));
		rewrite(file, all => all.slice(0, 3));
		const replayed = resimulate(readRecording(file)[0]!);
		expect(replayed).toMatchObject({disagreement: null, complete: false});
	});

	it('drop the steps an undo took back, and remember when the truth was revealed', async () => {
		const file = tempFile();
		const writer = new RecordingWriter(file);
		const scenario = scenarioFor('db_deadlock', {seed: 3});
		const session = new PlaySession({
			scenario,
			scripts: () => buildSeats({oversight: 'noop', dev: 'noop', manager: 'noop'}, scenario),
			humans: ['sre'],
			delayMs: 0,
			openJournal: reset =>
				writer.begin({version: 'dev', scenario, preset: null, seats: {sre: 'human'}, policies: {}, reset}),
		});
		await humanTurn(session);
		session.choose({action_type: 'escalate'});
		await humanTurn(session);
		session.choose({action_type: 'noop'});
		await humanTurn(session);
		session.reveal();
		session.undo(); // back to turn 4, before the noop
		await humanTurn(session);
		session.choose({action_type: 'restart', target: 'db'});
		await humanTurn(session);

		const [recording] = readRecording(file) as [RecordedEpisode];
		expect(recording.steps.map(step => step.action.action_type)).toEqual(['escalate', 'noop', 'noop', 'noop', 'restart']);
		expect(recording.revealedAtTurn).toBe(8);
		expect(lines(file).some(line => line.includes('"kind":"undo","turn":4'))).toBe(true);
		expect(resimulate(recording).disagreement).toBeNull();
		writer.close();
	});

	it('hold the hints the player took, as they were taken, an undo leaving them standing', async () => {
		const file = tempFile();
		const writer = new RecordingWriter(file);
		const scenario = scenarioFor('queue_backlog', {seed: 3});
		const session = new PlaySession({
			scenario,
			scripts: () => buildSeats({}, scenario),
			humans: ['sre'],
			delayMs: 0,
			openJournal: reset => writer.begin({version: 'dev', scenario, preset: null, seats: {sre: 'human'}, policies: {}, reset}),
		});
		const ladder = scenario.incident.file.trainer.hints.length;
		await humanTurn(session);
		session.hint();
		session.choose({action_type: 'noop'});
		await humanTurn(session);
		for (let hint = 1; hint < ladder; hint++) session.hint();
		expect(session.hint()).toMatchObject({kind: 'oracle', move: {role: 'sre', action: {action_type: 'restart', target: 'worker'}}});
		session.undo(); // back to turn 0: the hints stay read
		await humanTurn(session);
		expect(session.hint()).toMatchObject({kind: 'oracle', move: {role: 'sre', action: {action_type: 'identify_root_cause'}}});
		writer.close();

		const hintLines = lines(file).filter(line => line.includes('"kind":"hint"'));
		expect(hintLines[0]).toBe('{"kind":"hint","turn":0,"source":"ladder"}');
		const [recording] = readRecording(file) as [RecordedEpisode];
		expect(recording.hints).toEqual([
			{turn: 0, source: 'ladder'},
			...Array.from({length: ladder - 1}, () => ({turn: 4, source: 'ladder'})),
			{turn: 4, source: 'oracle'},
			{turn: 0, source: 'oracle'},
		]);
		expect(resimulate(recording).disagreement).toBeNull();
		// A recording without hint lines reads as one in which none were taken.
		expect(readRecording(recordScripted(scenario))[0]!.hints).toEqual([]);
	});

	it('refuse a seat, undo, reveal or hint line whose turn does not fit between the steps around it, or a hint of no known source', () => {
		const base = recordScripted(scenarioFor('rogue_deploy_bot', {seed: 7}));
		const steps = lines(base).length - 1;
		const withEvent = (event: object, at: number) => {
			const file = tempFile();
			fs.copyFileSync(base, file);
			rewrite(file, all => [...all.slice(0, at + 1), JSON.stringify(event), ...all.slice(at + 1)]);
			return () => readRecording(file);
		};
		expect(withEvent({kind: 'seat', turn: 1, role: 'dev', by: 'human'}, 1)).not.toThrow();
		expect(withEvent({kind: 'seat', turn: -5, role: 'dev', by: 'human'}, 1)).toThrow(/:3: turn is -5; a seat line after 1 step has turn 1$/);
		expect(withEvent({kind: 'reveal', turn: 999}, steps)).toThrow(new RegExp(`turn is 999; a reveal line after ${steps} steps has turn ${steps}$`));
		expect(withEvent({kind: 'undo', turn: 0}, 0)).toThrow(/:2: turn is 0; an undo line needs a step before it to take back$/);
		expect(withEvent({kind: 'undo', turn: 1}, 1)).toThrow(/:3: turn is 1; an undo line after 1 step takes back a turn from 0 to 0$/);
		expect(withEvent({kind: 'hint', turn: 1, source: 'oracle'}, 1)).not.toThrow();
		expect(withEvent({kind: 'hint', turn: 0, source: 'ladder'}, 1)).toThrow(/:3: turn is 0; a hint line after 1 step has turn 1$/);
		expect(withEvent({kind: 'hint', turn: 1, source: 'heuristic'}, 1)).toThrow(/:3: source is "heuristic"; expected one of ladder, oracle/);
	});

	it('refuse a file that is not a recording, naming the line', () => {
		const file = tempFile();
		fs.writeFileSync(file, '{"kind":"step"}\n');
		expect(() => readRecording(file)).toThrow(InputError);
		fs.writeFileSync(file, 'hello\n');
		expect(() => readRecording(file)).toThrow(`${file}:1: not JSON; a recording holds one JSON object per line`);
		const good = recordScripted(scenarioFor('db_deadlock', {seed: 3}));
		rewrite(good, all => all.map((line, index) => (index === 1 ? line.replace('"action_type":"', '"action_type":"x') : line)));
		expect(() => readRecording(good)).toThrow(/:2: action\.action_type is "x\w+"; expected one of noop, /);
		expect(() => readRecording(path.join(os.tmpdir(), 'no-such-recording.jsonl'))).toThrow(/cannot read the recording .*ENOENT/);
	});
});

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'recordings');

describe('recordings written before format 2 (observation meant the one the step returned)', () => {
	it.each(['format-1-play.jsonl', 'format-1-run.jsonl'])('%s still replays and agrees', name => {
		const file = path.join(FIXTURES, name);
		const [recording] = readRecording(file) as [RecordedEpisode];
		expect(recording.header.format).toBe(1);
		const replayed = resimulate(recording);
		expect(replayed.disagreement).toBeNull();
		// The old key is read as the observation the step returned.
		for (const [index, step] of replayed.steps.entries()) expect(recording.steps[index]!.next_observation).toEqual(JSON.parse(JSON.stringify(step.next)));
	});

	it('and is still checked: a changed observation is a difference', () => {
		const file = tempFile();
		fs.copyFileSync(path.join(FIXTURES, 'format-1-play.jsonl'), file);
		rewrite(file, all => all.map((line, index) => (index === 3 ? line.replace(/"step":3,/, '"step":30,') : line)));
		expect(resimulate(readRecording(file)[0]!).disagreement).toBe('turn 2: recorded next_observation.step 30, now 3');
	});
});

describe('one step format', () => {
	it('run --record and play --record of the same scenario, seed and actions hold the same steps, each observation the one run --format json shows', async () => {
		const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'chaosops-same-'));
		const policies = {sre: 'heuristic', dev: 'random', oversight: 'oracle', manager: 'random'} as const;
		const scenarioFlags = ['--scenario', 'cascade', '--seed', '1'];
		const ran = path.join(folder, 'run.jsonl');
		const cli = runCli(['run', ...scenarioFlags, '--policy', Object.entries(policies).map(([role, name]) => `${role}=${name}`).join(','), '--record', ran, '--format', 'json']);
		expect(cli.stderr).toBe('');
		const document = JSON.parse(cli.stdout);
		expect(document.steps.length).toBeGreaterThan(8);

		// The person in the SRE seat plays what the heuristic played in run.
		const {scenario} = resolveScenario('cascade', {seed: 1});
		const played = path.join(folder, 'play.jsonl');
		const writer = new RecordingWriter(played);
		const session = new PlaySession({
			scenario,
			scripts: () => buildSeats(policies, scenario),
			humans: ['sre'],
			delayMs: 0,
			openJournal: reset => writer.begin({version: 'dev', scenario, preset: 'cascade', seats: {...policies, sre: 'human'}, policies, reset}),
		});
		for (;;) {
			await humanTurn(session);
			const {pending, result} = session.snapshot();
			if (result !== null) break;
			session.choose(document.steps[pending!.turn].action);
		}
		writer.close();

		const steps = (file: string) => readRecording(file)[0]!.steps.map(({by: _by, decision_ms: _ms, seatHolder: _holder, ...step}) => step);
		expect(steps(played)).toEqual(steps(ran));
		expect(steps(ran).map(step => step.observation)).toEqual(document.steps.map((step: {observation: unknown}) => step.observation));
		expect(readRecording(played)[0]!.steps.map(step => step.by)).toEqual(document.steps.map((step: {role: string; by: string}) => (step.role === 'sre' ? 'human' : step.by)));
	});
});
