// The JSON-lines protocol of `chaosops env`: one request per line, one reply per line, so that a trainer in any
// language can drive the environment. Anything wrong gets `{"ok":false,"error":…}` and changes nothing.
import * as z from 'zod';
import {replicasProblem} from '../env/action.js';
import {ChaosOpsEnv} from '../env/environment.js';
import {EnvError} from '../env/errors.js';
import {makeScenario} from '../env/scenario.js';
import type {ActionRequest, Scenario} from '../env/types.js';
import {ACTION_TYPES, DIFFICULTIES, ROLES, SCORINGS} from '../env/vocabulary.js';
import {InputError} from './errors.js';
import {builtInIncident, incidentFromReference, incidentReferenceSchema} from './incidents.js';
import {TOO_DEEP} from './json-text.js';
import {terminalJson} from './terminal-text.js';
import {maxStepsSchema, seedSchema} from './scenarios.js';
import {closedObject, describeIssue, describeValue, integer, parseWith} from './validation.js';

/** An id is echoed exactly, so it must be one JSON carries exactly: a string, or an integer with |n| < 2^53. */
const idSchema = z.union([z.string(), integer()]).optional();
const text = z.string({error: () => 'expected a string or null'}).nullable().optional();

export const scenarioSchema = closedObject({
	failure_type: z.string({error: () => 'expected the name of a built-in incident'}).optional(),
	incident: incidentReferenceSchema.optional(),
	difficulty: z.enum(DIFFICULTIES),
	seed: seedSchema,
	max_steps: maxStepsSchema.optional(),
	inject_misleading_logs: z.boolean().optional(),
	rogue_fleet_agent: z.string({error: () => "expected one of the incident's fleet agents, or null"}).nullable().optional(),
	scoring: z.enum(SCORINGS).optional(),
});

export const actionSchema = closedObject({
	action_type: z.enum(ACTION_TYPES),
	target: text,
	args: closedObject({
		message: text,
		to: text,
		replicas: z
			.unknown()
			.superRefine((value, context) => {
				// null is dropped like any null arg; a missing replicas reads as 0 (§6).
				const problem = value === null ? null : replicasProblem(value);
				if (problem !== null) context.addIssue({code: 'custom', message: problem, input: value});
			})
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

/** The incident a scenario request names: `incident` (a built-in name or an inline file) or `failure_type` (a built-in name). */
function requestedIncident({failure_type: name, incident}: z.output<typeof scenarioSchema>) {
	if (incident === undefined) {
		if (name === undefined) throw new InputError('scenario needs failure_type or incident: the name of a built-in incident, or incident as an inline incident file');
		return builtInIncident(name);
	}
	const compiled = incidentFromReference(incident, 'scenario.incident');
	if (name !== undefined && name !== compiled.name) {
		throw new InputError(`scenario.failure_type is ${JSON.stringify(name)} but its incident is ${JSON.stringify(compiled.name)}; give one, or the same name in both`);
	}
	return compiled;
}

export function scenarioOf(request: z.output<typeof scenarioSchema>): Scenario {
	const incident = requestedIncident(request);
	const rogue = request.rogue_fleet_agent;
	if (rogue !== undefined && rogue !== null && !incident.fleetAgents.includes(rogue)) {
		throw new InputError(`scenario.rogue_fleet_agent is ${JSON.stringify(rogue)}; expected one of ${incident.fleetAgents.join(', ')}, or null`);
	}
	const scenario = makeScenario(incident, {
		difficulty: request.difficulty,
		seed: request.seed,
		maxSteps: request.max_steps,
		injectMisleadingLogs: request.inject_misleading_logs,
		scoring: request.scoring,
	});
	return rogue === undefined ? scenario : {...scenario, rogue_fleet_agent: rogue};
}

/** What `make` returns, or its InputError with the op named first (on each of its lines), as a refusal by the schema would be. */
function asRefusal<T>(op: string, make: () => T): T {
	try {
		return make();
	} catch (error) {
		throw error instanceof InputError ? new InputError(error.lines.map(line => `${op}: ${line}`)) : error;
	}
}

/** Throws EnvError before the first reset, as `step` and `state` do. */
const requireEpisode = (env: ChaosOpsEnv) => env.info();

const OPERATIONS = {
	reset: operation({scenario: scenarioSchema}, (env, {scenario}) => ({observation: env.reset(asRefusal('reset', () => scenarioOf(scenario)))})),
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
		if (error instanceof RangeError) throw new InputError(`${TOO_DEEP}; send one JSON object per line, nested at most a few thousand levels`);
		throw new InputError(`not valid JSON (${(error as Error).message}); send one JSON object per line`);
	}
	if (typeof request !== 'object' || request === null || Array.isArray(request)) {
		throw new InputError(`a request must be a JSON object with an "op" (${OP_NAMES})`);
	}
	return request as Record<string, unknown>;
}

/** Called with an unexpected error (a bug) met while answering one request, which is answered `ok:false` all the same. */
export type BugReporter = (error: unknown) => void;

/** One session: an environment and the replies to its requests, in order. */
export class ProtocolSession {
	readonly env: ChaosOpsEnv;
	private readonly reportBug: BugReporter;

	constructor(env = new ChaosOpsEnv(), reportBug: BugReporter = () => {}) {
		this.env = env;
		this.reportBug = reportBug;
	}

	/**
	 * The reply line (without newline) to one request line. Whatever goes wrong answers this request with
	 * `ok:false` and leaves the session serving: a refusal says why; a bug is also handed to the bug reporter.
	 */
	reply(line: string): string {
		let id: unknown;
		try {
			const request = parseLine(line);
			const parsedId = idSchema.safeParse(request['id'], {reportInput: true});
			if (!parsedId.success) throw new InputError(`id ${describeIssue(parsedId.error.issues[0]!)}`);
			id = parsedId.data;
			const op = request['op'];
			if (typeof op !== 'string' || !Object.hasOwn(OPERATIONS, op)) {
				const given = op === undefined ? '(missing)' : typeof op === 'string' ? describeValue(op) : `(${describeValue(op)})`;
				throw new InputError(`unknown op ${given}; expected one of ${OP_NAMES}`);
			}
			return terminalJson({...(id === undefined ? {} : {id}), ok: true, ...OPERATIONS[op as keyof typeof OPERATIONS](this.env, request)});
		} catch (error) {
			const refused = error instanceof InputError || error instanceof EnvError;
			if (!refused) this.reportBug(error);
			const message = refused ? error.message : `internal error while answering this request (a bug): ${error instanceof Error ? error.message : String(error)}`;
			return terminalJson(id === undefined ? {ok: false, error: message} : {id, ok: false, error: message});
		}
	}
}

/** The reply to a request line longer than the protocol takes. */
export const lineTooLongReply = (maxBytes: number): string =>
	terminalJson({ok: false, error: `request line longer than ${maxBytes / (1024 * 1024)} MiB; skipped to the next newline. Send one request per line, each shorter than that`});
