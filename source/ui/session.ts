// One interactive episode. The runner's playOut drives it; every seat holds the same desk policy, whose decision
// this session hands either to the person at the keyboard (human roles) or, after the pacing delay, to the scripted
// policy of that role. Who holds a seat can change at any moment without touching the episode.
import {heuristicPolicy} from '../agents/policies.js';
import {type Decision, NOOP, type Policy, isPending} from '../agents/policy.js';
import {Episode, type EpisodeResult, type EpisodeStep, type Seats, playOut} from '../agents/runner.js';
import type {ActionRequest, Observation, Scenario} from '../env/types.js';
import {ROLES, type Role} from '../env/vocabulary.js';
import type {EpisodeJournal} from '../io/recording.js';

export const HUMAN = 'human';

/** A step as it was played, with who decided it: `human` or the scripted policy's name. */
export type PlayedStep = {readonly step: EpisodeStep; readonly by: string};

export type PendingTurn = {readonly role: Role; readonly observation: Observation; readonly human: boolean};

export type SessionConfig = {
	readonly scenario: Scenario;
	/** Fresh scripted policies for every seat, built the same way each time so that a rebuild replays their RNG. */
	readonly scripts: () => Seats;
	readonly humans: readonly Role[];
	readonly delayMs: number;
	/** Where the episode is recorded, opened with the first observation. */
	readonly openJournal?: ((reset: Observation) => EpisodeJournal) | undefined;
	/** A replay: nobody takes a seat, nothing is undone. */
	readonly readOnly?: boolean | undefined;
};

type Waiting = PendingTurn & {readonly resolve: (action: ActionRequest) => void};

export class PlaySession {
	readonly scenario: Scenario;
	readonly readOnly: boolean;
	episode!: Episode;
	/** The first observation of the episode (the SRE's at reset). */
	start!: Observation;
	played: PlayedStep[] = [];
	paused = false;
	/** The step count when the player first revealed the ground truth, or null. */
	revealedAtStep: number | null = null;
	result: EpisodeResult | null = null;
	failure: unknown = null;
	private readonly config: SessionConfig;
	private readonly journal: EpisodeJournal | undefined;
	private readonly humans: Set<Role>;
	private scripts: Seats = {};
	private waiting: Waiting | null = null;
	private timer: ReturnType<typeof setTimeout> | undefined;
	private decidedBy = HUMAN;
	private version = 0;
	private readonly listeners = new Set<() => void>();

	constructor(config: SessionConfig) {
		this.config = config;
		this.scenario = config.scenario;
		this.readOnly = config.readOnly ?? false;
		this.humans = new Set(config.humans);
		this.begin([]);
		this.journal = config.openJournal?.(this.start);
	}

	get pending(): PendingTurn | null {
		return this.waiting;
	}

	/** What the journal wants the player to know, if anything. */
	get notice(): string | null {
		return this.journal?.notice?.() ?? null;
	}

	/** Steps the environment has counted so far. */
	get stepCount(): number {
		return this.played.at(-1)?.step.info.step_count ?? 0;
	}

	get humanRoles(): Role[] {
		return ROLES.filter(role => this.humans.has(role));
	}

	/** Who plays a seat now: `human` or the scripted policy's name. */
	holder(role: Role): string {
		return this.humans.has(role) ? HUMAN : (this.scripts[role]?.name ?? 'noop');
	}

	/** The person's decision for the pending human turn. */
	choose(action: ActionRequest): void {
		if (this.waiting?.human) this.settle(action, HUMAN);
	}

	togglePause(): void {
		this.paused = !this.paused;
		this.pace();
		this.changed();
	}

	/** Plays the pending scripted turn now (while paused). */
	stepOnce(): void {
		if (this.paused) this.playScripted();
	}

	/** Takes a seat over, or hands it back to its scripted policy. */
	toggleSeat(role: Role): void {
		if (this.readOnly || this.result !== null) return;
		if (this.humans.has(role)) this.humans.delete(role);
		else this.humans.add(role);
		const waiting = this.waiting;
		if (waiting?.role === role) this.waiting = {...waiting, human: this.humans.has(role)};
		this.journal?.seat(this.episode.turn, role, this.holder(role));
		this.pace();
		this.changed();
	}

	/**
	 * Back to just before the last human decision: the environment is deterministic, so a fresh episode that
	 * re-applies the earlier actions is that moment again. Returns false when there is nothing to undo.
	 */
	undo(): boolean {
		if (this.readOnly) return false;
		const index = this.played.findLastIndex(played => played.by === HUMAN);
		if (index < 0) return false;
		this.journal?.undo(this.played[index]!.step.turn);
		this.begin(this.played.slice(0, index));
		return true;
	}

	reveal(): void {
		if (this.revealedAtStep !== null) return;
		this.revealedAtStep = this.stepCount;
		this.journal?.reveal(this.episode.turn);
		this.changed();
	}

	/** What the heuristic policy would do in the pending seat; a fresh instance, so the team's RNG is untouched. */
	hint(): ActionRequest | null {
		const waiting = this.waiting;
		if (waiting === null) return null;
		const decision = heuristicPolicy(this.scenario.seed).act(waiting.observation, waiting.role);
		return isPending(decision) ? null : decision;
	}

	subscribe = (listener: () => void): (() => void) => {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	};

	snapshot = (): number => this.version;

	dispose(): void {
		clearTimeout(this.timer);
		this.waiting = null;
		this.listeners.clear();
	}

	private begin(kept: readonly PlayedStep[]): void {
		clearTimeout(this.timer);
		this.waiting = null;
		this.result = null;
		const desk: Policy = {name: 'desk', act: (observation, role) => this.awaitDecision(observation, role)};
		const episode = new Episode(this.scenario, Object.fromEntries(ROLES.map(role => [role, desk])));
		this.start = episode.observation;
		this.scripts = this.config.scripts();
		for (const {step, by} of kept) {
			// Asking the scripted policy again moves its RNG as the first time did, so later turns draw the same numbers.
			if (by !== HUMAN) this.scripts[step.role]?.act(episode.observation, step.role);
			episode.apply(step.action);
		}
		this.played = [...kept];
		this.episode = episode;
		episode.subscribe(step => this.record(step));
		Promise.resolve(playOut(episode)).then(
			result => {
				if (this.episode !== episode) return;
				this.result = result;
				this.changed();
			},
			(error: unknown) => this.fail(error),
		);
		this.changed();
	}

	private awaitDecision(observation: Observation, role: Role): Promise<ActionRequest> {
		return new Promise(resolve => {
			this.waiting = {role, observation, human: this.humans.has(role), resolve};
			this.pace();
			this.changed();
		});
	}

	private record(step: EpisodeStep): void {
		this.played.push({step, by: this.decidedBy});
		this.journal?.step(step, this.decidedBy);
		this.changed();
	}

	private settle(action: ActionRequest, by: string): void {
		const waiting = this.waiting;
		if (waiting === null) return;
		clearTimeout(this.timer);
		this.waiting = null;
		this.decidedBy = by;
		waiting.resolve(action);
	}

	private pace(): void {
		clearTimeout(this.timer);
		if (this.waiting === null || this.waiting.human || this.paused) return;
		this.timer = setTimeout(() => this.playScripted(), this.config.delayMs);
	}

	private playScripted(): void {
		const waiting = this.waiting;
		if (waiting === null || waiting.human) return;
		const policy = this.scripts[waiting.role];
		const by = policy?.name ?? 'noop';
		let decision: Decision;
		try {
			decision = policy?.act(waiting.observation, waiting.role) ?? NOOP;
		} catch (error) {
			this.fail(error);
			return;
		}
		if (!isPending(decision)) {
			this.settle(decision, by);
			return;
		}
		decision.then(
			action => {
				if (this.waiting === waiting) this.settle(action, by);
			},
			(error: unknown) => this.fail(error),
		);
	}

	private fail(error: unknown): void {
		this.failure = error;
		this.changed();
	}

	private changed(): void {
		this.version++;
		for (const listener of this.listeners) listener();
	}
}
