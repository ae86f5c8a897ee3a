// The ChaosOps environment: reset, step, state and legal actions, in the shape of an agent-environment cycle
// (one acting role at a time, with an action mask for it).
import {normaliseAction} from './action.js';
import {EnvError} from './errors.js';
import {RESET_MESSAGE, stepMessage} from './message.js';
import {MetricsRecorder} from './metrics.js';
import {freshOutcome, resetOutcome} from './outcome.js';
import {PythonRandom} from './rng.js';
import {SCORING_RULES, type ScoringRules} from './scoring.js';
import type {
	Action,
	ActionRequest,
	Alert,
	FleetRecord,
	LogRecord,
	Observation,
	RewardBreakdown,
	RoleView,
	Scenario,
	Services,
	StepInfo,
	StepResult,
} from './types.js';
import {ACTION_OWNER, ACTION_TYPES, type ActionType, ROLES, type Role, TURN_ORDER} from './vocabulary.js';
import {roleView} from './views.js';
import {type World, createWorld, servicesOf, tick} from './world.js';

/** The full ground truth (§2), as plain JSON-ready data. */
export type GroundTruthState = {
	episode_id: string;
	step_count: number;
	max_steps: number;
	difficulty: Scenario['difficulty'];
	failure_type: string;
	rogue_fleet_agent: Scenario['rogue_fleet_agent'];
	misleading_log_count: number;
	services: Services;
	all_logs: LogRecord[];
	all_alerts: Alert[];
	fleet_actions: FleetRecord[];
	chat_history: string[];
	private_chat: Record<Role, string[]>;
	resolved: boolean;
	wrong_fixes: number;
	miscommunications: number;
	oversight_flags: string[];
	declared_root_cause: string | null;
	declared_root_cause_step: number | null;
	cumulative_reward: number;
};

export type EnvOptions = {
	readonly metricsCapacity?: number;
	/** Whether each step is recorded in `metrics` (the app's sparklines read it); true unless told. Evaluation reads none. */
	readonly recordMetrics?: boolean;
	/** Where episode ids come from; random by default. An episode's id is made when state() first asks for it. */
	readonly episodeId?: () => string;
};

/** The action types offered to a role (§10): every type, less those reserved for another role. */
export const legalActionTypes = (role: Role): ActionType[] =>
	ACTION_TYPES.filter(type => (ACTION_OWNER[type] ?? role) === role);

export class ChaosOpsEnv {
	readonly metrics: MetricsRecorder;
	private readonly newEpisodeId: () => string;
	/** One generator for every episode of this environment, seeded again at each reset. */
	private readonly rng = new PythonRandom(0);
	private current: World | null = null;
	/** The current episode's id, made when first asked for: most episodes never are, and the first id loads Node's crypto. */
	private episodeId: string | null = null;
	/** The current episode's scoring rules, chosen at reset. */
	private rules: ScoringRules = SCORING_RULES.reference;
	private readonly recordMetrics: boolean;
	private turnIndex = 0;
	private over = false;
	/** The last step's action, what happened and its reward: what the observation after it tells; null before the first. */
	private lastAction: Action | null = null;
	/** One outcome, filled afresh by each step: it never leaves the environment. */
	private readonly outcome = freshOutcome();
	private lastReward = 0;

	constructor(options: EnvOptions = {}) {
		this.metrics = new MetricsRecorder(options.metricsCapacity);
		this.recordMetrics = options.recordMetrics ?? true;
		this.newEpisodeId = options.episodeId ?? (() => globalThis.crypto.randomUUID());
	}

	reset(scenario: Scenario): Observation {
		this.begin(scenario);
		return this.observation();
	}

	/** reset() without its observation, for a caller that asks for one only when it needs it (see observation()). */
	begin(scenario: Scenario): void {
		this.rng.seed(scenario.seed);
		this.current = createWorld(scenario, this.rng);
		this.episodeId = null;
		this.rules = SCORING_RULES[scenario.scoring];
		this.turnIndex = 0;
		this.over = false;
		this.lastAction = null;
		this.lastReward = 0;
		if (this.recordMetrics) this.metrics.clear(scenario.incident.serviceNames, scenario.max_steps);
	}

	/** What the role whose turn it is sees now: the observation reset() or the last step() returned. */
	observation(): Observation {
		const world = this.world;
		const role = this.currentRole;
		const action = this.lastAction;
		return {
			done: this.over,
			reward: this.lastReward,
			view: roleView(world, role),
			step: world.stepCount,
			turn_role: role,
			message: action === null ? RESET_MESSAGE : stepMessage(action, this.outcome, this.over),
		};
	}

	/** What `role` would see now, whosever turn it is: a drill shows each seat its chat and inbox as they change. */
	viewOf(role: Role): RoleView {
		return roleView(this.world, role);
	}

	get scenario(): Scenario {
		return this.world.scenario;
	}

	/** The role whose turn it is. */
	get currentRole(): Role {
		return TURN_ORDER[this.turnIndex]!;
	}

	/** Where in TURN_ORDER the turn is: the role's place, for a caller that keeps its seats in that order. */
	get turnPosition(): number {
		return this.turnIndex;
	}

	get done(): boolean {
		return this.over;
	}

	legalActions(role: Role = this.currentRole): ActionType[] {
		return legalActionTypes(role);
	}

	step(request: ActionRequest): StepResult {
		this.playableWorld();
		const action = normaliseAction(request, this.currentRole);
		const breakdown = this.advance(action);
		return {action, observation: this.observation(), breakdown, info: this.info()};
	}

	/**
	 * The step core, for an action that is already the turn's role's and normalised (a policy's own, which needs no
	 * checking): plays it and passes the turn, building no observation (observation() makes one when asked).
	 */
	advance(action: Action): RewardBreakdown {
		const world = this.playableWorld();
		const outcome = this.outcome;
		resetOutcome(outcome);

		world.stepCount++;
		const rules = this.rules;
		rules.handlers[action.action_type]({world, action, outcome});
		if (world.incident.resolves(action, world)) {
			world.resolved = true;
			outcome.resolved = true;
		} else if (world.incident.ticks) {
			tick(world);
		}

		const over = world.resolved || world.stepCount >= world.scenario.max_steps;
		const breakdown = rules.breakdown(outcome, world.stepCount, world.declaredRootCauseStep, over);
		world.cumulativeReward += breakdown.total;
		// §5.5's "at least 1" rule. For wrong_fix it holds already: the flag is only ever set by wrongFix() (handlers.ts),
		// which also adds 1 to wrongFixes. miscommunication is different: an empty message and an unknown root cause set
		// the flag without adding 1 (§6); for them this line is what lifts miscommunications to at least 1.
		if (outcome.miscommunication) world.miscommunications = Math.max(1, world.miscommunications);

		this.over = over;
		if (over && !world.resolved) world.cumulativeReward += rules.unresolvedAtEnd;

		if (this.recordMetrics) this.metrics.record(world, action.action_type);

		this.turnIndex = (this.turnIndex + 1) % TURN_ORDER.length;
		this.lastAction = action;
		this.lastReward = breakdown.total;
		return breakdown;
	}

	/** The action of the episode's first wrong fix so far (the first step with the wrong-fix penalty), or null. */
	get firstWrongFix(): Action | null {
		return this.world.firstWrongFix;
	}

	/** The episode's running figures, as the protocol and the traces report them after a step. */
	info(): StepInfo {
		const world = this.world;
		return {
			step_count: world.stepCount,
			resolved: world.resolved,
			cumulative_reward: world.cumulativeReward,
			wrong_fixes: world.wrongFixes,
			miscommunications: world.miscommunications,
			oversight_flags: world.oversightFlags.last(world.oversightFlags.length),
			declared_root_cause: world.declaredRootCause,
		};
	}

	/** A deep copy of the ground truth: later steps do not change it. */
	state(): GroundTruthState {
		const world = this.world;
		const {scenario} = world;
		return structuredClone({
			episode_id: (this.episodeId ??= this.newEpisodeId()),
			step_count: world.stepCount,
			max_steps: scenario.max_steps,
			difficulty: scenario.difficulty,
			failure_type: scenario.failure_type,
			rogue_fleet_agent: scenario.rogue_fleet_agent,
			misleading_log_count: world.misleadingLogCount,
			services: servicesOf(world),
			all_logs: world.logs,
			all_alerts: world.alerts as Alert[],
			fleet_actions: world.fleetActions as FleetRecord[],
			chat_history: world.chat.items as string[],
			private_chat: Object.fromEntries(ROLES.map(role => [role, world.privateChat[role].items])) as Record<Role, string[]>,
			resolved: world.resolved,
			wrong_fixes: world.wrongFixes,
			miscommunications: world.miscommunications,
			oversight_flags: world.oversightFlags.items as string[],
			declared_root_cause: world.declaredRootCause,
			declared_root_cause_step: world.declaredRootCauseStep,
			cumulative_reward: world.cumulativeReward,
		});
	}

	/** The world, if a step may be played on it now. */
	private playableWorld(): World {
		const world = this.world;
		if (this.over) throw new EnvError('the episode is over; reset to start another');
		return world;
	}

	private get world(): World {
		if (this.current === null) throw new EnvError('no episode yet; reset first');
		return this.current;
	}
}
