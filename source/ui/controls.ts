// The one-key controls: what each key does, how the footer names it and how the help explains it, and why a key
// does nothing when it can do nothing in the moment (the status line says so rather than leaving the key dead).
export type ControlName = 'pause' | 'step' | 'seats' | 'undo' | 'hint' | 'truth' | 'detail' | 'help' | 'quit';

/** What decides whether a control can act now. */
export type ControlState = {
	readonly readOnly: boolean;
	readonly paused: boolean;
	/** The pending turn is the player's to take. */
	readonly yourTurn: boolean;
	/** The player has a decision to go back to. */
	readonly canUndo: boolean;
};

/** A one-key control of a screen: the play screen's by default, the facilitator console's (console-controls.ts) too. */
export type Control<Name extends string = ControlName, State = ControlState> = {
	readonly name: Name;
	readonly key: string;
	readonly keyLabel: string;
	readonly footer: string;
	readonly help: string;
	/** Changes who plays or what was played: not offered in a replay. */
	readonly playOnly?: boolean;
	/** Why the key can do nothing in this state, or null when it can act. */
	readonly idle?: (state: State) => string | null;
};

const IN_A_REPLAY = 'This is a replay: it plays the recorded seats and decisions,';

export const CONTROLS: readonly Control[] = [
	{name: 'pause', key: ' ', keyLabel: 'space', footer: 'pause', help: 'pause or resume the scripted turns'},
	{
		name: 'step',
		key: 'n',
		keyLabel: 'n',
		footer: 'step',
		help: 'play the next scripted turn (while paused)',
		idle: ({paused, yourTurn}) =>
			yourTurn ? 'It is your move: n plays only a scripted turn.' : paused ? null : 'n plays one scripted turn while paused: space pauses first.',
	},
	{
		name: 'seats',
		key: 't',
		keyLabel: 't',
		footer: 'seats',
		help: 'take over a role, or hand one back',
		playOnly: true,
		idle: ({readOnly}) => (readOnly ? `${IN_A_REPLAY} so t cannot take a seat over.` : null),
	},
	{
		name: 'undo',
		key: 'u',
		keyLabel: 'u',
		footer: 'undo',
		help: 'undo back to your previous decision',
		playOnly: true,
		idle: ({readOnly, canUndo}) =>
			readOnly ? `${IN_A_REPLAY} so u has nothing to undo.` : canUndo ? null : 'Nothing to undo yet: you have not decided anything.',
	},
	{name: 'hint', key: 'h', keyLabel: 'h', footer: 'hint', help: "the incident's next hint, vague first; then what the oracle would do"},
	{name: 'truth', key: 'g', keyLabel: 'g', footer: 'truth', help: 'reveal the ground truth (marked in the recording and summary)'},
	{name: 'detail', key: 'd', keyLabel: 'd', footer: 'detail', help: 'the full text of your view: logs, chat, inbox and the whole turn log'},
	{name: 'help', key: '?', keyLabel: '?', footer: 'help', help: 'this help'},
	{name: 'quit', key: 'q', keyLabel: 'q', footer: 'quit', help: 'quit (asks first while the episode runs)'},
];

export const controlsFor = (readOnly: boolean): Control[] => CONTROLS.filter(control => !(readOnly && control.playOnly));

/** Keys that pick from a list on screen: its numbered items, and the arrows, Enter and Esc. */
const LIST_KEYS: ReadonlyArray<readonly [string, string]> = [
	['↑↓ ⏎', 'pick an action and its arguments; Esc steps back'],
	['1-9', 'take the numbered item of a list at once'],
];

/** The keys of a screen: its one-key controls, as the footer names them, and every key, as the help and the keys panel list them. */
export type KeySet<Name extends string = ControlName, State = ControlState> = {
	readonly controls: ReadonlyArray<Control<Name, State>>;
	readonly reference: ReadonlyArray<readonly [string, string]>;
};

export const keySet = <Name extends string, State>(controls: ReadonlyArray<Control<Name, State>>, lists: boolean): KeySet<Name, State> => ({
	controls,
	reference: [...controls.map(control => [control.keyLabel, control.help] as const), ...(lists ? LIST_KEYS : [])],
});

const PLAY_KEYS = keySet(controlsFor(false), true);
const REPLAY_KEYS = keySet(controlsFor(true), false);

/** The keys of play, or of a replay, which takes no seat and undoes nothing. */
export const keysFor = (readOnly: boolean): KeySet => (readOnly ? REPLAY_KEYS : PLAY_KEYS);

/**
 * Why a key that is no control does nothing, or null for one that needs no answer: the keys a list on screen takes
 * (numbers while one is open) and any key that is not a character (arrows, Enter, Esc) are left alone.
 */
export function unboundKeyReason(input: string, listOpen: boolean): string | null {
	if ([...input].length !== 1 || input.trim() === '') return null;
	if (/^[1-9]$/.test(input)) return listOpen ? null : 'Number keys pick from a list on your turn; there is none open now.';
	return `The key ${input} does nothing here: ? lists the keys.`;
}
