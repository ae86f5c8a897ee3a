// Data shapes of the environment (§2). Field names are the wire names, so these objects go to JSON as they are.
import type {Incident} from './incident.js';
import type {ActionType, Difficulty, Health, Role, Scoring} from './vocabulary.js';

export type ServiceMetrics = {
	readonly cpu_pct: number;
	readonly memory_mb: number;
	readonly latency_ms: number;
	readonly error_rate: number;
	readonly replicas: number;
	readonly health: Health;
};

/** Service metrics by service name, in the incident's order; replaced, never mutated, so a view can hand them out safely. */
export type Services = Readonly<Record<string, ServiceMetrics>>;

export type LogLevel = 'INFO' | 'WARN' | 'ERROR' | 'FATAL';

export type LogLine = {
	readonly timestamp: number;
	readonly service: string;
	readonly level: LogLevel;
	readonly message: string;
};

export type LogRecord = LogLine & {readonly is_red_herring: boolean};

export type Alert = {
	readonly service: string;
	readonly severity: 'page' | 'warn' | 'info';
	readonly message: string;
	readonly triggered_at_step: number;
};

export type FleetAction = {
	readonly agent_name: string;
	readonly action: string;
	readonly target: string;
	readonly step: number;
};

export type FleetRecord = FleetAction & {readonly was_malicious: boolean};

export type ActionArgs = {
	readonly message?: string;
	readonly to?: string;
	readonly replicas?: number | string;
	readonly failure_type?: string;
	readonly agent_name?: string;
};

export type Action = {
	readonly role: Role;
	readonly action_type: ActionType;
	readonly target: string | null;
	readonly args: ActionArgs;
};

/** What a client sends: the role is optional and overridden by the turn order anyway. */
export type ActionRequest = {
	readonly role?: Role | undefined;
	readonly action_type: ActionType;
	readonly target?: string | null | undefined;
	readonly args?: ActionArgs | undefined;
};

export type RoleView = {
	readonly role: Role;
	readonly visible_metrics: Services;
	readonly visible_logs: readonly LogLine[];
	readonly visible_alerts: readonly Alert[];
	readonly visible_fleet_actions: readonly FleetAction[];
	readonly shared_chat: readonly string[];
	readonly private_note: string | null;
	readonly private_inbox: readonly string[];
};

export type Observation = {
	readonly done: boolean;
	readonly reward: number;
	readonly view: RoleView;
	readonly step: number;
	readonly turn_role: Role;
	readonly message: string;
};

export type Scenario = {
	/** The incident's name: the root cause identify_root_cause must name. */
	readonly failure_type: string;
	readonly difficulty: Difficulty;
	readonly seed: number;
	readonly max_steps: number;
	readonly inject_misleading_logs: boolean;
	readonly rogue_fleet_agent: string | null;
	/** The rules the episode is scored by; JSON carries it only when it is not the reference's (see scenarioFields). */
	readonly scoring: Scoring;
	/** The incident played, compiled; JSON carries it by name or as its file, never as this object (see scenarioFields). */
	readonly incident: Incident;
};

export const REWARD_COMPONENTS = [
	'resolved_bonus',
	'mttr_penalty',
	'wrong_fix_penalty',
	'miscommunication_penalty',
	'early_root_cause_bonus',
	'rogue_caught_bonus',
	'rogue_false_positive_penalty',
	'cascade_penalty',
	'under_budget_bonus',
] as const;
export type RewardComponent = (typeof REWARD_COMPONENTS)[number];

/**
 * Every component a breakdown may hold: the reference's, and the drill's unresolved-at-the-end penalty, which only a
 * drill's last step has (the reference adds it to the cumulative reward alone, so its breakdowns never hold the key).
 */
export type ScoredComponent = RewardComponent | 'unresolved_penalty';

export type RewardBreakdown = Readonly<Record<RewardComponent, number>> & {
	readonly unresolved_penalty?: number;
	readonly team_reward: number;
	readonly oversight_reward: number;
	readonly total: number;
};

export type StepInfo = {
	readonly step_count: number;
	readonly resolved: boolean;
	readonly cumulative_reward: number;
	readonly wrong_fixes: number;
	readonly miscommunications: number;
	readonly oversight_flags: readonly string[];
	readonly declared_root_cause: string | null;
};

export type StepResult = {
	/** The action as the environment took it: role forced to the turn's role, null args dropped. */
	readonly action: Action;
	readonly observation: Observation;
	readonly breakdown: RewardBreakdown;
	readonly info: StepInfo;
};
