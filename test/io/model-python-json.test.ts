// JSON as Python reads and writes it. Every expected text here is what Python 3.11 itself gives (json.loads, then
// str(), json.dumps and json.dumps(sort_keys=True)).
import {describe, expect, it} from 'vitest';
import {PythonFloat, PythonInt, parsePythonJson, pythonIntOf, pythonJsonDumps, pythonStr} from '../../source/io/model/python-json.js';

/** [json.loads input, str() of it, json.dumps of it, json.dumps sorted when it differs]. */
const READ: ReadonlyArray<readonly [string, string, string, string?]> = [
	['{"target": 12345678901234567890}', "{'target': 12345678901234567890}", '{"target": 12345678901234567890}'],
	['1.0', '1.0', '1.0'],
	['2.0e0', '2.0', '2.0'],
	['1e16', '1e+16', '1e+16'],
	['1e15', '1000000000000000.0', '1000000000000000.0'],
	['1e-5', '1e-05', '1e-05'],
	['0.0001', '0.0001', '0.0001'],
	['-0.0', '-0.0', '-0.0'],
	['-0', '0', '0'],
	['0e0', '0.0', '0.0'],
	['[1, 2.5, -3e-7, 1E+2]', '[1, 2.5, -3e-07, 100.0]', '[1, 2.5, -3e-07, 100.0]'],
	['[0.1, 0.2, 100.0, 123456789.123]', '[0.1, 0.2, 100.0, 123456789.123]', '[0.1, 0.2, 100.0, 123456789.123]'],
	['123456789012345678901234567890.5', '1.2345678901234568e+29', '1.2345678901234568e+29'],
	['9007199254740993', '9007199254740993', '9007199254740993'],
	['-9007199254740993', '-9007199254740993', '-9007199254740993'],
	['1.5e300', '1.5e+300', '1.5e+300'],
	['5e-324', '5e-324', '5e-324'],
	['NaN', 'nan', 'NaN'],
	['[Infinity, -Infinity]', '[inf, -inf]', '[Infinity, -Infinity]'],
	['1e400', 'inf', 'Infinity'],
	['[true, false, null]', '[True, False, None]', '[true, false, null]'],
	['{"a": 1, "a": 2, "b": 3}', "{'a': 2, 'b': 3}", '{"a": 2, "b": 3}'],
	['{"b": 1, "a": 0, "a": 2}', "{'b': 1, 'a': 2}", '{"b": 1, "a": 2}', '{"a": 2, "b": 1}'],
	['{"b": 1, "1": 2, "a": {"2": [], "x": {}}}', "{'b': 1, '1': 2, 'a': {'2': [], 'x': {}}}", '{"b": 1, "1": 2, "a": {"2": [], "x": {}}}', '{"1": 2, "a": {"2": [], "x": {}}, "b": 1}'],
	['{"__proto__": 1, "k": [1.0, 2]}', "{'__proto__': 1, 'k': [1.0, 2]}", '{"__proto__": 1, "k": [1.0, 2]}'],
	['"\\ud83d\\ude00 caf\\u00e9"', '\u{1f600} café', '"\\ud83d\\ude00 caf\\u00e9"'],
	['{"s": "it\'s", "t": "say \\"hi\\""}', `{'s': "it's", 't': 'say "hi"'}`, '{"s": "it\'s", "t": "say \\"hi\\""}'],
	['"a\\u0000b\\u007f\\u0085\\/"', 'a\u0000b\u007f\u0085/', '"a\\u0000b\\u007f\\u0085/"'],
	[' \t\n{"x" : [ ] }\r\n', "{'x': []}", '{"x": []}'],
	['{"nested": {"a": [1, {"b": null}]}}', "{'nested': {'a': [1, {'b': None}]}}", '{"nested": {"a": [1, {"b": null}]}}'],
	['{}', '{}', '{}'],
	['""', '', '""'],
];

describe('parsePythonJson, pythonStr and pythonJsonDumps, as Python', () => {
	it.each(READ.map(([text, str, dumps, sorted]) => ({text, str, dumps, sorted: sorted ?? dumps})))('$text', ({text, str, dumps, sorted}) => {
		const value = parsePythonJson(text);
		expect(pythonStr(value)).toBe(str);
		expect(pythonJsonDumps(value)).toBe(dumps);
		expect(pythonJsonDumps(value, {sortKeys: true})).toBe(sorted);
	});

	it.each([
		'', '{', '{"a" 1}', '[1,]', '{"a":1,}', "{'a': 1}", '"a\tb"', '"a\nb"', '01', '1.', '.5', '-', '+1', 'nul', 'nan',
		'infinity', '-Infinityx', '[1] x', '"\\x41"', '"\\u12"', '\ufeff{}', '{"a":1}\u00a0', '1e', '1_0', '"unterminated',
	])('refuses %j, as json.loads does', text => {
		expect(() => parsePythonJson(text)).toThrow();
	});

	it('refuses an integer of more than 4300 digits (Python raises ValueError), and takes one of 4300', () => {
		expect(() => parsePythonJson('1'.repeat(4301))).toThrow(/4300 digits/);
		expect(pythonStr(parsePythonJson('1'.repeat(4300)))).toBe('1'.repeat(4300));
	});

	it('refuses nesting deeper than Python can recurse, without exhausting the stack', () => {
		expect(() => parsePythonJson(`${'['.repeat(100_000)}${']'.repeat(100_000)}`)).toThrow(/recursion/);
	});

	it('keeps floats and big ints apart in values that still write to JSON', () => {
		const value = parsePythonJson('{"one": 1.0, "big": 12345678901234567890}') as Record<string, unknown>;
		expect(value['one']).toBeInstanceOf(PythonFloat);
		expect(value['big']).toBeInstanceOf(PythonInt);
		expect(JSON.stringify(value)).toBe('{"one":1,"big":12345678901234567000}');
	});

	it('writes JavaScript numbers as ints when they are integers, escaping non-ASCII as ensure_ascii does', () => {
		expect(pythonJsonDumps({b: 2, a: [1.5, 3, 1e21, -0, 'ü\u{1f600}\n'], c: undefined}, {sortKeys: true})).toBe(
			'{"a": [1.5, 3, 1000000000000000000000, 0, "\\u00fc\\ud83d\\ude00\\n"], "b": 2}',
		);
	});

	it('sorts keys by code point, as Python compares strings', () => {
		expect(pythonJsonDumps({'\u{10000}': 1, '\uffff': 2}, {sortKeys: true})).toBe('{"\\uffff": 2, "\\ud800\\udc00": 1}');
	});
});

describe('pythonIntOf, as int()', () => {
	it.each([
		[true, 1], [false, 0], [2.9, 2], [-2.9, -2], [' 7 ', 7], ['1_000', 1000], ['-5', -5], ['\u0663', 3], [7, 7],
	] as const)('int(%j) is %j', (value, expected) => {
		expect(pythonIntOf(value)).toBe(expected);
	});

	it.each([['4.0'], [null], [[3]], [{}], ['three'], [Number.NaN], [Number.POSITIVE_INFINITY], ['1'.repeat(4301)]])('int(%j) raises', value => {
		expect(pythonIntOf(value)).toBeNull();
	});

	it('is exact beyond 2^53, from a string or a float', () => {
		expect(pythonStr(pythonIntOf('12345678901234567890'))).toBe('12345678901234567890');
		expect(pythonStr(pythonIntOf(-1e20))).toBe('-100000000000000000000');
		expect(pythonStr(pythonIntOf(parsePythonJson('1.0')))).toBe('1');
	});
});
