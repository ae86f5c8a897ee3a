// Fitting our own text to a width before Ink sees it. Ink cuts or wraps a line that is too wide by re-parsing it
// for escape codes and graphemes, which costs more than the rest of a frame; text that fits skips all of that.
// Widths are counted in code points: a line with wide characters (CJK in a chat message) may still overflow, and
// Ink's own truncation then catches it. Every line drawn passes through here, so this is also where control
// characters in text from players, recordings and scenario files are made visible before they reach the terminal.
import {visibleLine} from '../io/terminal-text.js';

// Any non-ASCII character sends a whole line down Ink's slow path for measuring text, hence an ASCII ellipsis.
const ELLIPSIS = '...';

/** The text as one line with its control characters made visible, cut to `width` columns with an ellipsis if it is wider. */
export function fit(raw: string, width: number): string {
	const text = visibleLine(raw);
	if (text.length <= width) return text;
	const characters = [...text];
	if (characters.length <= width) return text;
	return width <= ELLIPSIS.length ? characters.slice(0, width).join('') : `${characters.slice(0, width - ELLIPSIS.length).join('')}${ELLIPSIS}`;
}

/**
 * The text as lines of at most `width` columns (the first of `firstWidth`, for a line that starts after a label),
 * broken at spaces where it can be, its control characters made visible.
 */
export function wrapWords(text: string, width: number, firstWidth = width): string[] {
	const lines: string[] = [];
	const room = () => (lines.length === 0 ? firstWidth : width);
	let line = '';
	for (const word of visibleLine(text).split(' ')) {
		const candidate = line === '' ? word : `${line} ${word}`;
		if ([...candidate].length <= room()) {
			line = candidate;
			continue;
		}
		if (line !== '') lines.push(line);
		let rest = [...word];
		while (rest.length > room()) {
			const cut = Math.max(1, room());
			lines.push(rest.slice(0, cut).join(''));
			rest = rest.slice(cut);
		}
		line = rest.join('');
	}
	lines.push(line);
	return lines;
}

/** A paragraph as wrapWords lays it out, its own line breaks kept: an incident file's briefing or explanation. */
export const wrapParagraphs = (text: string, width: number, firstWidth = width): string[] =>
	text.split('\n').flatMap((paragraph, index) => wrapWords(paragraph, width, index === 0 ? firstWidth : width));

/** A line that stands for more than was shown: what fits of it, then an ellipsis. */
export const cutShort = (line: string, width: number): string => fit(`${line} ...`, width);

/** Text wrapped as wrapWords wraps it, in at most `most` lines: the last cut short if even they do not hold it. */
export function wrapAtMost(text: string, width: number, most: number): string[] {
	const lines = wrapWords(text, width);
	if (lines.length <= most) return lines;
	return [...lines.slice(0, most - 1), cutShort(lines[most - 1]!, width)];
}

/** Spans of one line, cut so that together they fit in `width` columns; the ones past the edge are dropped. */
export function fitSpans<Span extends {readonly text: string}>(spans: readonly Span[], width: number): Span[] {
	const fitted: Span[] = [];
	let left = width;
	for (const span of spans) {
		if (left <= 0) break;
		const text = fit(span.text, left);
		fitted.push({...span, text});
		left -= [...text].length;
	}
	return fitted;
}
