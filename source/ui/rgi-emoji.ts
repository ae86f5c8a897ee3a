// Whether a grapheme is an RGI emoji, as string-width (which Ink measures every drawn character with) asks: the
// bundle puts this in place of its `/^\p{RGI_Emoji}$/v.test(segment)` (scripts/string-width-patch.mjs). That
// expression is a property of strings: building it costs ~15 ms and its first test ~17 ms, which string-width paid
// as it loaded and again at the app's first non-ASCII character, a sixth of the time to the first frame. Almost
// every grapheme on screen is one code point without Emoji_Presentation, and no RGI emoji is such a code point
// (test/ui/rgi-emoji.test.ts checks every code point), so those are answered without it.

let rgiEmoji: RegExp | undefined;
const EMOJI_PRESENTATION = /\p{Emoji_Presentation}/u;

const isOneCodePoint = (text: string): boolean => text.length === 1 || (text.length === 2 && text.codePointAt(0)! > 0xffff);

export function isRgiEmoji(segment: string): boolean {
	if (isOneCodePoint(segment) && !EMOJI_PRESENTATION.test(segment)) return false;
	rgiEmoji ??= new RegExp('^\\p{RGI_Emoji}$', 'v');
	return rgiEmoji.test(segment);
}
