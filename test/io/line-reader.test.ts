import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {LINE_TOO_LONG, type RequestLine, requestLines} from '../../source/io/line-reader.js';

/** The lines of `text` as the reader should give them: split at \n; one longer than `max` bytes (a final \r aside) stands as LINE_TOO_LONG; a last line only when it holds something. */
function expectedLines(text: string, max: number): RequestLine[] {
	const parts = text.split('\n');
	const last = parts.pop()!;
	const line = (part: string): RequestLine => (Buffer.byteLength(part.endsWith('\r') ? part.slice(0, -1) : part) > max ? LINE_TOO_LONG : part);
	const lines = parts.map(line);
	if (last !== '') lines.push(line(last));
	return lines;
}

async function readLines(chunks: Buffer[], max: number): Promise<RequestLine[]> {
	const lines: RequestLine[] = [];
	for await (const batch of requestLines((async function* () { yield* chunks; })(), max)) lines.push(...batch);
	return lines;
}

describe('requestLines', () => {
	it('gives the lines of a stream however it is cut into chunks, too long ones as LINE_TOO_LONG', async () => {
		const piece = fc.constantFrom('a', 'é', '\u2713', '\r', '\n', '\r\n', '{"op":"state"}', 'xxxxxxxx');
		await fc.assert(
			fc.asyncProperty(fc.array(piece, {maxLength: 40}), fc.array(fc.nat(), {maxLength: 8}), fc.integer({min: 1, max: 12}), async (pieces, cuts, max) => {
				const text = pieces.join('');
				const bytes = Buffer.from(text);
				const points = [...new Set(cuts.map(cut => cut % (bytes.length + 1)))].sort((a, b) => a - b);
				const chunks = [0, ...points].map((from, index, all) => bytes.subarray(from, all[index + 1] ?? bytes.length));
				expect(await readLines(chunks, max)).toEqual(expectedLines(text, max));
			}),
			{numRuns: 1000},
		);
	});
});
