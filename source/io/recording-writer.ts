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
		this.write({kind: 'header', format: RECORDING_FORMAT, ...header, scenario: recordedScenario(header.scenario)});
		return {
			step: step => this.write({kind: 'step', ...stepJson(step)}),
			seat: (turn, role, by) => this.write({kind: 'seat', turn, role, by}),
			undo: turn => this.write({kind: 'undo', turn}),
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
