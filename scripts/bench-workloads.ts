// The workloads of `npm run bench`, the same on our side and the reference's: those of issue 10's aims.
import {TIER_SPECS} from '../source/agents/curriculum.js';

/**
 * `chaosops eval --policies random --tiers hard --episodes-per-type N`: 4 hard failure types × N episodes, 100,000 in
 * all, the evaluation issue 10's profile and memory figures are of. (A fresh process's start-up, ~0.1 s, weighs on a
 * shorter run: at 40,000 episodes it was a fifth of ours.)
 */
const EVAL_EPISODES_PER_TYPE = 25_000;
export const EVAL = {
	episodesPerType: EVAL_EPISODES_PER_TYPE,
	args: ['eval', '--policies', 'random', '--tiers', 'hard', '--episodes-per-type', String(EVAL_EPISODES_PER_TYPE)],
	episodes: EVAL_EPISODES_PER_TYPE * TIER_SPECS.hard.pool.length,
} as const;

/**
 * Through `chaosops env`: episode i is the hard tier's failure types in turn (TYPES[i mod 4]), seed i, hard,
 * at most 25 steps, random actions (the random policy seeded with i, one generator for every role).
 */
export const PIPE = {episodes: 2500, types: TIER_SPECS.hard.pool, maxSteps: 25} as const;

/** Peak memory of `chaosops eval` over 2 policies × 8 failure types (easy 4, hard 4) × N per type. */
export const MEMORY = {
	grid: ['eval', '--policies', 'random,heuristic', '--tiers', 'easy,hard'],
	groups: 16,
	counts: [10_000, 100_000],
} as const;
