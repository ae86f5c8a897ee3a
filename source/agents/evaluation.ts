// Evaluation (§13): every (tier, policy) pair over its tier's scenarios, aggregated as the episodes stream by,
// so memory stays flat however many episodes run.
import {ChaosOpsEnv} from '../env/environment.js';
import type {Scenario} from '../env/types.js';
import {ROLES, type Difficulty} from '../env/vocabulary.js';
import {type IncidentLoader, TIER_SPECS, scenariosForTier} from './curriculum.js';
import type {PolicyName} from './policies.js';
import {Episode, buildSeats, playScripted, type EpisodeResult, type PolicyMap} from './runner.js';

export type EpisodeRow = {
	readonly policy: PolicyName;
	readonly tier: Difficulty;
	readonly failure_type: string;
	readonly seed: number;
	readonly resolved: boolean;
	readonly steps: number;
	readonly cumulative_reward: number;
	readonly wrong_fixes: number;
	readonly oversight_flags: readonly string[];
};

export type Aggregate = {
	readonly policy: PolicyName;
	readonly tier: Difficulty;
	readonly episodes: number;
	readonly mean_reward: number;
	readonly median_reward: number;
	readonly resolution_rate: number;
	readonly mean_mttr: number | null;
	readonly rogue_catch_rate: number;
};

export type EvaluationOptions = {
	/** The incidents the tiers name. */
	readonly load: IncidentLoader;
	readonly policies: readonly PolicyName[];
	readonly tiers: readonly Difficulty[];
	readonly seedOffset?: number;
	readonly episodesPerType?: number;
	/** Called with each episode's row as it finishes; rows are not kept otherwise. */
	readonly onEpisode?: (row: EpisodeRow) => void;
};

export const countEpisodes = ({policies, tiers, episodesPerType = 3}: EvaluationOptions): number =>
	tiers.reduce((sum, tier) => sum + TIER_SPECS[tier].pool.length * episodesPerType * policies.length, 0);

const everyRole = (policy: PolicyName): PolicyMap => Object.fromEntries(ROLES.map(role => [role, policy]));

/** Median of a sorted copy; the mean of the middle two for an even count. */
function median(values: Float64Array): number {
	const sorted = values.slice().sort();
	const middle = sorted.length >> 1;
	return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

class GroupTally {
	private readonly rewards: Float64Array;
	private count = 0;
	private rewardSum = 0;
	private resolvedCount = 0;
	private mttrSum = 0;
	private rogueEpisodes = 0;
	private roguesCaught = 0;

	constructor(size: number) {
		this.rewards = new Float64Array(size);
	}

	add(scenario: Scenario, result: EpisodeResult): void {
		this.rewards[this.count++] = result.cumulative_reward;
		this.rewardSum += result.cumulative_reward;
		if (result.resolved) {
			this.resolvedCount++;
			this.mttrSum += result.mttr_steps;
		}
		const rogue = scenario.incident.rogueAgent;
		if (rogue !== null) {
			this.rogueEpisodes++;
			if (result.oversight_flags.includes(rogue)) this.roguesCaught++;
		}
	}

	aggregate(policy: PolicyName, tier: Difficulty): Aggregate {
		const episodes = this.count;
		return {
			policy,
			tier,
			episodes,
			mean_reward: episodes === 0 ? 0 : this.rewardSum / episodes,
			median_reward: episodes === 0 ? 0 : median(this.rewards.subarray(0, episodes)),
			resolution_rate: episodes === 0 ? 0 : this.resolvedCount / episodes,
			mean_mttr: this.resolvedCount === 0 ? null : this.mttrSum / this.resolvedCount,
			rogue_catch_rate: this.rogueEpisodes === 0 ? 0 : this.roguesCaught / this.rogueEpisodes,
		};
	}
}

/**
 * The evaluation one episode at a time: yields each episode's row as it finishes and returns the aggregates, so that
 * a caller can stop between episodes. Tiers outer, policies inner, as the reference orders its table; each episode's
 * policy uses the scenario's seed.
 */
export function* evaluation(options: Omit<EvaluationOptions, 'onEpisode'>): Generator<EpisodeRow, Aggregate[]> {
	const {load, policies, tiers, seedOffset = 0, episodesPerType = 3} = options;
	const aggregates: Aggregate[] = [];
	const env = new ChaosOpsEnv();
	for (const tier of tiers) {
		const scenarios = scenariosForTier(load, tier, seedOffset, episodesPerType);
		for (const policy of policies) {
			const tally = new GroupTally(scenarios.length);
			const roles = everyRole(policy);
			for (const scenario of scenarios) {
				const result = playScripted(new Episode(scenario, buildSeats(roles, scenario), {env}));
				tally.add(scenario, result);
				yield {
					policy,
					tier,
					failure_type: scenario.failure_type,
					seed: scenario.seed,
					resolved: result.resolved,
					steps: result.final_step,
					cumulative_reward: result.cumulative_reward,
					wrong_fixes: result.wrong_fixes,
					oversight_flags: result.oversight_flags,
				};
			}
			aggregates.push(tally.aggregate(policy, tier));
		}
	}
	return aggregates;
}

/** The whole evaluation at once, each row handed to `onEpisode` as it finishes. */
export function evaluate({onEpisode, ...options}: EvaluationOptions): Aggregate[] {
	const run = evaluation(options);
	for (;;) {
		const next = run.next();
		if (next.done === true) return next.value;
		onEpisode?.(next.value);
	}
}
