// The bundle's string-width asks isRgiEmoji instead of its own \p{RGI_Emoji} test (scripts/string-width-patch.mjs):
// it must answer the same for every grapheme, and the patch must still find its place in the installed string-width.
import {readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {describe, expect, it} from 'vitest';
import {isRgiEmoji} from '../../source/ui/rgi-emoji.js';
// @ts-expect-error: a build script, plain JavaScript without types.
import {patchStringWidth} from '../../scripts/string-width-patch.mjs';

const RGI_EMOJI = new RegExp('^\\p{RGI_Emoji}$', 'v');

describe('isRgiEmoji', () => {
	it('answers as \\p{RGI_Emoji} does for every code point', () => {
		const disagreements: string[] = [];
		for (let codePoint = 0; codePoint <= 0x10ffff; codePoint++) {
			const text = String.fromCodePoint(codePoint);
			if (isRgiEmoji(text) !== RGI_EMOJI.test(text)) disagreements.push(codePoint.toString(16));
		}
		expect(disagreements).toEqual([]);
	});

	it.each([
		['a keycap', '1\ufe0f\u20e3'],
		['a flag', '🇫🇷'],
		['a skin tone', '👍🏽'],
		['a family joined by ZWJ', '👨‍👩‍👧'],
		['a text-style character made emoji', '⏸\ufe0f'],
		['a tag sequence', '🏴󠁧󠁢󠁳󠁣󠁴󠁿'],
		['a lone regional indicator', '🇫'],
		['a letter with a mark', 'é'],
		['two letters', 'ab'],
		['an unqualified keycap', '1\u20e3'],
	])('answers as \\p{RGI_Emoji} does for %s', (_, text) => {
		expect(isRgiEmoji(text)).toBe(RGI_EMOJI.test(text));
	});
});

describe('the string-width patch', () => {
	it("still finds string-width's test for RGI emoji, and replaces it", () => {
		const file = createRequire(import.meta.url).resolve('string-width', {paths: [createRequire(import.meta.url).resolve('ink')]});
		const patched: string = patchStringWidth(readFileSync(file, 'utf8'));
		expect(patched).not.toContain('rgiEmojiRegex');
		expect(patched).toContain('isRgiEmoji(segment)');
	});
});
