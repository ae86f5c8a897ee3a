// One drill: an episode whose open seats are played by people on their own terminals, the others by teammate
// policies, with a facilitator who can pause it, hint, take notes, hand seats over and end it. The drill plays the
// episode through the runner and decides nothing itself; it says what each seat may be sent (the server delivers it)
// and what happened (the console, the headless log and the recording follow it). No sockets here.
import {Pacer} from '../agents/pacing.js';
import {HUMAN, Person} from '../agents/person.js';
import type {PolicyName} from '../agents/policies.js';
import {NOOP, type Policy} from '../agents/policy.js';
import {type AgentSeat, type AgentSeatFactory, Episode, type EpisodeEvent, type EpisodeResult, type EpisodeStep, type Seats, buildSeats} from '../agents/runner.js';
import {type GroundTruthState, legalActionTypes} from '../env/environment.js';
import type {ActionRequest, Observation, Scenario} from '../env/types.js';
import {ROLES, type Role, byRole} from '../env/vocabulary.js';
import {DRILL_LIMITS, DRILL_PROTOCOL, type EndReason, type PublicStep, type SeatInfo, type ServerMessage, endReason, publicStep} from './drill-protocol.js';

export type Timers = {
	readonly now: () => number;
	readonly setTimeout: (run: () => void, ms: number) => unknown;
	readonly clearTimeout: (timer: unknown) => void;
};

const REAL_TIMERS: Timers = {
	now: () => performance.now(),
	setTimeout: (run, ms) => setTimeout(run, ms),
	clearTimeout: timer => clearTimeout(timer as ReturnType<typeof setTimeout>),
};

export type DrillConfig = {
	readonly scenario: Scenario;
	/** The seats people play; the others are the teammates'. */
	readonly seats: readonly Role[];
	/** The policy that plays every seat nobody plays, and a player's seat while they are away: a script, or an agent. */
	readonly teammates: PolicyName | AgentSeat;
	/** Makes the teammates' policy when it is an agent's (a model, a program). */
	readonly agents?: AgentSeatFactory;
	/** How long a teammate's turn waits, so that people can follow it. */
	readonly delayMs: number;
	/** Seconds a player has for a turn before it plays noop; null for no limit. */
	readonly turnSeconds: number | null;
	readonly timers?: Timers;
};

/** What happened, for the facilitator's console, the headless log and the recording. */
export type DrillEvent =
	| {readonly kind: 'joined'; readonly turn: number; readonly role: Role; readonly name: string}
	| {readonly kind: 'left'; readonly turn: number; readonly role: Role; readonly name: string}
	| {readonly kind: 'started'; readonly turn: number}
	| {readonly kind: 'turn'; readonly turn: number; readonly role: Role; readonly by: string; readonly player: string | null; readonly seconds: number | null}
	| {readonly kind: 'step'; readonly step: EpisodeStep; readonly player: string | null; readonly timedOut: boolean}
	| {readonly kind: 'seat'; readonly turn: number; readonly role: Role; readonly by: string}
	| {readonly kind: 'paused'; readonly turn: number}
	| {readonly kind: 'resumed'; readonly turn: number}
	| {readonly kind: 'hint'; readonly turn: number; readonly role: Role; readonly text: string}
	| {readonly kind: 'note'; readonly turn: number; readonly text: string}
	| {readonly kind: 'ended'; readonly turn: number; readonly reason: EndReason; readonly result: EpisodeResult};

/** Where a message goes: one seat's player, or every spectator. */
export type Recipient = Role | 'spectators';

export type DrillSeat = SeatInfo & {
	/** A seat a person plays (the host's --seats). */
	readonly open: boolean;
	/** Handed to the teammate by the facilitator: its player watches but does not decide. */
	readonly toTeammate: boolean;
	/** Milliseconds the seat's players have taken over their turns so far. */
	readonly thinkingMs: number;
	/** When the seat's pending turn began (the timers' clock), or null. */
	readonly thinkingSince: number | null;
};

/** Everything the facilitator's console shows of the drill at one moment; a new one whenever something changes. */
export type DrillSnapshot = {
	readonly started: boolean;
	readonly paused: boolean;
	readonly turn: number;
	readonly seats: Readonly<Record<Role, DrillSeat>>;
	readonly steps: readonly EpisodeStep[];
	/** Each role's latest observation: its pending one, else the last one it acted on; null before its first turn. */
	readonly observations: Readonly<Record<Role, Observation | null>>;
	readonly pending: {
		readonly turn: number;
		readonly role: Role;
		readonly by: string;
		/** What to show while it is pending: the holder's title (a model's name), else its name. */
		readonly title: string;
		/** When the player's countdown runs out (the timers' clock); null without one, and while paused. */
		readonly deadline: number | null;
		/** While paused, the milliseconds the countdown has left; null otherwise. */
		readonly remainingMs: number | null;
	} | null;
	readonly spectatorView: Role;
	/** The ground truth as it stands: the facilitator's alone (red herrings and malicious fleet actions marked). */
	readonly truth: GroundTruthState;
	readonly ended: DrillEnding | null;
};

export type DrillEnding = {readonly reason: EndReason; readonly result: EpisodeResult};

type SeatState = {
	readonly role: Role;
	readonly open: boolean;
	readonly person: Person;
	player: string | null;
	connected: boolean;
	toTeammate: boolean;
	thinkingMs: number;
	thinkingSince: number | null;
	/** The seat's turn was pending when the drill was paused: its time taken runs again on resume. */
	thinkingPaused: boolean;
	/** The chat and inbox last sent to the player, to send them again only when they change. */
	sentChat: string;
};

type Countdown = {readonly role: Role; readonly turn: number; remainingMs: number; startedAt: number; timer: unknown};

/** The length of the longest text the action carries, in characters (its target, and each of its args). */
const longestText = ({target, args = {}}: ActionRequest): number =>
	Math.max(0, ...[target, ...Object.values(args)].map(value => (typeof value === 'string' ? [...value].length : 0)));


export class Drill {
	readonly scenario: Scenario;
	private readonly config: DrillConfig;
	private readonly timers: Timers;
	private readonly pacer: Pacer;
	private readonly episode: Episode;
	private readonly teammates: Record<Role, Policy>;
	/** The teammates unpaced, released once the drill is over (an agent's program stops with it). */
	private readonly scripts: Seats;
	/** The policy each seat was last handed: the episode knows only its holder's name. */
	private readonly held: Record<Role, Policy>;
	private readonly seatStates: Record<Role, SeatState>;
	private readonly steps: EpisodeStep[] = [];
	private readonly observations: Record<Role, Observation | null> = byRole(() => null);
	/** Who decided each turn a player decided, by turn. */
	private readonly players = new Map<number, string>();
	private readonly timedOut = new Set<number>();
	private countdown: Countdown | null = null;
	private hasStarted = false;
	private isPaused = false;
	private ending: DrillEnding | null = null;
	private view: Role = 'sre';
	private current!: DrillSnapshot;
	private readonly eventListeners = new Set<(event: DrillEvent) => void>();
	private readonly snapshotListeners = new Set<() => void>();
	private readonly outbox: (to: Recipient, message: ServerMessage) => void;
	private settle!: {readonly resolve: (ending: DrillEnding) => void; readonly reject: (error: unknown) => void};
	/** Settles once the drill is over (played out, or stopped); rejects on a bug in playing it. */
	readonly finished: Promise<DrillEnding>;

	constructor(config: DrillConfig, outbox: (to: Recipient, message: ServerMessage) => void) {
		this.config = config;
		this.scenario = config.scenario;
		this.timers = config.timers ?? REAL_TIMERS;
		this.outbox = outbox;
		this.pacer = new Pacer(config.delayMs);
		const scripts = buildSeats(byRole(() => config.teammates), config.scenario, config.scenario.seed, config.agents);
		this.scripts = scripts;
		this.teammates = byRole(role => this.pacer.pace(scripts[role]!));
		this.seatStates = byRole(role => ({
			role,
			open: config.seats.includes(role),
			person: new Person(),
			player: null,
			connected: false,
			toTeammate: false,
			thinkingMs: 0,
			thinkingSince: null,
			thinkingPaused: false,
			sentChat: '',
		}));
		this.held = {...this.teammates};
		this.episode = new Episode(config.scenario, this.teammates);
		this.finished = new Promise((resolve, reject) => (this.settle = {resolve, reject}));
		this.observations.sre = this.episode.observation;
		this.episode.subscribe(event => this.follow(event));
		this.publish();
	}

	subscribe(listener: (event: DrillEvent) => void): () => void {
		this.eventListeners.add(listener);
		return () => this.eventListeners.delete(listener);
	}

	/** For the console: called whenever the snapshot changes. */
	watch = (listener: () => void): (() => void) => {
		this.snapshotListeners.add(listener);
		return () => this.snapshotListeners.delete(listener);
	};

	snapshot = (): DrillSnapshot => this.current;

	/** The episode's first observation (the SRE's at reset): what a recording's header starts from. */
	get resetObservation(): Observation {
		return this.steps[0]?.observation ?? this.episode.observation;
	}

	get turn(): number {
		return this.episode.turn;
	}

	get started(): boolean {
		return this.hasStarted;
	}

	get over(): boolean {
		return this.ending !== null;
	}

	/** Why a player cannot take this seat now, or null if they can. */
	refusal(role: Role): string | null {
		const seat = this.seatStates[role];
		if (this.ending !== null) return 'the drill is over';
		if (!seat.open) return `the ${role} seat is not open in this drill; open seats: ${this.config.seats.join(', ')}`;
		if (seat.connected) return `the ${role} seat is taken${seat.player === null ? '' : ` by ${seat.player}`}`;
		return null;
	}

	/**
	 * A player takes an open seat (first time, or back after a drop): they are sent the drill and the screen as it
	 * stands, and the seat is theirs again from its pending turn on. The drill starts once every open seat is taken.
	 */
	join(role: Role, name: string): void {
		const refusal = this.refusal(role);
		if (refusal !== null) throw new Error(refusal);
		const seat = this.seatStates[role];
		seat.player = name;
		seat.connected = true;
		seat.sentChat = '';
		this.emit({kind: 'joined', turn: this.turn, role, name});
		this.outbox(role, this.welcome(role, name));
		this.outbox(role, this.state(role));
		if (this.hasStarted) {
			// The chat and inbox as they stand: newer than the seat's latest observation when it comes back mid-round.
			this.sendChat(role);
			this.reseat(role);
		}
		this.broadcastSeats();
		if (!this.hasStarted && this.config.seats.every(open => this.seatStates[open].connected)) this.start();
		else this.publish();
	}

	/** What a new spectator is sent: the drill and the team's turn log, then the view the facilitator chooses. */
	spectate(name: string): ServerMessage[] {
		const observation = this.observations[this.view];
		return [this.welcome(null, name), this.state(null), ...(observation === null ? [] : [{type: 'view', role: this.view, observation} as const])];
	}

	/** A player's connection is gone: the teammate plays their seat until they are back. */
	leave(role: Role): void {
		const seat = this.seatStates[role];
		if (!seat.connected) return;
		seat.connected = false;
		this.emit({kind: 'left', turn: this.turn, role, name: seat.player ?? ''});
		if (this.hasStarted) this.reseat(role);
		this.broadcastSeats();
		this.publish();
	}

	/** A player's decision for their pending turn; a refusal in words when it is not theirs to make now. */
	act(role: Role, turn: number, action: ActionRequest): string | null {
		if (this.ending !== null) return 'the drill is over';
		if (this.isPaused) return 'the drill is paused; wait for the facilitator to resume it';
		const pending = this.episode.pending;
		if (pending === null || pending.role !== role || pending.by !== HUMAN) return `it is not your turn (turn ${this.turn} is ${pending?.role ?? 'nobody'}'s)`;
		if (pending.turn !== turn) return `turn ${turn} is over; the pending turn is ${pending.turn}`;
		if (!legalActionTypes(role).includes(action.action_type)) return `${action.action_type} is not an action the ${role} can take`;
		const tooLong = longestText(action);
		if (tooLong > DRILL_LIMITS.actionText) return `an action's text is at most ${DRILL_LIMITS.actionText} characters, and this one has ${tooLong}; it was not played`;
		this.seatStates[role].person.answer(action);
		return null;
	}

	/** Plays from the start with whoever has joined; the open seats nobody took are the teammates' until someone does. */
	start(): void {
		if (this.hasStarted || this.ending !== null) return;
		this.hasStarted = true;
		for (const role of ROLES) this.reseat(role);
		this.emit({kind: 'started', turn: this.turn});
		Promise.resolve(this.episode.play()).then(
			result => this.end(endReason(result, false), result),
			(error: unknown) => this.settle.reject(error),
		);
		this.publish();
	}

	/** Pauses everyone (teammates and countdowns), or resumes; false when it already was so or the drill is over. */
	setPaused(paused: boolean): boolean {
		if (this.ending !== null || paused === this.isPaused) return false;
		this.isPaused = paused;
		this.pacer.togglePause();
		const countdown = this.countdown;
		if (countdown !== null) {
			if (this.isPaused) {
				this.timers.clearTimeout(countdown.timer);
				countdown.remainingMs -= this.timers.now() - countdown.startedAt;
			} else {
				this.runCountdown(countdown);
			}
		}
		// A player's time taken does not run while everyone waits for the facilitator.
		for (const seat of Object.values(this.seatStates)) {
			if (paused && seat.thinkingSince !== null) {
				this.stopThinking(seat);
				seat.thinkingPaused = true;
			} else if (!paused && seat.thinkingPaused) {
				seat.thinkingSince = this.timers.now();
				seat.thinkingPaused = false;
			}
		}
		this.emit({kind: this.isPaused ? 'paused' : 'resumed', turn: this.turn});
		for (const role of this.connectedRoles()) this.outbox(role, {type: 'paused', paused: this.isPaused});
		this.outbox('spectators', {type: 'paused', paused: this.isPaused});
		this.publish();
		return true;
	}

	/** A hint to one seat's player; false when nobody is in that seat to read it. */
	hint(role: Role, text: string): boolean {
		if (!this.seatStates[role].connected) return false;
		this.emit({kind: 'hint', turn: this.turn, role, text});
		this.outbox(role, {type: 'hint', text});
		return true;
	}

	/** "Mark important": a note in the recording at this turn. */
	note(text: string): void {
		this.emit({kind: 'note', turn: this.turn, text});
	}

	/** Hands an open seat to the teammate policy (its player watches), or back to its player; false for a closed seat. */
	handOver(role: Role, toTeammate: boolean): boolean {
		const seat = this.seatStates[role];
		if (!seat.open || this.ending !== null) return false;
		seat.toTeammate = toTeammate;
		if (this.hasStarted) this.reseat(role);
		this.broadcastSeats();
		this.publish();
		return true;
	}

	/** Which role's view the spectators' screens show. */
	showSpectators(role: Role): void {
		this.view = role;
		const observation = this.observations[role];
		if (observation !== null) this.outbox('spectators', {type: 'view', role, observation});
		this.publish();
	}

	/** Ends the drill now (the facilitator's choice), with the result as it stands. */
	stop(): void {
		if (this.ending !== null) return;
		this.episode.stop();
		this.end('ended', this.episode.result());
	}

	private end(reason: EndReason, result: EpisodeResult): void {
		if (this.ending !== null) return;
		this.stopCountdown();
		this.pacer.drop();
		for (const role of ROLES) this.scripts[role]?.release?.();
		this.ending = {reason, result};
		this.settle.resolve(this.ending);
		this.emit({kind: 'ended', turn: this.turn, reason, result});
		const message: ServerMessage = {type: 'ended', reason, result};
		for (const role of ROLES) this.outbox(role, message);
		this.outbox('spectators', message);
		this.publish();
	}

	private holderFor(role: Role): Policy {
		const seat = this.seatStates[role];
		return seat.open && seat.connected && !seat.toTeammate ? seat.person : this.teammates[role];
	}

	/** Hands the seat to whoever should hold it now (its player, or the teammate), if it is not theirs already. */
	private reseat(role: Role): void {
		const holder = this.holderFor(role);
		if (this.ending !== null || this.held[role] === holder) return;
		if (this.countdown?.role === role) this.stopCountdown();
		this.stopThinking(this.seatStates[role]);
		this.held[role] = holder;
		this.episode.seat(role, holder);
	}

	private follow(event: EpisodeEvent): void {
		if (event.kind === 'pending') this.onPending(event.pending.turn, event.pending.role, event.pending.by, event.pending.observation);
		else if (event.kind === 'step') this.onStep(event.step);
		else this.emit({kind: 'seat', turn: event.turn, role: event.role, by: event.by});
		this.publish();
	}

	private onPending(turn: number, role: Role, by: string, observation: Observation): void {
		this.observations[role] = observation;
		const seat = this.seatStates[role];
		const player = by === HUMAN ? seat.player : null;
		const seconds = by === HUMAN ? this.config.turnSeconds : null;
		if (by === HUMAN) {
			seat.thinkingSince = this.timers.now();
			this.players.set(turn, seat.player ?? '');
			this.outbox(role, {type: 'turn', turn, observation, seconds});
			if (seconds !== null) this.startCountdown(role, turn, seconds * 1000);
		}
		if (role === this.view) this.outbox('spectators', {type: 'view', role, observation});
		this.emit({kind: 'turn', turn, role, by, player, seconds});
	}

	private onStep(step: EpisodeStep): void {
		this.steps.push(step);
		if (this.countdown?.turn === step.turn) this.stopCountdown();
		this.stopThinking(this.seatStates[step.role]);
		const player = step.by === HUMAN ? (this.players.get(step.turn) ?? null) : null;
		const timedOut = this.timedOut.has(step.turn);
		this.emit({kind: 'step', step, player, timedOut});
		for (const role of this.connectedRoles()) {
			this.outbox(role, {type: 'step', step: publicStep(step, role, player, timedOut)});
			this.sendChat(role);
		}
		this.outbox('spectators', {type: 'step', step: publicStep(step, null, player, timedOut)});
	}

	/** The seat's chat and inbox, when they changed since last sent: messages arrive between turns. */
	private sendChat(role: Role): void {
		const {shared_chat, private_inbox} = this.episode.env.viewOf(role);
		const seat = this.seatStates[role];
		const key = JSON.stringify([shared_chat, private_inbox]);
		if (key === seat.sentChat) return;
		seat.sentChat = key;
		this.outbox(role, {type: 'chat', shared_chat: [...shared_chat], private_inbox: [...private_inbox]});
	}

	/** The seat's pending turn is over, or on hold: the time it took so far counts. */
	private stopThinking(seat: SeatState): void {
		if (seat.thinkingSince !== null) seat.thinkingMs += this.timers.now() - seat.thinkingSince;
		seat.thinkingSince = null;
		seat.thinkingPaused = false;
	}

	private startCountdown(role: Role, turn: number, ms: number): void {
		this.stopCountdown();
		const countdown: Countdown = {role, turn, remainingMs: ms, startedAt: 0, timer: undefined};
		this.countdown = countdown;
		if (!this.isPaused) this.runCountdown(countdown);
	}

	private runCountdown(countdown: Countdown): void {
		countdown.startedAt = this.timers.now();
		countdown.timer = this.timers.setTimeout(() => this.expire(countdown), Math.max(0, countdown.remainingMs));
	}

	/** The player ran out of time: the seat plays noop, and the step is marked. */
	private expire(countdown: Countdown): void {
		if (this.countdown !== countdown) return;
		this.countdown = null;
		this.timedOut.add(countdown.turn);
		this.seatStates[countdown.role].person.answer(NOOP);
	}

	private stopCountdown(): void {
		if (this.countdown !== null) this.timers.clearTimeout(this.countdown.timer);
		this.countdown = null;
	}

	private connectedRoles(): Role[] {
		return ROLES.filter(role => this.seatStates[role].connected);
	}

	private seatInfo(role: Role): SeatInfo {
		const seat = this.seatStates[role];
		return {holder: this.hasStarted ? this.episode.holder(role) : this.holderFor(role).name, player: seat.player, connected: seat.connected};
	}

	private broadcastSeats(): void {
		const seats = byRole(role => this.seatInfo(role));
		for (const role of this.connectedRoles()) this.outbox(role, {type: 'seats', seats});
		this.outbox('spectators', {type: 'seats', seats});
	}

	private welcome(role: Role | null, name: string): ServerMessage {
		const {scenario} = this;
		const {incident} = scenario;
		return {
			type: 'welcome',
			protocol: DRILL_PROTOCOL,
			role,
			name,
			drill: {
				// The incident's name is its root cause: it is never sent, only its title.
				title: incident.file.title,
				difficulty: scenario.difficulty,
				max_steps: scenario.max_steps,
				turn_seconds: this.config.turnSeconds,
				seats: [...this.config.seats],
				services: [...incident.serviceNames],
				fleet_agents: [...incident.fleetAgents],
				root_causes: [...incident.rootCauses],
			},
			legal_actions: role === null ? [] : legalActionTypes(role),
		};
	}

	/** The screen as it stands for a seat (null: a spectator): the turn log as it may see it, and its latest observation. */
	private state(role: Role | null): ServerMessage {
		return {
			type: 'state',
			steps: this.steps.map(step => this.publicOf(step, role)),
			observation: role === null ? null : this.observations[role],
			seats: byRole(seat => this.seatInfo(seat)),
			paused: this.isPaused,
		};
	}

	private publicOf(step: EpisodeStep, viewer: Role | null): PublicStep {
		return publicStep(step, viewer, step.by === HUMAN ? (this.players.get(step.turn) ?? null) : null, this.timedOut.has(step.turn));
	}

	private emit(event: DrillEvent): void {
		for (const listener of this.eventListeners) listener(event);
	}

	private publish(): void {
		const pending = this.episode.pending;
		const countdown = this.countdown;
		this.current = Object.freeze({
			started: this.hasStarted,
			paused: this.isPaused,
			turn: this.turn,
			seats: byRole(role => {
				const seat = this.seatStates[role];
				return {...this.seatInfo(role), open: seat.open, toTeammate: seat.toTeammate, thinkingMs: seat.thinkingMs, thinkingSince: seat.thinkingSince};
			}),
			steps: [...this.steps],
			observations: {...this.observations},
			pending:
				pending === null || this.ending !== null
					? null
					: {
							turn: pending.turn,
							role: pending.role,
							by: pending.by,
							title: pending.title,
							deadline: countdown !== null && countdown.turn === pending.turn && !this.isPaused ? countdown.startedAt + countdown.remainingMs : null,
							remainingMs: countdown !== null && countdown.turn === pending.turn && this.isPaused ? countdown.remainingMs : null,
						},
			spectatorView: this.view,
			truth: this.episode.env.state(),
			ended: this.ending,
		});
		for (const listener of this.snapshotListeners) listener();
	}
}
