// Request lines from a byte stream: newlines are looked for only in each new chunk, a line's pieces are joined once
// when it is complete, and a line longer than the limit is dropped as it comes (memory stays flat even for a
// stream that never sends a newline) and reported once, in its place.

/** Stands for a line that was longer than the limit; its bytes are gone. */
export const LINE_TOO_LONG = Symbol('line too long');

export type RequestLine = string | typeof LINE_TOO_LONG;

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/** A line that holds nothing to answer: only spaces and tabs (and the \r of a \r\n). */
export const isBlankLine = (line: string): boolean => /^[ \t\r]*$/.test(line);

/**
 * The lines of `input` (UTF-8), batched as they arrive: each chunk yields the lines it completes. A line longer
 * than `maxBytes` comes as LINE_TOO_LONG, once, as soon as it is known to be too long; the rest of it is skipped.
 * The \r of a \r\n line ending does not count towards the limit.
 */
export async function* requestLines(input: AsyncIterable<Buffer>, maxBytes: number): AsyncGenerator<RequestLine[]> {
	let pieces: Buffer[] = [];
	let size = 0;
	let skipping = false;
	const take = (piece: Buffer): void => {
		if (skipping || piece.length === 0) return;
		pieces.push(piece);
		size += piece.length;
	};
	const endsInCarriageReturn = (): boolean => pieces.at(-1)?.at(-1) === CARRIAGE_RETURN;
	const finish = (): RequestLine | null => {
		const tooLong = size - (endsInCarriageReturn() ? 1 : 0) > maxBytes;
		const line = skipping ? null : tooLong ? LINE_TOO_LONG : (pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces, size)).toString('utf8');
		pieces = [];
		size = 0;
		skipping = false;
		return line;
	};
	for await (const chunk of input) {
		const lines: RequestLine[] = [];
		let start = 0;
		for (let newline = chunk.indexOf(NEWLINE); newline !== -1; newline = chunk.indexOf(NEWLINE, start)) {
			if (size === 0 && !skipping) {
				// A line wholly in this chunk (most are) is read from it as it is.
				const bytes = newline - start - (newline > start && chunk[newline - 1] === CARRIAGE_RETURN ? 1 : 0);
				lines.push(bytes > maxBytes ? LINE_TOO_LONG : chunk.toString('utf8', start, newline));
			} else {
				take(chunk.subarray(start, newline));
				const line = finish();
				if (line !== null) lines.push(line);
			}
			start = newline + 1;
		}
		take(chunk.subarray(start));
		// One byte over may yet be the \r of a \r\n; two over is too long whatever comes next.
		if (size > maxBytes + 1) {
			// Too long already: say so now, and drop the rest of the line as it comes.
			lines.push(LINE_TOO_LONG);
			pieces = [];
			size = 0;
			skipping = true;
		}
		if (lines.length > 0) yield lines;
	}
	const last = finish();
	if (last !== null && (last === LINE_TOO_LONG || last !== '')) yield [last];
}
