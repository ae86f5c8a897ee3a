// Text from files, recordings and other players on its way to a terminal. A control character in it (ESC, BEL,
// CSI, …) could retitle the terminal, move the cursor or worse, so every C0 and C1 control and DEL is shown as a
// visible escape (`\x1b`) instead.

const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;
const CONTROLS_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;
const C1_AND_DEL = /[\u007f-\u009f]/g;

const shown = (character: string): string => `\\x${character.charCodeAt(0).toString(16).padStart(2, '0')}`;

/** One line for a terminal: every control character, newlines included, made visible. */
export const visibleLine = (text: string): string => text.replace(CONTROLS, shown);

/** Lines for a terminal: newlines kept, every other control character made visible. */
export const visibleLines = (text: string): string => text.replace(CONTROLS_BUT_NEWLINE, shown);

/**
 * JSON that is safe to print: JSON.stringify already escapes C0 controls in strings; DEL and the C1 controls it
 * leaves raw are escaped too (`\u009b`), which any JSON reader reads back as the same value.
 */
export const terminalJson = (value: unknown): string =>
	JSON.stringify(value).replace(C1_AND_DEL, character => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
