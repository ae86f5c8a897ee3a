// One environment session of `chaosops serve`, answered in OpenEnv's shapes: the bodies of POST /reset and /step
// (and the data of the /ws messages) in, `{"observation", "reward", "done"}` out. Every request is played through
// the JSON-lines protocol's operations (io/protocol.ts), so that what is taken and refused, and in what words, is
// the protocol's; only OpenEnv's own envelope (seed, episode_id, timeout_s, request_id, a scenario by name) is read here.
import {randomUUID} from 'node:crypto';
import * as z from 'zod';
import {ChaosOpsEnv} from '../env/environment.js';
import {InputError} from '../io/errors.js';
import {builtInIncidentNames, isBuiltInIncident} from '../io/incidents.js';
import {JsonBytes} from '../io/json-bytes.js';
import {type ProtocolContext, answerRequest} from '../io/protocol.js';
import {projectSystemPrompts} from '../io/role-prompts.js';
import {presetNames, resolveScenario, seedSchema} from '../io/scenarios.js';
import {closedObject, parseWith} from '../io/validation.js';

/** A reply's fields, as JSON carries them. */
export type Reply = Record<string, unknown>;

/** The scenario of a reset that names none: the reference server's (db_deadlock, easy, the seed given or 0). */
const DEFAULT_SCENARIO = {failure_type: 'db_deadlock', difficulty: 'easy'} as const;

const openEnvText = z.string().max(255);

const resetBodySchema = closedObject({
	scenario: z.unknown().optional(),
	seed: seedSchema.optional(),
	episode_id: openEnvText.optional(),
});

/** OpenEnv's step request: the action, and fields of its own that a ChaosOps step has no use for. */
const stepBodySchema = closedObject({
	// Left to the protocol, which says what is wrong with an action, or that there is none.
	action: z.unknown().optional(),
	timeout_s: z.number().positive().optional(),
	request_id: openEnvText.optional(),
});

/** A body that is the protocol's request without its op: the protocol checks its fields. */
const requestBodySchema = z.looseObject({});

const out = new JsonBytes();

/** The protocol's reply to `request` (its fields after `"ok":true`), or its refusal thrown. */
function protocolReply(context: ProtocolContext, request: Reply): Reply {
	try {
		out.text('{');
		answerRequest(context, request, out);
		out.text('}');
		return JSON.parse(out.copy(0).toString('utf8')) as Reply;
	} finally {
		out.rewind(0);
	}
}

/** OpenEnv's shape of a protocol reply: the observation without its done and reward, which go beside it. */
function openEnvShape({observation, ...rest}: Reply): Reply {
	const {done, reward, ...fields} = observation as Reply;
	return {observation: fields, reward, done, ...rest};
}

/**
 * The action without OpenEnv's `metadata`, which every action class of OpenEnv's has (a typed client sends it, `{}`
 * mostly) and a ChaosOps action has no use for; the rest is the protocol's to check.
 */
function withoutMetadata(action: unknown): unknown {
	if (typeof action !== 'object' || action === null || !Object.hasOwn(action, 'metadata')) return action;
	const {metadata: _metadata, ...rest} = action as Reply;
	return rest;
}

/** A scenario by name, as `--scenario` takes one, but never a path: the server reads no files it is told of. */
function namedScenario(name: string, seed: number | undefined) {
	if (!presetNames().includes(name) && !isBuiltInIncident(name)) {
		throw new InputError(
			`reset: scenario ${JSON.stringify(name)} is not a preset (${presetNames().join(', ')}) or a built-in incident (${builtInIncidentNames().join(', ')}); the server reads no files, so give any other scenario as an object`,
		);
	}
	return resolveScenario(name, {seed}).scenario;
}

/** The protocol's scenario object, with the body's seed in it where it has none; a different seed in both is refused. */
function withSeed(scenario: unknown, seed: number | undefined): unknown {
	if (seed === undefined || typeof scenario !== 'object' || scenario === null || Array.isArray(scenario)) return scenario;
	const own = (scenario as Reply)['seed'];
	if (own === undefined) return {...scenario, seed};
	if (own !== seed) throw new InputError(`reset: seed is ${seed} but scenario.seed is ${JSON.stringify(own)}; give one, or the same in both`);
	return scenario;
}

/** The operations of the protocol a body may ask for by its path (`POST /prompt`) or a message by its type. */
export const PROTOCOL_OPS = ['prompt', 'parse', 'score'] as const;
export type ProtocolOp = (typeof PROTOCOL_OPS)[number];

export class OpenEnvSession {
	private episodeId: string | null = null;
	private readonly env = new ChaosOpsEnv({recordMetrics: false, episodeId: () => this.episodeId ?? randomUUID()});
	private readonly context: ProtocolContext;

	/** `systemPrompts`: the role prompts `prompt` renders with. */
	constructor(systemPrompts = projectSystemPrompts) {
		this.context = {env: this.env, systemPrompts};
	}

	/** Starts an episode: the scenario named, given, or the reference server's default. */
	reset(body: unknown): Reply {
		const {scenario, seed, episode_id} = parseWith(resetBodySchema, body, 'reset');
		let reply: Reply;
		if (typeof scenario === 'string') {
			reply = openEnvShape({observation: this.env.reset(namedScenario(scenario, seed))});
		} else {
			const given = scenario === undefined ? {...DEFAULT_SCENARIO, seed: seed ?? 0} : withSeed(scenario, seed);
			reply = openEnvShape(protocolReply(this.context, {op: 'reset', scenario: given}));
		}
		this.episodeId = episode_id ?? null;
		return reply;
	}

	/** Plays one action: the observation the next role sees, the step's reward and whether the episode is over, and the protocol's breakdown and info besides. */
	step(body: unknown): Reply {
		const {action} = parseWith(stepBodySchema, body, 'step');
		return openEnvShape(protocolReply(this.context, {op: 'step', action: withoutMetadata(action)}));
	}

	/** The ground truth. */
	state(): Reply {
		return protocolReply(this.context, {op: 'state'})['state'] as Reply;
	}

	/** The protocol's answer to `op`, the body being its request without the op. */
	protocol(op: ProtocolOp, body: unknown): Reply {
		return protocolReply(this.context, {...parseWith(requestBodySchema, body, op), op});
	}
}
