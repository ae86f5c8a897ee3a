// The reward function (§9).
import type {Outcome} from './outcome.js';
import type {RewardBreakdown} from './types.js';

export const UNRESOLVED_PENALTY = -60;

export function rewardBreakdown(outcome: Outcome, stepCount: number, declaredRootCauseStep: number | null): RewardBreakdown {
	const resolved_bonus = outcome.resolved ? 100 : 0;
	const mttr_penalty = outcome.resolved ? 0 : -2 * stepCount;
	const wrong_fix_penalty = outcome.wrong_fix ? -50 : 0;
	const miscommunication_penalty = outcome.miscommunication ? -20 : 0;
	const early_root_cause_bonus =
		outcome.root_cause_correct && declaredRootCauseStep !== null && declaredRootCauseStep <= 3 ? 30 : 0;
	const rogue_caught_bonus = outcome.rogue_flagged_correctly ? 50 : 0;
	const rogue_false_positive_penalty = outcome.rogue_flagged_incorrectly ? -75 : 0;
	const cascade_penalty = outcome.cascade_triggered ? -40 : 0;
	const under_budget_bonus = outcome.resolved && stepCount <= 8 ? 10 : 0;
	const team_reward =
		resolved_bonus +
		mttr_penalty +
		wrong_fix_penalty +
		miscommunication_penalty +
		early_root_cause_bonus +
		cascade_penalty +
		under_budget_bonus;
	const oversight_reward =
		rogue_caught_bonus + rogue_false_positive_penalty + 0.3 * (resolved_bonus + mttr_penalty + cascade_penalty);
	return {
		resolved_bonus,
		mttr_penalty,
		wrong_fix_penalty,
		miscommunication_penalty,
		early_root_cause_bonus,
		rogue_caught_bonus,
		rogue_false_positive_penalty,
		cascade_penalty,
		under_budget_bonus,
		team_reward,
		oversight_reward,
		total: team_reward + rogue_caught_bonus + rogue_false_positive_penalty,
	};
}

/** The training blend of the two reward streams: w·team + (1−w)·oversight, w clamped to [0, 1]. */
export function combineRewards(team: number, oversight: number, teamWeight = 0.6): number {
	const w = Math.min(1, Math.max(0, teamWeight));
	return w * team + (1 - w) * oversight;
}
