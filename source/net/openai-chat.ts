// One request to an OpenAI-compatible chat-completions endpoint (OpenAI, Ollama, vLLM, llama.cpp's server, …) with
// fetch: the messages, the action tool when it is offered, the answer's text or its tool call's arguments. Every way
// it can fail is a ChatFailure in words that never hold the key.
import type {ChatMessage} from '../io/model/render.js';
import {describeSystemError} from '../io/errors.js';
import {visibleLine} from '../io/terminal-text.js';

export type ChatEndpoint = {
	/** Up to and including the API's version, as the OpenAI SDKs take it: `https://api.openai.com/v1`. */
	readonly baseUrl: string;
	readonly model: string;
	/** Sent as `Authorization: Bearer KEY`; null for a server that takes none (a local one). */
	readonly apiKey: string | null;
	readonly timeoutMs: number;
};

/** Why a request gave no answer; `toolsRefused` when the server turned down a request because it carried tools. */
export class ChatFailure extends Error {
	constructor(
		message: string,
		readonly toolsRefused = false,
	) {
		super(message);
	}
}

/** Withdrawn by the caller (its seat taken over): not a failure to report. */
export class ChatWithdrawn extends Error {}

export const completionsUrl = (baseUrl: string): string => `${baseUrl.replace(/\/+$/, '')}/chat/completions`;

/** The text with the key taken out: a server that echoes the request (its headers) must not get it into a notice or a recording. */
const redacted = (text: string, apiKey: string | null): string => (apiKey === null ? text : text.replaceAll(apiKey, '[the key]'));

/** What the server's text says, briefly, for a notice. */
const brief = (text: string, apiKey: string | null): string => {
	const shown = redacted(text, apiKey);
	return visibleLine(shown.length > 200 ? `${shown.slice(0, 200)}…` : shown);
};

type Choice = {message?: {content?: unknown; tool_calls?: Array<{function?: {arguments?: unknown}}>}};

/** The reply: the first tool call's arguments (the action's JSON) if the model called the tool, else its text. */
function replyOf(body: unknown): string {
	const choice = (body as {choices?: Choice[]} | null)?.choices?.[0];
	if (typeof choice !== 'object' || choice === null) throw new ChatFailure('the server answered JSON that is not a chat completion (no choices)');
	const call = choice.message?.tool_calls?.find(each => typeof each?.function?.arguments === 'string');
	if (call !== undefined) return call.function!.arguments as string;
	const content = choice.message?.content;
	if (typeof content === 'string') return content;
	// Some servers give the content as parts.
	if (Array.isArray(content)) return content.map(part => (typeof part?.text === 'string' ? part.text : '')).join('');
	return '';
}

/** A signal that aborts when either does: AbortSignal.any, which Node has only from 20.3 (engines: >=20). */
function eitherSignal(first: AbortSignal, second: AbortSignal): AbortSignal {
	const either = new AbortController();
	const abort = () => either.abort();
	if (first.aborted || second.aborted) abort();
	first.addEventListener('abort', abort, {once: true});
	second.addEventListener('abort', abort, {once: true});
	return either.signal;
}

/**
 * One completion. `tools` (the action tool) is sent when given; `signal` withdraws the request. Rejects with a
 * ChatFailure (refused, timed out, an HTTP error, not a completion) or a ChatWithdrawn.
 */
export async function chatCompletion(endpoint: ChatEndpoint, messages: readonly ChatMessage[], tools: readonly object[] | null, signal: AbortSignal): Promise<string> {
	const url = completionsUrl(endpoint.baseUrl);
	const timeout = AbortSignal.timeout(endpoint.timeoutMs);
	const headers: Record<string, string> = {'content-type': 'application/json'};
	if (endpoint.apiKey !== null) headers.authorization = `Bearer ${endpoint.apiKey}`;
	const body = {model: endpoint.model, messages, ...(tools === null ? {} : {tools})};
	let text: string;
	let status: number;
	try {
		const response = await fetch(url, {method: 'POST', headers, body: JSON.stringify(body), signal: eitherSignal(signal, timeout)});
		status = response.status;
		text = await response.text();
	} catch (error) {
		if (signal.aborted) throw new ChatWithdrawn('withdrawn');
		if (timeout.aborted) throw new ChatFailure(`no answer from ${url} within ${endpoint.timeoutMs / 1000}s`);
		const cause = (error as {cause?: unknown}).cause ?? error;
		throw new ChatFailure(`cannot reach ${url}: ${describeSystemError(cause)}`);
	}
	const {apiKey} = endpoint;
	if (status < 200 || status > 299) throw new ChatFailure(`${url} answered HTTP ${status}: ${brief(text, apiKey)}`, status === 400 && tools !== null);
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		throw new ChatFailure(`${url} answered something that is not JSON: ${brief(text, apiKey)}`);
	}
	return redacted(replyOf(parsed), apiKey);
}
