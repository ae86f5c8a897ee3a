// How numbers, actions and reward components read on screen.
import {type ActionRequest, REWARD_COMPONENTS, type RewardBreakdown, type ScoredComponent} from '../env/types.js';
import type {Role} from '../env/vocabulary.js';
import {pythonFixed} from '../io/python-format.js';
import {breakdownParts} from '../io/transcript.js';

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

/** Every component, team, oversight and total summed over steps (a component no breakdown holds sums to 0). */
export function sumBreakdowns(breakdowns: ReadonlyArray<Readonly<Partial<RewardBreakdown>>>): Record<keyof RewardBreakdown, number> {
	const keys = [...REWARD_COMPONENTS, 'unresolved_penalty', 'team_reward', 'oversight_reward', 'total'] as const;
	const totals = Object.fromEntries(keys.map(key => [key, 0])) as Record<keyof RewardBreakdown, number>;
	for (const breakdown of breakdowns) for (const key of keys) totals[key] += breakdown[key] ?? 0;
	return totals;
}

/** An action in words: `restart db`, `scale payments to 4`, `communicate "…" to dev`. */
export function describeAction(action: ActionRequest): string {
	const {args = {}} = action;
	const parts: string[] = [action.action_type];
	if (action.target) parts.push(action.target);
	if (args.replicas !== undefined) parts.push(`to ${args.replicas}`);
	if (args.failure_type !== undefined) parts.push(args.failure_type);
	if (args.message !== undefined) parts.push(JSON.stringify(args.message));
	if (args.to !== undefined && args.to !== 'all') parts.push(`to ${args.to}`);
	return parts.join(' ');
}
