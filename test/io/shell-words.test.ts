import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {shellWord} from '../../source/cli/shell-word.js';
import {InputError} from '../../source/io/errors.js';
import {shellWords} from '../../source/io/shell-words.js';

describe('shellWords', () => {
	it.each([
		['python3 examples/agent.py', ['python3', 'examples/agent.py']],
		['  ./agent   --model  x ', ['./agent', '--model', 'x']],
		[`python3 'my agent.py' "a \\"quoted\\" word" back\\ slash`, ['python3', 'my agent.py', 'a "quoted" word', 'back slash']],
		[`"keeps \\n and \\$" ''`, ['keeps \\n and $', '']],
		['', []],
	])('splits %j as a shell does', (line, words) => {
		expect(shellWords(line)).toEqual(words);
	});

	it('reads back any words as shellWord quotes them', () => {
		fc.assert(
			fc.property(fc.array(fc.string(), {minLength: 1}), words => {
				expect(shellWords(words.map(shellWord).join(' '))).toEqual(words);
			}),
		);
	});

	it.each([`python3 'agent.py`, 'python3 "agent.py'])('refuses %j, whose quote is not closed', line => {
		expect(() => shellWords(line)).toThrow(InputError);
	});
});
