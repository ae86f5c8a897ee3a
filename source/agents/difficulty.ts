// What `chaosops lab` adds to a group's figures (evaluation.ts): the shape of its rewards and times to resolve, how
// often it goes wrong and how first, and the seeds that stand out. Kept in typed arrays, a few numbers an episode.
import type {Action} from '../env/types.js';
import type {EpisodeRow} from './evaluation.js';
import {medianOfSorted, quantileOfSorted, sortedCopy} from './statistics.js';

export type RewardQuantiles = {
	readonly min: number;
	readonly p10: number;
	readonly p25: number;
	readonly median: number;
	readonly p75: number;
	readonly p90: number;
	readonly max: number;
};

/** An episode whose reward lies beyond the group's Tukey fences (1.5 interquartile ranges past the quartiles). */
export type Outlier = {readonly seed: number; readonly reward: number; readonly resolved: boolean; readonly steps: number};

export type FirstWrongMove = {readonly move: string; readonly episodes: number};

export type DifficultyFigures = {
	readonly reward_quantiles: RewardQuantiles;
	/** Resolved episodes by the step they resolved at: index 0 is step 1, up to the step budget. */
	readonly mttr_histogram: readonly number[];
	readonly unresolved: number;
	/** The share of episodes with at least one wrong fix. */
	readonly wrong_fix_rate: number;
	/** The first wrong fix most episodes made, and in how many; null when none made one. */
	readonly first_wrong_move: FirstWrongMove | null;
	/** At most OUTLIERS_KEPT below the fences (lowest first), then as many above (highest first). */
	readonly outliers: readonly Outlier[];
};

const OUTLIERS_KEPT = 5;

export class DifficultyTally {
	private readonly rewards: Float64Array;
	private readonly seeds: Float64Array;
	/** Steps played, negated for an unresolved episode. */
	private readonly steps: Int32Array;
	private readonly mttr: number[];
	private readonly firstWrongMoves = new Map<string, {readonly action: Action; episodes: number}>();
	private count = 0;
	private unresolved = 0;
	private withWrongFix = 0;

	/** At most `size` episodes, none longer than `maxSteps`; `describe` names a first wrong move. */
	constructor(
		size: number,
		maxSteps: number,
		private readonly describe: (action: Action) => string,
	) {
		this.rewards = new Float64Array(size);
		this.seeds = new Float64Array(size);
		this.steps = new Int32Array(size);
		this.mttr = Array.from({length: maxSteps}, () => 0);
	}

	/** A row of an evaluation that kept first wrong moves (EvaluationPlan.firstWrongMoves). */
	add(row: EpisodeRow): void {
		const at = this.count++;
		this.rewards[at] = row.cumulative_reward;
		this.seeds[at] = row.seed;
		this.steps[at] = row.resolved ? row.steps : -row.steps;
		if (row.resolved) this.mttr[row.steps - 1]!++;
		else this.unresolved++;
		if (row.wrong_fixes > 0) this.withWrongFix++;
		const first = row.first_wrong_move;
		if (first !== undefined && first !== null) {
			// Counted by what makes the move (a wrong fix is a restart, rollback or scale), described once at the end.
			const key = `${first.role} ${first.action_type} ${first.target} ${first.args.replicas}`;
			const counted = this.firstWrongMoves.get(key);
			if (counted === undefined) this.firstWrongMoves.set(key, {action: first, episodes: 1});
			else counted.episodes++;
		}
	}

	figures(): DifficultyFigures {
		const episodes = this.count;
		const rewards = this.rewards.subarray(0, episodes);
		const sorted = sortedCopy(rewards);
		const at = (q: number) => (episodes === 0 ? 0 : quantileOfSorted(sorted, q));
		const reward_quantiles = {
			min: at(0),
			p10: at(0.1),
			p25: at(0.25),
			median: episodes === 0 ? 0 : medianOfSorted(sorted),
			p75: at(0.75),
			p90: at(0.9),
			max: at(1),
		};
		return {
			reward_quantiles,
			mttr_histogram: this.mttr.slice(),
			unresolved: this.unresolved,
			wrong_fix_rate: episodes === 0 ? 0 : this.withWrongFix / episodes,
			first_wrong_move: this.mostCommonFirstWrongMove(),
			outliers: this.outliers(reward_quantiles.p25, reward_quantiles.p75),
		};
	}

	/** The most frequent; of equal counts, the one met first. */
	private mostCommonFirstWrongMove(): FirstWrongMove | null {
		let best: {readonly action: Action; episodes: number} | null = null;
		for (const counted of this.firstWrongMoves.values()) if (best === null || counted.episodes > best.episodes) best = counted;
		return best === null ? null : {move: this.describe(best.action), episodes: best.episodes};
	}

	private outliers(q1: number, q3: number): Outlier[] {
		const spread = 1.5 * (q3 - q1);
		const low: number[] = [];
		const high: number[] = [];
		for (let index = 0; index < this.count; index++) {
			const reward = this.rewards[index]!;
			if (reward < q1 - spread) low.push(index);
			else if (reward > q3 + spread) high.push(index);
		}
		// By reward, the most extreme first; of equal rewards, the lower seed (the order played).
		low.sort((a, b) => this.rewards[a]! - this.rewards[b]! || a - b);
		high.sort((a, b) => this.rewards[b]! - this.rewards[a]! || a - b);
		return [...low.slice(0, OUTLIERS_KEPT), ...high.slice(0, OUTLIERS_KEPT)].map(index => ({
			seed: this.seeds[index]!,
			reward: this.rewards[index]!,
			resolved: this.steps[index]! > 0,
			steps: Math.abs(this.steps[index]!),
		}));
	}
}
