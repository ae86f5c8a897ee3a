// The facilitator console's one-key controls: what each key does, how the footer names it, and why a key does
// nothing when it can do nothing in the moment (the status line says so rather than leaving the key dead).
import type {Control} from './controls.js';

export type ConsoleControlName = 'pause' | 'start' | 'hint' | 'note' | 'seat' | 'spectators' | 'views' | 'end';

/** What decides whether a console control can act now. */
export type ConsoleControlState = {
	readonly started: boolean;
	readonly over: boolean;
	/** A player is in a seat to read a hint. */
	readonly anyoneIn: boolean;
	/** The terminal shows every role's view: there is nothing to choose among. */
	readonly allViewsShown: boolean;
};

const OVER = 'The drill is over: q leaves the console.';
const unlessOver = ({over}: ConsoleControlState): string | null => (over ? OVER : null);

export const CONSOLE_CONTROLS: ReadonlyArray<Control<ConsoleControlName, ConsoleControlState>> = [
	{
		name: 'pause',
		key: ' ',
		keyLabel: 'space',
		footer: 'pause',
		help: 'pause or resume the drill for everyone: teammates and countdowns wait',
		idle: state => unlessOver(state) ?? (state.started ? null : 'The drill has not started: s starts it.'),
	},
	{
		name: 'start',
		key: 's',
		keyLabel: 's',
		footer: 'start',
		help: 'start now: teammates hold the empty seats until someone joins',
		idle: state => unlessOver(state) ?? (state.started ? 'The drill is under way already.' : null),
	},
	{
		name: 'hint',
		key: 'h',
		keyLabel: 'h',
		footer: 'hint',
		help: "send a hint to one seat's player",
		idle: state => unlessOver(state) ?? (state.anyoneIn ? null : 'Nobody is in a seat to read a hint.'),
	},
	{name: 'note', key: 'n', keyLabel: 'n', footer: 'note', help: 'write a note into the recording at this turn (mark important)', idle: unlessOver},
	{name: 'seat', key: 't', keyLabel: 't', footer: 'seat', help: 'hand a seat to its teammate policy, or back to its player', idle: unlessOver},
	{name: 'spectators', key: 'v', keyLabel: 'v', footer: 'spectators', help: "choose the role whose view the spectators' screens show", idle: unlessOver},
	{
		name: 'views',
		key: '\t',
		keyLabel: 'tab',
		footer: 'views',
		help: "which roles' views are on screen, when the terminal cannot hold all four",
		idle: ({allViewsShown}) => (allViewsShown ? "Every role's view is on screen already." : null),
	},
	{name: 'end', key: 'q', keyLabel: 'q', footer: 'end', help: 'end the drill for everyone (asks first); once it is over, leave'},
];

/** The controls that can act now. */
export const usableControls = (state: ConsoleControlState): Array<Control<ConsoleControlName, ConsoleControlState>> =>
	CONSOLE_CONTROLS.filter(control => (control.idle?.(state) ?? null) === null);

/** The footer: the keys that can act now, so that it fits 80 columns; once the drill is over, only leaving. */
export const consoleFooter = (state: ConsoleControlState): string =>
	state.over
		? 'q leave'
		: usableControls(state)
				.map(control => `${control.keyLabel} ${control.footer}`)
				.join('  ');

/** Why a key that is no control does nothing; keys that are not characters (arrows, Enter, Esc) are left alone. */
export const unboundConsoleKey = (input: string): string | null =>
	[...input].length !== 1 || input.trim() === '' ? null : `The key ${input} does nothing here: the keys that can act now are listed at the bottom.`;
