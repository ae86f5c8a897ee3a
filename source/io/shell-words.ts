// A command line split into words as a POSIX shell splits them (the inverse of cli/shell-word.ts): blanks separate
// words, single quotes keep everything up to the next one, double quotes keep everything but a backslash before
// `"`, `\`, `$` or a backquote, and a backslash outside quotes keeps the next character. Nothing else a shell does
// (variables, globs, pipes): `cmd:` seats start their program directly, without a shell.
import {InputError} from './errors.js';

const BLANK = /[ \t\n]/;
/** What a backslash escapes inside double quotes; before any other character it stays. */
const DOUBLE_QUOTED_ESCAPES = new Set(['"', '\\', '$', '`']);

export function shellWords(line: string): string[] {
	const words: string[] = [];
	let word: string | null = null;
	for (let index = 0; index < line.length; index++) {
		const character = line[index]!;
		if (BLANK.test(character)) {
			if (word !== null) words.push(word);
			word = null;
			continue;
		}
		word ??= '';
		if (character === "'") {
			const end = line.indexOf("'", index + 1);
			if (end < 0) throw new InputError(`the command ${JSON.stringify(line)} has a ' that is not closed; expected words as a shell reads them`);
			word += line.slice(index + 1, end);
			index = end;
		} else if (character === '"') {
			for (index++; line[index] !== '"'; index++) {
				if (index >= line.length) throw new InputError(`the command ${JSON.stringify(line)} has a " that is not closed; expected words as a shell reads them`);
				if (line[index] === '\\' && DOUBLE_QUOTED_ESCAPES.has(line[index + 1] ?? '')) index++;
				word += line[index];
			}
		} else if (character === '\\') {
			if (index + 1 < line.length) word += line[++index];
		} else word += character;
	}
	if (word !== null) words.push(word);
	return words;
}
