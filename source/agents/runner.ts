// The runner (§12): plays an episode turn by turn, and is the one game loop. Batch evaluation, `run`, the app and
// recordings all drive episodes through it. Each seat holds a policy (a script, a person, a model, a remote player)
// that can be handed to another between turns, or while its decision is pending; each turn yields an EpisodeStep
// naming who decided it and how long that took.
import {normaliseAction} from '../env/action.js';
import {ChaosOpsEnv} from '../env/environment.js';
import type {Action, ActionRequest, Observation, RewardBreakdown, Scenario, StepInfo} from '../env/types.js';
import {ROLES, type Role, TURN_ORDER} from '../env/vocabulary.js';
import {type PolicyName, POLICY_FACTORIES} from './policies.js';
import {type AgentDecision, type AgentTurn, EMPTY_SEAT, type Policy, decided, isPending} from './policy.js';
import {SCRIPTED_LINE, type ScriptedLine, scriptedLinePolicy} from './scripted-line.js';

/** One turn, as it happened: what the role saw, who decided what it did, and what it earned. */
export type EpisodeStep = {
	readonly turn: number;
	readonly role: Role;
	/** The seat holder's name: a policy, or `human`. */
	readonly by: string;
	/** Wall-clock milliseconds the decision was pending; 0 for one made at once (a script deciding in the batch path). */
	readonly decisionMs: number;
	/** The model's or program's account of its decision (see AgentTurn); undefined for every other holder. */
	readonly agent: AgentTurn | undefined;
	/** What the acting role saw before acting. */
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
/**
 * A seat held by an agent outside the project: a language model behind a chat endpoint (`llm`), or a program that
 * reads observations and answers actions (`cmd`, its command line). How to reach either is the caller's (net/).
 */
export type AgentSeat = {readonly kind: 'llm'} | {readonly kind: 'cmd'; readonly command: string};
/** What a seat holds: a scripted policy by name, a fixed line of actions, or an agent. */
export type SeatPolicy = PolicyName | ScriptedLine | AgentSeat;
export type PolicyMap = Partial<Record<Role, SeatPolicy>>;

/**
 * Makes the policy of an agent seat (net/ knows how); asked once per distinct agent and episode, so that seats naming
 * the same program share one process, and the same model one conversation's settings.
 */
export type AgentSeatFactory = (seat: AgentSeat, scenario: Scenario) => Policy;

export const isAgentSeat = (policy: SeatPolicy): policy is AgentSeat => typeof policy === 'object' && 'kind' in policy;

/** The name of a seat's holder, as steps and recordings give it: an agent's is its kind (`llm`, `cmd`). */
export const seatPolicyName = (policy: SeatPolicy): string => (typeof policy === 'string' ? policy : isAgentSeat(policy) ? policy.kind : SCRIPTED_LINE);

/** Two seats naming the same agent share it: the key they share. */
const agentKey = (seat: AgentSeat): string => (seat.kind === 'cmd' ? `cmd:${seat.command}` : seat.kind);

/**
 * An agent seat where nobody can reach the agent (a replay, a re-simulation, a debrief): every step it took comes
 * from the recording, so it is never asked to decide, and if it were, it would not.
 */
export const unreachableAgent = (seat: AgentSeat): Policy => ({
	name: seat.kind,
	redecides: false,
	act: () => new Promise<never>(() => {}),
});

/** A turn waiting for its seat's decision. */
export type PendingTurn = {
	readonly turn: number;
	readonly role: Role;
	readonly observation: Observation;
	readonly by: string;
	/** What to show while it is pending: the holder's title (a model's name), else its name. */
	readonly title: string;
};

/** What an episode tells its subscribers: a step played, a decision now pending, a seat changing hands. */
export type EpisodeEvent =
	| {readonly kind: 'step'; readonly step: EpisodeStep}
	| {readonly kind: 'pending'; readonly pending: PendingTurn}
	| {readonly kind: 'seat'; readonly turn: number; readonly role: Role; readonly by: string};

/** A step whose action is known already (kept across an undo, read from a recording): replay plays it again. */
export type KnownStep = {readonly action: ActionRequest; readonly by: string; readonly decisionMs?: number; readonly agent?: AgentTurn | undefined};

export type Replayed = {
	readonly steps: EpisodeStep[];
	/**
	 * Per step, what the seat's holder decides when asked again (normalised), or null where it was not asked: a step
	 * whose `by` is not the holder's name, or a holder whose decisions are pending (a person, a model).
	 */
	readonly redecided: ReadonlyArray<Action | null>;
	/** Known steps left over because the episode was over before them. */
	readonly unplayed: number;
};

/**
 * One policy instance per distinct name, so that roles sharing a name share one RNG stream; one per seat for a line;
 * one per distinct agent, made by `agents` (without it, an agent that never decides: see unreachableAgent).
 */
export function buildSeats(policies: PolicyMap, scenario: Scenario, seed: number = scenario.seed, agents: AgentSeatFactory = unreachableAgent): Seats {
	const instances: Partial<Record<PolicyName, Policy>> = {};
	let agentInstances: Map<string, Policy> | undefined;
	const seats: Seats = {};
	for (const role of ROLES) {
		const name = policies[role];
		if (name === undefined) continue;
		if (typeof name === 'string') seats[role] = instances[name] ??= POLICY_FACTORIES[name]({seed, scenario});
		else if (!isAgentSeat(name)) seats[role] = scriptedLinePolicy(name);
		else {
			const key = agentKey(name);
			agentInstances ??= new Map();
			const agent = agentInstances.get(key) ?? agents(name, scenario);
			agentInstances.set(key, agent);
			seats[role] = agent;
		}
	}
	return seats;
}

export type EpisodeOptions = {readonly env?: ChaosOpsEnv};

type Listener = (event: EpisodeEvent) => void;
type Waiting = {readonly pending: PendingTurn; readonly policy: Policy; readonly since: number};
type Settle = {readonly resolve: (result: EpisodeResult) => void; readonly reject: (error: unknown) => void};

const now = () => performance.now();

export class Episode {
	readonly env: ChaosOpsEnv;
	readonly scenario: Scenario;
	private readonly seats: Record<Role, Policy>;
	private turnCount = 0;
	/** What the role whose turn it is sees; null when the batch path has not built it (see the getter). */
	private current: Observation | null = null;
	/** Made by the first subscriber: the batch path plays most episodes unwatched. */
	private listeners: Set<Listener> | null = null;
	private waiting: Waiting | null = null;
	/** Settles the promise play() returned once a decision was pending; null while nothing awaits it. */
	private settle: Settle | null = null;
	private stopped = false;
	/** By turn position: each seat's blind decider (see Policy.blind), null for a holder that must see, undefined until asked. */
	private readonly deciders: Array<(() => Action) | null | undefined> = TURN_ORDER.map(() => undefined);

	constructor(scenario: Scenario, seats: Seats, options: EpisodeOptions = {}) {
		this.env = options.env ?? new ChaosOpsEnv();
		this.scenario = scenario;
		this.seats = {sre: EMPTY_SEAT, dev: EMPTY_SEAT, manager: EMPTY_SEAT, oversight: EMPTY_SEAT, ...seats};
		this.env.begin(scenario);
	}

	/** What the role whose turn it is sees, built when first asked for since the last step. */
	get observation(): Observation {
		return (this.current ??= this.env.observation());
	}

	get turn(): number {
		return this.turnCount;
	}

	get currentRole(): Role {
		return this.env.currentRole;
	}

	get over(): boolean {
		return this.env.done;
	}

	/** The turn waiting for a decision, or null (between turns, in the batch path, once over). */
	get pending(): PendingTurn | null {
		return this.waiting?.pending ?? null;
	}

	/** Who holds a seat: its policy's name, `human` for a person, `noop` for a seat nobody plays. */
	holder(role: Role): string {
		return this.seats[role].name;
	}

	subscribe(listener: Listener): () => void {
		const listeners = (this.listeners ??= new Set());
		listeners.add(listener);
		return () => listeners.delete(listener);
	}

	/**
	 * Hands a seat to another policy (undefined: nobody, so noop). When that seat's decision is pending, the old
	 * holder is told it is no longer wanted and the new one is asked instead.
	 */
	seat(role: Role, policy: Policy | undefined): void {
		const before = this.seats[role];
		const after = policy ?? EMPTY_SEAT;
		this.seats[role] = after;
		this.deciders[TURN_ORDER.indexOf(role)] = undefined;
		if (after.name !== before.name) this.emit({kind: 'seat', turn: this.turnCount, role, by: after.name});
		const waiting = this.waiting;
		if (waiting === null || waiting.pending.role !== role || waiting.policy === after) return;
		this.waiting = null;
		waiting.policy.cancel?.();
		this.proceed(() => {});
	}

	/**
	 * Plays turns until the episode is over. Stays synchronous while every decision is immediate and continues
	 * asynchronously from the first pending one, so the batch path never touches a promise.
	 */
	play(): EpisodeResult | Promise<EpisodeResult> {
		if (this.settle !== null || this.waiting !== null) throw new Error('this episode is already being played');
		// A listener that hands the seat over as the first decision turns pending plays on inside this call; if
		// that ends the episode, it is over here too.
		if (this.playImmediate() || this.env.done) return this.result();
		return new Promise((resolve, reject) => {
			this.settle = {resolve, reject};
		});
	}

	/**
	 * Plays a known line of steps from where the episode stands: undo's kept steps, a recording's. A step whose `by`
	 * names its seat's holder asks the holder again, so that a scripted policy's state (its random draws) moves as it
	 * did the first time; what it decides now is given back for a caller that checks it.
	 */
	replay(known: Iterable<KnownStep>): Replayed {
		if (this.waiting !== null) throw new Error('replay while a decision is pending');
		const steps: EpisodeStep[] = [];
		const redecided: Array<Action | null> = [];
		let unplayed = 0;
		for (const {action, by, decisionMs = 0, agent} of known) {
			if (this.env.done) {
				unplayed++;
				continue;
			}
			const role = this.env.currentRole;
			const holder = this.seats[role];
			redecided.push(holder.name === by ? this.askAgain(holder, role) : null);
			steps.push(this.apply(action, by, decisionMs, agent));
		}
		return {steps, redecided, unplayed};
	}

	/** Ends play here: a pending decision is withdrawn (its policy told) and none is asked for again. */
	stop(): void {
		this.stopped = true;
		const waiting = this.waiting;
		this.waiting = null;
		this.settle = null;
		waiting?.policy.cancel?.();
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

	/**
	 * Plays immediate decisions; true once the episode is over, false when one is left pending. The batch path: a
	 * seat whose policy decides blind, with nobody watching, is played without an observation or a step record.
	 */
	private playImmediate(): boolean {
		const env = this.env;
		while (!env.done) {
			if (this.stopped) return false;
			if (!this.watched) {
				const decide = this.blindDecider(env.turnPosition);
				if (decide !== null) {
					env.advance(decide());
					this.turnCount++;
					this.current = null;
					continue;
				}
			}
			const role = env.currentRole;
			const policy = this.seats[role];
			const decision = policy.act(this.observation, role);
			if (isPending(decision)) {
				this.await(role, policy, decision);
				return false;
			}
			this.apply(decision, policy.name, 0);
		}
		return true;
	}

	/** The blind decider of the seat at this turn position (TURN_ORDER), asked for once per holder; null for one that must see. */
	private blindDecider(position: number): (() => Action) | null {
		let decide = this.deciders[position];
		if (decide === undefined) {
			const role = TURN_ORDER[position]!;
			decide = this.deciders[position] = this.seats[role].blind?.(role) ?? null;
		}
		return decide;
	}

	private await(role: Role, policy: Policy, decision: PromiseLike<ActionRequest | AgentDecision>): void {
		const pending: PendingTurn = {turn: this.turnCount, role, observation: this.observation, by: policy.name, title: policy.title ?? policy.name};
		const waiting: Waiting = {pending, policy, since: now()};
		this.waiting = waiting;
		this.emit({kind: 'pending', pending: waiting.pending});
		decision.then(
			value => {
				// A decision that comes after its seat changed hands, or after an undo, is no longer wanted.
				if (this.waiting !== waiting) return;
				this.waiting = null;
				const {action, agent} = decided(value);
				this.proceed(() => this.apply(action, policy.name, now() - waiting.since, agent));
			},
			(error: unknown) => {
				if (this.waiting === waiting) this.fail(error);
			},
		);
	}

	/** Takes one step of play (a decision that came in, a seat that changed hands), then plays on. */
	private proceed(step: () => void): void {
		try {
			step();
			if (!this.playImmediate()) return;
			const settle = this.settle;
			this.settle = null;
			settle?.resolve(this.result());
		} catch (error) {
			this.fail(error);
		}
	}

	private fail(error: unknown): void {
		this.waiting = null;
		const settle = this.settle;
		this.settle = null;
		if (settle === null) throw error;
		settle.reject(error);
	}

	private askAgain(holder: Policy, role: Role): Action | null {
		if (holder.redecides === false) return null;
		const decision = holder.act(this.observation, role);
		if (!isPending(decision)) return normaliseAction(decision, role);
		holder.cancel?.();
		return null;
	}

	/** The turn function: the acting role takes this action (its role forced to the turn's role). */
	private apply(request: ActionRequest, by: string, decisionMs: number, agent?: AgentTurn): EpisodeStep {
		const role = this.env.currentRole;
		const observation = this.observation;
		const {action, observation: next, breakdown, info} = this.env.step(request);
		const step: EpisodeStep = {
			turn: this.turnCount,
			role,
			by,
			decisionMs,
			agent,
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
		// No event is built for nobody: the batch path plays most steps unwatched.
		if (this.watched) this.emit({kind: 'step', step});
		return step;
	}

	private get watched(): boolean {
		return this.listeners !== null && this.listeners.size !== 0;
	}

	private emit(event: EpisodeEvent): void {
		if (this.listeners === null) return;
		for (const listener of this.listeners) listener(event);
	}
}

export type EpisodeRun = {readonly steps: EpisodeStep[]; readonly result: EpisodeResult};

/** play() for scripted seats only: a pending decision is a programming error here. */
export function playScripted(episode: Episode): EpisodeResult {
	const result = episode.play();
	if (result instanceof Promise) throw new TypeError('a scripted run met a pending decision; use runEpisodeAsync');
	return result;
}

/** A new episode and the list its steps are kept in as they are played. */
export function episodeKeepingSteps(scenario: Scenario, seats: Seats, options: EpisodeOptions = {}) {
	const episode = new Episode(scenario, seats, options);
	const steps: EpisodeStep[] = [];
	episode.subscribe(event => {
		if (event.kind === 'step') steps.push(event.step);
	});
	return {episode, steps};
}

/** The seed's run_episode, for scripted policies: every decision must be immediate. */
export function runEpisode(scenario: Scenario, seats: Seats, options: EpisodeOptions = {}): EpisodeRun {
	const {episode, steps} = episodeKeepingSteps(scenario, seats, options);
	return {steps, result: playScripted(episode)};
}

/** run_episode for any policies, people and remote models included. */
export async function runEpisodeAsync(scenario: Scenario, seats: Seats, options: EpisodeOptions = {}): Promise<EpisodeRun> {
	const {episode, steps} = episodeKeepingSteps(scenario, seats, options);
	return {steps, result: await episode.play()};
}

/** The seed's run_batch: each scenario with the same policy map, each policy built with the scenario's seed. */
export function runBatch(scenarios: readonly Scenario[], policies: PolicyMap): EpisodeResult[] {
	return scenarios.map(scenario => playScripted(new Episode(scenario, buildSeats(policies, scenario))));
}
