// JSON as Python's json module reads and writes it, and Python's str() of what it reads: the reference's parser runs
// every model reply through json.loads and str(), and its training data is json.dumps text, so ours must agree with
// them where JavaScript's JSON does not (NaN and Infinity, integers beyond 2^53, `1.0` kept apart from `1`, the key
// order of a dict, the escapes of ensure_ascii).
import {pythonStringRepr} from '../python-format.js';
import {pythonInt} from '../../env/python-text.js';

/** A float whose value is an integer (`1.0`, `1e16`, `-0.0`): JavaScript would take it for an int. */
export class PythonFloat {
	constructor(readonly value: number) {}
	toJSON(): number {
		return this.value;
	}
}

/** An int beyond what a double holds exactly, kept to the digit. JSON.stringify writes it as the nearest number. */
export class PythonInt {
	constructor(readonly value: bigint) {}
	toJSON(): number {
		return Number(this.value);
	}
}

/** Python's int() refuses a string of more digits than this (sys.get_int_max_str_digits(), Python 3.11 on). */
const INT_MAX_STR_DIGITS = 4300;

/**
 * How deep arrays and objects may nest. Python stops at its recursion limit (~1000) with a RecursionError; so does
 * this reader, a little earlier, well before a JavaScript stack would.
 */
const MAX_DEPTH = 900;

/** A JSON object's keys in Python's order, where JavaScript's differs (it puts integer-like keys first). */
const KEY_ORDER = Symbol('python key order');

type PythonDict = Record<string, unknown> & {[KEY_ORDER]?: readonly string[]};

/** A dict as Python would hold it: keys in the order given (a repeated key keeps its first place, the last value). */
export function pythonDict(entries: Iterable<readonly [string, unknown]>): Record<string, unknown> {
	const dict: PythonDict = {};
	const order: string[] = [];
	for (const [key, value] of entries) {
		if (!Object.hasOwn(dict, key)) order.push(key);
		// defineProperty, so that "__proto__" is a key like any other.
		Object.defineProperty(dict, key, {value, writable: true, enumerable: true, configurable: true});
	}
	const keys = Object.keys(dict);
	if (keys.some((key, index) => key !== order[index])) Object.defineProperty(dict, KEY_ORDER, {value: order});
	return dict;
}

/** A dict's entries in Python's order. */
export function pythonEntries(dict: Readonly<Record<string, unknown>>): Array<[string, unknown]> {
	const keys = (dict as PythonDict)[KEY_ORDER] ?? Object.keys(dict);
	return keys.map(key => [key, dict[key]]);
}

/** A JSON object as parsed: not an array, null, or one of the number classes. */
export const isPythonDict = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof PythonFloat) && !(value instanceof PythonInt);

/**
 * What json.loads raises: JSONDecodeError (`decodeError`), or the ValueError and RecursionError it lets through,
 * which a caller catching JSONDecodeError alone (as the reference's parser does) does not catch.
 */
export class PythonJsonError extends Error {
	override readonly name = 'PythonJsonError';
	constructor(
		message: string,
		readonly decodeError = true,
	) {
		super(message);
	}
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const SIMPLE_ESCAPES: Record<string, string> = {'"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t'};
const LITERALS: ReadonlyArray<readonly [string, unknown]> = [
	['null', null],
	['true', true],
	['false', false],
	['NaN', Number.NaN],
	['Infinity', Number.POSITIVE_INFINITY],
	['-Infinity', Number.NEGATIVE_INFINITY],
];
const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;

/** An int as Python holds it: a number when a double holds it exactly, else a PythonInt. */
const intOf = (value: bigint): number | PythonInt => (value >= -(2n ** 53n) + 1n && value <= 2n ** 53n - 1n ? Number(value) : new PythonInt(value));

/** A float as Python holds it: a PythonFloat when its value is an integer, which a number would pass off as an int. */
const floatOf = (value: number): number | PythonFloat => (Number.isInteger(value) || Object.is(value, -0) ? new PythonFloat(value) : value);

/** A recursive-descent reader of what Python's C scanner (json/scanner, strict) takes. */
class Reader {
	private index = 0;
	constructor(private readonly text: string) {}

	document(): unknown {
		this.skipWhitespace();
		const value = this.value(0);
		this.skipWhitespace();
		if (this.index !== this.text.length) this.fail('Extra data');
		return value;
	}

	private fail(message: string, decodeError = true): never {
		throw new PythonJsonError(`${message}: char ${this.index}`, decodeError);
	}

	private skipWhitespace(): void {
		while (WHITESPACE.has(this.text[this.index]!)) this.index++;
	}

	private value(depth: number): unknown {
		const character = this.text[this.index];
		if (character === '"') return this.string();
		if (character === '{') return this.object(depth + 1);
		if (character === '[') return this.array(depth + 1);
		for (const [literal, value] of LITERALS) {
			if (this.text.startsWith(literal, this.index)) {
				this.index += literal.length;
				return value;
			}
		}
		return this.number();
	}

	private number(): unknown {
		NUMBER.lastIndex = this.index;
		const match = NUMBER.exec(this.text);
		if (match === null) this.fail('Expecting value');
		this.index += match[0].length;
		if (match[1] !== undefined || match[2] !== undefined) return floatOf(Number(match[0]));
		if (match[0].replace('-', '').length > INT_MAX_STR_DIGITS) this.fail(`Exceeds the limit (${INT_MAX_STR_DIGITS} digits) for integer string conversion`, false);
		return intOf(BigInt(match[0]));
	}

	private string(): string {
		const text = this.text;
		let index = this.index + 1;
		let result = '';
		for (;;) {
			let end = index;
			while (end < text.length && text[end] !== '"' && text[end] !== '\\' && text.charCodeAt(end) > 0x1f) end++;
			result += text.slice(index, end);
			if (end >= text.length) this.fail('Unterminated string starting at');
			const character = text[end]!;
			if (character === '"') {
				this.index = end + 1;
				return result;
			}
			if (character !== '\\') {
				this.index = end;
				this.fail('Invalid control character at');
			}
			const escape = text[end + 1];
			if (escape === undefined) this.fail('Unterminated string starting at');
			if (escape === 'u') {
				const hex = text.slice(end + 2, end + 6);
				if (!HEX4.test(hex)) {
					this.index = end;
					this.fail('Invalid \\uXXXX escape');
				}
				// A surrogate pair escaped as two \u escapes is the same UTF-16 text as the character itself.
				result += String.fromCharCode(Number.parseInt(hex, 16));
				index = end + 6;
			} else {
				const simple = SIMPLE_ESCAPES[escape];
				if (simple === undefined) {
					this.index = end;
					this.fail('Invalid \\escape');
				}
				result += simple;
				index = end + 2;
			}
		}
	}

	private enter(depth: number): void {
		if (depth > MAX_DEPTH) this.fail('maximum recursion depth exceeded while decoding a JSON document', false);
		this.index++;
		this.skipWhitespace();
	}

	private object(depth: number): Record<string, unknown> {
		this.enter(depth);
		const entries: Array<[string, unknown]> = [];
		if (this.text[this.index] === '}') {
			this.index++;
			return pythonDict(entries);
		}
		for (;;) {
			if (this.text[this.index] !== '"') this.fail('Expecting property name enclosed in double quotes');
			const key = this.string();
			this.skipWhitespace();
			if (this.text[this.index] !== ':') this.fail("Expecting ':' delimiter");
			this.index++;
			this.skipWhitespace();
			entries.push([key, this.value(depth)]);
			this.skipWhitespace();
			const next = this.text[this.index];
			this.index++;
			if (next === '}') return pythonDict(entries);
			if (next !== ',') {
				this.index--;
				this.fail("Expecting ',' delimiter");
			}
			this.skipWhitespace();
		}
	}

	private array(depth: number): unknown[] {
		this.enter(depth);
		const items: unknown[] = [];
		if (this.text[this.index] === ']') {
			this.index++;
			return items;
		}
		for (;;) {
			items.push(this.value(depth));
			this.skipWhitespace();
			const next = this.text[this.index];
			this.index++;
			if (next === ']') return items;
			if (next !== ',') {
				this.index--;
				this.fail("Expecting ',' delimiter");
			}
			this.skipWhitespace();
		}
	}
}

/**
 * `json.loads(text)`: NaN and ±Infinity taken, control characters in strings refused, the last of repeated keys
 * winning in the first one's place. Ints come back as numbers (PythonInt beyond 2^53), floats as numbers (PythonFloat
 * when integer-valued), objects as dicts (see pythonEntries). Throws PythonJsonError where Python raises.
 */
export const parsePythonJson = (text: string): unknown => new Reader(text).document();

/** `repr(x)` of a float: the shortest digits that read back as it, in Python's layout (`1e+16`, `1e-05`, `2.0`). */
export function pythonFloatRepr(value: number): string {
	if (Number.isNaN(value)) return 'nan';
	if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
	if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
	const [mantissa, exponentText] = Math.abs(value).toExponential().split('e') as [string, string];
	const digits = mantissa.replace('.', '');
	const exponent = Number(exponentText);
	// Python writes the exponent form when the decimal point would sit more than 16 places right or 4 left.
	const point = exponent + 1;
	let body: string;
	if (point > 16 || point <= -4) {
		const fraction = digits.length > 1 ? `.${digits.slice(1)}` : '';
		body = `${digits[0]}${fraction}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
	} else if (point <= 0) body = `0.${'0'.repeat(-point)}${digits}`;
	else if (point >= digits.length) body = `${digits}${'0'.repeat(point - digits.length)}.0`;
	else body = `${digits.slice(0, point)}.${digits.slice(point)}`;
	return (value < 0 ? '-' : '') + body;
}

/** An integer-valued number as Python prints an int. */
const intDigits = (value: number): string => (Number.isSafeInteger(value) ? String(value + 0) : BigInt(value).toString());

/** How a number is written, by str() and by json.dumps alike but for the non-finite floats. */
function numberText(value: number | PythonFloat | PythonInt, nonFinite: (value: number) => string): string {
	if (value instanceof PythonInt) return value.value.toString();
	const float = value instanceof PythonFloat ? value.value : value;
	if (!Number.isFinite(float)) return nonFinite(float);
	return value instanceof PythonFloat || !Number.isInteger(float) ? pythonFloatRepr(float) : intDigits(float);
}

const isNumber = (value: unknown): value is number | PythonFloat | PythonInt =>
	typeof value === 'number' || value instanceof PythonFloat || value instanceof PythonInt;

/** `repr(x)`: as str(), but strings quoted. */
const pythonRepr = (value: unknown): string => (typeof value === 'string' ? pythonStringRepr(value) : pythonStr(value));

/** Python's `str(x)` of a value parsePythonJson gave (or plain JSON data): `None`, `True`, `1.0`, `{'a': [1, 'b']}`. */
export function pythonStr(value: unknown): string {
	if (value === null || value === undefined) return 'None';
	if (typeof value === 'boolean') return value ? 'True' : 'False';
	if (typeof value === 'string') return value;
	if (isNumber(value)) return numberText(value, pythonFloatRepr);
	if (Array.isArray(value)) return `[${value.map(pythonRepr).join(', ')}]`;
	const entries = pythonEntries(value as Record<string, unknown>);
	return `{${entries.map(([key, item]) => `${pythonStringRepr(key)}: ${pythonRepr(item)}`).join(', ')}}`;
}

const NAMED_JSON_ESCAPES: Record<string, string> = {'"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f'};

/** A string as json.dumps writes it with ensure_ascii: everything outside space…~ escaped, UTF-16 unit by unit. */
const jsonString = (text: string): string =>
	`"${text.replace(/[^ -~]|["\\]/g, character => NAMED_JSON_ESCAPES[character] ?? `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`)}"`;

const NON_FINITE_JSON = (value: number): string => (Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity');

/** Python sorts str keys by code point; JavaScript's default sort compares UTF-16 units. */
function byCodePoint(a: string, b: string): number {
	const left = [...a];
	const right = [...b];
	for (let index = 0; index < Math.min(left.length, right.length); index++) {
		const difference = left[index]!.codePointAt(0)! - right[index]!.codePointAt(0)!;
		if (difference !== 0) return difference;
	}
	return left.length - right.length;
}

export type DumpsOptions = {readonly sortKeys?: boolean};

/**
 * `json.dumps(value, sort_keys=…)` with its other defaults: `", "` and `": "` between items, ensure_ascii, NaN and
 * Infinity as Python writes them, floats in Python's repr; JavaScript integers are written as ints. A key whose
 * value is undefined is left out, as JSON.stringify leaves it out.
 */
export function pythonJsonDumps(value: unknown, options: DumpsOptions = {}): string {
	const dump = (item: unknown): string => {
		if (item === null || item === undefined) return 'null';
		if (typeof item === 'boolean') return item ? 'true' : 'false';
		if (typeof item === 'string') return jsonString(item);
		if (isNumber(item)) return numberText(item, NON_FINITE_JSON);
		if (Array.isArray(item)) return `[${item.map(dump).join(', ')}]`;
		const entries = pythonEntries(item as Record<string, unknown>).filter(([, field]) => field !== undefined);
		if (options.sortKeys) entries.sort(([a], [b]) => byCodePoint(a, b));
		return `{${entries.map(([key, field]) => `${jsonString(key)}: ${dump(field)}`).join(', ')}}`;
	};
	return dump(value);
}

const DECIMAL_DIGITS = /\p{Nd}/gu;

/**
 * Python's `int(x)` of a parsed JSON value: bools are 0 and 1, floats truncate, strings read as int() reads them;
 * null where Python raises (None, lists, dicts, NaN, and a string that is no integer or has more than 4300 digits).
 * The infinities, where Python raises OverflowError, are null too.
 */
export function pythonIntOf(value: unknown): number | PythonInt | null {
	if (typeof value === 'boolean') return value ? 1 : 0;
	if (value instanceof PythonInt) return value;
	if (value instanceof PythonFloat || typeof value === 'number') {
		const float = value instanceof PythonFloat ? value.value : value;
		return Number.isFinite(float) ? intOf(BigInt(Math.trunc(float))) : null;
	}
	if (typeof value !== 'string') return null;
	const read = pythonInt(value);
	if (read === null) return null;
	const digits = value.match(DECIMAL_DIGITS) ?? [];
	if (digits.length > INT_MAX_STR_DIGITS) return null;
	if (Number.isSafeInteger(read)) return read;
	// Beyond 2^53 pythonInt's number is inexact: the digits again, as a bigint (each digit's value as pythonInt reads it).
	const exact = BigInt(digits.map(digit => pythonInt(digit)).join(''));
	// int() has already checked the text: a minus before the first digit is its sign.
	return intOf(/^[^\p{Nd}]*-/u.test(value) ? -exact : exact);
}
