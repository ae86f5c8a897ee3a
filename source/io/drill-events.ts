// A drill's recording in words, as replay tells it (the transcript, the replay app's status line): each event between
// steps in one sentence, and who decided a step. The words are raw, names and texts as recorded: whoever prints them
// makes their control characters visible (terminal-text.ts). Kept free of zod, as the app loads it.
import type {Role} from '../env/vocabulary.js';
import type {DrillEvent, DrillStepFields} from './recording-writer.js';

const seat = (role: Role): string => role.toUpperCase();

type Words<Event extends DrillEvent> = (event: Event) => string;

const EVENT_WORDS: {[Kind in DrillEvent['kind']]: Words<Extract<DrillEvent, {kind: Kind}>>} = {
	player: ({name, role, connected}) => (connected ? `${name} took the ${seat(role)} seat` : `${name} dropped out of the ${seat(role)} seat`),
	pause: () => 'The facilitator paused the drill',
	resume: () => 'The facilitator resumed the drill',
	note: ({text}) => (text === '' ? 'Note: the facilitator marked this moment important' : `Note: ${text}`),
	facilitator_hint: ({role, text}) => `The facilitator's hint to ${seat(role)}: ${text}`,
};

/** One event of a drill in a sentence. */
export const drillEventWords = (event: DrillEvent): string => (EVENT_WORDS[event.kind] as Words<DrillEvent>)(event);

/** Who decided a step, for a transcript's step line: `player=alice`, marked when the countdown ran out; null for a teammate's step. */
export const stepPlayerWords = ({player, timed_out: timedOut}: DrillStepFields): string | null =>
	player === null ? null : `player=${player}${timedOut ? ' (timed out: played noop)' : ''}`;

/**
 * What a drill's replay says once `played` steps are played: who played the last (a person, not a teammate), and the
 * events written before the next step.
 */
export function drillMoment(events: readonly DrillEvent[], steps: ReadonlyArray<{readonly role: Role} & DrillStepFields>, played: number): string[] {
	const last = steps[played - 1];
	const decided =
		last === undefined || last.player === null
			? []
			: [`Step ${played} (${seat(last.role)}) was ${last.player}'s${last.timed_out ? ': time ran out, so noop' : ''}`];
	return [...decided, ...events.filter(event => event.turn === played).map(drillEventWords)];
}
