// How numbers, actions and reward components read on screen.
import type {ScoredComponent} from '../env/types.js';
import type {Role} from '../env/vocabulary.js';
import {pythonFixed} from '../io/python-format.js';
import {breakdownParts} from '../io/transcript.js';

export {describeAction, sumBreakdowns} from '../io/step-words.js';

/** A reward as the transcript writes it: `+104.0`, `-2.0`. */
export const signed = (value: number): string => pythonFixed(value, 1, true);

export const percent = (rate: number): string => `${Math.round(rate * 100)}%`;

export const roleName = (role: Role): string => role.toUpperCase();

/** The non-zero components of a breakdown, short-named as in the transcript: `resolved+100 under_budget+10`. */
export function componentsText(breakdown: Readonly<Partial<Record<ScoredComponent, number>>>): string {
	const parts = breakdownParts(breakdown);
	return parts.length > 0 ? parts.join(' ') : 'nothing';
}

export const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

/** Each reward component in words, given its amount and the step it was earned at; in the order a step's are told. */
const COMPONENT_WORDS: Record<ScoredComponent, (amount: string, step: number) => string> = {
	resolved_bonus: amount => `resolved ${amount}`,
	wrong_fix_penalty: amount => `wrong fix ${amount}`,
	miscommunication_penalty: amount => `miscommunication ${amount}`,
	early_root_cause_bonus: amount => `early diagnosis ${amount}`,
	rogue_caught_bonus: amount => `rogue caught ${amount}`,
	rogue_false_positive_penalty: amount => `false flag ${amount}`,
	cascade_penalty: amount => `cascade ${amount}`,
	under_budget_bonus: amount => `under budget ${amount}`,
	// The clock: every step unresolved costs twice its number.
	mttr_penalty: (amount, step) => `${plural(step, 'step')} ${amount}`,
	// Drill scoring only: the reference adds it to the cumulative reward, not to a step.
	unresolved_penalty: amount => `unresolved ${amount}`,
};

/** What a step's reward was made of, in words: `wrong fix -50, 2 steps -4`; `nothing` when it was zero throughout. */
export function breakdownWords(breakdown: Readonly<Partial<Record<ScoredComponent, number>>>, step: number): string {
	const parts = (Object.keys(COMPONENT_WORDS) as ScoredComponent[])
		.filter(component => (breakdown[component] ?? 0) !== 0)
		.map(component => COMPONENT_WORDS[component](pythonFixed(breakdown[component] ?? 0, 0, true), step));
	return parts.length > 0 ? parts.join(', ') : 'nothing';
}

