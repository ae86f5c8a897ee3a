// The JSON-lines protocol of `chaosops env`: one request per line, one reply per line, so that a trainer in any
// language can drive the environment. Anything wrong gets `{"ok":false,"error":…}` and changes nothing.
import * as z from 'zod';
import {ChaosOpsEnv} from '../env/environment.js';
import {EnvError} from '../env/errors.js';
import {makeScenario} from '../env/scenario.js';
import type {ActionRequest, Scenario} from '../env/types.js';
import {ROLES} from '../env/vocabulary.js';
import {InputError} from './errors.js';
import {builtInIncident, incidentFromReference} from './incidents.js';
import {TOO_DEEP} from './json-text.js';
import type {JsonBytes} from './json-bytes.js';
import {writeBreakdown, writeInfo, writeObservation} from './observation-json.js';
import {terminalJson} from './terminal-text.js';
import {actionSchema, idSchema, isPlainId, plainReset, plainStep, scenarioSchema} from './requests.js';
import {closedObject, describeIssue, describeValue, parseWith} from './validation.js';
import {parseAction} from './model/parse-action.js';
import {modelInput} from './model/render.js';
import {scoreCompletion} from './model/score.js';
import {type SystemPrompts, projectSystemPrompts} from './role-prompts.js';


/** An id as the schema reads it, or an InputError saying what is wrong with it. */
function checkedId(id: unknown): unknown {
	const parsed = idSchema.safeParse(id, {reportInput: true});
	if (!parsed.success) throw new InputError(`id ${describeIssue(parsed.error.issues[0]!)}`);
	return parsed.data;
}

/** Answers a request: writes the fields of its reply that follow `"ok":true,`. */
type Operation = (context: ProtocolContext, request: Record<string, unknown>, out: JsonBytes) => void;
type Run<Request> = (context: ProtocolContext, request: Request, out: JsonBytes) => void;

/** What a session's requests are answered with: its environment, and the role prompts `prompt` renders with. */
export type ProtocolContext = {readonly env: ChaosOpsEnv; readonly systemPrompts: SystemPrompts};

/** Writes a reply's fields by the generic path. */
const writeFields = (out: JsonBytes, fields: Record<string, unknown>): void => out.text(terminalJson(fields).slice(1, -1));

/**
 * An op: its request's fields, checked before `run` sees them. `plain`, when given, checks the common request by
 * hand first (the request as the schema reads it, or undefined to leave it to the schema).
 */
function operation<Shape extends z.core.$ZodLooseShape>(
	shape: Shape,
	run: Run<z.output<z.ZodObject<Shape>>>,
	plain: (request: Record<string, unknown>) => z.output<z.ZodObject<Shape>> | undefined = () => undefined,
): Operation {
	const schema = closedObject({op: z.string(), id: idSchema, ...shape});
	// Generic spreads defeat zod's inference; the schema holds the shape's fields, so the cast is sound.
	return (context, request, out) => run(context, plain(request) ?? (parseWith(schema, request, String(request['op'])) as z.output<z.ZodObject<Shape>>), out);
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

const OBSERVATION_KEY = Buffer.from('"observation":');
const BREAKDOWN_KEY = Buffer.from(',"breakdown":');
const INFO_KEY = Buffer.from(',"info":');

const OPERATIONS = {
	reset: operation(
		{scenario: scenarioSchema},
		({env}, {scenario}, out) => {
			const observation = env.reset(asRefusal('reset', () => scenarioOf(scenario)));
			out.bytes(OBSERVATION_KEY);
			writeObservation(out, observation);
		},
		plainReset,
	),
	step: operation(
		{action: actionSchema},
		({env}, {action}, out) => {
			// The environment drops null args itself, as the reference does.
			const {observation, breakdown, info} = env.step(action as ActionRequest);
			out.bytes(OBSERVATION_KEY);
			writeObservation(out, observation);
			out.bytes(BREAKDOWN_KEY);
			writeBreakdown(out, breakdown);
			out.bytes(INFO_KEY);
			writeInfo(out, info);
		},
		plainStep,
	),
	state: operation({}, ({env}, _request, out) => writeFields(out, {state: env.state()})),
	legal_actions: operation({}, ({env}, _request, out) => {
		requireEpisode(env);
		writeFields(out, {role: env.currentRole, legal_actions: env.legalActions(), done: env.done});
	}),
	prompt: operation({}, ({env, systemPrompts}, _request, out) => {
		const observation = env.observation();
		writeFields(out, modelInput(observation, systemPrompts()[env.currentRole]));
	}),
	parse: operation({text: z.string(), role: z.enum(ROLES)}, (_context, {text, role}, out) => writeFields(out, {action: parseAction(text, role)})),
	score: operation(
		{scenario_json: z.string(), action_history_json: z.string(), role: z.string(), completion: z.string(), team_weight: z.number()},
		(_context, request, out) => writeFields(out, {reward: scoreCompletion(request)}),
	),
} satisfies Record<string, Operation>;

export const OP_NAMES = Object.keys(OPERATIONS).join(', ');

/** The value of a request's JSON text, or an InputError saying what is wrong and `send`, what to send instead. */
export function parseRequestJson(text: string, send: string): unknown {
	try {
		return JSON.parse(text);
	} catch (error) {
		if (error instanceof RangeError) throw new InputError(`${TOO_DEEP}; ${send}, nested at most a few thousand levels`);
		throw new InputError(`not valid JSON (${(error as Error).message}); ${send}`);
	}
}

function parseLine(line: string): Record<string, unknown> {
	const request = parseRequestJson(line, 'send one JSON object per line');
	if (typeof request !== 'object' || request === null || Array.isArray(request)) {
		throw new InputError(`a request must be a JSON object with an "op" (${OP_NAMES})`);
	}
	return request as Record<string, unknown>;
}

/**
 * Answers one request, an object as JSON.parse reads it: writes the fields of its reply that follow `"ok":true,`,
 * or throws its refusal (an InputError, or the environment's EnvError), perhaps having written part of the reply.
 */
export function answerRequest(context: ProtocolContext, request: Record<string, unknown>, out: JsonBytes): void {
	const op = request['op'];
	if (typeof op !== 'string' || !Object.hasOwn(OPERATIONS, op)) {
		const given = op === undefined ? '(missing)' : typeof op === 'string' ? describeValue(op) : `(${describeValue(op)})`;
		throw new InputError(`unknown op ${given}; expected one of ${OP_NAMES}`);
	}
	OPERATIONS[op as keyof typeof OPERATIONS](context, request, out);
}

const END_OF_REPLY = Buffer.from('}\n');

/** Why a request was not answered: bad input, what the environment refuses in the state it is in, or a bug. */
export type Refusal = {readonly kind: 'input' | 'env' | 'bug'; readonly message: string};

/** What a client is told of an error met while answering its request (a bug is told as one, and is the caller's to report). */
export function refusalOf(error: unknown): Refusal {
	if (error instanceof InputError) return {kind: 'input', message: error.message};
	if (error instanceof EnvError) return {kind: 'env', message: error.message};
	return {kind: 'bug', message: `internal error while answering this request (a bug): ${error instanceof Error ? error.message : String(error)}`};
}

/** Called with an unexpected error (a bug) met while answering one request, which is answered `ok:false` all the same. */
export type BugReporter = (error: unknown) => void;

/** One session: an environment and the replies to its requests, in order. */
export class ProtocolSession {
	readonly env: ChaosOpsEnv;
	private readonly context: ProtocolContext;
	private readonly reportBug: BugReporter;

	constructor(env = new ChaosOpsEnv(), reportBug: BugReporter = () => {}, systemPrompts = projectSystemPrompts) {
		this.env = env;
		this.context = {env, systemPrompts};
		this.reportBug = reportBug;
	}

	/**
	 * Writes the reply line (newline and all) to one request line. Whatever goes wrong answers this request with
	 * `ok:false` and leaves the session serving: a refusal says why; a bug is also handed to the bug reporter.
	 */
	reply(line: string, out: JsonBytes): void {
		const start = out.length;
		let id: unknown;
		try {
			const request = parseLine(line);
			const givenId = request['id'];
			id = isPlainId(givenId) ? givenId : checkedId(givenId);
			out.text(id === undefined ? '{"ok":true,' : `{"id":${terminalJson(id)},"ok":true,`);
			answerRequest(this.context, request, out);
			out.bytes(END_OF_REPLY);
		} catch (error) {
			// Whatever of the reply was written goes: the refusal takes its place.
			out.rewind(start);
			const {kind, message} = refusalOf(error);
			if (kind === 'bug') this.reportBug(error);
			out.text(`${terminalJson(id === undefined ? {ok: false, error: message} : {id, ok: false, error: message})}\n`);
		}
	}
}

/** The largest request taken: a line of `chaosops env`, a body or a message of `chaosops serve`. */
export const MAX_REQUEST_BYTES = 16 * 1024 * 1024;

/** The reply to a request line longer than the protocol takes. */
export const lineTooLongReply = (maxBytes: number): string =>
	terminalJson({ok: false, error: `request line longer than ${maxBytes / (1024 * 1024)} MiB; skipped to the next newline. Send one request per line, each shorter than that`});
