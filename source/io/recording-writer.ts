// Writing recordings (recording.ts reads them): each line goes straight to the file as the episode is played. Kept
// apart from the reader, whose schemas need zod, so that the app can start without loading it.
import fs from 'node:fs';
import {type Episode, type EpisodeStep, type PolicyMap, seatPolicyName} from '../agents/runner.js';
import {scenarioFields} from '../env/scenario.js';
import type {Observation, Scenario} from '../env/types.js';
import {ROLES, type Role} from '../env/vocabulary.js';
import {openForWriting, writeAll} from './output-file.js';
import {stepJson} from './step-json.js';
import {terminalJson} from './terminal-text.js';

/**
 * The format written. Format 1 (before 0.2) wrote only the observation a step returned, as `observation`; format 2
 * named the incident only by its failure_type; format 3 carries the incident file itself in the header's scenario.
 */
export const RECORDING_FORMAT = 3;

/** Where a hint came from: the incident's ladder, or the oracle's move for the seat. */
export const HINT_SOURCES = ['ladder', 'oracle'] as const;
export type HintSource = (typeof HINT_SOURCES)[number];

/** Where a session reports what happens, as it happens. */
export type EpisodeJournal = {
	step(step: EpisodeStep): void;
	seat(turn: number, role: Role, by: string): void;
	undo(turn: number): void;
	reveal(turn: number): void;
	hint(turn: number, source: HintSource): void;
	/** Something the player should know about the episode, e.g. that a replay no longer agrees; null if nothing. */
	notice?(): string | null;
	/**
	 * What a recording played back says happened by now besides the steps (a drill's players, pauses, notes and
	 * facilitator hints, who played the last step), one line each; none outside a replay.
	 */
	recordedEvents?(): readonly string[];
};

/** The bounds a reader holds a drill's words to (the writer writes what it is given): a player's name, a note or hint. */
export const DRILL_LIMITS = {nameLength: 200, textLength: 2000} as const;

/** The roles a drill opens to players, and the countdown of a player's turn in seconds (null: none). */
export type DrillHeader = {readonly seats: readonly Role[]; readonly turn_seconds: number | null};

/** A line of a drill recording between its steps, as written and read; `turn` counts the steps played before it. */
export type DrillEvent =
	/** A player took a seat (connected) or dropped from it. */
	| {readonly kind: 'player'; readonly turn: number; readonly role: Role; readonly name: string; readonly connected: boolean}
	/** The facilitator paused the drill for everyone. */
	| {readonly kind: 'pause'; readonly turn: number}
	| {readonly kind: 'resume'; readonly turn: number}
	/** The facilitator's "mark important". */
	| {readonly kind: 'note'; readonly turn: number; readonly text: string}
	/** A hint the facilitator sent to one seat. */
	| {readonly kind: 'facilitator_hint'; readonly turn: number; readonly role: Role; readonly text: string};

/** Who decided a drill's step: the player's name (null for a teammate policy), and whether their countdown ran out. */
export type DrillStepFields = {readonly player: string | null; readonly timed_out: boolean};

/**
 * What a drill adds to a journal: who plays each seat, the facilitator's pauses, notes and hints, and each step's
 * player and whether its countdown ran out. Its step() and undo() throw: every step of a drill names its player
 * (drillStep), and a drill is not undone.
 */
export type DrillJournal = EpisodeJournal & {
	/** Instead of step(): the step, the name of the player who decided it (null for a teammate policy), and true when the countdown ran out and the seat played noop. */
	drillStep(step: EpisodeStep, player: string | null, timedOut: boolean): void;
	/** A player took a seat (connected true) or dropped from it (false). */
	player(turn: number, role: Role, name: string, connected: boolean): void;
	pause(turn: number): void;
	resume(turn: number): void;
	/** The facilitator's "mark important". */
	note(turn: number, text: string): void;
	/** A hint the facilitator sent to one seat. */
	facilitatorHint(turn: number, role: Role, text: string): void;
};

export type HeaderFields = {
	readonly version: string;
	readonly scenario: Scenario;
	readonly preset: string | null;
	readonly seats: Partial<Record<Role, string>>;
	readonly policies: PolicyMap;
	readonly policy_seed?: number;
	readonly reset: Observation;
};

/**
 * A header's scenario as the file holds it: its fields and the incident file itself (not the compiled incident), so
 * that the recording replays wherever it is read, whatever incidents are there.
 */
export const recordedScenario = (scenario: Scenario) => ({...scenarioFields(scenario), incident: scenario.incident.file});

/** Writes an episode's steps and seat changes to the journal as they happen; returns how to stop. */
export const journalFollowing = (journal: EpisodeJournal, episode: Episode): (() => void) =>
	episode.subscribe(event => {
		if (event.kind === 'step') journal.step(event.step);
		else if (event.kind === 'seat') journal.seat(event.turn, event.role, event.by);
	});

/** Who holds each seat at the start: `human` for the roles people play, else the seat's policy (noop if none). */
export const seatHolders = (policies: PolicyMap, humans: readonly Role[] = []): Record<Role, string> =>
	Object.fromEntries(ROLES.map(role => [role, humans.includes(role) ? 'human' : seatPolicyOf(policies, role)])) as Record<Role, string>;

/** The name of the policy a seat goes to when nobody plays it: its scripted policy's, or noop. */
export const seatPolicyOf = (policies: PolicyMap, role: Role): string => {
	const policy = policies[role];
	return policy === undefined ? 'noop' : seatPolicyName(policy);
};

/** A header line: its scenario as the file holds it (see recordedScenario). */
const headerLine = (header: HeaderFields) => ({kind: 'header', format: RECORDING_FORMAT, ...header, scenario: recordedScenario(header.scenario)});

/**
 * A recording file being written. Nothing touches the file until the first episode begins (so a command that
 * fails before it leaves an earlier recording alone); then it is truncated and every line goes straight to disk.
 */
export class RecordingWriter {
	private fd: number | null = null;
	private readonly what: string;

	constructor(readonly path: string) {
		this.what = `the recording ${path}`;
	}

	begin(header: HeaderFields): EpisodeJournal {
		this.write(headerLine(header));
		return {
			step: step => this.write({kind: 'step', ...stepJson(step)}),
			undo: turn => this.write({kind: 'undo', turn}),
			...this.sharedEvents(),
		};
	}

	/** A drill's episode: its header says which seats players take; each step names its player (see DrillJournal). */
	beginDrill({drill, ...header}: HeaderFields & {readonly drill: DrillHeader}): DrillJournal {
		this.write({...headerLine(header), drill});
		const event = (line: DrillEvent) => this.write(line);
		return {
			...this.sharedEvents(),
			step: () => {
				throw new Error('a drill journal writes each step with drillStep, which names its player');
			},
			undo: () => {
				throw new Error('a drill is not undone');
			},
			drillStep: (step, player, timedOut) => {
				const decided: DrillStepFields = {player, timed_out: timedOut};
				this.write({kind: 'step', ...stepJson(step), ...decided});
			},
			player: (turn, role, name, connected) => event({kind: 'player', turn, role, name, connected}),
			pause: turn => event({kind: 'pause', turn}),
			resume: turn => event({kind: 'resume', turn}),
			note: (turn, text) => event({kind: 'note', turn, text}),
			facilitatorHint: (turn, role, text) => event({kind: 'facilitator_hint', turn, role, text}),
		};
	}

	/** The events an episode and a drill both have: a seat changing hands, the truth revealed, a hint taken. */
	private sharedEvents(): Pick<EpisodeJournal, 'seat' | 'reveal' | 'hint'> {
		return {
			seat: (turn, role, by) => this.write({kind: 'seat', turn, role, by}),
			reveal: turn => this.write({kind: 'reveal', turn}),
			hint: (turn, source) => this.write({kind: 'hint', turn, source}),
		};
	}

	close(): void {
		if (this.fd !== null) fs.closeSync(this.fd);
		this.fd = null;
	}

	private write(line: object): void {
		this.fd ??= openForWriting(this.path, this.what);
		writeAll(this.fd, `${terminalJson(line)}\n`, this.what);
	}
}
