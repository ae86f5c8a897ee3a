// Text from files, recordings and other players on its way to a terminal. A control character in it (ESC, BEL,
// CSI, …) could retitle the terminal, move the cursor or worse, so every C0 and C1 control and DEL is shown as a
// visible escape (`\x1b`) instead. So are the invisible characters that reorder or break what a reader sees
// without being controls: the bidirectional overrides and isolates (a "Trojan Source" line shows other text than
// it holds) and the Unicode line and paragraph separators (some readers split a line there).

const INVISIBLE = '\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069';
const CONTROLS = new RegExp(`[\\u0000-\\u001f\\u007f-\\u009f${INVISIBLE}]`, 'g');
const CONTROLS_BUT_NEWLINE = new RegExp(`[\\u0000-\\u0009\\u000b-\\u001f\\u007f-\\u009f${INVISIBLE}]`, 'g');
/** What JSON.stringify leaves raw in a string of all that CONTROLS takes (it escapes the C0 controls itself). */
const RAW_IN_JSON = new RegExp(`[\\u007f-\\u009f${INVISIBLE}]`, 'g');

const shown = (character: string): string => {
	const code = character.charCodeAt(0);
	return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
};

/** One line for a terminal: every control character, newlines included, made visible. */
export const visibleLine = (text: string): string => text.replace(CONTROLS, shown);

/** Lines for a terminal: newlines kept, every other control character made visible. */
export const visibleLines = (text: string): string => text.replace(CONTROLS_BUT_NEWLINE, shown);

/** The text with every control character taken out: what a person types into a field, pasted escapes and all. */
export const withoutControls = (text: string): string => text.replace(CONTROLS, '');

/**
 * JSON that is safe to print: JSON.stringify already escapes C0 controls in strings; DEL, the C1 controls and the
 * invisible characters above it leaves raw are escaped too (`\u009b`), which any JSON reader reads back as the same value.
 */
export const terminalJson = (value: unknown): string =>
	JSON.stringify(value).replace(RAW_IN_JSON, character => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
