import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {JsonBytes} from '../../source/io/json-bytes.js';
import {terminalJson} from '../../source/io/terminal-text.js';

const character = fc.oneof(
	fc.constantFrom('"', '\\', '\u0000', '\u001f', '\u007f', '\u009b', '\u00e9', '\u200f', '\u2028', '\u202e', '\u2069', '\u2713', '\ud800', '\udc00', '\ud83d\ude00'),
	fc.integer({min: 0, max: 0xffff}).map(code => String.fromCharCode(code)),
	fc.string({unit: 'grapheme-ascii', minLength: 1, maxLength: 1}),
);
const text = fc.oneof(fc.string({unit: character, maxLength: 100}), fc.string({unit: 'grapheme-ascii', maxLength: 100}));

describe('JsonBytes', () => {
	it('writes strings as terminalJson writes them, and text as UTF-8', () => {
		fc.assert(
			fc.property(text, fc.string({unit: 'binary', maxLength: 100}), (value, plain) => {
				const out = new JsonBytes();
				out.string(value);
				out.text(plain);
				expect(out.take().equals(Buffer.from(terminalJson(value) + plain))).toBe(true);
			}),
			{numRuns: 2000},
		);
	});

	it('keeps every byte as it grows, and drops what is rewound', () => {
		const out = new JsonBytes();
		const expected: string[] = [];
		for (let index = 0; index < 30_000; index++) {
			const start = out.length;
			out.text(`line ${index} \u2713;`);
			if (index % 7 === 0) out.rewind(start);
			else expected.push(`line ${index} \u2713;`);
		}
		out.bytes(Buffer.from('end'));
		expect(out.take().toString()).toBe(`${expected.join('')}end`);
	});

	it('leaves the bytes it handed out as they are until they are given back', () => {
		const out = new JsonBytes();
		out.text('first');
		const first = out.take();
		out.text('second');
		expect(first.toString()).toBe('first');
		const second = out.take();
		out.giveBack(first);
		out.text('third');
		expect(second.toString()).toBe('second');
		expect(out.take().toString()).toBe('third');
		// The buffer given back is filled again.
		out.text('fourth');
		const fourth = out.take();
		expect(fourth.toString()).toBe('fourth');
		expect(fourth.buffer).toBe(first.buffer);
	});
});
