// What a seat joined to a drill knows, as an immutable snapshot: the drill, its latest observation, the turn log,
// the chat and inbox as they arrive between turns, who holds each seat, the pause, its pending turn and the time
// left for it, the facilitator's hints, the host's errors and the ending. Each message from the host makes the next
// snapshot (receive); the messages reaching here have been checked with the protocol's schema (drill-client.ts),
// and nothing here touches a socket or a screen.
import {HUMAN} from '../agents/person.js';
import type {EpisodeResult} from '../agents/runner.js';
import type {Observation} from '../env/types.js';
import type {ActionType, Role} from '../env/vocabulary.js';
import type {EndReason, PublicStep, SeatInfo, ServerMessage} from './drill-protocol.js';

export type DrillInfo = Extract<ServerMessage, {type: 'welcome'}>['drill'];

/** The seat's pending turn: the host waits for its decision. */
export type SeatTurn = {
	readonly turn: number;
	/** Seconds the host gives the turn, after which it plays noop for the seat; null for no limit. */
	readonly seconds: number | null;
	/** When the time runs out, on this client's clock; null without a limit, and while the drill is paused. */
	readonly deadline: number | null;
	/** Milliseconds left while paused: the host's countdown stands still until the facilitator resumes. */
	readonly remainingMs: number | null;
	/** The decision was sent and the host has not played it yet. */
	readonly sent: boolean;
};

/** Something the host said (a hint, an error) and the step count when it came. */
export type Said = {readonly text: string; readonly atStep: number};

/** The team's chat and the seat's inbox as last sent, and the step count when they came. */
export type Chat = {readonly shared_chat: readonly string[]; readonly private_inbox: readonly string[]; readonly atStep: number};

/** A service's latency and error rate at each observation the seat had, oldest first. */
export type MetricTrail = {readonly latency_ms: readonly number[]; readonly error_rate: readonly number[]};

export type Connection =
	| {readonly state: 'joining'}
	| {readonly state: 'joined'}
	/** Dropped (the host gone, the network, a message this client cannot read), or refused on reconnecting. */
	| {readonly state: 'lost'; readonly reason: string}
	| {readonly state: 'reconnecting'}
	/** The drill ended and the host closed the connection, as it does. */
	| {readonly state: 'closed'};

export type Ending = {readonly reason: EndReason; readonly result: EpisodeResult};

export type SeatSnapshot = {
	/** HOST:PORT, as the player gave it. */
	readonly address: string;
	/** The role played; null for a spectator. */
	readonly role: Role | null;
	/** The name the host knows the seat's player by. */
	readonly name: string;
	/** Null until the host's welcome. */
	readonly drill: DrillInfo | null;
	readonly legalActions: readonly ActionType[];
	/** The turn log as this seat may see it: another seat's private message is marked private, its text taken out. */
	readonly steps: readonly PublicStep[];
	/** The latest observation: the seat's own, or for a spectator the view the facilitator shows; null before one. */
	readonly observation: Observation | null;
	/** Whose view the observation is. */
	readonly viewRole: Role | null;
	/** The chat and inbox sent between turns; null before any. */
	readonly chat: Chat | null;
	/** The services' figures at each observation of the viewed role, for the sparklines. */
	readonly trail: Readonly<Record<string, MetricTrail>>;
	/** The step of the trail's last observation. */
	readonly trailStep: number | null;
	readonly seats: Readonly<Record<Role, SeatInfo>> | null;
	readonly paused: boolean;
	/** The seat's turn when the host waits for it; null otherwise. */
	readonly pending: SeatTurn | null;
	readonly hints: readonly Said[];
	readonly errors: readonly Said[];
	readonly ending: Ending | null;
	readonly connection: Connection;
};

/** A host's message as the seat takes it in: the ending's result read whole (drill-client.ts checks it). */
export type SeatMessage = Exclude<ServerMessage, {type: 'ended'}> | {readonly type: 'ended'; readonly reason: EndReason; readonly result: EpisodeResult};

export const joiningSeat = (address: string, role: Role | null, name: string): SeatSnapshot => ({
	address,
	role,
	name,
	drill: null,
	legalActions: [],
	steps: [],
	observation: null,
	viewRole: role,
	chat: null,
	trail: {},
	trailStep: null,
	seats: null,
	paused: false,
	pending: null,
	hints: [],
	errors: [],
	ending: null,
	connection: {state: 'joining'},
});

/** The step count the seat has seen: the last step's. */
export const stepsSeen = (seat: SeatSnapshot): number => seat.steps.at(-1)?.info.step_count ?? 0;

/** The seat with a newer observation of `role`: its figures added to the trail (begun again for another role). */
function observed(seat: SeatSnapshot, observation: Observation | null, role: Role | null): SeatSnapshot {
	if (observation === null) return seat;
	const again = role !== seat.viewRole;
	if (!again && seat.trailStep !== null && observation.step <= seat.trailStep) return {...seat, observation};
	const before = again ? {} : seat.trail;
	const trail = Object.fromEntries(
		Object.entries(observation.view.visible_metrics).map(([service, metrics]) => {
			const {latency_ms = [], error_rate = []} = before[service] ?? {};
			return [service, {latency_ms: [...latency_ms, metrics.latency_ms], error_rate: [...error_rate, metrics.error_rate]}];
		}),
	);
	return {...seat, observation, viewRole: role, trail, trailStep: observation.step};
}

/** The pending turn's countdown stopped while paused, and started again from where it stood on resuming. */
function paused(turn: SeatTurn, isPaused: boolean, now: number): SeatTurn {
	if (turn.seconds === null) return turn;
	if (isPaused) return turn.deadline === null ? turn : {...turn, deadline: null, remainingMs: Math.max(0, turn.deadline - now)};
	return turn.remainingMs === null ? turn : {...turn, deadline: now + turn.remainingMs, remainingMs: null};
}

type Receive<Type extends SeatMessage['type']> = (seat: SeatSnapshot, message: Extract<SeatMessage, {type: Type}>, now: number) => SeatSnapshot;

const RECEIVE: {readonly [Type in SeatMessage['type']]: Receive<Type>} = {
	welcome: (seat, {role, name, drill, legal_actions}) => ({...seat, role, name, drill, legalActions: legal_actions, viewRole: role ?? seat.viewRole}),
	// The screen as it stands, on joining and on coming back: a pending turn of the seat's follows as a turn.
	state: (seat, {steps, observation, seats, paused: isPaused}) =>
		observed({...seat, steps, seats, paused: isPaused, pending: null}, observation, seat.role ?? seat.viewRole),
	turn: (seat, {turn, observation, seconds}, now) => {
		const ms = seconds === null ? null : seconds * 1000;
		const pending: SeatTurn = {turn, seconds, deadline: ms === null || seat.paused ? null : now + ms, remainingMs: seat.paused ? ms : null, sent: false};
		return observed({...seat, pending}, observation, seat.role);
	},
	step: (seat, {step}) => ({...seat, steps: [...seat.steps, step], pending: seat.pending?.turn === step.turn ? null : seat.pending}),
	chat: (seat, {shared_chat, private_inbox}) => ({...seat, chat: {shared_chat, private_inbox, atStep: stepsSeen(seat)}}),
	// A seat the facilitator hands to its teammate has no turn of its player's to wait for.
	seats: (seat, {seats}) => ({...seat, seats, pending: seat.role !== null && seats[seat.role].holder !== HUMAN ? null : seat.pending}),
	paused: (seat, {paused: isPaused}, now) => ({...seat, paused: isPaused, pending: seat.pending && paused(seat.pending, isPaused, now)}),
	hint: (seat, {text}) => ({...seat, hints: [...seat.hints, {text, atStep: stepsSeen(seat)}]}),
	view: (seat, {role, observation}) => observed(seat, observation, role),
	// An act the host would not take (paused, too late): the seat's decision is to be made again.
	error: (seat, {error}) => ({
		...seat,
		errors: [...seat.errors, {text: error, atStep: stepsSeen(seat)}],
		pending: seat.pending && {...seat.pending, sent: false},
	}),
	// The host closes the connection after it; drill-client.ts says why.
	refused: seat => seat,
	ended: (seat, {reason, result}) => ({...seat, ending: {reason, result}, pending: null}),
};

/** The seat after the host's message, received at `now` (the client's clock, for the countdown). */
export const receive = (seat: SeatSnapshot, message: SeatMessage, now: number): SeatSnapshot =>
	Object.freeze((RECEIVE[message.type] as Receive<SeatMessage['type']>)(seat, message, now));

/** Milliseconds left for the pending turn at `now`, or null when it has no limit. */
export function timeLeft(turn: SeatTurn, now: number): number | null {
	if (turn.deadline !== null) return Math.max(0, turn.deadline - now);
	return turn.remainingMs;
}
