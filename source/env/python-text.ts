// Python's str.strip(), str.lower() and int(str), as the reference applies them to the text an action carries
// (§6: messages, recipients, agent names, root causes, replicas). JavaScript's own trim() strips a different set
// (it keeps \x1c–\x1f and \x85, and strips \ufeff), so a message of only \x1c would be free here and a
// miscommunication in the reference. test/fixtures/python_text.json, made by scripts/python-text-table.py from
// Python itself, holds the cases the tests compare against.

/** Python's str.isspace(): the characters str.strip() removes. */
export function isPythonSpace(code: number): boolean {
	if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d) || (code >= 0x1c && code <= 0x1f);
	if (code < 0x85) return false;
	return (
		code === 0x85 ||
		code === 0xa0 ||
		code === 0x1680 ||
		(code >= 0x2000 && code <= 0x200a) ||
		code === 0x2028 ||
		code === 0x2029 ||
		code === 0x202f ||
		code === 0x205f ||
		code === 0x3000
	);
}

/** `text.strip()`: Python's whitespace removed from both ends. */
export function pythonStrip(text: string): string {
	let start = 0;
	let end = text.length;
	while (start < end && isPythonSpace(text.charCodeAt(start))) start++;
	while (end > start && isPythonSpace(text.charCodeAt(end - 1))) end--;
	return start === 0 && end === text.length ? text : text.slice(start, end);
}

/**
 * `text.lower()`. JavaScript's toLowerCase follows a newer Unicode than Python 3.11 and so lowers ~55 more
 * characters (scripts added since); none of them lowers to ASCII, and the lowered text is only ever compared with
 * role names and `all`, so no outcome can differ (the tests check this against Python's own table).
 */
export const pythonLower = (text: string): string => text.toLowerCase();

/** int() strips ASCII whitespace the C way (not \x1c–\x1f, unlike str.strip) and, beyond ASCII, what isspace() says. */
const isIntSpace = (code: number): boolean => (code < 0x80 ? code === 0x20 || (code >= 0x09 && code <= 0x0d) : isPythonSpace(code));

const ASCII_INTEGER = /^[+-]?\d+$/;
/** Decimal digits of any script, single underscores between them (`1_000`, `١٢`). */
const UNICODE_INTEGER = /^([+-]?)(\p{Nd}+(?:_\p{Nd}+)*)$/u;
const DECIMAL_DIGIT = /^\p{Nd}$/u;

/**
 * A decimal digit's value. Unicode encodes each script's digits as a run 0–9, and where runs touch (the
 * mathematical digits) each still starts at a multiple of ten from the first, so the distance to the start of the
 * unbroken run, modulo ten, is the value.
 */
function digitValue(character: string): number {
	const code = character.codePointAt(0)!;
	if (code <= 0x39) return code - 0x30;
	let start = code;
	while (DECIMAL_DIGIT.test(String.fromCodePoint(start - 1))) start--;
	return (code - start) % 10;
}

/**
 * `int(text)` for a string, as Python reads it: the number, or null when Python would raise ValueError. A value
 * beyond what a double holds exactly comes back as it is (inexact, or ±Infinity): callers refuse it as too large.
 */
export function pythonInt(text: string): number | null {
	let start = 0;
	let end = text.length;
	while (start < end && isIntSpace(text.charCodeAt(start))) start++;
	while (end > start && isIntSpace(text.charCodeAt(end - 1))) end--;
	const body = text.slice(start, end);
	// `+ 0` turns -0 into 0, as Python's int('-0') is 0.
	if (ASCII_INTEGER.test(body)) return Number(body) + 0;
	const match = UNICODE_INTEGER.exec(body);
	if (match === null) return null;
	let value = 0;
	for (const character of match[2]!) if (character !== '_') value = value * 10 + digitValue(character);
	return match[1] === '-' ? 0 - value : value;
}
