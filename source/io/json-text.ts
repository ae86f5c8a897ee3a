// JSON text from a file or a line the user gave, parsed with the one key JavaScript cannot take at face value
// refused: an own "__proto__" key survives JSON.parse, but every object built from it (zod's records among them)
// drops it silently, so a misspelt or malicious entry would vanish without a word.
import {InputError} from './errors.js';

const FORBIDDEN_KEY = '__proto__';

function refuseForbiddenKey(this: unknown, key: string, value: unknown): unknown {
	if (key === FORBIDDEN_KEY) throw new InputError(`the key "${FORBIDDEN_KEY}" is not accepted anywhere`);
	return value;
}

/** What JSON.parse's RangeError means: valid JSON, perhaps, but nested deeper than the parser's stack reaches. */
export const TOO_DEEP = 'it nests arrays or objects too deeply to be read';

/** The value of `text`, or an InputError `{subject} is not valid JSON: …` / `{subject}: the key "__proto__" …`. */
export function parseJsonText(text: string, subject: string): unknown {
	try {
		return JSON.parse(text, refuseForbiddenKey);
	} catch (error) {
		if (error instanceof InputError) throw new InputError(`${subject}: ${error.message}`);
		if (error instanceof RangeError) throw new InputError(`${subject}: ${TOO_DEEP}`);
		throw new InputError(`${subject} is not valid JSON: ${(error as Error).message}`);
	}
}
