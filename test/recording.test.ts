import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {buildSeats, runEpisode} from '../source/agents/runner.js';
import {makeScenario} from '../source/env/scenario.js';
import {InputError} from '../source/io/errors.js';
import {type RecordedEpisode, RecordingWriter, readRecording, resimulate} from '../source/io/recording.js';
import {PlaySession} from '../source/ui/session.js';
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
		const scenario = makeScenario('db_deadlock', {seed: 3});
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
		const [recording] = readRecording(recordScripted(makeScenario('cascade', {difficulty: 'hard', seed: 11})));
		const replayed = resimulate(recording!);
		expect(replayed.disagreement).toBeNull();
		expect(replayed.complete).toBe(true);
		expect(replayed.steps).toHaveLength(recording!.steps.length);
	});

	it('say where the environment no longer agrees', () => {
		const file = recordScripted(makeScenario('rogue_deploy_bot', {seed: 7}));
		rewrite(file, all => all.map((line, index) => (index === 2 ? line.replace(/"reward":-?[\d.]+/, '"reward":99') : line)));
		const [recording] = readRecording(file);
		expect(resimulate(recording!).disagreement).toMatch(/^turn 1: recorded reward 99, now -?\d+$/);
	});

	it('a recording cut short is not a disagreement, only incomplete', () => {
		const file = recordScripted(makeScenario('rogue_deploy_bot', {seed: 7}));
		rewrite(file, all => all.slice(0, 3));
		const replayed = resimulate(readRecording(file)[0]!);
		expect(replayed).toMatchObject({disagreement: null, complete: false});
	});

	it('drop the steps an undo took back, and remember when the truth was revealed', async () => {
		const file = tempFile();
		const writer = new RecordingWriter(file);
		const scenario = makeScenario('db_deadlock', {seed: 3});
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

	it('refuse a file that is not a recording, naming the line', () => {
		const file = tempFile();
		fs.writeFileSync(file, '{"kind":"step"}\n');
		expect(() => readRecording(file)).toThrow(InputError);
		fs.writeFileSync(file, 'hello\n');
		expect(() => readRecording(file)).toThrow(`${file}:1: not JSON; a recording holds one JSON object per line`);
		const good = recordScripted(makeScenario('db_deadlock', {seed: 3}));
		rewrite(good, all => all.map((line, index) => (index === 1 ? line.replace('"action_type":"', '"action_type":"x') : line)));
		expect(() => readRecording(good)).toThrow(/:2: action\.action_type is "x\w+"; expected one of noop, /);
		expect(() => readRecording(path.join(os.tmpdir(), 'no-such-recording.jsonl'))).toThrow(/cannot read the recording .*ENOENT/);
	});
});
