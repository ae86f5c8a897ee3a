// Recordings of played episodes: JSON lines, one header per episode, then one line per step and per event
// (a seat changing hands, an undo, the ground truth revealed). Every line is written straight to the file,
// so an interrupted session leaves a recording complete up to its last step; a line torn by a crash or a full
// disk is the last one, and reading skips it with a warning. The format: docs/recordings.md.
import fs from 'node:fs';
import * as z from 'zod';
import {POLICY_NAMES, type PolicyName} from '../agents/policies.js';
import {NOOP, type Policy, isPending} from '../agents/policy.js';
import {Episode, type EpisodeStep, type PolicyMap, type Seats, buildSeats} from '../agents/runner.js';
import {normaliseAction} from '../env/action.js';
import type {ActionRequest, Observation, Scenario} from '../env/types.js';
import {ROLES, type Role} from '../env/vocabulary.js';
import {InputError} from './errors.js';
import {parseJsonText} from './json-text.js';
import {openForWriting, writeAll} from './output-file.js';
import {actionSchema, scenarioOf, scenarioSchema} from './protocol.js';
import {terminalJson} from './terminal-text.js';
import {MIB, readTextFile} from './text-file.js';
import {briefJson, closedObject, closedRecord, integer, parseWith, quoted} from './validation.js';
import {CHAOSOPS_VERSION, isLaterVersion, isVersion} from './version.js';

export const RECORDING_FORMAT = 1;

/** Where a session reports what happens, as it happens. */
export type EpisodeJournal = {
	step(step: EpisodeStep, by: string): void;
	seat(turn: number, role: Role, by: string): void;
	undo(turn: number): void;
	reveal(turn: number): void;
	/** Something the player should know about the episode, e.g. that a replay no longer agrees; null if nothing. */
	notice?(): string | null;
};

const roleSchema = z.enum(ROLES);
const infoSchema = z.looseObject({
	step_count: z.number(),
	resolved: z.boolean(),
	cumulative_reward: z.number(),
	wrong_fixes: z.number(),
	oversight_flags: z.array(z.string()),
});

// Every line is closed: a key the format does not have is refused rather than dropped unread, since replay vouches
// for everything a recording holds.
const headerSchema = closedObject({
	kind: z.literal('header'),
	format: z.literal(RECORDING_FORMAT),
	version: z.string().refine(isVersion, 'must be a chaosops version such as 0.1.0, or dev'),
	scenario: scenarioSchema.transform(scenarioOf),
	preset: z.string().nullable(),
	seats: closedRecord(ROLES, z.string()),
	policies: closedRecord(ROLES, z.enum(POLICY_NAMES)),
	/** Seeds the scripted policies; the scenario's seed when absent (recordings made before run --record). */
	policy_seed: integer().optional(),
	reset: z.looseObject({message: z.string()}),
});
const stepSchema = closedObject({
	kind: z.literal('step'),
	turn: z.number().int().nonnegative(),
	role: roleSchema,
	by: z.string(),
	action: actionSchema,
	reward: z.number(),
	observation: z.looseObject({message: z.string(), done: z.boolean()}),
	breakdown: z.record(z.string(), z.number()),
	info: infoSchema,
});
/** Each kind of line and its schema: a line is read by the schema its `kind` names. */
const LINE_SCHEMAS = {
	header: headerSchema,
	step: stepSchema,
	seat: closedObject({kind: z.literal('seat'), turn: z.number().int(), role: roleSchema, by: z.string()}),
	undo: closedObject({kind: z.literal('undo'), turn: z.number().int().nonnegative()}),
	reveal: closedObject({kind: z.literal('reveal'), turn: z.number().int().nonnegative()}),
};
type LineKind = keyof typeof LINE_SCHEMAS;
const LINE_KINDS = Object.keys(LINE_SCHEMAS) as [LineKind, ...LineKind[]];
const kindSchema = z.looseObject({kind: z.enum(LINE_KINDS)});

export type RecordingHeader = z.infer<typeof headerSchema>;
/** A step as recorded, with who held its role's seat when it was written (the header's seats, then seat lines). */
export type RecordedStep = z.infer<typeof stepSchema> & {readonly seatHolder: string};

/** One recorded episode, its undone steps already taken out. */
export type RecordedEpisode = {
	readonly header: RecordingHeader;
	readonly steps: RecordedStep[];
	/** The turn at which the player revealed the ground truth, or null. */
	readonly revealedAtTurn: number | null;
};

export type HeaderFields = {
	readonly version: string;
	readonly scenario: Scenario;
	readonly preset: string | null;
	readonly seats: Partial<Record<Role, string>>;
	readonly policies: Partial<Record<Role, PolicyName>>;
	readonly policy_seed?: number;
	readonly reset: Observation;
};

/** Who holds each seat at the start: `human` for the roles people play, else the seat's policy (noop if none). */
export const seatHolders = (policies: PolicyMap, humans: readonly Role[] = []): Record<Role, string> =>
	Object.fromEntries(ROLES.map(role => [role, humans.includes(role) ? 'human' : (policies[role] ?? 'noop')])) as Record<Role, string>;

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
		this.write({kind: 'header', format: RECORDING_FORMAT, ...header});
		return {
			step: (step, by) =>
				this.write({
					kind: 'step',
					turn: step.turn,
					role: step.role,
					by,
					action: step.action,
					reward: step.reward,
					observation: step.next,
					breakdown: step.breakdown,
					info: step.info,
				}),
			seat: (turn, role, by) => this.write({kind: 'seat', turn, role, by}),
			undo: turn => this.write({kind: 'undo', turn}),
			reveal: turn => this.write({kind: 'reveal', turn}),
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

/** A recording is text a person could still page through; past this it is something else. */
const RECORDING_MAX_BYTES = 256 * MIB;

export type RecordingFile = {
	readonly episodes: RecordedEpisode[];
	/** The line number of a last line cut off mid-write (a crash, a full disk), skipped; null when there is none. */
	readonly tornLine: number | null;
};

/** Reads a recording: every episode in it, each line checked; a torn last line is skipped and reported. */
export function readRecordingFile(path: string): RecordingFile {
	const text = readTextFile(path, `the recording ${path}`, RECORDING_MAX_BYTES);
	const raw = text.split('\n');
	// Every line is written whole with its newline, so only a last line without one can be torn.
	const last = raw.length - 1;
	const torn = raw[last] !== '' && !parsesAsJson(raw[last]!);
	type Reading = {header: RecordingHeader; steps: RecordedStep[]; revealedAtTurn: number | null; holders: Record<Role, string>};
	const episodes: Reading[] = [];
	raw.forEach((line, index) => {
		if (line.trim() === '' || (torn && index === last)) return;
		const where = `${path}:${index + 1}`;
		const parsed = parseLine(line, where);
		if (parsed.kind === 'header') {
			episodes.push({header: parsed, steps: [], revealedAtTurn: null, holders: startingHolders(parsed, where)});
			return;
		}
		const episode = episodes.at(-1);
		if (episode === undefined) throw new InputError(`${where}: expected a header line first; is this a chaosops recording?`);
		if (parsed.kind === 'step') episode.steps.push({...parsed, seatHolder: episode.holders[parsed.role]});
		else if (parsed.kind === 'seat') episode.holders[parsed.role] = checkedHolder(episode.header, parsed.role, parsed.by, `${where}: by`);
		else if (parsed.kind === 'undo') episode.steps = episode.steps.filter(step => step.turn < parsed.turn);
		else episode.revealedAtTurn ??= parsed.turn;
	});
	if (episodes.length === 0) throw new InputError(`${path} holds no episode; expected a recording written by \`chaosops play --record\` or \`chaosops run --record\``);
	return {episodes, tornLine: torn ? last + 1 : null};
}

/** Every episode of a recording (see readRecordingFile). */
export const readRecording = (path: string): RecordedEpisode[] => readRecordingFile(path).episodes;

/** Whether a line is whole JSON; one nested too deeply to read is whole, and refused as such, never taken for torn. */
function parsesAsJson(line: string): boolean {
	try {
		JSON.parse(line);
		return true;
	} catch (error) {
		return error instanceof RangeError;
	}
}

/** A seat's holder as a header or seat line names it: a person, or the role's own scripted policy. */
function checkedHolder(header: RecordingHeader, role: Role, by: string, where: string): string {
	const policy = header.policies[role] ?? 'noop';
	if (by !== 'human' && by !== policy) throw new InputError(`${where} is ${quoted(by)}; ${role}'s seat is held by human or its policy, ${policy}`);
	return by;
}

/** Who holds each seat at the start: as the header says, a role it leaves out played by its policy. */
const startingHolders = (header: RecordingHeader, where: string): Record<Role, string> =>
	Object.fromEntries(
		ROLES.map(role => {
			const by = header.seats[role];
			return [role, by === undefined ? (header.policies[role] ?? 'noop') : checkedHolder(header, role, by, `${where}: seats.${role}`)];
		}),
	) as Record<Role, string>;

type Line = {[Kind in LineKind]: z.output<(typeof LINE_SCHEMAS)[Kind]>}[LineKind];

function parseLine(raw: string, where: string): Line {
	let json: unknown;
	try {
		json = parseJsonText(raw, where);
	} catch (error) {
		if (error instanceof InputError && !error.message.includes('is not valid JSON')) throw error;
		throw new InputError(`${where}: not JSON; a recording holds one JSON object per line`);
	}
	const {kind} = parseWith(kindSchema, json, where);
	return parseWith(LINE_SCHEMAS[kind], json, where) as Line;
}

export const recordedAction = (step: RecordedStep): ActionRequest => step.action as ActionRequest;

/** A value as a difference names it: JSON, cut short. */
const shown = (value: unknown): string => briefJson(value, 60);

/**
 * The first place where what a recording holds differs from what re-simulation made, as `path: recorded X, now Y`,
 * or null. Both sides are compared as JSON values: key order does not matter, numbers compare as numbers.
 */
export function firstDifference(path: string, recorded: unknown, now: unknown): string | null {
	if (Object.is(recorded, now) || recorded === now) return null;
	const bothArrays = Array.isArray(recorded) && Array.isArray(now);
	const bothObjects = typeof recorded === 'object' && typeof now === 'object' && recorded !== null && now !== null;
	if (bothArrays && recorded.length === now.length) {
		for (const [index, item] of recorded.entries()) {
			const difference = firstDifference(`${path}[${index}]`, item, now[index]);
			if (difference !== null) return difference;
		}
		return null;
	}
	if (bothObjects && !Array.isArray(recorded) && !Array.isArray(now)) {
		const a = recorded as Record<string, unknown>;
		const b = now as Record<string, unknown>;
		for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
			const difference = firstDifference(path === '' ? key : `${path}.${key}`, a[key], b[key]);
			if (difference !== null) return difference;
		}
		return null;
	}
	return `recorded ${path} ${shown(recorded)}, now ${shown(now)}`;
}

/** A live value as JSON reads it back: what a recording of it holds. */
const asRecorded = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

/**
 * Checks a recording against its re-simulation, step by step: the reset, then every field of every step, and for
 * each step a scripted policy decided, that the policy (seeded as in the recording) decides it again. The
 * policies are asked in the order play asked them, so their random draws line up.
 */
export class RecordingCheck {
	private readonly scripts: Seats;
	private checked = 0;

	constructor(private readonly recording: RecordedEpisode) {
		const {header} = recording;
		this.scripts = buildSeats(header.policies, header.scenario, header.policy_seed ?? header.scenario.seed);
	}

	/** The version and the first observation. */
	start(reset: Observation): string | null {
		const {version} = this.recording.header;
		if (isLaterVersion(version, CHAOSOPS_VERSION)) return `recorded by chaosops ${version}, newer than this ${CHAOSOPS_VERSION}`;
		const difference = firstDifference('', this.recording.header.reset, asRecorded(reset));
		return difference === null ? null : `reset: ${difference.replace(/^recorded /, 'recorded observation.')}`;
	}

	/** The next re-simulated step against the next recorded one. */
	step(step: EpisodeStep): string | null {
		const index = this.checked++;
		const recorded = this.recording.steps[index];
		if (recorded === undefined) return `turn ${step.turn}: not in the recording`;
		const at = `turn ${index}`;
		if (recorded.turn !== index) return `${at}: recorded turn ${recorded.turn}, now ${index}`;
		const decided = this.decision(recorded, step);
		if (decided !== null) return `${at}: ${decided}`;
		const {kind: _kind, by: _by, turn: _turn, seatHolder: _seatHolder, ...held} = recorded;
		const now = asRecorded({role: step.role, action: step.action, reward: step.reward, observation: step.next, breakdown: step.breakdown, info: step.info});
		const difference = firstDifference('', held, now);
		return difference === null ? null : `${at}: ${difference}`;
	}

	/** Whether the recorded decider could have made the recorded action. */
	private decision(recorded: RecordedStep, step: EpisodeStep): string | null {
		const {by, role, seatHolder} = recorded;
		if (by !== seatHolder) return `recorded as decided by ${shown(by)}, but ${role}'s seat was held by ${seatHolder}`;
		if (by === 'human') return null;
		// The seat holder is the role's policy (checked as the file was read), so it is the one asked.
		const policy: Policy | undefined = this.scripts[step.role];
		const decision = policy === undefined ? NOOP : policy.act(step.observation, step.role);
		if (isPending(decision)) return null;
		const difference = firstDifference('action', asRecorded(recorded.action), asRecorded(normaliseAction(decision, step.role)));
		return difference === null ? null : `${difference.replace(/, now /, `, but ${by} decides `)}`;
	}
}

export type Resimulation = {
	readonly episode: Episode;
	readonly steps: EpisodeStep[];
	/** The first place where the environment no longer agrees with the recording, or null. */
	readonly disagreement: string | null;
	/** False when the recording stops before the episode is over (the player quit). */
	readonly complete: boolean;
};

/** Plays the recorded actions again on today's environment and says where it no longer agrees. */
export function resimulate(recording: RecordedEpisode): Resimulation {
	const episode = new Episode(recording.header.scenario, {});
	const check = new RecordingCheck(recording);
	const steps: EpisodeStep[] = [];
	let first = check.start(episode.observation);
	for (const recorded of recording.steps) {
		if (episode.over) {
			first ??= `turn ${recorded.turn}: recorded, but the episode is already over`;
			break;
		}
		const step = episode.apply(recordedAction(recorded));
		steps.push(step);
		first ??= check.step(step);
	}
	return {episode, steps, disagreement: first, complete: episode.over};
}

/** Seats that play the recorded actions in order, whoever's turn it is; past the end they wait for ever. */
export function recordingSeats(recording: RecordedEpisode): Seats {
	let next = 0;
	const policy: Policy = {
		name: 'recording',
		act: () => (next < recording.steps.length ? recordedAction(recording.steps[next++]!) : new Promise<never>(() => {})),
	};
	return Object.fromEntries(ROLES.map(role => [role, policy]));
}

/** A journal for the replay app that checks each step played back against the recording and tells the first disagreement. */
export function agreementCheck(recording: RecordedEpisode, reset: Observation): EpisodeJournal {
	const check = new RecordingCheck(recording);
	let first: string | null = check.start(reset);
	let played = 0;
	const ignore = () => {};
	return {
		step: step => {
			played++;
			first ??= check.step(step);
		},
		seat: ignore,
		undo: ignore,
		reveal: ignore,
		notice: () => {
			if (first !== null) return `The environment no longer agrees with the recording: ${first}`;
			return played === recording.steps.length && !recording.steps.at(-1)?.observation.done
				? `End of the recording: it stops at turn ${played}, before the episode was over.`
				: null;
		},
	};
}
