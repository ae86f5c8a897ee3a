// The JSON-lines protocol of `chaosops env`: one request per line, one reply per line, so that a trainer in any
// language can drive the environment. Anything wrong gets `{"ok":false,"error":…}` and changes nothing.
import * as z from 'zod';
import {replicasProblem} from '../env/action.js';
import {ChaosOpsEnv} from '../env/environment.js';
import {EnvError} from '../env/errors.js';
import {makeScenario} from '../env/scenario.js';
import type {ActionRequest, Scenario} from '../env/types.js';
import {ACTION_TYPES, DIFFICULTIES, FAILURE_TYPES, FLEET_AGENTS, ROLES} from '../env/vocabulary.js';
import {InputError} from './errors.js';
import {maxStepsSchema, seedSchema} from './scenarios.js';
import {closedObject, parseWith} from './validation.js';

const idSchema = z.union([z.string(), z.number()]).optional();
const text = z.string().nullable().optional();

export const scenarioSchema = closedObject({
	failure_type: z.enum(FAILURE_TYPES),
	difficulty: z.enum(DIFFICULTIES),
	seed: seedSchema,
	max_steps: maxStepsSchema.optional(),
	inject_misleading_logs: z.boolean().optional(),
	rogue_fleet_agent: z.enum(FLEET_AGENTS).nullable().optional(),
});

export const actionSchema = closedObject({
	action_type: z.enum(ACTION_TYPES),
	target: text,
	args: closedObject({
		message: text,
		to: text,
		replicas: z
			.union([z.number(), z.string()])
			.superRefine((value, context) => {
				const problem = replicasProblem(value);
				if (problem !== null) context.addIssue({code: 'custom', message: problem, input: value});
			})
			.nullable()
			.optional(),
		failure_type: text,
		agent_name: text,
	})
		.nullable()
		.optional(),
	role: z.enum(ROLES).optional(),
});

type Reply = Record<string, unknown>;
type Operation = (env: ChaosOpsEnv, request: Record<string, unknown>) => Reply;

/** An op: its request's fields, checked before `run` sees them. */
function operation<Shape extends z.core.$ZodLooseShape>(
	shape: Shape,
	run: (env: ChaosOpsEnv, request: z.output<z.ZodObject<Shape>>) => Reply,
): Operation {
	const schema = closedObject({op: z.string(), id: idSchema, ...shape});
	// Generic spreads defeat zod's inference; the schema holds the shape's fields, so the cast is sound.
	return (env, request) => run(env, parseWith(schema, request, String(request['op'])) as z.output<z.ZodObject<Shape>>);
}

export function scenarioOf(request: z.output<typeof scenarioSchema>): Scenario {
	const scenario = makeScenario(request.failure_type, {
		difficulty: request.difficulty,
		seed: request.seed,
		maxSteps: request.max_steps,
		injectMisleadingLogs: request.inject_misleading_logs,
	});
	return request.rogue_fleet_agent === undefined ? scenario : {...scenario, rogue_fleet_agent: request.rogue_fleet_agent};
}

/** Throws EnvError before the first reset, as `step` and `state` do. */
const requireEpisode = (env: ChaosOpsEnv) => env.info();

const OPERATIONS = {
	reset: operation({scenario: scenarioSchema}, (env, {scenario}) => ({observation: env.reset(scenarioOf(scenario))})),
	step: operation({action: actionSchema}, (env, {action}) => {
		// The environment drops null args itself, as the reference does.
		const {observation, breakdown, info} = env.step(action as ActionRequest);
		return {observation, breakdown, info};
	}),
	state: operation({}, env => ({state: env.state()})),
	legal_actions: operation({}, env => {
		requireEpisode(env);
		return {role: env.currentRole, legal_actions: env.legalActions(), done: env.done};
	}),
} satisfies Record<string, Operation>;

const OP_NAMES = Object.keys(OPERATIONS).join(', ');

function parseLine(line: string): Record<string, unknown> {
	let request: unknown;
	try {
		request = JSON.parse(line);
	} catch (error) {
		throw new InputError(`not valid JSON (${(error as Error).message}); send one JSON object per line`);
	}
	if (typeof request !== 'object' || request === null || Array.isArray(request)) {
		throw new InputError(`a request must be a JSON object with an "op" (${OP_NAMES})`);
	}
	return request as Record<string, unknown>;
}

/** One session: an environment and the replies to its requests, in order. */
export class ProtocolSession {
	readonly env: ChaosOpsEnv;

	constructor(env = new ChaosOpsEnv()) {
		this.env = env;
	}

	/** The reply line (without newline) to one request line. */
	reply(line: string): string {
		let id: unknown;
		try {
			const request = parseLine(line);
			id = idSchema.safeParse(request['id']).data;
			const op = request['op'];
			if (typeof op !== 'string' || !Object.hasOwn(OPERATIONS, op)) {
				throw new InputError(`unknown op ${JSON.stringify(op) ?? 'missing'}; expected one of ${OP_NAMES}`);
			}
			const reply = OPERATIONS[op as keyof typeof OPERATIONS](this.env, request);
			return JSON.stringify(id === undefined ? {ok: true, ...reply} : {id, ok: true, ...reply});
		} catch (error) {
			if (!(error instanceof InputError || error instanceof EnvError)) throw error;
			return JSON.stringify(id === undefined ? {ok: false, error: error.message} : {id, ok: false, error: error.message});
		}
	}
}
