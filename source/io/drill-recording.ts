// Reading what a drill adds to a recording (recording.ts reads the rest; docs/recordings.md, "Drills"): the header's
// `drill`, each step's player, and the events between steps. Each is checked against what came before it in the
// file: a player takes a seat the drill opened and nobody else holds, a step names the player in its seat, a
// pause comes while the drill runs and a resume while it is paused.
import * as z from 'zod';
import {ROLES, type Role} from '../env/vocabulary.js';
import {InputError} from './errors.js';
import {DRILL_LIMITS, type DrillEvent, type DrillHeader, type DrillStepFields} from './recording-writer.js';
import {closedObject, quoted} from './validation.js';

const roleSchema = z.enum(ROLES);
const turnSchema = z.number().int().nonnegative();
/** A player's name; `expected` says what else is taken, in a message's own words. */
const nameSchema = (expected = "expected a player's name") =>
	z
		.string({error: () => expected})
		.min(1, 'must not be empty')
		.max(DRILL_LIMITS.nameLength, `must be at most ${DRILL_LIMITS.nameLength} characters`);
/** A note may be a bare mark (no words); a hint says something. */
const textSchema = (least: 0 | 1) =>
	z
		.string()
		.min(least, 'must not be empty')
		.max(DRILL_LIMITS.textLength, `must be at most ${DRILL_LIMITS.textLength} characters`);

/** The header's `drill`: the seats open to players, each once, and the countdown of a turn. */
export const drillHeaderSchema = closedObject({
	seats: z
		.array(roleSchema)
		.min(1, 'must open at least one seat')
		.refine(seats => new Set(seats).size === seats.length, 'must name each role once'),
	turn_seconds: z.number().positive('expected a number of seconds above 0, or null').nullable(),
}) satisfies z.ZodType<DrillHeader>;

/** What a drill's step line has after the fields of every step line. */
export const drillStepFields = {player: nameSchema("expected a player's name, or null for a teammate's step").nullable(), timed_out: z.boolean()};

/** Each kind of line only a drill has, and its schema. */
export const DRILL_LINE_SCHEMAS = {
	player: closedObject({kind: z.literal('player'), turn: turnSchema, role: roleSchema, name: nameSchema(), connected: z.boolean()}),
	pause: closedObject({kind: z.literal('pause'), turn: turnSchema}),
	resume: closedObject({kind: z.literal('resume'), turn: turnSchema}),
	note: closedObject({kind: z.literal('note'), turn: turnSchema, text: textSchema(0)}),
	facilitator_hint: closedObject({kind: z.literal('facilitator_hint'), turn: turnSchema, role: roleSchema, text: textSchema(1)}),
} satisfies {[Kind in DrillEvent['kind']]: z.ZodType<Extract<DrillEvent, {kind: Kind}>>};

export const DRILL_KINDS = Object.keys(DRILL_LINE_SCHEMAS) as Array<DrillEvent['kind']>;

/** A drill as its recording holds it: the header's seats and countdown, then every event in the order written. */
export type RecordedDrill = {
	readonly seats: readonly Role[];
	readonly turnSeconds: number | null;
	readonly events: readonly DrillEvent[];
};

/** What a drill's step line holds that its reading checks. */
type DrillStepRead = DrillStepFields & {readonly role: Role; readonly by: string; readonly action: {readonly action_type: string}};

type Follow<Event extends DrillEvent> = (reading: DrillReading, event: Event, where: string) => void;

const heldBy = (holder: string | undefined): string => `held by ${holder === undefined ? 'no player' : quoted(holder)}`;

/** What a drill's step line must agree with, each rule's complaint or false: the first broken is the one told. */
const STEP_RULES: ReadonlyArray<(step: DrillStepRead, inSeat: string | undefined) => string | false> = [
	({player, by}) => player === null && by === 'human' && "player is null, but by is human; a person's step names its player",
	({player, by}) => player !== null && by !== 'human' && `player is ${quoted(player)}, but by is ${quoted(by)}; a player's step is by human`,
	({player, role}, inSeat) => player !== null && player !== inSeat && `player is ${quoted(player)}, but ${role}'s seat is ${heldBy(inSeat)}`,
	({player, timed_out}) => timed_out && player === null && "timed_out is true, but player is null; only a player's countdown runs out",
	({action, timed_out}) =>
		timed_out && action.action_type !== 'noop' && `timed_out is true, but the action is ${action.action_type}; a seat whose countdown ran out plays noop`,
];

/** How each event moves the drill on, once checked against where it stands. */
const FOLLOW: {[Kind in DrillEvent['kind']]: Follow<Extract<DrillEvent, {kind: Kind}>>} = {
	player: (reading, {role, name, connected}, where) => reading.seatPlayer(role, name, connected, where),
	pause: (reading, _, where) => reading.setPaused(true, where),
	resume: (reading, _, where) => reading.setPaused(false, where),
	note: () => {},
	facilitator_hint: () => {},
};

/** One drill's lines followed through its episode in the file: who sits in which seat, whether it is paused. */
export class DrillReading {
	private readonly events: DrillEvent[] = [];
	/** The player in each seat taken, by name. */
	private readonly seated: Partial<Record<Role, string>> = {};
	private paused = false;

	constructor(private readonly header: DrillHeader) {}

	follow(event: DrillEvent, where: string): void {
		(FOLLOW[event.kind] as Follow<DrillEvent>)(this, event, where);
		this.events.push(event);
	}

	/** A step breaking none of STEP_RULES, against the player in its seat. */
	step(step: DrillStepRead, where: string): void {
		const inSeat = this.seated[step.role];
		for (const rule of STEP_RULES) {
			const problem = rule(step, inSeat);
			if (problem !== false) throw new InputError(`${where}: ${problem}`);
		}
	}

	seatPlayer(role: Role, name: string, connected: boolean, where: string): void {
		const {seats} = this.header;
		if (!seats.includes(role)) throw new InputError(`${where}: role is ${role}; a player takes one of the drill's seats: ${seats.join(', ')}`);
		const holder = this.seated[role];
		if (connected && holder !== undefined && holder !== name) {
			throw new InputError(`${where}: ${quoted(name)} takes ${role}'s seat, which is held by ${quoted(holder)}; a player line drops them first`);
		}
		if (!connected && holder !== name) throw new InputError(`${where}: ${quoted(name)} drops from ${role}'s seat, which is ${heldBy(holder)}`);
		if (connected) this.seated[role] = name;
		else delete this.seated[role];
	}

	setPaused(paused: boolean, where: string): void {
		if (paused === this.paused) {
			throw new InputError(
				paused
					? `${where}: a pause line while the drill is paused; a resume line comes first`
					: `${where}: a resume line while the drill is not paused; a pause line comes first`,
			);
		}
		this.paused = paused;
	}

	recorded(): RecordedDrill {
		return {seats: this.header.seats, turnSeconds: this.header.turn_seconds, events: this.events};
	}
}
