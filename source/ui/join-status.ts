// What a joined seat's status line says, most pressing first: a lost connection and how to get it back, what a key
// just said, the host's refusal of an act, the facilitator's pause and latest hint, then whose turn it is. The time
// left for the seat's turn is the header's (clockOf).
import {type SeatSnapshot, stepsSeen, timeLeft} from '../net/seat-state.js';
import type {Entry} from './components/Feed.js';
import type {Clock} from './components/Header.js';
import {seatsAwaited} from './drill-screen.js';
import {roleName} from './format.js';
import type {PendingShown} from './seat-screen.js';

/** Below this many seconds left, the clock turns red. */
const HURRY_SECONDS = 10;

/** What was said about a key, and the step count then: it stays until the next step. */
export type Said = {readonly entry: Entry; readonly atStep: number};

const sentence = (text: string): string => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/** The latest hint, until the seat has taken a turn since it came. */
function standingHint(seat: SeatSnapshot): string | null {
	const hint = seat.hints.at(-1);
	if (hint === undefined) return null;
	const answered = seat.steps.some(step => step.role === seat.role && step.info.step_count > hint.atStep);
	return answered ? null : hint.text;
}

/** Whose turn it is and what the seat can do about it. */
function turnEntry(seat: SeatSnapshot, pending: PendingShown | null): Entry | null {
	const awaited = seatsAwaited(seat);
	if (awaited.length > 0) return {text: `The drill starts once every seat is taken; waiting for ${awaited.map(roleName).join(', ')}.`, color: 'gray'};
	if (seat.pending !== null && seat.role !== null) {
		// Paused, the pause's line says what the move waits for.
		if (seat.paused) return null;
		return seat.pending.sent
			? {text: 'Sent; waiting for the host to play it...', color: 'gray'}
			: {text: `Your move as ${roleName(seat.role)}; ? for help`, color: 'greenBright'};
	}
	if (pending === null) return null;
	return {text: `${roleName(pending.role)} (${pending.by}) is deciding...`, color: 'gray'};
}

export function joinStatus(seat: SeatSnapshot, pending: PendingShown | null, said: Said | null): Entry[] {
	const {connection} = seat;
	const steps = stepsSeen(seat);
	const error = seat.errors.at(-1);
	const hint = standingHint(seat);
	const again = seat.role === null ? 'as a spectator' : `as ${roleName(seat.role)}`;
	const turn = turnEntry(seat, pending);
	return [
		...(connection.state === 'lost'
			? [{text: `${sentence(connection.reason)}. r reconnects ${again} with the same code; q quits.`, color: 'red', bold: true}]
			: []),
		...(connection.state === 'reconnecting' ? [{text: `Reconnecting to ${seat.address}...`, color: 'yellow'}] : []),
		...(said !== null && said.atStep === steps ? [said.entry] : []),
		...(error !== undefined && error.atStep === steps ? [{text: `The host says: ${error.text}`, color: 'red'}] : []),
		...(seat.paused ? [{text: `Paused by the facilitator${seat.pending === null ? '.' : ': your move waits until they resume.'}`, color: 'yellow', bold: true}] : []),
		...(hint === null ? [] : [{text: `Hint from the facilitator: ${hint}`, color: 'cyan'}]),
		...(turn === null || connection.state !== 'joined' ? [] : [turn]),
	];
}

/** The time left for the seat's turn, when the host gave it a limit: `0:42 left`. */
export function clockOf(seat: SeatSnapshot, now: number): Clock | null {
	const left = seat.pending === null ? null : timeLeft(seat.pending, now);
	if (left === null) return null;
	const seconds = Math.ceil(left / 1000);
	const text = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')} left${seat.paused ? ' (paused)' : ''}`;
	return {text, color: seconds <= HURRY_SECONDS ? 'red' : 'yellow'};
}
