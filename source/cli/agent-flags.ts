// The flags of agent seats (`--policy ROLE=llm`, `ROLE=cmd:PROGRAM`), shared by every command that seats a team:
// where the model is and which, how long a model or a program has for a turn, and the role prompts they are given.
// The net modules are loaded only when a seat is an agent's.
import type {AgentSeatFactory, SeatPolicy} from '../agents/runner.js';
import {isAgentSeat} from '../agents/runner.js';
import {InputError} from '../io/errors.js';

export const AGENT_FLAGS = ['llmBaseUrl', 'llmModel', 'llmTimeout', 'agentTimeout', 'systemPrompts'] as const;
export type AgentFlags = Partial<Record<(typeof AGENT_FLAGS)[number], string>>;

export const DEFAULT_LLM_BASE_URL = 'https://api.openai.com/v1';
const DEFAULT_LLM_TIMEOUT_SECONDS = 60;
const DEFAULT_AGENT_TIMEOUT_SECONDS = 30;
const MAX_TIMEOUT_SECONDS = 3600;
/** Where the key is read from, in this order; it is sent to the endpoint and written nowhere. */
export const API_KEY_VARIABLES = ['CHAOSOPS_LLM_API_KEY', 'OPENAI_API_KEY'] as const;

/** The help's lines for these flags, aligned as every command's options are. */
export const AGENT_FLAGS_HELP = `Agent seats (docs/agents.md): a seat's policy may be llm, a language model, or cmd:PROGRAM, a program
  reading observations on stdin and answering actions on stdout (PROGRAM split into words as a shell does,
  quotes and backslashes included, and started without a shell; no commas)
  --llm-model NAME        the model llm seats ask (required with an llm seat), e.g. gpt-4o-mini, llama3.1
  --llm-base-url URL      an OpenAI-compatible API, up to and including its /v1 (default: ${DEFAULT_LLM_BASE_URL};
                          Ollama: http://localhost:11434/v1); the key is read from ${API_KEY_VARIABLES.join(' or ')}
  --llm-timeout S         seconds a model has for a reply (default: ${DEFAULT_LLM_TIMEOUT_SECONDS})
  --agent-timeout S       seconds a cmd: program has for a turn's line (default: ${DEFAULT_AGENT_TIMEOUT_SECONDS})
  --system-prompts DIR    the role prompts agents are given: sre.md, dev.md, manager.md, oversight.md
                          (default: the project's prompts/)`;

function parseSeconds(flag: string, value: string | undefined, fallback: number): number {
	if (value === undefined) return fallback * 1000;
	const seconds = /^\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
	if (!(seconds > 0 && seconds <= MAX_TIMEOUT_SECONDS)) throw new InputError(`--${flag} '${value}' is not valid; expected seconds, more than 0 and at most ${MAX_TIMEOUT_SECONDS}`);
	return seconds * 1000;
}

function parseBaseUrl(value: string): string {
	let url: URL | null = null;
	try {
		url = new URL(value);
	} catch {}
	if (url === null || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
		throw new InputError(`--llm-base-url '${value}' is not valid; expected an http or https URL up to the API's /v1, such as ${DEFAULT_LLM_BASE_URL}`);
	}
	return value;
}

const apiKey = (): string | null => API_KEY_VARIABLES.map(name => process.env[name]).find(key => key !== undefined && key !== '') ?? null;

/**
 * What makes the agent seats among `seats`, or undefined when there are none (the flags are checked either way).
 * `stderr`: whether a program's stderr is passed on, line by line (not while an app holds the terminal).
 */
export async function agentSeatsFrom(flags: AgentFlags, seats: Iterable<SeatPolicy | undefined>, {stderr}: {stderr: boolean}): Promise<AgentSeatFactory | undefined> {
	const llmTimeoutMs = parseSeconds('llm-timeout', flags.llmTimeout, DEFAULT_LLM_TIMEOUT_SECONDS);
	const commandTimeoutMs = parseSeconds('agent-timeout', flags.agentTimeout, DEFAULT_AGENT_TIMEOUT_SECONDS);
	const baseUrl = parseBaseUrl(flags.llmBaseUrl ?? DEFAULT_LLM_BASE_URL);
	const agents = [...seats].filter(seat => seat !== undefined && isAgentSeat(seat));
	if (agents.length === 0) return undefined;
	const wantsModel = agents.some(seat => isAgentSeat(seat) && seat.kind === 'llm');
	if (wantsModel && flags.llmModel === undefined) {
		throw new InputError('an llm seat needs --llm-model NAME: the model the endpoint serves (such as gpt-4o-mini, or llama3.1 on Ollama); see docs/agents.md');
	}
	const [{loadSystemPrompts}, {agentSeatFactory}, {visibleLine}] = await Promise.all([
		import('../io/model/system-prompts.js'),
		import('../net/agent-seats.js'),
		import('../io/terminal-text.js'),
	]);
	return agentSeatFactory({
		endpoint: wantsModel ? {baseUrl, model: flags.llmModel!, apiKey: apiKey(), timeoutMs: llmTimeoutMs} : null,
		commandTimeoutMs,
		systemPrompts: loadSystemPrompts(flags.systemPrompts),
		...(stderr && {stderrLine: (command: string, line: string) => void process.stderr.write(`chaosops: ${visibleLine(command)}: ${line}\n`)}),
	});
}
