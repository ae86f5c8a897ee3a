// Output text assembled as UTF-8 bytes. A batch of protocol replies is a megabyte or so made of many small pieces;
// joined as a string, V8 keeps it as a tree of pieces that writing to stdout must first flatten and then encode, which
// cost more than writing the replies. Copied as bytes into one buffer, each piece is encoded once (a piece that recurs,
// such as a snapshot's JSON, is kept encoded) and the batch goes out as it is.

import {terminalJson} from './terminal-text.js';

/** Short text is encoded here, a character at a time, while it is ASCII; longer text by Buffer.write. */
const SHORT_TEXT = 64;
const INITIAL_CAPACITY = 64 * 1024;
/** Short strings string() writes by terminalJson, encoded, as they recur; all forgotten at once when there are this many. */
const quotedStrings = new Map<string, Buffer>();
const QUOTED_KEPT = 1024;
/** The JSON of fractions, as they recur; all forgotten at once when there are this many. */
const fractions = new Map<number, string>();
const FRACTIONS_KEPT = 1024;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

export class JsonBytes {
	private buffer: Buffer = Buffer.allocUnsafe(INITIAL_CAPACITY);
	/** A buffer handed out by take() and given back once written, to fill again rather than allocate another. */
	private spare: Buffer | null = null;
	/** How many bytes have been written since the last take(). */
	length = 0;

	/** Appends bytes already encoded. */
	bytes(chunk: Uint8Array): void {
		this.room(chunk.length);
		this.buffer.set(chunk, this.length);
		this.length += chunk.length;
	}

	/**
	 * Appends a number as JSON writes it (as String() does, or null when it is not finite). A fraction's shortest
	 * digits take V8 a while to find, and a step's come again and again (0.3 × -2 × step), so they are kept.
	 */
	number(value: number): void {
		if (Number.isInteger(value)) {
			this.text(String(value));
			return;
		}
		let json = fractions.get(value);
		if (json === undefined) {
			if (fractions.size === FRACTIONS_KEPT) fractions.clear();
			json = Number.isFinite(value) ? String(value) : 'null';
			fractions.set(value, json);
		}
		this.text(json);
	}

	/** Appends one ASCII character, by its code. */
	byte(code: number): void {
		this.room(1);
		this.buffer[this.length++] = code;
	}

	/**
	 * Appends `text` as a JSON string, escaped as terminalJson escapes it. Short printable ASCII without a quote or
	 * backslash, which JSON writes as it is, is written here; anything else goes by terminalJson, and, when short,
	 * is kept encoded for the next time (a step's message with a ✓ or a ✗ in it comes again and again).
	 */
	string(text: string): void {
		if (text.length <= SHORT_TEXT) {
			this.room(text.length + 2);
			const {buffer, length} = this;
			buffer[length] = QUOTE;
			let index = 0;
			for (; index < text.length; index++) {
				const code = text.charCodeAt(index);
				if (code < 0x20 || code > 0x7e || code === QUOTE || code === BACKSLASH) break;
				buffer[length + 1 + index] = code;
			}
			if (index === text.length) {
				buffer[length + 1 + index] = QUOTE;
				this.length += index + 2;
				return;
			}
			let json = quotedStrings.get(text);
			if (json === undefined) {
				if (quotedStrings.size === QUOTED_KEPT) quotedStrings.clear();
				json = Buffer.from(terminalJson(text));
				quotedStrings.set(text, json);
			}
			this.bytes(json);
			return;
		}
		this.text(terminalJson(text));
	}

	/** Appends `text`, UTF-8 encoded (a lone surrogate as U+FFFD, as Buffer.write does; JSON text never holds one). */
	text(text: string): void {
		// UTF-8 takes at most three bytes for each UTF-16 unit.
		this.room(text.length * 3);
		const {buffer, length} = this;
		if (text.length <= SHORT_TEXT) {
			let index = 0;
			for (; index < text.length; index++) {
				const code = text.charCodeAt(index);
				if (code >= 0x80) break;
				buffer[length + index] = code;
			}
			if (index === text.length) {
				this.length += index;
				return;
			}
		}
		this.length += buffer.write(text, length);
	}

	/** A copy of what was written after `start` (which an earlier `length` read). */
	copy(start: number): Buffer {
		return Buffer.from(this.buffer.subarray(start, this.length));
	}

	/** Drops what was written after `length` (which an earlier `length` read). */
	rewind(length: number): void {
		this.length = length;
	}

	/**
	 * The bytes written since the last take(); writing goes on in another buffer. Hand the bytes back with
	 * `giveBack` once they are written out (not before: until then they are still being read), to be filled again.
	 */
	take(): Buffer {
		const taken = this.buffer.subarray(0, this.length);
		this.buffer = this.spare ?? Buffer.allocUnsafe(this.buffer.length);
		this.spare = null;
		this.length = 0;
		return taken;
	}

	/** Takes back bytes that take() handed out, now written out, to fill them again. */
	giveBack(taken: Buffer): void {
		// take() hands out the start of a buffer of its own (allocUnsafe does not pool buffers this large).
		if (taken.byteOffset === 0 && taken.buffer.byteLength >= this.buffer.length) this.spare = Buffer.from(taken.buffer);
	}

	/** Makes room for `bytes` more, doubling the buffer as often as needed. */
	private room(bytes: number): void {
		const needed = this.length + bytes;
		if (needed <= this.buffer.length) return;
		let capacity = this.buffer.length * 2;
		while (capacity < needed) capacity *= 2;
		const grown = Buffer.allocUnsafe(capacity);
		this.buffer.copy(grown, 0, 0, this.length);
		this.buffer = grown;
	}
}
