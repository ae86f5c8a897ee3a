// The runner (§12): plays an episode turn by turn. One turn function (`Episode.apply`) serves the synchronous
// batch path and the asynchronous interactive one; each turn yields an EpisodeStep that a UI can subscribe to.
import {ChaosOpsEnv} from '../env/environment.js';
import type {Action, ActionRequest, Observation, RewardBreakdown, Scenario, StepInfo} from '../env/types.js';
import {ROLES, type Role} from '../env/vocabulary.js';
import {type PolicyName, POLICY_FACTORIES} from './policies.js';
import {type Decision, NOOP, type Policy, isPending} from './policy.js';

/** One turn, as it happened: what the role saw, what it did and what it earned. */
export type EpisodeStep = {
	readonly turn: number;
	readonly role: Role;
	readonly observation: Observation;
	readonly action: Action;
	readonly reward: number;
	readonly breakdown: RewardBreakdown;
	readonly done: boolean;
	/** The observation the step returned (for the next role) and the running figures after it. */
	readonly next: Observation;
	readonly info: StepInfo;
};

export type EpisodeResult = {
	readonly resolved: boolean;
	readonly final_step: number;
	readonly cumulative_reward: number;
	readonly wrong_fixes: number;
	readonly oversight_flags: readonly string[];
	readonly declared_root_cause: string | null;
	readonly mttr_steps: number;
};

export type Seats = Partial<Record<Role, Policy>>;
export type PolicyMap = Partial<Record<Role, PolicyName>>;

/** One policy instance per distinct name, so that roles sharing a name share one RNG stream. */
export function buildSeats(policies: PolicyMap, scenario: Scenario, seed: number = scenario.seed): Seats {
	const instances = new Map<PolicyName, Policy>();
	const seats: Seats = {};
	for (const role of ROLES) {
		const name = policies[role];
		if (name === undefined) continue;
		let policy = instances.get(name);
		if (policy === undefined) {
			policy = POLICY_FACTORIES[name]({seed, scenario});
			instances.set(name, policy);
		}
		seats[role] = policy;
	}
	return seats;
}

export type EpisodeOptions = {
	/** At most this many turns; the default is max_steps × 4. */
	readonly maxTurns?: number;
	readonly env?: ChaosOpsEnv;
};

type StepListener = (step: EpisodeStep) => void;

export class Episode {
	readonly env: ChaosOpsEnv;
	readonly scenario: Scenario;
	readonly maxTurns: number;
	private readonly seats: Seats;
	private turnCount = 0;
	private current: Observation;
	private readonly listeners = new Set<StepListener>();

	constructor(scenario: Scenario, seats: Seats, options: EpisodeOptions = {}) {
		this.env = options.env ?? new ChaosOpsEnv();
		this.scenario = scenario;
		this.seats = seats;
		this.maxTurns = options.maxTurns ?? scenario.max_steps * 4;
		this.current = this.env.reset(scenario);
	}

	get observation(): Observation {
		return this.current;
	}

	get turn(): number {
		return this.turnCount;
	}

	get currentRole(): Role {
		return this.env.currentRole;
	}

	get over(): boolean {
		return this.env.done || this.turnCount >= this.maxTurns;
	}

	subscribe(listener: StepListener): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	/** Ask the acting role's policy for its action; an empty seat plays noop. */
	decide(): Decision {
		const role = this.currentRole;
		return this.seats[role]?.act(this.current, role) ?? NOOP;
	}

	/** The turn function: the acting role takes this action (its role forced to the turn's role). */
	apply(request: ActionRequest): EpisodeStep {
		const role = this.currentRole;
		const observation = this.current;
		const {action, observation: next, breakdown, info} = this.env.step(request);
		const step: EpisodeStep = {
			turn: this.turnCount,
			role,
			observation,
			action,
			reward: next.reward,
			breakdown,
			done: next.done,
			next,
			info,
		};
		this.turnCount++;
		this.current = next;
		for (const listener of this.listeners) listener(step);
		return step;
	}

	result(): EpisodeResult {
		const info = this.env.info();
		return {
			resolved: info.resolved,
			final_step: info.step_count,
			cumulative_reward: info.cumulative_reward,
			wrong_fixes: info.wrong_fixes,
			oversight_flags: info.oversight_flags,
			declared_root_cause: info.declared_root_cause,
			mttr_steps: info.resolved ? info.step_count : -1,
		};
	}
}

/**
 * Plays turns until the episode is over. Stays synchronous while every decision is immediate and
 * continues asynchronously from the first pending one, so the batch path never touches a promise.
 */
export function playOut(episode: Episode): EpisodeResult | Promise<EpisodeResult> {
	while (!episode.over) {
		const decision = episode.decide();
		if (isPending(decision)) {
			return Promise.resolve(decision).then(action => {
				episode.apply(action);
				return playOut(episode);
			});
		}
		episode.apply(decision);
	}
	return episode.result();
}

export type EpisodeRun = {readonly steps: EpisodeStep[]; readonly result: EpisodeResult};

/** playOut for scripted seats only: a pending decision is a programming error here. */
export function playScripted(episode: Episode): EpisodeResult {
	const result = playOut(episode);
	if (result instanceof Promise) throw new TypeError('a scripted run met a pending decision; use runEpisodeAsync');
	return result;
}

/** A new episode and the list its steps are kept in as they are played. */
export function episodeKeepingSteps(scenario: Scenario, seats: Seats, options: EpisodeOptions = {}) {
	const episode = new Episode(scenario, seats, options);
	const steps: EpisodeStep[] = [];
	episode.subscribe(step => steps.push(step));
	return {episode, steps};
}

/** The seed's run_episode, for scripted policies: every decision must be immediate. */
export function runEpisode(scenario: Scenario, seats: Seats, options: EpisodeOptions = {}): EpisodeRun {
	const {episode, steps} = episodeKeepingSteps(scenario, seats, options);
	return {steps, result: playScripted(episode)};
}

/** run_episode for any policies, humans and remote models included. */
export async function runEpisodeAsync(scenario: Scenario, seats: Seats, options: EpisodeOptions = {}): Promise<EpisodeRun> {
	const {episode, steps} = episodeKeepingSteps(scenario, seats, options);
	return {steps, result: await playOut(episode)};
}

/** The seed's run_batch: each scenario with the same policy map, each policy built with the scenario's seed. */
export function runBatch(scenarios: readonly Scenario[], policies: PolicyMap): EpisodeResult[] {
	return scenarios.map(scenario => playScripted(new Episode(scenario, buildSeats(policies, scenario))));
}
