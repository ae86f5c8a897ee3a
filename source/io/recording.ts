// Recordings of played episodes: JSON lines, one header per episode, then one line per step and per event
// (a seat changing hands, an undo, the ground truth revealed). Every line is written straight to the file,
// so an interrupted session leaves a recording complete up to its last step.
import fs from 'node:fs';
import * as z from 'zod';
import {POLICY_NAMES, type PolicyName} from '../agents/policies.js';
import type {Policy} from '../agents/policy.js';
import {Episode, type EpisodeStep, type Seats} from '../agents/runner.js';
import type {ActionRequest, Observation, Scenario} from '../env/types.js';
import {ROLES, type Role} from '../env/vocabulary.js';
import {InputError} from './errors.js';
import {actionSchema, scenarioOf, scenarioSchema} from './protocol.js';
import {closedRecord, parseWith} from './validation.js';

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

const headerSchema = z.object({
	kind: z.literal('header'),
	format: z.literal(RECORDING_FORMAT),
	version: z.string(),
	scenario: scenarioSchema.transform(scenarioOf),
	preset: z.string().nullable(),
	seats: closedRecord(ROLES, z.string()),
	policies: closedRecord(ROLES, z.enum(POLICY_NAMES)),
	reset: z.looseObject({message: z.string()}),
});
const stepSchema = z.object({
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
const lineSchema = z.discriminatedUnion('kind', [
	headerSchema,
	stepSchema,
	z.object({kind: z.literal('seat'), turn: z.number().int(), role: roleSchema, by: z.string()}),
	z.object({kind: z.literal('undo'), turn: z.number().int().nonnegative()}),
	z.object({kind: z.literal('reveal'), turn: z.number().int().nonnegative()}),
]);

export type RecordingHeader = z.infer<typeof headerSchema>;
export type RecordedStep = z.infer<typeof stepSchema>;

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
	readonly reset: Observation;
};

/** A recording file being written: truncated when opened, one header per episode begun. */
export class RecordingWriter {
	private readonly fd: number;

	constructor(readonly path: string) {
		try {
			this.fd = fs.openSync(path, 'w');
		} catch (error) {
			throw new InputError(`cannot write the recording '${path}': ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
		}
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
		fs.closeSync(this.fd);
	}

	private write(line: object): void {
		fs.writeSync(this.fd, `${JSON.stringify(line)}\n`);
	}
}

/** Reads a recording: every episode in it, each line checked. */
export function readRecording(path: string): RecordedEpisode[] {
	let text: string;
	try {
		text = fs.readFileSync(path, 'utf8');
	} catch (error) {
		throw new InputError(`cannot read the recording '${path}': ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
	}
	const episodes: Array<{header: RecordingHeader; steps: RecordedStep[]; revealedAtTurn: number | null}> = [];
	text.split('\n').forEach((raw, index) => {
		if (raw.trim() === '') return;
		const where = `${path}:${index + 1}`;
		const line = parseLine(raw, where);
		if (line.kind === 'header') {
			episodes.push({header: line, steps: [], revealedAtTurn: null});
			return;
		}
		const episode = episodes.at(-1);
		if (episode === undefined) throw new InputError(`${where}: expected a header line first; is this a chaosops recording?`);
		if (line.kind === 'step') episode.steps.push(line);
		else if (line.kind === 'undo') episode.steps = episode.steps.filter(step => step.turn < line.turn);
		else if (line.kind === 'reveal') episode.revealedAtTurn ??= line.turn;
	});
	if (episodes.length === 0) throw new InputError(`${path} holds no episode; expected a recording written by \`chaosops play --record\``);
	return episodes;
}

function parseLine(raw: string, where: string) {
	let json: unknown;
	try {
		json = JSON.parse(raw);
	} catch {
		throw new InputError(`${where}: not JSON; a recording holds one JSON object per line`);
	}
	return parseWith(lineSchema, json, where);
}

export const recordedAction = (step: RecordedStep): ActionRequest => step.action as ActionRequest;

/** How a re-simulated step differs from the recorded one, or null when they agree. */
export function disagreement(recorded: RecordedStep, step: EpisodeStep): string | null {
	const at = `turn ${recorded.turn}`;
	if (recorded.role !== step.role) return `${at}: recorded for ${recorded.role}, now ${step.role}'s turn`;
	const pairs: Array<[string, unknown, unknown]> = [
		['reward', recorded.reward, step.reward],
		['cumulative reward', recorded.info.cumulative_reward, step.info.cumulative_reward],
		['resolved', recorded.info.resolved, step.info.resolved],
		['wrong fixes', recorded.info.wrong_fixes, step.info.wrong_fixes],
		['oversight flags', recorded.info.oversight_flags.join(','), step.info.oversight_flags.join(',')],
		['message', recorded.observation.message, step.next.message],
	];
	for (const [what, was, now] of pairs) {
		if (was !== now) return `${at}: recorded ${what} ${JSON.stringify(was)}, now ${JSON.stringify(now)}`;
	}
	return null;
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
	const steps: EpisodeStep[] = [];
	let first: string | null = null;
	for (const recorded of recording.steps) {
		if (episode.over) {
			first ??= `turn ${recorded.turn}: recorded, but the episode is already over`;
			break;
		}
		const step = episode.apply(recordedAction(recorded));
		steps.push(step);
		first ??= disagreement(recorded, step);
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

/** A journal that compares each step played back with the recording and tells the first disagreement. */
export function agreementCheck(recording: RecordedEpisode): EpisodeJournal {
	let first: string | null = null;
	let played = 0;
	const ignore = () => {};
	return {
		step: step => {
			played++;
			const recorded = recording.steps[step.turn];
			first ??= recorded === undefined ? `turn ${step.turn}: not in the recording` : disagreement(recorded, step);
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
