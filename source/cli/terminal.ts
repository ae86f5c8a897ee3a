import {InputError} from '../io/errors.js';

/** Refuses to start without a terminal: the app needs keys in and a screen out. `instead` says what works without one. */
export function requireTerminal(command: string, instead: string): void {
	if (process.stdin.isTTY && process.stdout.isTTY) return;
	const which = process.stdin.isTTY ? 'stdout' : 'stdin';
	throw new InputError(`${command} needs an interactive terminal, but ${which} is not one; ${instead}`);
}
