// How numbers, actions and reward components read on screen.
import type {ActionRequest, RewardBreakdown} from '../env/types.js';
import {REWARD_COMPONENTS, type RewardComponent} from '../env/types.js';
import type {Role} from '../env/vocabulary.js';

export const signed = (value: number): string => `${value >= 0 ? '+' : ''}${value.toFixed(1)}`;

export const percent = (rate: number): string => `${Math.round(rate * 100)}%`;

export const roleName = (role: Role): string => role.toUpperCase();

const COMPONENT_LABELS: Record<RewardComponent, string> = {
	resolved_bonus: 'resolved',
	mttr_penalty: 'mttr',
	wrong_fix_penalty: 'wrong_fix',
	miscommunication_penalty: 'miscom',
	early_root_cause_bonus: 'early_rca',
	rogue_caught_bonus: 'rogue_caught',
	rogue_false_positive_penalty: 'false_flag',
	cascade_penalty: 'cascade',
	under_budget_bonus: 'under_budget',
};

/** The non-zero components of a breakdown, e.g. `resolved+100 under_budget+10`. */
export function componentsText(breakdown: Readonly<Record<RewardComponent, number>>): string {
	const parts = REWARD_COMPONENTS.filter(name => breakdown[name] !== 0).map(
		name => `${COMPONENT_LABELS[name]}${breakdown[name] > 0 ? '+' : ''}${breakdown[name]}`,
	);
	return parts.length > 0 ? parts.join(' ') : 'nothing';
}

/** Every component, team, oversight and total summed over steps. */
export function sumBreakdowns(breakdowns: readonly RewardBreakdown[]): Record<keyof RewardBreakdown, number> {
	const keys = [...REWARD_COMPONENTS, 'team_reward', 'oversight_reward', 'total'] as const;
	const totals = Object.fromEntries(keys.map(key => [key, 0])) as Record<keyof RewardBreakdown, number>;
	for (const breakdown of breakdowns) for (const key of keys) totals[key] += breakdown[key];
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
