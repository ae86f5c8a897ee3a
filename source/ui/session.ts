// One interactive episode for the app. The runner plays it: each seat holds either the person at the keyboard or a
// scripted policy paced for watching. The session hands seats over, undoes by replaying, and publishes what the
// screen shows as an immutable snapshot; it never decides a turn itself.
import {Pacer} from '../agents/pacing.js';
import {HUMAN, Person} from '../agents/person.js';
import {oracleMove} from '../agents/policies.js';
import {EMPTY_SEAT, type Policy} from '../agents/policy.js';
import {Episode, type EpisodeEvent, type EpisodeResult, type EpisodeStep, type PendingTurn, type Seats} from '../agents/runner.js';
import type {GroundTruthState} from '../env/environment.js';
import type {Incident} from '../env/incident.js';
import type {TrainerNote} from '../env/trainer-notes.js';
import type {ActionRequest, Observation, Scenario} from '../env/types.js';
import {ROLES, type Role, byRole} from '../env/vocabulary.js';
import {type EpisodeJournal, journalFollowing} from '../io/recording-writer.js';
import type {Vocabulary} from './action-form.js';
import {type BaselineTeam, baselineResults} from '../agents/baselines.js';
import type {Series} from './seat-screen.js';

import {type TimelineEntry, reviewTimeline} from '../io/debrief.js';

export {HUMAN} from '../agents/person.js';

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
	/** A replay's: the help the recorded player took, which the summary reports instead of the watcher's. */
	readonly recordedHelp?: HelpTaken | undefined;
	/** A replay's: the recording's timeline for the review, each step with who decided it as the recording says. */
	readonly recordedTimeline?: (() => TimelineEntry[]) | undefined;
};

/** A pending turn, and whether it waits for the person at the keyboard. */
export type PendingPlay = PendingTurn & {readonly human: boolean};

/** What the incident's author wrote for trainers: what really happened, why the misleading signs mislead, notes on notable actions, hints. */
export type Trainer = {
	readonly rootCause: string;
	readonly redHerrings: string | null;
	readonly notes: readonly TrainerNote[];
	/** From vague to explicit. */
	readonly hints: readonly string[];
};

/** Which incident is played: its name (the true root cause) and its headline. */
export type IncidentLabel = {readonly name: string; readonly title: string};

/** The help the player asked for with `h`: the incident's hints shown so far, and the oracle's moves after them. */
export type HintsTaken = {
	/** The first hints of the incident's ladder, vague to explicit, as many as were asked for. */
	readonly shown: readonly string[];
	/** How many hints the ladder holds. */
	readonly ladder: number;
	/** How often, the ladder used up, the oracle's move was asked for. */
	readonly oracleMoves: number;
};

/** The help an episode's player took, as the summary counts it. */
export type HelpTaken = {
	readonly hints: number;
	readonly ladder: number;
	readonly oracleMoves: number;
	/** The step under way when the ground truth was revealed, or null. */
	readonly revealedAtStep: number | null;
};

/** What the oracle would do in a seat: the incident's planned move for that role at that role's turn. */
export type OracleMove = {readonly role: Role; readonly action: ActionRequest};

/**
 * What one `h` gives: the ladder's next hint, or once it is used up, what the oracle would do in the seat of the
 * pending turn (null when that turn is not the player's to take).
 */
export type Hint =
	| {readonly kind: 'ladder'; readonly step: number; readonly of: number; readonly text: string}
	| {readonly kind: 'oracle'; readonly of: number; readonly move: OracleMove | null};

/** Everything the screen may show of the session at one moment. It never changes: the session publishes a new one. */
export type PlaySnapshot = {
	readonly scenario: Scenario;
	readonly incident: IncidentLabel;
	/** The names the incident's actions choose among. */
	readonly vocabulary: Vocabulary;
	readonly readOnly: boolean;
	/** The first observation of the episode (the SRE's at reset). */
	readonly start: Observation;
	readonly played: readonly EpisodeStep[];
	readonly pending: PendingPlay | null;
	/** Who holds each seat: `human` or the scripted policy's name. */
	readonly holders: Readonly<Record<Role, string>>;
	readonly humanRoles: readonly Role[];
	readonly paused: boolean;
	/** Steps the environment has counted so far. */
	readonly stepCount: number;
	/** The step under way (the steps played, plus one) when the player first revealed the ground truth, or null. */
	readonly revealedAtStep: number | null;
	/** The ground truth as it stands, once revealed; null before. */
	readonly truth: GroundTruthState | null;
	/** The incident author's explanation, notes and hints, once the ground truth is revealed or the episode is over; null before. */
	readonly trainer: Trainer | null;
	readonly hints: HintsTaken;
	/** What the summary reports: this session's help, or in a replay the recorded player's. */
	readonly helpTaken: HelpTaken;
	/** Each service's latency and error rate after every step so far (the recorder's, oldest first). */
	readonly history: Readonly<Record<string, Series>>;
	readonly result: EpisodeResult | null;
	/** What the oracle and heuristic teams score on the same scenario and seed; worked out once the episode is over. */
	readonly baselines: Readonly<Record<BaselineTeam, EpisodeResult>> | null;
	readonly failure: unknown;
	/** What the journal wants the player to know (a replay that no longer agrees), or null. */
	readonly notice: string | null;
	/** What a replayed recording says happened by now besides the steps (a drill's players, pauses, notes and hints). */
	readonly recordedEvents: readonly string[];
};

const NO_EVENTS: readonly string[] = Object.freeze([]);

const recordedHistory = (episode: Episode, services: readonly string[]): Record<string, Series> =>
	Object.fromEntries(services.map(service => [service, episode.env.metrics.series(service)]));


/** A frozen copy of the incident file's trainer material: nothing a snapshot holds reaches back into the incident. */
const frozenTrainer = ({root_cause, red_herrings, notes = [], hints}: Incident['file']['trainer']): Trainer =>
	Object.freeze({
		rootCause: root_cause,
		redHerrings: red_herrings ?? null,
		notes: Object.freeze(notes.map(note => Object.freeze({...note, ...(note.replicas && {replicas: Object.freeze({...note.replicas})})}))),
		hints: Object.freeze([...hints]),
	});

export class PlaySession {
	private readonly config: SessionConfig;
	private readonly readOnly: boolean;
	private readonly humans: Set<Role>;
	private readonly vocabulary: Vocabulary;
	private readonly incident: IncidentLabel;
	private readonly trainer: Trainer;
	private readonly person = new Person();
	private readonly pacer: Pacer;
	private readonly journal: EpisodeJournal | undefined;
	private episode!: Episode;
	/** The scripted policies of the current episode, paced. */
	private paced!: Record<Role, Policy>;
	private start!: Observation;
	private played: readonly EpisodeStep[] = [];
	private history!: Record<string, Series>;
	private result: EpisodeResult | null = null;
	private baselines: Record<BaselineTeam, EpisodeResult> | null = null;
	private failure: unknown = null;
	private revealedAtStep: number | null = null;
	/** Kept through undo: a hint once read stays read. */
	private hintsShown = 0;
	private oracleMoves = 0;
	private current!: PlaySnapshot;
	private readonly listeners = new Set<() => void>();

	constructor(config: SessionConfig) {
		this.config = config;
		this.readOnly = config.readOnly ?? false;
		const {incident} = config.scenario;
		this.vocabulary = Object.freeze({services: incident.serviceNames, fleetAgents: incident.fleetAgents, rootCauses: incident.rootCauses});
		this.incident = Object.freeze({name: incident.name, title: incident.file.title});
		this.trainer = frozenTrainer(incident.file.trainer);
		this.humans = new Set(config.humans);
		this.pacer = new Pacer(config.delayMs);
		this.begin([]);
		this.journal = config.openJournal?.(this.start);
		this.playOn();
	}

	subscribe = (listener: () => void): (() => void) => {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	};

	/** The session as it stands: the same object until something changes. */
	snapshot = (): PlaySnapshot => this.current;

	/** The person's decision for the pending turn, if it is theirs. */
	choose(action: ActionRequest): void {
		if (this.episode.pending?.by === HUMAN) this.person.answer(action);
	}

	togglePause(): void {
		this.pacer.togglePause();
		this.publish();
	}

	/** Plays the pending scripted turn now (while paused). */
	stepOnce(): void {
		this.pacer.stepOnce();
	}

	/** Takes a seat over, or hands it back to its scripted policy. */
	toggleSeat(role: Role): void {
		if (this.readOnly || this.result !== null) return;
		if (this.humans.has(role)) this.humans.delete(role);
		else this.humans.add(role);
		this.episode.seat(role, this.seatFor(role));
		this.publish();
	}

	/**
	 * Back to just before the last human decision: the environment is deterministic, so a fresh episode that
	 * replays the earlier steps is that moment again. Returns false when there is nothing to undo.
	 */
	/** The review's timeline: the steps played so far, each with its verdicts and the incident's note. */
	review(): TimelineEntry[] {
		return this.config.recordedTimeline?.() ?? reviewTimeline(this.config.scenario, this.played);
	}

	undo(): boolean {
		if (this.readOnly) return false;
		const index = this.played.findLastIndex(step => step.by === HUMAN);
		if (index < 0) return false;
		this.journal?.undo(this.played[index]!.turn);
		this.begin(this.played.slice(0, index));
		this.playOn();
		return true;
	}

	reveal(): void {
		if (this.revealedAtStep !== null) return;
		this.revealedAtStep = this.current.stepCount + 1;
		this.journal?.reveal(this.episode.turn);
		this.publish();
	}

	/**
	 * The incident's next hint; once they are all shown, what the oracle would do in the pending seat. Each hint given
	 * is written to the journal.
	 */
	hint(): Hint {
		const ladder = this.trainer.hints;
		if (this.hintsShown < ladder.length) {
			const text = ladder[this.hintsShown++]!;
			this.journal?.hint(this.episode.turn, 'ladder');
			this.publish();
			return {kind: 'ladder', step: this.hintsShown, of: ladder.length, text};
		}
		const move = this.oracleMove();
		if (move !== null) {
			this.oracleMoves++;
			this.journal?.hint(this.episode.turn, 'oracle');
			this.publish();
		}
		return {kind: 'oracle', of: ladder.length, move};
	}

	dispose(): void {
		this.episode.stop();
		this.listeners.clear();
	}

	/**
	 * The oracle's move in the pending seat, when that turn is the player's (in a replay, whoever's it is): its plan for
	 * the role as of the role's turns so far, never a guess from what the seat sees.
	 */
	private oracleMove(): OracleMove | null {
		const pending = this.episode.pending;
		if (pending === null || (!this.readOnly && pending.by !== HUMAN)) return null;
		const roleTurn = this.played.filter(step => step.role === pending.role).length;
		return {role: pending.role, action: oracleMove(this.config.scenario.incident, pending.role, roleTurn)};
	}

	private seatFor(role: Role): Policy {
		return this.humans.has(role) ? this.person : this.paced[role];
	}

	/** A fresh episode with the kept steps replayed, its seats handed to the person and the paced scripts. */
	private begin(kept: readonly EpisodeStep[]): void {
		this.episode?.stop();
		const scripts = this.config.scripts();
		const episode = new Episode(this.config.scenario, scripts);
		this.start = episode.observation;
		// The scripts hold the seats while the kept steps replay, so that each is asked again for the steps it decided.
		this.played = episode.replay(kept).steps;
		this.paced = byRole(role => this.pacer.pace(scripts[role] ?? EMPTY_SEAT));
		for (const role of ROLES) episode.seat(role, this.seatFor(role));
		this.episode = episode;
		this.result = null;
		this.history = recordedHistory(episode, this.vocabulary.services);
	}

	/** Plays the episode on from here, its steps and seat changes written to the journal before the screen hears of them. */
	private playOn(): void {
		const episode = this.episode;
		if (this.journal !== undefined) journalFollowing(this.journal, episode);
		episode.subscribe(event => this.follow(event));
		Promise.resolve(episode.play()).then(
			result => {
				if (this.episode !== episode) return;
				this.result = result;
				this.baselines ??= baselineResults(this.config.scenario);
				this.publish();
			},
			(error: unknown) => {
				this.failure = error;
				this.publish();
			},
		);
		this.publish();
	}

	private follow(event: EpisodeEvent): void {
		if (event.kind === 'seat') return; // published by the command that handed the seat over
		if (event.kind === 'step') {
			this.played = [...this.played, event.step];
			this.history = recordedHistory(this.episode, this.vocabulary.services);
		}
		this.publish();
	}

	private publish(): void {
		const {episode} = this;
		const pending = episode.pending;
		this.current = Object.freeze({
			scenario: this.config.scenario,
			incident: this.incident,
			vocabulary: this.vocabulary,
			readOnly: this.readOnly,
			start: this.start,
			played: this.played,
			pending: pending === null ? null : {...pending, human: pending.by === HUMAN},
			holders: byRole(role => episode.holder(role)),
			humanRoles: ROLES.filter(role => this.humans.has(role)),
			paused: this.pacer.paused,
			stepCount: this.played.at(-1)?.info.step_count ?? 0,
			revealedAtStep: this.revealedAtStep,
			truth: this.revealedAtStep === null ? null : episode.env.state(),
			trainer: this.revealedAtStep === null && this.result === null ? null : this.trainer,
			hints: {shown: this.trainer.hints.slice(0, this.hintsShown), ladder: this.trainer.hints.length, oracleMoves: this.oracleMoves},
			helpTaken: this.config.recordedHelp ?? {
				hints: this.hintsShown,
				ladder: this.trainer.hints.length,
				oracleMoves: this.oracleMoves,
				revealedAtStep: this.revealedAtStep,
			},
			history: this.history,
			result: this.result,
			baselines: this.baselines,
			failure: this.failure,
			notice: this.journal?.notice?.() ?? null,
			recordedEvents: this.journal?.recordedEvents?.() ?? NO_EVENTS,
		});
		for (const listener of this.listeners) listener();
	}
}
