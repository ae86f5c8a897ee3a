// Text laid out in a fixed number of lines, for the overlays and the summary: blocks of lines (a heading, a wrapped
// paragraph, a list), each given its minimum first and then more in the order given while room lasts. A block cut
// short ends in an ellipsis; nothing ever takes more lines or columns than it was given.
import {allocate} from './layout.js';
import {cutShort, fit, wrapParagraphs} from './text-fit.js';

export type Span = {
	readonly text: string;
	readonly color?: string | undefined;
	readonly bold?: boolean | undefined;
	readonly dim?: boolean | undefined;
	readonly inverse?: boolean | undefined;
};

/** One line on screen: spans that together fit its width. */
export type SheetLine = readonly Span[];

export type Block = {readonly lines: readonly SheetLine[]; readonly min: number};

type Style = Omit<Span, 'text'>;

/** A line of one span, cut to the width. */
export const line = (text: string, width: number, style: Style = {}): SheetLine => [{...style, text: fit(text, width)}];

/**
 * A paragraph wrapped to the width, led on its first line by `lead` (a mark, a label) and indented by `indent` on
 * the others. The lead is ours, short and plain; the text may be anyone's and is made visible by the wrapping.
 */
export function hanging(lead: Span, text: string, width: number, indent: number, style: Style = {}): SheetLine[] {
	const leadWidth = [...lead.text].length;
	const [first = '', ...rest] = wrapParagraphs(text, Math.max(1, width - indent), Math.max(1, width - leadWidth));
	return [[lead, {...style, text: first}], ...rest.map(text => [{text: ' '.repeat(indent)}, {...style, text}])];
}

/** The last span cut to leave room for an ellipsis, so that the line says there was more. */
function endedShort(spans: SheetLine, width: number): SheetLine {
	const last = spans.at(-1);
	if (last === undefined) return spans;
	const before = spans.slice(0, -1);
	const used = before.reduce((sum, span) => sum + [...span.text].length, 0);
	return [...before, {...last, text: cutShort(last.text, Math.max(0, width - used))}];
}

/** The blocks' lines in `rows` lines of `width` columns. */
export function fitBlocks(blocks: readonly Block[], rows: number, width: number): SheetLine[] {
	const lines = allocate(
		rows,
		blocks.map((block, index) => ({name: String(index), min: Math.min(block.min, block.lines.length), want: block.lines.length})),
	);
	const shown = blocks.flatMap((block, index) => {
		const room = lines[String(index)]!;
		if (room >= block.lines.length) return block.lines;
		if (room <= 0) return [];
		return [...block.lines.slice(0, room - 1), endedShort(block.lines[room - 1]!, width)];
	});
	// The minimums alone may be more than the rows: the first blocks win, and the last line shown says there was more.
	if (shown.length <= rows) return shown;
	return rows <= 0 ? [] : [...shown.slice(0, rows - 1), endedShort(shown[rows - 1]!, width)];
}
