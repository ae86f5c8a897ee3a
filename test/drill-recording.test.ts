// A drill's recording as a drill host writes it (beginDrill) and replay reads it: every step with its player and
// whether its countdown ran out, the players joining and dropping, the facilitator's pauses, notes and hints. A line
// that does not fit where it stands is refused, naming it; a recording that is no drill reads as it always did.
import fs from 'node:fs';
import {describe, expect, it} from 'vitest';
import {runEpisode} from '../source/agents/runner.js';
import {scenarioFor} from '../source/io/incidents.js';
import {RecordingWriter, readRecording, resimulate} from '../source/io/recording.js';
import {DRILL_POLICIES, recordDrill} from './support/drill-recording.js';
import {recordScripted, tempFile} from './ui/record.js';

type Line = Record<string, any>;

const readLines = (file: string): Line[] => fs.readFileSync(file, 'utf8').trimEnd().split('\n').map(line => JSON.parse(line));
const writeLines = (file: string, lines: readonly Line[]) => fs.writeFileSync(file, lines.map(line => `${JSON.stringify(line)}\n`).join(''));

/** The drill's recording with its lines edited; reading it. */
function editedDrill(edit: (lines: Line[]) => void): () => unknown {
	const file = recordDrill();
	const lines = readLines(file);
	edit(lines);
	writeLines(file, lines);
	return () => readRecording(file);
}

/** The events recordDrill writes between steps, in order. */
const DRILL_EVENTS = [
	{kind: 'player', turn: 0, role: 'sre', name: 'alice', connected: true},
	{kind: 'note', turn: 1, text: 'alice named the root cause at once'},
	{kind: 'pause', turn: 2},
	{kind: 'resume', turn: 2},
	{kind: 'player', turn: 2, role: 'dev', name: 'bob', connected: true},
	{kind: 'facilitator_hint', turn: 3, role: 'dev', text: 'look at the database'},
	{kind: 'player', turn: 3, role: 'dev', name: 'bob', connected: false},
];

const indexOf = (lines: readonly Line[], kind: string, turn: number) => lines.findIndex(line => line.kind === kind && line.turn === turn);
/** The line number (from 1) of the first line of this kind at this turn. */
const lineOf = (lines: readonly Line[], kind: string, turn: number) => indexOf(lines, kind, turn) + 1;

describe('a drill recording', () => {
	it('holds the drill in its header, each step’s player and countdown, and the events between steps as written', () => {
		const lines = readLines(recordDrill());
		expect(lines[0]!.drill).toEqual({seats: ['sre', 'dev'], turn_seconds: 30});
		expect(Object.keys(lines[0]!).at(-1)).toBe('drill');
		const steps = lines.filter(line => line.kind === 'step');
		// After the fields every step line has.
		expect(Object.keys(steps[0]!).slice(-2)).toEqual(['player', 'timed_out']);
		const seatLine = (turn: number, by: string) => ({kind: 'seat', turn, role: 'dev', by});
		// Each seat line right after the player line that handed the seat over.
		expect(lines.filter(line => line.kind !== 'step' && line.kind !== 'header')).toEqual([...DRILL_EVENTS.slice(0, 5), seatLine(2, 'human'), ...DRILL_EVENTS.slice(5), seatLine(3, 'teammate')]);
	});

	it('reads back with every field, and replays in agreement with today’s environment', () => {
		const [recording] = readRecording(recordDrill());
		expect(recording!.header).toMatchObject({drill: {seats: ['sre', 'dev'], turn_seconds: 30}, policies: DRILL_POLICIES});
		expect(recording!.steps.map(({turn, role, by, player, timed_out}) => [turn, role, by, player, timed_out])).toEqual([
			[0, 'sre', 'human', 'alice', false],
			[1, 'oversight', 'heuristic', null, false],
			[2, 'dev', 'human', 'bob', true],
			[3, 'manager', 'heuristic', null, false],
			[4, 'sre', 'human', 'alice', false],
			[5, 'oversight', 'heuristic', null, false],
			[6, 'dev', 'teammate', null, false],
			[7, 'manager', 'heuristic', null, false],
			[8, 'sre', 'human', 'alice', false],
			[9, 'oversight', 'heuristic', null, false],
			[10, 'dev', 'teammate', null, false],
		]);
		expect(recording!.steps[2]!.action.action_type).toBe('noop');
		expect(recording!.drill).toEqual({
			seats: ['sre', 'dev'],
			turnSeconds: 30,
			events: DRILL_EVENTS,
		});
		expect(resimulate(recording!)).toMatchObject({disagreement: null, complete: true});
	});

	it('takes a countdown of null (none), a note with no words (a bare mark) and words at their limits', () => {
		const read = editedDrill(lines => {
			lines[0]!.drill.turn_seconds = null;
			lines[indexOf(lines, 'note', 1)]!.text = '';
			lines[indexOf(lines, 'facilitator_hint', 3)]!.text = 'x'.repeat(2000);
		});
		const [recording] = read() as ReturnType<typeof readRecording>;
		expect(recording!.drill).toMatchObject({turnSeconds: null, events: expect.arrayContaining([{kind: 'note', turn: 1, text: ''}])});
		const long = 'n'.repeat(200);
		expect(() => readRecording(recordDrill(tempFile(), {4: journal => journal.player(4, 'dev', long, true)}))).not.toThrow();
	});

	it('is written with drillStep: a journal’s step and undo are not a drill’s', () => {
		const scenario = scenarioFor('db_deadlock', {seed: 3});
		const {steps} = runEpisode(scenario, {});
		const writer = new RecordingWriter(tempFile());
		const journal = writer.beginDrill({version: 'dev', scenario, preset: null, seats: {}, policies: {}, reset: steps[0]!.observation, drill: {seats: ['sre'], turn_seconds: null}});
		expect(() => journal.step(steps[0]!)).toThrow('a drill journal writes each step with drillStep, which names its player');
		expect(() => journal.undo(0)).toThrow('a drill is not undone');
		writer.close();
	});
});

describe('a recording that is no drill', () => {
	it('reads as it always did: no drill, no player on its steps', () => {
		const file = recordScripted(scenarioFor('db_deadlock', {seed: 3}));
		const [recording] = readRecording(file);
		expect(recording!.drill).toBeNull();
		expect(recording!.steps.every(step => !('player' in step) && !('timed_out' in step))).toBe(true);
		expect(readLines(file)[0]).not.toHaveProperty('drill');
	});

	it('holds none of a drill’s lines or step fields', () => {
		const file = recordScripted(scenarioFor('db_deadlock', {seed: 3}));
		const lines = readLines(file);
		writeLines(file, [...lines.slice(0, 2), {kind: 'note', turn: 1, text: 'hi'}, ...lines.slice(2)]);
		expect(() => readRecording(file)).toThrow(/:3: kind is "note"; expected one of header, step, seat, undo, reveal, hint$/);
		lines[1]!.player = 'alice';
		writeLines(file, lines);
		expect(() => readRecording(file)).toThrow(/:2: has unknown key "player"; accepted: kind, turn, role, by, /);
	});
});

describe('a drill line that does not fit is refused, naming it', () => {
	const refusals: Array<[string, (lines: Line[]) => void, (lines: Line[]) => RegExp]> = [
		[
			'a key the line does not have',
			lines => (lines[indexOf(lines, 'note', 1)]!.zzz = 1),
			lines => new RegExp(`:${lineOf(lines, 'note', 1)}: has unknown key "zzz"; accepted: kind, turn, text$`),
		],
		[
			'a note too long',
			lines => (lines[indexOf(lines, 'note', 1)]!.text = 'x'.repeat(2001)),
			lines => new RegExp(`:${lineOf(lines, 'note', 1)}: text must be at most 2000 characters$`),
		],
		[
			'a name too long',
			lines => (lines[indexOf(lines, 'player', 0)]!.name = 'n'.repeat(201)),
			() => /:2: name must be at most 200 characters$/,
		],
		['a hint with no words', lines => (lines[indexOf(lines, 'facilitator_hint', 3)]!.text = ''), lines => new RegExp(`:${lineOf(lines, 'facilitator_hint', 3)}: text must not be empty$`)],
		['an event out of order', lines => (lines[indexOf(lines, 'note', 1)]!.turn = 5), lines => new RegExp(`:${lineOf(lines, 'note', 5)}: turn is 5; a note line after 1 step has turn 1$`)],
		[
			'a facilitator hint out of order',
			lines => (lines[indexOf(lines, 'facilitator_hint', 3)]!.turn = 2),
			lines => new RegExp(`:${lineOf(lines, 'facilitator_hint', 2)}: turn is 2; a facilitator_hint line after 3 steps has turn 3$`),
		],
		['a step with no player', lines => delete lines[2]!.player, () => /:3: player is missing; expected a player's name, or null for a teammate's step$/],
		['an undo', lines => lines.splice(3, 0, {kind: 'undo', turn: 0}), () => /:4: kind is "undo"; expected one of header, step, seat, reveal, hint, player, pause, resume, note, facilitator_hint$/],
		['a header whose drill opens no seat', lines => (lines[0]!.drill.seats = []), () => /:1: drill\.seats must open at least one seat$/],
		['a header whose drill opens a seat twice', lines => (lines[0]!.drill.seats = ['sre', 'sre']), () => /:1: drill\.seats must name each role once$/],
		['a drill in a header of an earlier format', lines => (lines[0]!.format = 2), () => /:1: drill is only in a header of format 3 or later, as drills are$/],
		['a countdown of no time', lines => (lines[0]!.drill.turn_seconds = 0), () => /:1: drill\.turn_seconds is 0; expected a number of seconds above 0, or null$/],
		[
			'a player in a seat the drill did not open',
			lines => (lines[indexOf(lines, 'player', 2)]!.role = 'manager'),
			lines => new RegExp(`:${lineOf(lines, 'player', 2)}: role is manager; a player takes one of the drill's seats: sre, dev$`),
		],
		[
			'a player taking a seat another holds',
			lines => Object.assign(lines[indexOf(lines, 'player', 2)]!, {role: 'sre'}),
			lines => new RegExp(`:${lineOf(lines, 'player', 2)}: "bob" takes sre's seat, which is held by "alice"; a player line drops them first$`),
		],
		[
			'a player dropping from a seat they do not hold',
			lines => (lines[indexOf(lines, 'player', 3)]!.name = 'carol'),
			lines => new RegExp(`:${lineOf(lines, 'player', 3)}: "carol" drops from dev's seat, which is held by "bob"$`),
		],
		['a pause while paused', lines => (lines[indexOf(lines, 'resume', 2)]!.kind = 'pause'), lines => new RegExp(`:${lineOf(lines, 'pause', 2) + 1}: a pause line while the drill is paused; a resume line comes first$`)],
		['a resume while running', lines => (lines[indexOf(lines, 'pause', 2)]!.kind = 'resume'), lines => new RegExp(`:${lineOf(lines, 'resume', 2)}: a resume line while the drill is not paused; a pause line comes first$`)],
		['a step by a player not in the seat', lines => (lines[2]!.player = 'carol'), () => /:3: player is "carol", but sre's seat is held by "alice"$/],
		['a player’s step passed off as a teammate’s', lines => (lines[2]!.by = 'teammate'), () => /:3: player is "alice", but by is "teammate"; a player's step is by human$/],
		['a person’s step with no player', lines => (lines[2]!.player = null), () => /:3: player is null, but by is human; a person's step names its player$/],
		[
			'a countdown run out into something else than noop',
			lines => (lines[2]!.timed_out = true),
			() => /:3: timed_out is true, but the action is identify_root_cause; a seat whose countdown ran out plays noop$/,
		],
	];

	it.each(refusals)('%s', (_, edit, message) => {
		let edited: Line[] = [];
		const read = editedDrill(lines => {
			edit(lines);
			edited = lines;
		});
		expect(read).toThrow(message(edited));
	});
});
