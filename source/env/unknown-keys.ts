// The message for keys an object or a record over a closed set does not take, in the user's words: the first few
// named, then the keys accepted. zod's own ("Unrecognized key") says neither what is accepted nor where to look.
import type * as z from 'zod';

/** Unknown keys named in a message, at most; a value with a million of them still gets a one-line answer. */
const KEYS_NAMED = 3;

/** A key as a message quotes it, cut short: a message is one line. */
const QUOTED_MAX = 40;
const quotedKey = (key: string): string => JSON.stringify(key.length > QUOTED_MAX ? `${key.slice(0, QUOTED_MAX)}…` : key);

/** A zod `error` option that words an unknown-keys issue so (quoting each key with `quote`); others keep theirs. */
export const unknownKeysError =
	(accepted: readonly string[], quote: (key: string) => string = quotedKey) =>
	(issue: z.core.$ZodRawIssue): string | undefined => {
		if (issue.code !== 'unrecognized_keys') return undefined;
		const {keys} = issue;
		const named = keys.slice(0, KEYS_NAMED).map(quote).join(', ');
		const more = keys.length > KEYS_NAMED ? ` and ${keys.length - KEYS_NAMED} more` : '';
		return `has unknown ${keys.length === 1 ? 'key' : 'keys'} ${named}${more}; accepted: ${accepted.join(', ')}`;
	};
