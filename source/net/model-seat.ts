// A seat played by a language model (`--policy ROLE=llm`): each turn asks the chat endpoint with the role's system
// prompt and the rendered observation, offering the action tool until the server turns tools down (then, for the
// rest of the episode, the reply's text is parsed), under the reference's retry rule. Whatever fails is a noop with
// a notice; the episode goes on.
import type {AgentDecision, Policy} from '../agents/policy.js';
import type {Observation} from '../env/types.js';
import type {Role} from '../env/vocabulary.js';
import {actionToolFor} from '../io/model/action-schema.js';
import {actionRequestOf} from '../io/model/parse-action.js';
import {type ChatMessage, chatMessages} from '../io/model/render.js';
import {MAX_ATTEMPTS, decideWithRetry} from '../io/model/retry.js';
import {agentPolicy, noopTurn} from './agent-policy.js';
import {type ChatEndpoint, ChatFailure, ChatWithdrawn, chatCompletion} from './openai-chat.js';

export type ModelSeatOptions = {
	readonly endpoint: ChatEndpoint;
	readonly systemPrompts: Readonly<Record<Role, string>>;
	/** The failure types the incident's root cause may be declared as (its root causes). */
	readonly failureTypes: readonly string[];
};

/** The turn's notice: null when the first reply served, else what went wrong, and whether it ended in noop. */
function noticeOf(problems: readonly string[]): string | null {
	if (problems.length === 0) return null;
	const said = problems.join('; ');
	return problems.length >= MAX_ATTEMPTS ? `no usable action in ${MAX_ATTEMPTS} attempts (${said}); noop` : `${said}; the next attempt served`;
}

/** The seat's policy: one per episode, so that a server's refusal of tools is remembered for the episode. */
export function modelSeat({endpoint, systemPrompts, failureTypes}: ModelSeatOptions): Policy {
	let toolsRefused = false;
	const tools = [actionToolFor(failureTypes)];
	const source = endpoint.model;
	const complete = async (messages: readonly ChatMessage[], signal: AbortSignal): Promise<string> => {
		if (toolsRefused) return chatCompletion(endpoint, messages, null, signal);
		try {
			return await chatCompletion(endpoint, messages, tools, signal);
		} catch (error) {
			if (!(error instanceof ChatFailure && error.toolsRefused)) throw error;
			// The same turn again, without tools, and none for the rest of the episode.
			toolsRefused = true;
			return chatCompletion(endpoint, messages, null, signal);
		}
	};
	const turn = async (observation: Observation, role: Role, signal: AbortSignal): Promise<AgentDecision> => {
		const messages = chatMessages(observation, systemPrompts[role]);
		const asked = messages.at(-1)!;
		const before = messages.slice(0, -1);
		// Each attempt sends the system prompt and the attempt's prompt: the rendering, then with the reminder.
		const ask = (prompt: string): Promise<string> => {
			if (signal.aborted) return Promise.reject(new ChatWithdrawn('withdrawn'));
			return complete([...before, {role: 'user', content: prompt}], signal);
		};
		const {action, replies, problems} = await decideWithRetry(asked.content, ask, role, failureTypes);
		if (signal.aborted) return noopTurn(source, 'withdrawn', replies);
		return {action: actionRequestOf(action), agent: {source, replies, notice: noticeOf(problems)}};
	};
	return agentPolicy({name: 'llm', title: source, turn});
}
