// The incident file format (format 1): one JSON file describes one incident completely, as data. Nothing in it is
// evaluated as code and nothing in it reaches a file or the network. docs/incidents.md documents every field;
// scenarios/incident.schema.json is generated from this schema for editors. Names that refer to each other (a
// service a log is on, the agent a rule wants flagged) are checked by incidentProblems (incident-check.ts).
import * as z from 'zod';
import {INCIDENT_FORMAT, LIMITS, METRIC_BOUNDS, METRICS, type Metric} from './incident-limits.js';
import {unknownKeysError} from './unknown-keys.js';
import {ACTION_TYPES, DIFFICULTIES, HEALTHS, ROLES} from './vocabulary.js';

// The format's bounds are plain data, which the engine reads without loading zod.
export {INCIDENT_FORMAT, LIMITS, METRIC_BOUNDS, METRICS, type Metric} from './incident-limits.js';

/** Characters that would move a cursor or reorder text on a terminal (see io/terminal-text.ts): refused in a file. */
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const NEWLINE_OR_CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

const words = (max: number, multiline: boolean) =>
	z
		.string()
		.min(1, 'must not be empty')
		.max(max, `must be at most ${max} characters`)
		.refine(text => !(multiline ? CONTROL : NEWLINE_OR_CONTROL).test(text), multiline ? 'must not hold control characters' : 'must be one line without control characters');

/** One line of text: a log message, an alert, a chat line, a hint. */
export const line = words(LIMITS.lineLength, false);
/** A paragraph: a briefing, a trainer's explanation. Newlines allowed. */
export const paragraph = words(LIMITS.textLength, true);

/** A service, fleet agent or incident name: what a target names and what identify_root_cause takes. */
export const identifier = z
	.string()
	.max(LIMITS.nameLength, `must be at most ${LIMITS.nameLength} characters`)
	.regex(/^[a-z][a-z0-9_]*$/, 'must be lower-case letters, digits and _, starting with a letter');

const list = <Item extends z.ZodType>(item: Item, max: number = LIMITS.listItems) => z.array(item).max(max, `must have at most ${max} items`);

/**
 * A number as the file gives it, except that -0 is read as 0: JSON writes both as 0, so a -0 kept would make the
 * incident behave (and print) otherwise once a recording carries it.
 */
const signless = <Schema extends z.ZodNumber>(schema: Schema) => schema.transform(value => value + 0);
const number = () => signless(z.number());

const bounded = (min: number, max: number) =>
	signless(z.number().min(min, `expected a number from ${min} to ${max}`).max(max, `expected a number from ${min} to ${max}`));
const count = (min: number, max: number) =>
	signless(
		z.int({error: () => `expected an integer from ${min} to ${max}`}).min(min, `expected an integer from ${min} to ${max}`).max(max, `expected an integer from ${min} to ${max}`),
	);

const METRIC_RANGE = {
	cpu_pct: bounded(METRIC_BOUNDS.cpu_pct.min, METRIC_BOUNDS.cpu_pct.max),
	memory_mb: bounded(METRIC_BOUNDS.memory_mb.min, METRIC_BOUNDS.memory_mb.max),
	latency_ms: bounded(METRIC_BOUNDS.latency_ms.min, METRIC_BOUNDS.latency_ms.max),
	error_rate: bounded(METRIC_BOUNDS.error_rate.min, METRIC_BOUNDS.error_rate.max),
	replicas: count(METRIC_BOUNDS.replicas.min, METRIC_BOUNDS.replicas.max),
} satisfies Record<Metric, z.ZodType<number>>;

const strict = <Shape extends z.core.$ZodLooseShape>(shape: Shape) => z.strictObject(shape, {error: unknownKeysError(Object.keys(shape))});

/** New values for some of a service's metrics (and its health). */
export const metricsChange = strict({
	cpu_pct: METRIC_RANGE.cpu_pct.optional(),
	memory_mb: METRIC_RANGE.memory_mb.optional(),
	latency_ms: METRIC_RANGE.latency_ms.optional(),
	error_rate: METRIC_RANGE.error_rate.optional(),
	replicas: METRIC_RANGE.replicas.optional(),
	health: z.enum(HEALTHS).optional(),
});

const serviceChanges = z.record(identifier, metricsChange).describe('Service name → the metrics it changes to.');

const service = strict({
	replicas: METRIC_RANGE.replicas.describe('Replicas at the start, before anything goes wrong.'),
	cpu_pct: METRIC_RANGE.cpu_pct.optional().describe('Healthy baseline; 22 if absent.'),
	memory_mb: METRIC_RANGE.memory_mb.optional().describe('Healthy baseline; 340 if absent.'),
	latency_ms: METRIC_RANGE.latency_ms.optional().describe('Healthy baseline; 45 if absent.'),
	error_rate: METRIC_RANGE.error_rate.optional().describe('Healthy baseline; 0.01 if absent.'),
	depends_on: list(identifier, LIMITS.services)
		.optional()
		.describe('Services this one calls: a beneficial restart of one of them brings this one back too.'),
});

const logLine = strict({
	service: identifier,
	level: z.enum(['INFO', 'WARN', 'ERROR', 'FATAL']),
	message: line,
});

const alert = strict({
	service: identifier,
	severity: z.enum(['page', 'warn', 'info']),
	message: line,
});

const fleetAction = strict({
	agent: identifier.describe('The fleet agent that acted.'),
	action: identifier.describe('What it did, e.g. scale_down.'),
	target: identifier.describe('The service it acted on.'),
	malicious: z.boolean().optional().describe('Ground truth; true exactly when the agent is the rogue if absent.'),
});

/** Something that happens to the world: at the start, when an inject fires, after a wrong fix. */
export const happening = strict({
	metrics: serviceChanges.optional(),
	logs: list(logLine).optional(),
	alerts: list(alert).optional(),
	chat: list(line).optional().describe('Lines added to the shared chat, as they are (say who speaks: "[pager] …").'),
	fleet_actions: list(fleetAction).optional(),
});

const healthSet = z.union([z.enum(HEALTHS), list(z.enum(HEALTHS), HEALTHS.length).min(1, 'must not be empty')]);

const threshold = strict({
	service: identifier,
	metric: z.enum(METRICS),
	above: number().optional(),
	below: number().optional(),
});

/** What must hold of the world: every part given must hold. */
export const condition = strict({
	health: z.record(identifier, healthSet).optional().describe('Service → the health it must have (or one of these).'),
	flagged: list(identifier, LIMITS.agents).optional().describe('Fleet agents that must be among the oversight flags.'),
	metrics: list(threshold, LIMITS.rules).optional().describe('Metrics above or below a value.'),
	root_cause_declared: z.boolean().optional().describe('The team has (or has not) declared the true root cause.'),
});

const replicaBounds = strict({min: count(0, LIMITS.replicas).optional(), max: count(0, LIMITS.replicas).optional()});

/** An action as a rule matches it: its type and, if given, its target, replicas and who took it. */
export const actionMatch = strict({
	action: z.enum(ACTION_TYPES),
	target: identifier.optional().describe('Any target if absent.'),
	replicas: replicaBounds.optional().describe('For scale: the replicas asked for must lie within these bounds.'),
	by: z.enum(ROLES).optional().describe('Any role if absent.'),
});

export const rule = strict({
	...actionMatch.shape,
	when: condition.optional().describe('What must also hold; for resolved_by it is judged after the action, for beneficial before.'),
	effect: serviceChanges
		.optional()
		.describe('For a beneficial restart, rollback or scale: what it does to the services, instead of the default repair.'),
});

const growth = strict({by: bounded(-LIMITS.metric, LIMITS.metric), min: number().optional(), max: number().optional()});

const drift = strict({
	service: identifier,
	when: condition.optional().describe('Drift only while this holds.'),
	grow: z.partialRecord(z.enum(METRICS), growth, {error: unknownKeysError(METRICS)}).optional().describe('Metric → how much it changes each step, and its bounds.'),
	thresholds: list(strict({metric: z.enum(METRICS), above: number().optional(), below: number().optional(), health: z.enum(HEALTHS)}), LIMITS.rules)
		.optional()
		.describe('After growing: the first threshold crossed sets the health.'),
});

const secondaryFailure = strict({
	after: list(z.enum(['restart', 'rollback', 'scale']), 3).min(1, 'must not be empty').describe('Wrong fixes of these types set it off.'),
	when: condition.optional(),
	then: happening,
});

const inject = strict({
	at_step: count(1, LIMITS.steps).optional().describe('After this step; or'),
	when: condition.optional().describe('the first step after which this holds.'),
	then: happening,
});

const actionRequest = strict({
	action_type: z.enum(ACTION_TYPES),
	target: identifier.optional(),
	args: strict({
		message: line.optional(),
		to: z.string().max(LIMITS.nameLength).optional(),
		replicas: count(0, LIMITS.replicas).optional(),
		failure_type: identifier.optional(),
		agent_name: identifier.optional(),
	}).optional(),
});

const note = strict({
	...actionMatch.shape,
	verdict: z.enum(['helps', 'hurts', 'neutral']),
	note: line,
});

export const incidentFileSchema = strict({
	$schema: z.string().optional().describe('Where editors find this schema.'),
	format: z.literal(INCIDENT_FORMAT).describe('The version of this format.'),
	name: identifier.describe('The root cause identify_root_cause must name; the file is <name>.json.'),
	title: line.describe('A short headline.'),
	briefing: paragraph.describe('What the pager says at the start; never the root cause.'),
	difficulty: z.enum(DIFFICULTIES).optional().describe('How hard the incident is meant to be, for menus; the scenario sets the played difficulty.'),
	root_causes: list(identifier)
		.min(2, 'must name at least two causes: the true one and a wrong one')
		.describe('The causes identify_root_cause accepts (the root-cause picker offers them); must include name.'),
	system: strict({
		services: z
			.record(identifier, service)
			.refine(services => Object.keys(services).length <= LIMITS.services, `must have at most ${LIMITS.services} services`)
			.meta({maxProperties: LIMITS.services})
			.describe('The services with metrics, in the order they are shown.'),
		fleet_agents: list(identifier, LIMITS.agents).describe('The automation agents in the fleet.'),
	})
		.optional()
		.describe("The reference's four services (auth, payments, notifications, db) and three agents if absent."),
	rogue_agent: z.union([identifier, z.null()]).describe('The fleet agent that caused this, or null.'),
	start: strict({
		...happening.shape,
		red_herrings: strict({draw: count(0, 20), logs: list(logLine).min(1)}).optional().describe('Drawn at random (with repeats) when misleading logs are on.'),
	}),
	rules: strict({
		resolved_by: list(rule, LIMITS.rules).min(1, 'must name at least one way to resolve it').describe('Any one of these resolves it.'),
		beneficial: list(rule, LIMITS.rules).optional().describe('Restarts, rollbacks and scales that help; resolved_by if absent.'),
		secondary_failures: list(secondaryFailure, LIMITS.rules).optional(),
		drift: list(drift, LIMITS.rules).optional().describe('How it gets worse each step while unresolved.'),
	}),
	injects: list(inject, LIMITS.injects).optional().describe('What happens later: each fires once.'),
	solution: z
		.partialRecord(z.enum(ROLES), z.union([actionRequest, list(actionRequest, 16).min(1)]), {error: unknownKeysError(ROLES)})
		.describe("What the oracle plays: per role, an action taken every turn, or a list taken in order (the last repeats); noop otherwise."),
	trainer: strict({
		root_cause: paragraph.describe('What really happened.'),
		red_herrings: paragraph.optional().describe('Why the misleading signs mislead.'),
		notes: list(note).optional().describe('Why a notable action helps or hurts; shown after the reveal and in the summary.'),
		hints: list(line, LIMITS.hints).min(1, 'must hold at least one hint').describe('From vague to explicit; `h` in the app walks them.'),
	}),
});

export type IncidentFile = z.output<typeof incidentFileSchema>;
export type Condition = z.output<typeof condition>;
export type Happening = z.output<typeof happening>;
export type Rule = z.output<typeof rule>;
export type ActionMatch = z.output<typeof actionMatch>;
export type MetricsChange = z.output<typeof metricsChange>;
export type SolutionAction = z.output<typeof actionRequest>;
