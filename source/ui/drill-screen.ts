// The play screen's data for a seat joined to a drill: what the host has sent it (net/seat-state.ts), as play's
// screen draws it. Another seat's private message shows as private, its text absent; the chat and inbox are the
// newest the host sent, between turns too; the sparklines are the seat's own observations; who holds each seat is
// listed, connected or not.
import {HUMAN} from '../agents/person.js';
import {RESET_MESSAGE} from '../env/message.js';
import type {RoleView} from '../env/types.js';
import {TURN_ORDER, type Role} from '../env/vocabulary.js';
import type {PublicStep} from '../net/drill-protocol.js';
import {type MetricTrail, type SeatSnapshot, stepsSeen} from '../net/seat-state.js';
import type {LoggedStep, PendingShown, SeatLine, SeatScreen} from './seat-screen.js';

const NO_TRAIL: MetricTrail = {latency_ms: [], error_rate: []};

/** The role shown: the seat's own, or the one whose view the facilitator shows the spectators. */
export const viewerOf = (seat: SeatSnapshot): Role => seat.role ?? seat.viewRole ?? TURN_ORDER[0]!;

/** The step's one-line account, and what the seat cannot read of it or what the host did for it. */
function account(step: PublicStep): string {
	const to = step.action.args['to'];
	return [
		step.message,
		...(step.private ? [`private message to ${typeof to === 'string' ? to : 'another seat'}`] : []),
		...(step.timed_out ? ['out of time'] : []),
	].join(' | ');
}

/** Who decided a step, as the turn log names them: `you`, another player, or nobody for a teammate policy. */
const decider = (seat: SeatSnapshot, step: PublicStep): string | null =>
	step.by !== HUMAN ? null : step.role === seat.role && step.player === seat.name ? 'you' : (step.player ?? 'a player');

const logged = (seat: SeatSnapshot, step: PublicStep): LoggedStep => ({
	number: step.info.step_count,
	account: account(step),
	reward: step.reward,
	cumulative: step.info.cumulative_reward,
	breakdown: step.breakdown,
	who: decider(seat, step),
	// The host does not send a model's replies to the seats.
	agent: null,
});

/** Who plays a seat now: `you`, its player, or the teammate policy. */
function holderName(seat: SeatSnapshot, role: Role): string {
	const info = seat.seats?.[role];
	if (info === undefined) return 'nobody yet';
	if (info.holder !== HUMAN) return info.holder;
	return role === seat.role ? 'you' : (info.player ?? 'a player');
}

/** A seat of the list in words: who plays it, and who watches or is away while a teammate does. */
function seatLine(seat: SeatSnapshot, role: Role): SeatLine {
	const info = seat.seats![role];
	const mine = role === seat.role;
	const holder = holderName(seat, role);
	if (info.holder === HUMAN) return {role, holder, color: mine ? 'greenBright' : undefined};
	// Handed to the teammate by the facilitator, or played by it while the seat's player is away.
	if (info.player !== null) {
		const player = mine ? 'you watch' : `${info.player} ${info.connected ? 'watches' : 'is away'}`;
		return {role, holder: `${holder} (${player})`, color: 'yellow'};
	}
	if (seat.drill?.seats.includes(role)) return {role, holder: `${holder} (open: nobody yet)`, color: 'gray'};
	return {role, holder};
}

/** The turn the drill waits for: the seat's own when the host has asked for it, else the next in the turn order. */
function pendingOf(seat: SeatSnapshot): PendingShown | null {
	if (seat.ending !== null) return null;
	if (seat.pending !== null && seat.role !== null) return {turn: seat.pending.turn, role: seat.role, by: 'you', agent: null, yours: true};
	const turn = seat.steps.length;
	const role = TURN_ORDER[turn % TURN_ORDER.length]!;
	return {turn, role, by: holderName(seat, role), agent: null, yours: false};
}

/** The viewer's feed: the observation's view with the newer chat and inbox; before any observation, the chat alone. */
function viewOf(seat: SeatSnapshot, viewer: Role): RoleView | null {
	const {observation, chat} = seat;
	if (chat === null) return observation?.view ?? null;
	const live = {shared_chat: chat.shared_chat, private_inbox: chat.private_inbox};
	if (observation === null) return {role: viewer, visible_metrics: {}, visible_logs: [], visible_alerts: [], visible_fleet_actions: [], private_note: null, ...live};
	return chat.atStep >= observation.step ? {...observation.view, ...live} : observation.view;
}

export function drillScreen(seat: SeatSnapshot): SeatScreen {
	const viewer = viewerOf(seat);
	const drill = seat.drill;
	return {
		viewer,
		maxSteps: drill?.max_steps ?? 0,
		setting: `${drill?.difficulty ?? ''} · drill at ${seat.address}`,
		stepUnderWay: stepsSeen(seat) + (seat.ending === null ? 1 : 0),
		pending: pendingOf(seat),
		starting: seatsAwaited(seat).length > 0,
		paused: seat.paused,
		observation: seat.observation,
		view: viewOf(seat, viewer),
		vocabulary: {services: drill?.services ?? [], fleetAgents: drill?.fleet_agents ?? [], rootCauses: drill?.root_causes ?? []},
		actions: seat.legalActions,
		series: service => seat.trail[service] ?? NO_TRAIL,
		opening: RESET_MESSAGE,
		steps: seat.steps.map(step => logged(seat, step)),
		seats: seat.seats === null ? null : TURN_ORDER.map(role => seatLine(seat, role)),
	};
}

/** The open seats nobody has taken, while the drill waits for them to start; empty once it has started. */
export function seatsAwaited(seat: SeatSnapshot): Role[] {
	if (seat.drill === null || seat.seats === null || seat.steps.length > 0 || seat.pending !== null) return [];
	const seats = seat.seats;
	return seat.drill.seats.filter(role => !seats[role].connected);
}
