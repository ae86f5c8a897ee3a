// A stand-in for an OpenAI-compatible chat-completions server, on loopback at an ephemeral port: each request is
// kept (its headers and JSON body) and answered as the test says, so that tests see what chaosops sent and what it
// made of the answer.
import http from 'node:http';
import type {AddressInfo} from 'node:net';

export type ChatRequest = {
	readonly url: string;
	readonly authorization: string | undefined;
	readonly body: {model: string; messages: Array<{role: string; content: string}>; tools?: unknown[]};
};

/** An answer: a completion's text, a tool call's arguments, any status and body, or none at all (the request hangs). */
export type CannedAnswer = {readonly content: string} | {readonly toolArguments: string} | {readonly status: number; readonly raw: string} | 'hang';

export type ChatServer = {
	readonly baseUrl: string;
	readonly requests: ChatRequest[];
	/** How many requests left unanswered were given up by chaosops (the connection closed). */
	readonly withdrawn: () => number;
	close(): Promise<void>;
};

const completion = (message: object) => JSON.stringify({id: 'chatcmpl-test', object: 'chat.completion', choices: [{index: 0, message: {role: 'assistant', ...message}, finish_reason: 'stop'}]});

/** Starts the server; `answer` is given each request and how many came before it. */
export async function chatServer(answer: (request: ChatRequest, index: number) => CannedAnswer): Promise<ChatServer> {
	const requests: ChatRequest[] = [];
	let withdrawn = 0;
	const server = http.createServer((incoming, response) => {
		let text = '';
		incoming.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
		incoming.on('end', () => {
			const request: ChatRequest = {url: incoming.url ?? '', authorization: incoming.headers.authorization, body: JSON.parse(text)};
			requests.push(request);
			const canned = answer(request, requests.length - 1);
			if (canned === 'hang') {
				response.on('close', () => withdrawn++);
				return;
			}
			if ('status' in canned) {
				response.writeHead(canned.status, {'content-type': 'application/json'}).end(canned.raw);
				return;
			}
			const message = 'content' in canned ? {content: canned.content} : {content: null, tool_calls: [{id: 'call_1', type: 'function', function: {name: 'chaosops_action', arguments: canned.toolArguments}}]};
			response.writeHead(200, {'content-type': 'application/json'}).end(completion(message));
		});
	});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as AddressInfo;
	return {
		baseUrl: `http://127.0.0.1:${port}/v1`,
		requests,
		withdrawn: () => withdrawn,
		close: () =>
			new Promise<void>(resolve => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
