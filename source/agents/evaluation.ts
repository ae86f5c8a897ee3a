// Evaluation (§13): every (tier, policy) pair over its tier's scenarios, or every (scenario, policy) pair over a
// scenario's seeds, aggregated as the episodes stream by, so memory stays flat however many episodes run.
import {ChaosOpsEnv} from '../env/environment.js';
import {PythonRandom} from '../env/rng.js';
import type {Action, Scenario} from '../env/types.js';
import {ROLES, type Difficulty, type Scoring} from '../env/vocabulary.js';
import {type IncidentLoader, TIER_SPECS, repetitions, tierScenarios} from './curriculum.js';
import type {PolicyName} from './policies.js';
import {medianOfSorted, sortedCopy} from './statistics.js';
import {Episode, buildSeats, type AgentSeatFactory, type EpisodeResult, type PolicyMap, type Seats} from './runner.js';

export type EpisodeRow = {
	readonly policy: PolicyName;
	/** The scenario the row's group plays, when scenarios rather than tiers are evaluated. */
	readonly scenario?: string;
	readonly tier: Difficulty;
	readonly failure_type: string;
	readonly seed: number;
	readonly resolved: boolean;
	readonly steps: number;
	readonly cumulative_reward: number;
	readonly wrong_fixes: number;
	readonly oversight_flags: readonly string[];
	/**
	 * The action of the first step scored as a wrong fix, or null, when the plan asks for it (firstWrongMoves); else
	 * undefined, which JSON leaves out. Always present, so that every row has one shape: a row spread into a copy
	 * with this field added cost lab 40% of its time and grew its heap by 50 MB over 100,000 episodes (measured).
	 */
	readonly first_wrong_move: Action | null | undefined;
} & RogueVerdict;

/**
 * What oversight made of the episode's rogue agent, as the reference's evaluator defines it: whether the incident has
 * one, whether it was flagged, and whether a flag fell on any other agent (any flag at all, when there is no rogue).
 */
export type RogueVerdict = {readonly had_rogue: boolean; readonly rogue_caught: boolean; readonly false_positive: boolean};

export const rogueVerdict = (rogue: string | null, flags: readonly string[]): RogueVerdict => ({
	had_rogue: rogue !== null,
	rogue_caught: rogueCaught(rogue, flags),
	false_positive: falsePositive(rogue, flags),
});

const rogueCaught = (rogue: string | null, flags: readonly string[]): boolean => rogue !== null && flags.includes(rogue);

// Most episodes flag nobody: those need no look at the flags.
const falsePositive = (rogue: string | null, flags: readonly string[]): boolean => flags.length !== 0 && flags.some(flag => flag !== rogue);

/** What a group of episodes adds up to. */
export type Figures = {
	readonly episodes: number;
	readonly mean_reward: number;
	readonly median_reward: number;
	readonly resolution_rate: number;
	readonly mean_mttr: number | null;
	readonly rogue_catch_rate: number;
	// The reference evaluator's names for its figures (the first three are the ones above under the reference's names).
	readonly success_rate: number;
	/** The reference's NaN (no episode resolved) is null here, as for mean_mttr. */
	readonly mttr: number | null;
	readonly rogue_detection_rate: number;
	/** Over all the group's episodes. */
	readonly false_positive_rate: number;
	readonly mean_wrong_fixes: number;
};

/** A group's figures, after what labels the group: a policy and a tier, or a policy, a scenario and its difficulty. */
export type Aggregate = {readonly policy: PolicyName} & GroupLabel & Figures;

/** What a group's rows are labelled with (before the policy): its tier, or the scenario it plays and its difficulty. */
type GroupLabel = {readonly scenario?: string; readonly tier: Difficulty};

/**
 * A scenario evaluated on its own (`eval --scenario`): the name its rows carry, and the scenario, played as it is but
 * for its seed, which runs as a tier's seeds do (seedOffset + 31·rep).
 */
export type NamedScenario = {readonly name: string; readonly scenario: Scenario};

/** What is played: the tiers of the curriculum, their incidents loaded by name; or scenarios of one's own choosing. */
export type EvaluationPlan = {
	/** The policies evaluated, one group of rows each, each in every seat `fixedSeats` leaves. */
	readonly policies: readonly PolicyName[];
	/** Seats held alike in every episode, whatever the policy evaluated (`eval --policy role=…`); none if absent. */
	readonly fixedSeats?: PolicyMap;
	/** Makes the policies of the fixed seats that are agents' (a model, a program): their episodes are awaited. */
	readonly agents?: AgentSeatFactory;
	readonly seedOffset?: number;
	readonly episodesPerType?: number;
	/** With scenarios, how far apart a scenario's seeds are: seedOffset + seedStep·rep (default 31, as a tier's). */
	readonly seedStep?: number;
	/** Whether rows carry first_wrong_move (`chaosops lab`); eval's rows do not. */
	readonly firstWrongMoves?: boolean;
} & (
	| {
			/** The incidents the tiers name. */
			readonly load: IncidentLoader;
			readonly tiers: readonly Difficulty[];
			/** The rules the tiers' scenarios are scored by; the reference's if absent. */
			readonly scoring?: Scoring;
	  }
	| {readonly scenarios: readonly NamedScenario[]}
);

export type EvaluationOptions = EvaluationPlan & {
	/** Called with each episode's row as it finishes; rows are not kept otherwise. */
	readonly onEpisode?: (row: EpisodeRow) => void;
};

/** One group of the table: its label, its episode count per policy, and its scenarios, made one by one as they are played. */
type Group = {readonly label: GroupLabel; readonly size: number; readonly scenarios: () => Iterable<Scenario>};

function groups(options: EvaluationPlan): Group[] {
	const {seedOffset = 0, episodesPerType = 3} = options;
	if ('scenarios' in options) {
		return options.scenarios.map(({name, scenario}) => ({
			label: {scenario: name, tier: scenario.difficulty},
			size: episodesPerType,
			scenarios: () => repetitions(scenario, seedOffset, episodesPerType, options.seedStep),
		}));
	}
	return options.tiers.map(tier => ({
		label: {tier},
		size: TIER_SPECS[tier].pool.length * episodesPerType,
		scenarios: () => tierScenarios(options.load, tier, seedOffset, episodesPerType, options.scoring),
	}));
}

export const countEpisodes = (options: EvaluationPlan): number =>
	groups(options).reduce((sum, group) => sum + group.size * options.policies.length, 0);

/** The same policy in every seat. */
export const everyRole = (policy: PolicyName): PolicyMap => Object.fromEntries(ROLES.map(role => [role, policy]));

/**
 * One episode with these seats' policies, each built with the scenario's seed and released once it is over: at once
 * for scripted seats, a promise when an agent's decision is pending (only with `agents`, which makes their policies).
 */
export function playPolicies(policies: PolicyMap, scenario: Scenario, env: ChaosOpsEnv): EpisodeResult;
export function playPolicies(policies: PolicyMap, scenario: Scenario, env: ChaosOpsEnv, agents: AgentSeatFactory | undefined): EpisodeResult | Promise<EpisodeResult>;
export function playPolicies(policies: PolicyMap, scenario: Scenario, env: ChaosOpsEnv, agents?: AgentSeatFactory): EpisodeResult | Promise<EpisodeResult> {
	const seats = buildSeats(policies, scenario, scenario.seed, agents);
	const result = new Episode(scenario, seats, {env}).play();
	if (!(result instanceof Promise)) {
		releaseSeats(seats);
		return result;
	}
	if (agents === undefined) throw new TypeError('a scripted evaluation met a pending decision; agent seats need their factory');
	return result.finally(() => releaseSeats(seats));
}

/** Tells each seat's policy it will not be asked again. */
function releaseSeats(seats: Seats): void {
	for (const role of ROLES) seats[role]?.release?.();
}

/**
 * What the evaluation yields for an episode that did not finish at once (an agent's seat): the caller awaits it and
 * hands its result back with next(result).
 */
export type AwaitedEpisode = {readonly awaiting: Promise<EpisodeResult>};

/** A group's figures, added up episode by episode; at most `size` episodes. */
export class GroupTally {
	private readonly rewards: Float64Array;
	private count = 0;
	private rewardSum = 0;
	private resolvedCount = 0;
	private mttrSum = 0;
	private rogueEpisodes = 0;
	private roguesCaught = 0;
	private falsePositives = 0;
	private wrongFixSum = 0;

	constructor(size: number) {
		this.rewards = new Float64Array(size);
	}

	add(scenario: Scenario, result: EpisodeResult, verdict: RogueVerdict = rogueVerdict(scenario.incident.rogueAgent, result.oversight_flags)): void {
		this.rewards[this.count++] = result.cumulative_reward;
		this.rewardSum += result.cumulative_reward;
		this.wrongFixSum += result.wrong_fixes;
		if (result.resolved) {
			this.resolvedCount++;
			this.mttrSum += result.mttr_steps;
		}
		if (verdict.had_rogue) this.rogueEpisodes++;
		if (verdict.rogue_caught) this.roguesCaught++;
		if (verdict.false_positive) this.falsePositives++;
	}

	figures(): Figures {
		const episodes = this.count;
		const ratio = (count: number, of: number) => (of === 0 ? 0 : count / of);
		const resolutionRate = ratio(this.resolvedCount, episodes);
		const meanMttr = this.resolvedCount === 0 ? null : this.mttrSum / this.resolvedCount;
		const rogueCatchRate = ratio(this.roguesCaught, this.rogueEpisodes);
		return {
			episodes,
			mean_reward: ratio(this.rewardSum, episodes),
			median_reward: episodes === 0 ? 0 : medianOfSorted(sortedCopy(this.rewards.subarray(0, episodes))),
			resolution_rate: resolutionRate,
			mean_mttr: meanMttr,
			rogue_catch_rate: rogueCatchRate,
			success_rate: resolutionRate,
			mttr: meanMttr,
			rogue_detection_rate: rogueCatchRate,
			false_positive_rate: ratio(this.falsePositives, episodes),
			mean_wrong_fixes: ratio(this.wrongFixSum, episodes),
		};
	}
}

/**
 * The evaluation one episode at a time: yields each episode's row as it finishes and returns the aggregates, so that
 * a caller can stop between episodes. Groups (tiers, or scenarios) outer, policies inner, as the reference orders
 * its table; each episode's policy uses the scenario's seed.
 */
export function* evaluation(options: EvaluationPlan): Generator<EpisodeRow | AwaitedEpisode, Aggregate[], EpisodeResult | undefined> {
	const aggregates: Aggregate[] = [];
	const env = new ChaosOpsEnv({recordMetrics: false});
	const firstWrongMoves = options.firstWrongMoves === true;
	for (const group of groups(options)) {
		for (const policy of options.policies) {
			const tally = new GroupTally(group.size);
			const roles = {...everyRole(policy), ...options.fixedSeats};
			for (const scenarios of inBatches(group.scenarios(), SEEDING_BATCH)) {
				PythonRandom.prepare(scenarios.map(scenario => scenario.seed));
				for (const scenario of scenarios) {
					const played = playPolicies(roles, scenario, env, options.agents);
					// Only an agent's episode is a promise: the scripted path yields nothing but rows.
					const result = played instanceof Promise ? ((yield {awaiting: played}) as EpisodeResult) : played;
					const rogue = scenario.incident.rogueAgent;
					const flags = result.oversight_flags;
					// Written out rather than spread from rogueVerdict(): every row one shape, no object in between.
					const row: EpisodeRow = {
						policy,
						...group.label,
						failure_type: scenario.failure_type,
						seed: scenario.seed,
						resolved: result.resolved,
						steps: result.final_step,
						cumulative_reward: result.cumulative_reward,
						wrong_fixes: result.wrong_fixes,
						oversight_flags: flags,
						had_rogue: rogue !== null,
						rogue_caught: rogueCaught(rogue, flags),
						false_positive: falsePositive(rogue, flags),
						first_wrong_move: firstWrongMoves ? env.firstWrongFix : undefined,
					};
					tally.add(scenario, result, row);
					yield row;
				}
			}
			aggregates.push({policy, ...group.label, ...tally.figures()});
		}
	}
	return aggregates;
}

/** How many episodes' generators are seeded together (PythonRandom.prepare). */
const SEEDING_BATCH = 16;

/** The scenarios `size` at a time, as they come. */
function* inBatches(scenarios: Iterable<Scenario>, size: number): Generator<Scenario[]> {
	let batch: Scenario[] = [];
	for (const scenario of scenarios) {
		batch.push(scenario);
		if (batch.length === size) {
			yield batch;
			batch = [];
		}
	}
	if (batch.length > 0) yield batch;
}

/** The whole evaluation at once, each row handed to `onEpisode` as it finishes; scripted seats only. */
export function evaluate({onEpisode, ...options}: EvaluationOptions): Aggregate[] {
	const run = evaluation(options);
	for (;;) {
		const next = run.next();
		if (next.done === true) return next.value;
		if ('awaiting' in next.value) throw new TypeError('an evaluation with agent seats is played with playEvaluation, which awaits their episodes');
		onEpisode?.(next.value);
	}
}
