// The facilitator console's own state, apart from the drill's: the prompt open (choosing a seat, typing a hint or a
// note, confirming the end), what was last said on the status line, and whose view leads when not all views fit.
// The console's keys (console-keys) change it; the drawing reads it.
import {useReducer} from 'react';
import {TURN_ORDER, type Role} from '../env/vocabulary.js';
import type {Entry} from './components/Feed.js';

/** What a seat is chosen for: a hint to its player, handing it over, or the spectators' view. */
export type SeatPurpose = 'hint' | 'seat' | 'spectators';

export type Prompt =
	| {readonly kind: 'choose'; readonly purpose: SeatPurpose}
	| {readonly kind: 'hint'; readonly role: Role}
	| {readonly kind: 'note'}
	| {readonly kind: 'end'};

/** What the status line was told, and whether the drill was over then: what was said while it ran is stale once it ends. */
export type Said = {readonly entry: Entry; readonly over: boolean};

export type ConsoleState = {
	readonly prompt: Prompt | null;
	readonly said: Said | null;
	/** The role whose view comes first when the terminal cannot hold every view; null: the one whose turn it is. */
	readonly lead: Role | null;
};

type Change =
	| {readonly kind: 'open'; readonly prompt: Prompt}
	| {readonly kind: 'close'; readonly said?: Said | undefined}
	| {readonly kind: 'say'; readonly said: Said}
	| {readonly kind: 'lead'};

/** After the last role, the views follow the turn again. */
const LEADS: ReadonlyArray<Role | null> = [null, ...TURN_ORDER];

export function consoleChange(state: ConsoleState, change: Change): ConsoleState {
	switch (change.kind) {
		case 'open':
			return {...state, prompt: change.prompt, said: null};
		case 'close':
			return {...state, prompt: null, said: change.said ?? state.said};
		case 'say':
			return {...state, said: change.said};
		case 'lead':
			return {...state, lead: LEADS[(LEADS.indexOf(state.lead) + 1) % LEADS.length]!};
	}
}

export type ConsoleStateApi = ConsoleState & {
	readonly open: (prompt: Prompt) => void;
	/** Closes the prompt; `said` goes on the status line. */
	readonly close: (said?: Said) => void;
	readonly say: (said: Said) => void;
	/** The next role's view leads, and after the last, the turn's again. */
	readonly nextLead: () => void;
};

export function useConsoleState(): ConsoleStateApi {
	const [state, change] = useReducer(consoleChange, {prompt: null, said: null, lead: null});
	return {
		...state,
		open: prompt => change({kind: 'open', prompt}),
		close: said => change({kind: 'close', said}),
		say: said => change({kind: 'say', said}),
		nextLead: () => change({kind: 'lead'}),
	};
}
