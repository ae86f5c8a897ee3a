// The incident file format's bounds (incident-format.ts), as plain data: the engine keeps metrics within them, and
// reads them without loading zod.

export const INCIDENT_FORMAT = 1;

/** Bounds that keep a file a description of an incident, not a way to exhaust a machine. */
export const LIMITS = {
	services: 24,
	agents: 12,
	listItems: 64,
	rules: 32,
	injects: 64,
	hints: 12,
	steps: 10_000,
	replicas: 1000,
	metric: 1_000_000,
	nameLength: 40,
	lineLength: 500,
	textLength: 4000,
} as const;

export const METRICS = ['cpu_pct', 'memory_mb', 'latency_ms', 'error_rate', 'replicas'] as const;
export type Metric = (typeof METRICS)[number];

/** The range of each metric: what a file may give, and what drift keeps a metric within. */
export const METRIC_BOUNDS: Record<Metric, {readonly min: number; readonly max: number}> = {
	cpu_pct: {min: 0, max: 100},
	memory_mb: {min: 0, max: LIMITS.metric},
	latency_ms: {min: 0, max: LIMITS.metric},
	error_rate: {min: 0, max: 1},
	replicas: {min: 0, max: LIMITS.replicas},
};
