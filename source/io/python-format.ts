// The few Python formatting rules the reference's text output relies on, so that ours matches it byte for byte.

/**
 * `format(value, '.Nf')` (or `'+.Nf'` when signed): like toFixed, except that an exact tie rounds half to even
 * as Python does (0.25 → '0.2', where toFixed gives '0.3'), and −0 keeps its sign.
 */
export function pythonFixed(value: number, decimals: number, signed = false): string {
	const magnitude = Math.abs(value);
	const digits = magnitude.toFixed(decimals + 1);
	// toFixed works on the exact binary value, so only an exact tie (x.x5 with nothing after) rounds differently.
	const isTie = digits.endsWith('5') && magnitude.toFixed(100) === digits.padEnd(digits.length + 99 - decimals, '0');
	const lastDigit = Number(digits.at(decimals === 0 ? -3 : -2));
	const rounded = isTie && lastDigit % 2 === 0 ? digits.slice(0, decimals === 0 ? -2 : -1) : magnitude.toFixed(decimals);
	const sign = value < 0 || Object.is(value, -0) ? '-' : signed ? '+' : '';
	return sign + rounded;
}

// Characters Python's repr escapes, those str.isprintable() refuses: controls, format characters, surrogates,
// private use, unassigned, and every separator but the space. (Characters assigned after the Unicode of Python 3.11
// are printable here and escaped there: a model's reply may hold them, nothing of ours does.)
const UNPRINTABLE = /(?! )[\p{C}\p{Z}]/gu;
const NAMED_ESCAPES: Record<string, string> = {'\n': '\\n', '\r': '\\r', '\t': '\\t'};

function escapeCharacter(character: string): string {
	const named = NAMED_ESCAPES[character];
	if (named !== undefined) return named;
	const code = character.codePointAt(0)!;
	if (code <= 0xff) return `\\x${code.toString(16).padStart(2, '0')}`;
	return code <= 0xffff ? `\\u${code.toString(16).padStart(4, '0')}` : `\\U${code.toString(16).padStart(8, '0')}`;
}

/** `repr(text)`: single quotes unless the text has a single quote and no double quote. */
export function pythonStringRepr(text: string): string {
	const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
	const body = text.replace(/\\/g, '\\\\').replace(UNPRINTABLE, character => escapeCharacter(character));
	return quote + (quote === "'" ? body.replaceAll("'", "\\'") : body) + quote;
}

/** `repr(list_of_str)`: `['a', 'b']`. */
export const pythonListRepr = (items: readonly string[]): string => `[${items.map(pythonStringRepr).join(', ')}]`;
