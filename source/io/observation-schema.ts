// What the environment sends, as zod schemas: an observation (what a role sees on its turn) and the ground-truth
// state. They describe the replies for `chaosops serve`'s GET /schema (as JSON Schema); the engine makes these
// objects itself, so nothing is validated with them on the way out.
import * as z from 'zod';
import type {GroundTruthState} from '../env/environment.js';
import type {Observation} from '../env/types.js';
import {DIFFICULTIES, HEALTHS, ROLES} from '../env/vocabulary.js';

const role = z.enum(ROLES);
const texts = z.array(z.string());

const metricsSchema = z.strictObject({
	cpu_pct: z.number(),
	memory_mb: z.number(),
	latency_ms: z.number(),
	error_rate: z.number(),
	replicas: z.int(),
	health: z.enum(HEALTHS),
});
const servicesSchema = z.record(z.string(), metricsSchema).describe("Each service's metrics, by name, in the incident's order.");

const logLine = {
	timestamp: z.number(),
	service: z.string(),
	level: z.enum(['INFO', 'WARN', 'ERROR', 'FATAL']),
	message: z.string(),
};
const alertSchema = z.strictObject({service: z.string(), severity: z.enum(['page', 'warn', 'info']), message: z.string(), triggered_at_step: z.int()});
const fleetAction = {agent_name: z.string(), action: z.string(), target: z.string(), step: z.int()};

export const roleViewSchema = z.strictObject({
	role,
	visible_metrics: servicesSchema,
	visible_logs: z.array(z.strictObject(logLine)),
	visible_alerts: z.array(alertSchema),
	visible_fleet_actions: z.array(z.strictObject(fleetAction)).describe('What the fleet agents did; only Oversight sees them.'),
	shared_chat: texts,
	private_note: z.string().nullable(),
	private_inbox: texts,
});

export const observationSchema = z
	.strictObject({
		done: z.boolean().describe('Whether the episode is over.'),
		reward: z.number().describe("The last step's total reward (0 after a reset)."),
		view: roleViewSchema.describe('What the role whose turn it is sees.'),
		step: z.int().describe('Steps played so far.'),
		turn_role: role.describe('The role whose turn it is.'),
		message: z.string().describe("The last step's one-line account, or the reset's greeting."),
	})
	.describe('What the role whose turn it is sees after a reset or a step.') satisfies z.ZodType<Observation>;

export const stateSchema = z
	.strictObject({
		episode_id: z.string(),
		step_count: z.int(),
		max_steps: z.int(),
		difficulty: z.enum(DIFFICULTIES),
		failure_type: z.string().describe("The incident's name: the true root cause."),
		rogue_fleet_agent: z.string().nullable(),
		misleading_log_count: z.int(),
		services: servicesSchema,
		all_logs: z.array(z.strictObject({...logLine, is_red_herring: z.boolean()})),
		all_alerts: z.array(alertSchema),
		fleet_actions: z.array(z.strictObject({...fleetAction, was_malicious: z.boolean()})),
		chat_history: texts,
		private_chat: z.strictObject(Object.fromEntries(ROLES.map(name => [name, texts])) as Record<(typeof ROLES)[number], typeof texts>),
		resolved: z.boolean(),
		wrong_fixes: z.int(),
		miscommunications: z.int(),
		oversight_flags: texts,
		declared_root_cause: z.string().nullable(),
		declared_root_cause_step: z.int().nullable(),
		cumulative_reward: z.number(),
	})
	.describe('The whole ground truth of the episode, which no role sees.') satisfies z.ZodType<GroundTruthState>;
