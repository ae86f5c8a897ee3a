// A fixed line of play for one seat: its actions in order, one per turn of the seat, then noop. For playing a
// person's line again against other teammates, and for tests that need a seat to do exactly this.
import type {ActionRequest} from '../env/types.js';
import {NOOP, type Policy} from './policy.js';

/** The name steps and recordings give the holder of a seat that plays a fixed line. */
export const SCRIPTED_LINE = 'actions';

export type ScriptedLine = {readonly actions: readonly ActionRequest[]};

/** The line's policy: each time it is asked, the next action, and noop once they are all played. */
export function scriptedLinePolicy({actions}: ScriptedLine): Policy {
	let turn = 0;
	return {name: SCRIPTED_LINE, act: () => actions[turn++] ?? NOOP};
}
