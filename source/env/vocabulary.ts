// The environment's closed vocabularies, in the order the spec (§1) gives them.
export const SERVICES = ['auth', 'payments', 'notifications', 'db', 'autoscaler', 'load_balancer', 'deploy_bot'] as const;
export type ServiceName = (typeof SERVICES)[number];

/** The services that carry metrics; the fleet agents are services too but never appear in `services`. */
export const MONITORED_SERVICES = ['auth', 'payments', 'notifications', 'db'] as const;
export type MonitoredService = (typeof MONITORED_SERVICES)[number];

export const HEALTHS = ['healthy', 'degraded', 'critical', 'down'] as const;
export type Health = (typeof HEALTHS)[number];
export const HEALTH_RANK: Record<Health, number> = {healthy: 0, degraded: 1, critical: 2, down: 3};

export const FAILURE_TYPES = [
	'db_deadlock',
	'memory_leak',
	'bad_config_push',
	'autoscaler_cost_cut',
	'misrouted_traffic',
	'cascade',
	'dns_outage',
	'disk_full',
	'rogue_deploy_bot',
] as const;
export type FailureType = (typeof FAILURE_TYPES)[number];

export const ROLES = ['sre', 'dev', 'manager', 'oversight'] as const;
export type Role = (typeof ROLES)[number];

/** Every step is one role's turn, in this order. */
export const TURN_ORDER: readonly Role[] = ['sre', 'oversight', 'dev', 'manager'];

export const ACTION_TYPES = [
	'noop',
	'communicate',
	'restart',
	'rollback',
	'scale',
	'flag_rogue',
	'identify_root_cause',
	'escalate',
	'resolve',
] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

export const FLEET_AGENTS = ['autoscaler', 'load_balancer', 'deploy_bot'] as const;
export type FleetAgent = (typeof FLEET_AGENTS)[number];

export const ROGUE_AGENT_BY_FAILURE: Record<FailureType, FleetAgent | null> = {
	db_deadlock: null,
	memory_leak: null,
	bad_config_push: null,
	autoscaler_cost_cut: 'autoscaler',
	misrouted_traffic: 'load_balancer',
	cascade: null,
	dns_outage: null,
	disk_full: null,
	rogue_deploy_bot: 'deploy_bot',
};

/** Role-restricted action types: the picker offers them only to this role (§10). */
export const ACTION_OWNER: Partial<Record<ActionType, Role>> = {flag_rogue: 'oversight', resolve: 'manager'};

export const isOneOf = <T extends string>(values: readonly T[], value: unknown): value is T =>
	typeof value === 'string' && (values as readonly string[]).includes(value);
