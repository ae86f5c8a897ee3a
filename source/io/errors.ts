/** Something the user gave (a file, a flag value, a protocol line) that cannot be used; the message says what and what is accepted. */
export class InputError extends Error {
	override readonly name = 'InputError';
}
