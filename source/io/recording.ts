// Recordings of played episodes: JSON lines, one header per episode, then one line per step and per event
// (a seat changing hands, an undo, the ground truth revealed, a hint taken). Every line is written straight to the file,
// so an interrupted session leaves a recording complete up to its last step; a line torn by a crash or a full
// disk is the last one, and reading skips it with a warning. The format: docs/recordings.md. This module reads them;
// recording-writer.ts writes them (re-exported here).
import * as z from 'zod';
import {POLICY_NAMES} from '../agents/policies.js';
import type {Policy} from '../agents/policy.js';
import {Episode, type EpisodeStep, type Replayed, type Seats, buildSeats} from '../agents/runner.js';
import type {Action, ActionRequest, Observation} from '../env/types.js';
import {ROLES, type Role} from '../env/vocabulary.js';
import {actionsFileSchema} from './action-lines.js';
import {InputError} from './errors.js';
import {parseJsonText} from './json-text.js';
import {stepJson} from './step-json.js';
import {scenarioOf} from './protocol.js';
import {actionSchema, scenarioSchema} from './requests.js';
import {MIB, readTextFile} from './text-file.js';
import {briefJson, closedObject, closedRecord, integer, parseWith, quoted} from './validation.js';
import {CHAOSOPS_VERSION, isLaterVersion, isVersion} from './version.js';
import {drillMoment} from './drill-events.js';
import {DRILL_KINDS, DRILL_LINE_SCHEMAS, DrillReading, type RecordedDrill, drillHeaderSchema, drillStepFields} from './drill-recording.js';
import {type DrillEvent, type DrillStepFields, type EpisodeJournal, HINT_SOURCES, type HintSource, seatPolicyOf} from './recording-writer.js';

export type {RecordedDrill} from './drill-recording.js';
export {
	DRILL_LIMITS,
	type DrillEvent,
	type DrillHeader,
	type DrillJournal,
	type EpisodeJournal,
	HINT_SOURCES,
	type HeaderFields,
	type HintSource,
	RECORDING_FORMAT,
	RecordingWriter,
	journalFollowing,
	recordedScenario,
	seatHolders,
} from './recording-writer.js';

/** Every format written so far (RECORDING_FORMAT, in recording-writer.ts, says what each held). */
const FORMATS_READ = [1, 2, 3] as const;

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
	format: z.union(FORMATS_READ.map(format => z.literal(format))),
	version: z.string().refine(isVersion, 'must be a chaosops version such as 0.1.0, or dev'),
	scenario: scenarioSchema.transform((fields, context) => {
		try {
			return scenarioOf(fields);
		} catch (error) {
			if (!(error instanceof InputError)) throw error;
			// A line of the recording is refused in one line: an inline incident's problems, one after another.
			context.addIssue({code: 'custom', message: error.lines.join('; '), input: fields});
			return z.NEVER;
		}
	}),
	preset: z.string().nullable(),
	seats: closedRecord(ROLES, z.string()),
	/**
	 * Each seat's policy: a name, a fixed line of actions (`--policy ROLE=actions:FILE`) carried whole, or an agent (a
	 * model, a program's command line), whose steps carry what it answered.
	 */
	policies: closedRecord(
		ROLES,
		z.union([
			z.enum(POLICY_NAMES),
			closedObject({actions: actionsFileSchema}),
			closedObject({kind: z.literal('llm')}),
			closedObject({kind: z.literal('cmd'), command: z.string().min(1)}),
		]),
	),
	/** Seeds the scripted policies; the scenario's seed when absent (recordings made before run --record). */
	policy_seed: integer().optional(),
	reset: z.looseObject({message: z.string()}),
	/** Only in a drill's recording: the seats open to players and the countdown of a turn. */
	drill: drillHeaderSchema.optional(),
}).refine(header => header.drill === undefined || header.format >= 3, {path: ['drill'], message: 'is only in a header of format 3 or later, as drills are'});
const observationSchema = z.looseObject({message: z.string(), done: z.boolean()});
const stepFields = {
	kind: z.literal('step'),
	turn: z.number().int().nonnegative(),
	role: roleSchema,
	by: z.string(),
	action: actionSchema,
	reward: z.number(),
	breakdown: z.record(z.string(), z.number()),
	info: infoSchema,
};
/** A model's or program's account of its step (AgentTurn): who answered, its raw replies, what went wrong. */
const agentTurnSchema = closedObject({source: z.string(), replies: z.array(z.string()), notice: z.string().nullable()});
/** A step line's fields, as `run --format json` and `dataset --format trajectory` write a step too (without `kind`). */
export const stepShape = {
	...stepFields,
	decision_ms: z.number().nonnegative(),
	done: z.boolean(),
	observation: observationSchema,
	next_observation: observationSchema,
	agent: agentTurnSchema.optional(),
};
const stepSchema = closedObject(stepShape);
/** A drill's step: every step's fields, then who decided it and whether its countdown ran out. */
const drillStepSchema = closedObject({...stepShape, ...drillStepFields});
/** Format 1's step: its `observation` is the one the step returned, read as `next_observation`. */
const formatOneStepSchema = closedObject({...stepFields, observation: observationSchema}).transform(
	({observation, ...step}): StepRead => ({...step, next_observation: observation}),
);
type StepLine = z.output<typeof stepSchema>;
type NotInFormatOne = 'observation' | 'decision_ms' | 'done' | 'agent';
/**
 * A step line as read: one of format 1 lacks what the acting role saw, how long the decision took, and `done`; only
 * a drill's has its player and whether its countdown ran out.
 */
type StepRead = Omit<StepLine, NotInFormatOne> & Partial<Pick<StepLine, NotInFormatOne>> & Partial<DrillStepFields>;
/**
 * Each kind of line and its schema: a line is read by the schema its `kind` names (a step's, by the file's format
 * and whether the episode is a drill).
 */
const LINE_SCHEMAS = {
	header: headerSchema,
	step: stepSchema,
	seat: closedObject({kind: z.literal('seat'), turn: z.number().int(), role: roleSchema, by: z.string()}),
	undo: closedObject({kind: z.literal('undo'), turn: z.number().int().nonnegative()}),
	reveal: closedObject({kind: z.literal('reveal'), turn: z.number().int().nonnegative()}),
	hint: closedObject({kind: z.literal('hint'), turn: z.number().int().nonnegative(), source: z.enum(HINT_SOURCES)}),
	...DRILL_LINE_SCHEMAS,
};
type LineKind = keyof typeof LINE_SCHEMAS;
type Kinds = readonly [LineKind, ...LineKind[]];
/** The kinds of line an episode holds: a drill's also has its own events, and no undo (a drill is not undone). */
const EPISODE_KINDS: Kinds = ['header', 'step', 'seat', 'undo', 'reveal', 'hint'];
const DRILL_EPISODE_KINDS: Kinds = ['header', 'step', 'seat', 'reveal', 'hint', ...DRILL_KINDS];
const kindSchema = (kinds: Kinds) => z.looseObject({kind: z.enum(kinds)});
const KIND_SCHEMAS = {episode: kindSchema(EPISODE_KINDS), drill: kindSchema(DRILL_EPISODE_KINDS)};
/**
 * Any line of a recording this version writes (docs/recording-line.schema.json is generated from it): a step line is
 * either kind of step.
 */
export const recordingLineSchema = z.union([...Object.values(LINE_SCHEMAS), drillStepSchema]);

export type RecordingHeader = z.infer<typeof headerSchema>;
/** A step as recorded, with who held its role's seat when it was written (the header's seats, then seat lines). */
export type RecordedStep = StepRead & {readonly seatHolder: string};

/** A hint the player took, and at which turn (the steps played before it). */
export type RecordedHint = {readonly turn: number; readonly source: HintSource};

/** One recorded episode, its undone steps already taken out (the hints taken stay: a hint once read stays read). */
export type RecordedEpisode = {
	readonly header: RecordingHeader;
	/** In a drill's recording, each with its `player` and `timed_out`. */
	readonly steps: RecordedStep[];
	/** The turn at which the player revealed the ground truth, or null. */
	readonly revealedAtTurn: number | null;
	readonly hints: RecordedHint[];
	/** How many undos the player made (each took back the steps from its turn on). */
	readonly undos: number;
	/** A drill's seats, countdown and events (players, pauses, notes, facilitator hints); null for an episode that is no drill. */
	readonly drill: RecordedDrill | null;
};

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
	type Reading = {
		header: RecordingHeader;
		steps: RecordedStep[];
		revealedAtTurn: number | null;
		hints: RecordedHint[];
		undos: number;
		holders: Record<Role, string>;
		drill: DrillReading | null;
	};
	const episodes: Reading[] = [];
	raw.forEach((line, index) => {
		if (line.trim() === '' || (torn && index === last)) return;
		const where = `${path}:${index + 1}`;
		const parsed = parseLine(line, where, episodes.at(-1)?.header);
		if (parsed.kind === 'header') {
			const drill = parsed.drill === undefined ? null : new DrillReading(parsed.drill);
			episodes.push({header: parsed, steps: [], revealedAtTurn: null, hints: [], undos: 0, holders: startingHolders(parsed, where), drill});
			return;
		}
		const episode = episodes.at(-1);
		if (episode === undefined) throw new InputError(`${where}: expected a header line first; is this a chaosops recording?`);
		if (parsed.kind === 'step') {
			// A drill's step line is read by the schema that has its player.
			episode.drill?.step(parsed as StepRead & DrillStepFields, where);
			episode.steps.push({...parsed, seatHolder: episode.holders[parsed.role]});
			return;
		}
		checkEventTurn(parsed, episode.steps.length, where);
		if (isDrillEvent(parsed)) episode.drill!.follow(parsed, where);
		else if (parsed.kind === 'seat') episode.holders[parsed.role] = checkedHolder(episode.header, parsed.role, parsed.by, `${where}: by`);
		else if (parsed.kind === 'undo') {
			episode.steps = episode.steps.filter(step => step.turn < parsed.turn);
			episode.undos++;
		}
		else if (parsed.kind === 'hint') episode.hints.push({turn: parsed.turn, source: parsed.source});
		else episode.revealedAtTurn ??= parsed.turn;
	});
	if (episodes.length === 0) throw new InputError(`${path} holds no episode; expected a recording written by \`chaosops play --record\` or \`chaosops run --record\``);
	return {episodes: episodes.map(({holders: _holders, drill, ...episode}) => ({...episode, drill: drill?.recorded() ?? null})), tornLine: torn ? last + 1 : null};
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

/**
 * An event happens between steps: a seat, reveal or hint line (and any line of a drill's) is written after the steps
 * before it, so its turn is their count; an undo takes back a step already played, so its turn is one of theirs.
 */
function checkEventTurn({kind, turn}: {kind: Exclude<LineKind, 'header' | 'step'>; turn: number}, stepsBefore: number, where: string): void {
	if (kind === 'undo' ? turn < stepsBefore : turn === stepsBefore) return;
	const after = `after ${stepsBefore} step${stepsBefore === 1 ? '' : 's'}`;
	const expected =
		kind !== 'undo'
			? `a ${kind} line ${after} has turn ${stepsBefore}`
			: stepsBefore === 0
				? 'an undo line needs a step before it to take back'
				: `an undo line ${after} takes back a turn from 0 to ${stepsBefore - 1}`;
	throw new InputError(`${where}: turn is ${turn}; ${expected}`);
}

/** A seat's holder as a header or seat line names it: a person, or the role's own scripted policy. */
function checkedHolder(header: RecordingHeader, role: Role, by: string, where: string): string {
	const policy = seatPolicyOf(header.policies, role);
	if (by !== 'human' && by !== policy) throw new InputError(`${where} is ${quoted(by)}; ${role}'s seat is held by human or its policy, ${policy}`);
	return by;
}

/** Who holds each seat at the start: as the header says, a role it leaves out played by its policy. */
const startingHolders = (header: RecordingHeader, where: string): Record<Role, string> =>
	Object.fromEntries(
		ROLES.map(role => {
			const by = header.seats[role];
			return [role, by === undefined ? seatPolicyOf(header.policies, role) : checkedHolder(header, role, by, `${where}: seats.${role}`)];
		}),
	) as Record<Role, string>;

type Line = {[Kind in LineKind]: z.output<(typeof LINE_SCHEMAS)[Kind]>}[Exclude<LineKind, 'step'>] | StepRead;

const isDrillEvent = (line: Line): line is Line & DrillEvent => (DRILL_KINDS as readonly string[]).includes(line.kind);

/** The schema of a step line in the episode this header begins. */
const stepSchemaFor = (header: RecordingHeader | undefined) =>
	header?.format === 1 ? formatOneStepSchema : header?.drill === undefined ? stepSchema : drillStepSchema;

/** A line read by the schema its kind names, among the kinds its episode holds (a line before any header, an episode's). */
function parseLine(raw: string, where: string, header: RecordingHeader | undefined): Line {
	let json: unknown;
	try {
		json = parseJsonText(raw, where);
	} catch (error) {
		if (error instanceof InputError && !error.message.includes('is not valid JSON')) throw error;
		throw new InputError(`${where}: not JSON; a recording holds one JSON object per line`);
	}
	const {kind} = parseWith(KIND_SCHEMAS[header?.drill === undefined ? 'episode' : 'drill'], json, where);
	return parseWith(kind === 'step' ? stepSchemaFor(header) : LINE_SCHEMAS[kind], json, where) as Line;
}

export const recordedAction = (step: RecordedStep): ActionRequest => step.action as ActionRequest;

/** Who decided a drill's step, as its line says (every step line of a drill says it). */
export const drillDecider = ({player = null, timed_out = false}: RecordedStep): DrillStepFields => ({player, timed_out});

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
 * What a step line holds that re-simulation must give again; `by`, `turn`, the decision's time and a drill's player
 * and countdown are checked apart or not at all.
 */
function replayedFields(recorded: RecordedStep, step: EpisodeStep): {recorded: unknown; now: unknown} {
	const {kind: _kind, by: _by, turn: _turn, seatHolder: _seatHolder, decision_ms: _decisionMs, player: _player, timed_out: _timedOut, ...held}: Record<string, unknown> =
		recorded;
	const now: Record<string, unknown> = stepJson(step);
	// A format-1 line has no `observation` (the one before acting) and no `done`: only what it holds is compared.
	return {recorded: held, now: asRecorded(Object.fromEntries(Object.keys(held).map(key => [key, now[key]])))};
}

/** Whether the recorded decider could have made the recorded action: its seat's holder, deciding it again. */
function decisionDifference(recorded: RecordedStep, redecided: Action | null): string | null {
	const {by, role, seatHolder} = recorded;
	if (by !== seatHolder) return `recorded as decided by ${shown(by)}, but ${role}'s seat was held by ${seatHolder}`;
	if (redecided === null) return null;
	const difference = firstDifference('action', asRecorded(recorded.action), asRecorded(redecided));
	return difference === null ? null : difference.replace(/, now /, `, but ${by} decides `);
}

/** The first difference at one replayed step, as `turn N: …`, or null. */
function stepDifference(recorded: RecordedStep, index: number, step: EpisodeStep, redecided: Action | null): string | null {
	const at = `turn ${index}`;
	if (recorded.turn !== index) return `${at}: recorded turn ${recorded.turn}, now ${index}`;
	const decided = decisionDifference(recorded, redecided);
	if (decided !== null) return `${at}: ${decided}`;
	const fields = replayedFields(recorded, step);
	const difference = firstDifference('', fields.recorded, fields.now);
	return difference === null ? null : `${at}: ${difference}`;
}

/** The version and the first observation, against the recording's header. */
function startDifference(header: RecordingHeader, reset: Observation): string | null {
	const {version} = header;
	if (isLaterVersion(version, CHAOSOPS_VERSION)) return `recorded by chaosops ${version}, newer than this ${CHAOSOPS_VERSION}`;
	const difference = firstDifference('', header.reset, asRecorded(reset));
	return difference === null ? null : `reset: ${difference.replace(/^recorded /, 'recorded observation.')}`;
}

export type Resimulation = {
	readonly episode: Episode;
	readonly steps: EpisodeStep[];
	/** The first place where the environment no longer agrees with the recording, or null. */
	readonly disagreement: string | null;
	/** How many steps play back before the disagreement shows (0: at the start), or null when there is none. */
	readonly disagreesAfter: number | null;
	/** False when the recording stops before the episode is over (the player quit). */
	readonly complete: boolean;
};

/** The first difference in a replayed recording and after how many steps it shows, or null. */
function disagreementIn(recording: RecordedEpisode, reset: Observation, {steps, redecided, unplayed}: Replayed) {
	const start = startDifference(recording.header, reset);
	if (start !== null) return {disagreement: start, disagreesAfter: 0};
	for (const [index, step] of steps.entries()) {
		const difference = stepDifference(recording.steps[index]!, index, step, redecided[index]!);
		if (difference !== null) return {disagreement: difference, disagreesAfter: index + 1};
	}
	if (unplayed > 0) return {disagreement: `turn ${steps.length}: recorded, but the episode is already over`, disagreesAfter: steps.length};
	return {disagreement: null, disagreesAfter: null};
}

/**
 * Plays the recorded steps again on today's environment and says where it no longer agrees: the reset, every field
 * of every step, and for each step a scripted policy decided, that the policy (seeded as in the recording) decides
 * it again. The seats hold the recording's policies, asked in the order play asked them, so their draws line up.
 * `watch` is handed the episode before its first step (a debrief subscribes to read the world between steps).
 */
export function resimulate(recording: RecordedEpisode, watch: (episode: Episode) => void = () => {}): Resimulation {
	const {header} = recording;
	const episode = new Episode(header.scenario, buildSeats(header.policies, header.scenario, header.policy_seed ?? header.scenario.seed));
	watch(episode);
	const reset = episode.observation;
	// An agent's steps are played as recorded, with what it answered: no model or program is asked again.
	const replayed = episode.replay(recording.steps.map(step => ({action: recordedAction(step), by: step.by, decisionMs: step.decision_ms ?? 0, agent: step.agent})));
	return {episode, steps: replayed.steps, ...disagreementIn(recording, reset, replayed), complete: episode.over};
}

/** Seats that play the recorded actions in order, whoever's turn it is; past the end they wait for ever. */
export function recordingSeats(recording: RecordedEpisode): Seats {
	let next = 0;
	const policy: Policy = {
		name: 'recording',
		act: () => {
			const step = recording.steps[next++];
			if (step === undefined) return new Promise<never>(() => {});
			const action = recordedAction(step);
			// A model's or program's step comes with what it answered, for the detail view to show.
			return step.agent === undefined ? action : Promise.resolve({action, agent: step.agent});
		},
	};
	return Object.fromEntries(ROLES.map(role => [role, policy]));
}

/**
 * A journal for the replay app: once playback reaches the re-simulation's first disagreement, it tells it; in a
 * drill's, who played each step and what happened between steps.
 */
export function playbackJournal(recording: RecordedEpisode, replayed: Resimulation): EpisodeJournal {
	let played = 0;
	const ignore = () => {};
	const {drill} = recording;
	const deciders = drill === null ? [] : recording.steps.map(step => ({role: step.role, ...drillDecider(step)}));
	return {
		step: () => {
			played++;
		},
		seat: ignore,
		undo: ignore,
		reveal: ignore,
		hint: ignore,
		notice: () => {
			const {disagreement, disagreesAfter} = replayed;
			// The app counts steps from 1, as its turn log does; the file's turns count from 0.
			if (disagreement !== null && disagreesAfter !== null && played >= disagreesAfter) {
				const where = disagreesAfter === 0 ? ':' : ` at step ${disagreesAfter}; in the file,`;
				return `The environment no longer agrees with the recording${where} ${disagreement}`;
			}
			return played === recording.steps.length && !replayed.complete
				? `End of the recording: it stops after step ${played}, before the episode was over.`
				: null;
		},
		recordedEvents: () => (drill === null ? [] : drillMoment(drill.events, deciders, played)),
	};
}
