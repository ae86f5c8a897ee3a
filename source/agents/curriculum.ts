// The curriculum (§13): tier pools, the scenarios of a tier, and a window of rewards that promotes a learner.
import type {Incident} from '../env/incident.js';
import {makeScenario} from '../env/scenario.js';
import type {Scenario} from '../env/types.js';
import type {Difficulty, Scoring} from '../env/vocabulary.js';

/** Where the incidents a tier names come from (the built-in files, for the reference's curriculum). */
export type IncidentLoader = (name: string) => Incident;

export const TIERS: readonly Difficulty[] = ['easy', 'medium', 'hard'];

/** A tier: the incidents it plays, by name, and their step budget. */
export type TierSpec = {readonly pool: readonly string[]; readonly maxSteps: number};

export const TIER_SPECS: Record<Difficulty, TierSpec> = {
	easy: {pool: ['db_deadlock', 'memory_leak', 'bad_config_push', 'dns_outage'], maxSteps: 12},
	medium: {pool: ['cascade', 'autoscaler_cost_cut', 'disk_full'], maxSteps: 18},
	hard: {pool: ['misrouted_traffic', 'cascade', 'autoscaler_cost_cut', 'rogue_deploy_bot'], maxSteps: 25},
};

/** How far above the seed offset the seeds of these tiers go: the last type's 97·i plus the last repetition's 31·rep. */
export const seedSpan = (tiers: readonly Difficulty[], episodesPerType: number): number =>
	Math.max(0, ...tiers.map(tier => 97 * (TIER_SPECS[tier].pool.length - 1))) + 31 * (episodesPerType - 1);

/** A scenario played `episodesPerType` times, repetition `rep` on seed `firstSeed + seedStep·rep` (31 unless told); all else as it is. */
export function* repetitions(scenario: Scenario, firstSeed: number, episodesPerType: number, seedStep = 31): Generator<Scenario> {
	for (let rep = 0; rep < episodesPerType; rep++) yield {...scenario, seed: firstSeed + seedStep * rep};
}

/**
 * For each type in pool order (index i) and each repetition, seed = seedOffset + 97·i + 31·rep; scored as the
 * reference scores unless told. Made one at a time, as they are played.
 */
export function* tierScenarios(load: IncidentLoader, tier: Difficulty, seedOffset = 0, episodesPerType = 3, scoring: Scoring = 'reference'): Generator<Scenario> {
	const {pool, maxSteps} = TIER_SPECS[tier];
	// Every incident is loaded before the first is played: the step loop is then compiled for all of them at once,
	// rather than again at each new incident, which made a fresh run's first episodes of each slower (measured).
	const scenarios = pool.map(name => makeScenario(load(name), {difficulty: tier, maxSteps, scoring}));
	for (const [i, scenario] of scenarios.entries()) yield* repetitions(scenario, seedOffset + 97 * i, episodesPerType);
}

/** tierScenarios, as a list. */
export const scenariosForTier = (...tier: Parameters<typeof tierScenarios>): Scenario[] => [...tierScenarios(...tier)];

const WINDOW = 10;
const PROMOTION_THRESHOLD: Partial<Record<Difficulty, number>> = {easy: 70, medium: 55};
const NEXT_TIER: Partial<Record<Difficulty, Difficulty>> = {easy: 'medium', medium: 'hard'};

/** Promotes easy → medium → hard once the mean of the last ten rewards clears the tier's bar. */
export class Curriculum {
	private current: Difficulty;
	private readonly window: number[] = [];

	constructor(start: Difficulty = 'easy') {
		this.current = start;
	}

	get tier(): Difficulty {
		return this.current;
	}

	/** Records an episode's reward; returns true when it promoted the learner. */
	record(reward: number): boolean {
		this.window.push(reward);
		if (this.window.length > WINDOW) this.window.shift();
		const threshold = PROMOTION_THRESHOLD[this.current];
		const next = NEXT_TIER[this.current];
		if (threshold === undefined || next === undefined || this.window.length < WINDOW) return false;
		const mean = this.window.reduce((sum, value) => sum + value, 0) / WINDOW;
		if (mean < threshold) return false;
		this.current = next;
		this.window.length = 0;
		return true;
	}
}

/**
 * An endless stream of scenarios from the learner's current tier. Feed each episode's reward back with
 * `record`; every promotion moves the seed offset on by 1000, so a new tier starts on fresh seeds.
 */
export class ScenarioStream {
	readonly curriculum: Curriculum;
	private seedOffset: number;
	private readonly episodesPerType: number;
	private queue: Scenario[] = [];
	private readonly load: IncidentLoader;

	constructor(load: IncidentLoader, options: {start?: Difficulty; seedOffset?: number; episodesPerType?: number} = {}) {
		this.load = load;
		this.curriculum = new Curriculum(options.start);
		this.seedOffset = options.seedOffset ?? 0;
		this.episodesPerType = options.episodesPerType ?? 3;
	}

	/** The next scenario of the current tier, going round the tier's set until a promotion. */
	next(): Scenario {
		if (this.queue.length === 0) {
			this.queue = scenariosForTier(this.load, this.curriculum.tier, this.seedOffset, this.episodesPerType);
		}
		return this.queue.shift()!;
	}

	record(reward: number): boolean {
		const promoted = this.curriculum.record(reward);
		if (promoted) {
			this.seedOffset += 1000;
			this.queue = [];
		}
		return promoted;
	}
}
