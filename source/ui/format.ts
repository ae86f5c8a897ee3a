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

/** Every component, team, oversight and total summed over steps (a component no breakdown holds sums to 0). */
export function sumBreakdowns(breakdowns: readonly RewardBreakdown[]): Record<keyof RewardBreakdown, number> {
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
