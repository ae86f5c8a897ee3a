// The drill protocol (docs/drill-protocol.md): the messages between `chaosops host` and its players, one JSON object
// per WebSocket text message, each checked with zod on arrival at either end. A seat is sent only what its role may
// see: its own observations, the team's chat and its own inbox, and the turn log with other seats' private messages
// taken out.
import * as z from 'zod';
import type {EpisodeResult, EpisodeStep} from '../agents/runner.js';
import type {Action, ActionRequest} from '../env/types.js';
import {ACTION_TYPES, HEALTHS, ROLES, type Role} from '../env/vocabulary.js';
import {actionSchema} from '../io/requests.js';
import {closedObject, integer} from '../io/validation.js';

/** Sent in the hello and the welcome; a host refuses a client that speaks another. */
export const DRILL_PROTOCOL = 1;

export const DRILL_LIMITS = {
	/** The largest message either side accepts, in bytes; a larger one closes the connection. */
	messageBytes: 256 * 1024,
	/** Connections a host holds at once, players, spectators and those still saying hello. */
	connections: 32,
	/** How long a new connection has to say hello. */
	helloMs: 5_000,
	/** Messages a client may send in any one second; more is a flood, and closes that connection. */
	messagesPerSecond: 20,
	/** Bytes waiting to go out to one client before it counts as not reading, and is closed. */
	backlogBytes: 4 * 1024 * 1024,
	/**
	 * The longest text an action may carry (a chat message, a target, an agent's name): each seat is sent the chat as
	 * lines of at most 2000 characters, the sender's prefix included, so a longer message would be a line no seat takes.
	 */
	actionText: 1000,
	nameLength: 40,
	codeLength: 64,
} as const;

/** Close codes a host uses (4000–4999 are the application's). */
export const CLOSE_CODES = {refused: 4000, malformed: 4001, flood: 4002, ended: 4003, backlog: 4004} as const;

const role = z.enum(ROLES);
const text = (max: number) => z.string().max(max);
/** A list, read-only as the engine's are, so that what a seat is sent is what the engine hands out. */
const list = <Item extends z.ZodType>(item: Item) => z.array(item).readonly();

const helloSchema = closedObject({
	type: z.literal('hello'),
	protocol: z.number(),
	code: z.string().min(1).max(DRILL_LIMITS.codeLength),
	role: role.optional(),
	name: z.string().trim().min(1).max(DRILL_LIMITS.nameLength).optional(),
	spectate: z.literal(true).optional(),
});

// The schema reads an action as the protocol's step does; null args are the engine's to drop (normaliseAction).
const actSchema = closedObject({type: z.literal('act'), turn: integer({min: 0, max: 1_000_000}), action: actionSchema.transform(action => action as ActionRequest)});

export const clientMessageSchema = z.discriminatedUnion('type', [helloSchema, actSchema]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;
export type Hello = z.infer<typeof helloSchema>;

// What the host sends. Observations are checked field by field: a client draws them, so it takes nothing it cannot.
const line = text(2000);
const metrics = closedObject({
	cpu_pct: z.number(),
	memory_mb: z.number(),
	latency_ms: z.number(),
	error_rate: z.number(),
	replicas: z.number(),
	health: z.enum(HEALTHS),
});
const viewSchema = closedObject({
	role,
	visible_metrics: z.record(text(64), metrics),
	visible_logs: list(closedObject({timestamp: z.number(), service: text(64), level: z.enum(['INFO', 'WARN', 'ERROR', 'FATAL']), message: line})),
	visible_alerts: list(closedObject({service: text(64), severity: z.enum(['page', 'warn', 'info']), message: line, triggered_at_step: z.number()})),
	visible_fleet_actions: list(closedObject({agent_name: text(64), action: text(64), target: text(64), step: z.number()})),
	shared_chat: list(line),
	private_note: line.nullable(),
	private_inbox: list(line),
});
const observationSchema = closedObject({done: z.boolean(), reward: z.number(), view: viewSchema, step: z.number(), turn_role: role, message: line});

const stepActionSchema = closedObject({
	role,
	action_type: z.enum(ACTION_TYPES),
	target: text(200).nullable(),
	args: z.looseObject({}),
});
const publicStepSchema = closedObject({
	turn: z.number(),
	role,
	/** The seat's holder: a policy's name, or `human`. */
	by: z.string(),
	player: text(DRILL_LIMITS.nameLength).nullable(),
	decision_ms: z.number(),
	action: stepActionSchema,
	/** True when the action was a private message this seat may not read: its text is taken out. */
	private: z.boolean(),
	/** The step's one-line account, as the turn log shows it (`DEV: restart | -> db | ✓ incident resolved`): never a message's text. */
	message: line,
	timed_out: z.boolean(),
	reward: z.number(),
	breakdown: z.record(z.string(), z.number()),
	done: z.boolean(),
	info: z.looseObject({step_count: z.number(), resolved: z.boolean(), cumulative_reward: z.number()}),
});
const seatSchema = closedObject({holder: z.string(), player: text(DRILL_LIMITS.nameLength).nullable(), connected: z.boolean()});
const seatsSchema = z.record(role, seatSchema);
const resultSchema = z.looseObject({resolved: z.boolean(), final_step: z.number(), cumulative_reward: z.number()});

export const serverMessageSchema = z.discriminatedUnion('type', [
	closedObject({
		type: z.literal('welcome'),
		protocol: z.literal(DRILL_PROTOCOL),
		role: role.nullable(),
		name: text(DRILL_LIMITS.nameLength),
		drill: closedObject({
			title: line,
			difficulty: z.string(),
			max_steps: z.number(),
			turn_seconds: z.number().nullable(),
			seats: list(role),
			services: list(text(64)),
			fleet_agents: list(text(64)),
			root_causes: list(text(64)),
		}),
		legal_actions: list(z.enum(ACTION_TYPES)),
	}),
	closedObject({
		type: z.literal('state'),
		steps: list(publicStepSchema),
		observation: observationSchema.nullable(),
		seats: seatsSchema,
		paused: z.boolean(),
	}),
	closedObject({type: z.literal('turn'), turn: z.number(), observation: observationSchema, seconds: z.number().nullable()}),
	closedObject({type: z.literal('step'), step: publicStepSchema}),
	closedObject({type: z.literal('chat'), shared_chat: list(line), private_inbox: list(line)}),
	closedObject({type: z.literal('seats'), seats: seatsSchema}),
	closedObject({type: z.literal('paused'), paused: z.boolean()}),
	closedObject({type: z.literal('hint'), text: line}),
	closedObject({type: z.literal('view'), role, observation: observationSchema}),
	closedObject({type: z.literal('error'), error: line}),
	closedObject({type: z.literal('refused'), error: line}),
	closedObject({type: z.literal('ended'), reason: z.enum(['resolved', 'out_of_steps', 'ended']), result: resultSchema}),
]);
export type ServerMessage = z.infer<typeof serverMessageSchema>;

export type PublicStep = z.infer<typeof publicStepSchema>;
export type SeatInfo = z.infer<typeof seatSchema>;
export type EndReason = Extract<ServerMessage, {type: 'ended'}>['reason'];

/** A private message is one with a recipient other than everyone: `to` names a role. */
const recipientOf = (action: Action): string | null => {
	if (action.action_type !== 'communicate') return null;
	const to = action.args.to?.trim().toLowerCase() ?? '';
	return to === '' || to === 'all' ? null : to;
};

/**
 * A step as the seat of `viewer` may see it (null: a spectator, who sees what the team sees): everything but the text
 * of a private message it neither sent nor received, and never what the acting role saw.
 */
export function publicStep(step: EpisodeStep, viewer: Role | null, player: string | null, timedOut: boolean): PublicStep {
	const recipient = recipientOf(step.action);
	const hidden = recipient !== null && viewer !== step.role && viewer !== recipient;
	const {message: _message, ...args} = step.action.args;
	return {
		turn: step.turn,
		role: step.role,
		by: step.by,
		player,
		decision_ms: Math.round(step.decisionMs),
		action: hidden ? {...step.action, args} : step.action,
		private: hidden,
		message: step.next.message,
		timed_out: timedOut,
		reward: step.reward,
		breakdown: step.breakdown,
		done: step.done,
		info: step.info,
	};
}

export const endReason = (result: EpisodeResult, endedEarly: boolean): EndReason =>
	endedEarly ? 'ended' : result.resolved ? 'resolved' : 'out_of_steps';

