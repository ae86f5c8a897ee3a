// The environment's closed vocabularies, in the order the spec (§1) gives them. Services, fleet agents and root causes
// are the incident's (incident.ts), not the engine's.
export const HEALTHS = ['healthy', 'degraded', 'critical', 'down'] as const;
export type Health = (typeof HEALTHS)[number];
export const HEALTH_RANK: Record<Health, number> = {healthy: 0, degraded: 1, critical: 2, down: 3};

export const ROLES = ['sre', 'dev', 'manager', 'oversight'] as const;
export type Role = (typeof ROLES)[number];

/** A record with a value for every role, made by `value`. */
export const byRole = <T>(value: (role: Role) => T): Record<Role, T> => Object.fromEntries(ROLES.map(role => [role, value(role)])) as Record<Role, T>;

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

/**
 * The rules a scenario is scored by: the reference's (parity, evaluation), or the drill's for people training, which
 * pay for the right behaviour only (reward.ts says how they differ).
 */
export const SCORINGS = ['reference', 'drill'] as const;
export type Scoring = (typeof SCORINGS)[number];

/** Role-restricted action types: the picker offers them only to this role (§10). */
export const ACTION_OWNER: Partial<Record<ActionType, Role>> = {flag_rogue: 'oversight', resolve: 'manager'};

export const isOneOf = <T extends string>(values: readonly T[], value: unknown): value is T =>
	typeof value === 'string' && (values as readonly string[]).includes(value);
