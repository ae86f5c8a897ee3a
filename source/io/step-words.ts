// A step in words, for every reader of an episode: the app, the debrief.
import {type ActionRequest, REWARD_COMPONENTS, type RewardBreakdown} from '../env/types.js';

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
