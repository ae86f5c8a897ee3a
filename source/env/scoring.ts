// The rules an episode is scored by, one set per scoring, chosen once at reset: the reference path runs exactly the
// reference's handlers and reward function, and the drill's extra checks only ever run in a drill.
import {DRILL_HANDLERS, HANDLERS, type Handler} from './handlers.js';
import type {Outcome} from './outcome.js';
import {UNRESOLVED_PENALTY, drillBreakdown, rewardBreakdown} from './reward.js';
import type {RewardBreakdown} from './types.js';
import type {ActionType, Scoring} from './vocabulary.js';

export type ScoringRules = {
	readonly handlers: Readonly<Record<ActionType, Handler>>;
	readonly breakdown: (outcome: Outcome, stepCount: number, declaredRootCauseStep: number | null, over: boolean) => RewardBreakdown;
	/** Added to the cumulative reward, beyond the last step's total, when the episode ends unresolved. */
	readonly unresolvedAtEnd: number;
};

export const SCORING_RULES: Readonly<Record<Scoring, ScoringRules>> = {
	reference: {handlers: HANDLERS, breakdown: rewardBreakdown, unresolvedAtEnd: UNRESOLVED_PENALTY},
	// The drill's last step carries the penalty in its breakdown (drillBreakdown), so nothing is added apart.
	drill: {handlers: DRILL_HANDLERS, breakdown: drillBreakdown, unresolvedAtEnd: 0},
};
