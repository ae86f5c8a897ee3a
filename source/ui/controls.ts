// The one-key controls: what each key does, how the footer names it and how the help explains it.
export type ControlName = 'pause' | 'step' | 'seats' | 'undo' | 'hint' | 'truth' | 'help' | 'quit';

export type Control = {
	readonly name: ControlName;
	readonly key: string;
	readonly keyLabel: string;
	readonly footer: string;
	readonly help: string;
	/** Changes who plays or what was played: not offered in a replay. */
	readonly playOnly?: boolean;
};

export const CONTROLS: readonly Control[] = [
	{name: 'pause', key: ' ', keyLabel: 'space', footer: 'pause', help: 'pause or resume the scripted turns'},
	{name: 'step', key: 'n', keyLabel: 'n', footer: 'step', help: 'play the next scripted turn (while paused)'},
	{name: 'seats', key: 't', keyLabel: 't', footer: 'take over', help: 'take over a role, or hand one back', playOnly: true},
	{name: 'undo', key: 'u', keyLabel: 'u', footer: 'undo', help: 'undo back to your previous decision', playOnly: true},
	{name: 'hint', key: 'h', keyLabel: 'h', footer: 'hint', help: "the incident's next hint, vague first; then the heuristic's move"},
	{name: 'truth', key: 'g', keyLabel: 'g', footer: 'truth', help: 'reveal the ground truth (marked in the recording and summary)'},
	{name: 'help', key: '?', keyLabel: '?', footer: 'help', help: 'this help'},
	{name: 'quit', key: 'q', keyLabel: 'q', footer: 'quit', help: 'quit (asks first while the episode runs)'},
];

export const controlsFor = (readOnly: boolean): Control[] => CONTROLS.filter(control => !(readOnly && control.playOnly));
