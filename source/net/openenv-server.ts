// `chaosops serve`'s server: the environment over HTTP and WebSocket as OpenEnv's server (openenv-core's
// HTTPEnvServer) serves one, so that a trainer using OpenEnv's client talks to it. The plain HTTP endpoints share
// one environment; each /ws connection has its own. Whatever a client does wrong is answered with an error and
// costs nothing else: a refused request changes nothing, and one client never stops another.
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import type {Duplex} from 'node:stream';
import {type RawData, type WebSocket, WebSocketServer} from 'ws';
import * as z from 'zod';
import {observationSchema, stateSchema} from '../io/observation-schema.js';
import {MAX_REQUEST_BYTES, type Refusal, parseRequestJson, refusalOf} from '../io/protocol.js';
import {actionSchema} from '../io/requests.js';
import type {SystemPrompts} from '../io/role-prompts.js';
import {terminalJson} from '../io/terminal-text.js';
import {closedObject, parseWith} from '../io/validation.js';
import {CHAOSOPS_VERSION} from '../io/version.js';
import {OpenEnvSession, PROTOCOL_OPS, type Reply} from './openenv-session.js';

export const SERVE_LIMITS = {
	/** The largest body or message taken, as the JSON-lines protocol's longest line. */
	requestBytes: MAX_REQUEST_BYTES,
	/** WebSocket sessions at once; each holds an environment. */
	sessions: 256,
	/** Bytes waiting to go out to one WebSocket client before it counts as not reading, and is closed. */
	backlogBytes: 16 * 1024 * 1024,
	/** How long a client has to send a request's headers, and the whole request. */
	headersMs: 10_000,
	requestMs: 30_000,
} as const;

export type OpenEnvServerOptions = {
	readonly host: string;
	/** 0 for any free port. */
	readonly port: number;
	/** WebSocket sessions at once (default: SERVE_LIMITS.sessions). */
	readonly sessions?: number;
	/** The role prompts `prompt` renders with (default: the project's). */
	readonly systemPrompts?: SystemPrompts;
	/** Told of an unexpected error (a bug) met while answering a request, which is answered all the same. */
	readonly onBug?: (error: unknown) => void;
};

export type OpenEnvServer = {
	readonly port: number;
	readonly host: string;
	/** Closes every connection and stops listening. */
	close(): Promise<void>;
};

type Method = 'GET' | 'POST';
type Route = {readonly method: Method; readonly answer: (session: OpenEnvSession, body: unknown) => unknown};

const SCHEMAS = {
	action: z.toJSONSchema(actionSchema, {io: 'input'}),
	observation: z.toJSONSchema(observationSchema),
	state: z.toJSONSchema(stateSchema),
};

const METADATA = {
	name: 'chaosops',
	description: 'ChaosOps: four roles (sre, oversight, dev, manager) take turns resolving a production incident under partial observability.',
	readme_content: null,
	version: CHAOSOPS_VERSION,
	author: null,
	documentation_url: null,
};

const ROUTES: Readonly<Record<string, Route>> = {
	'/reset': {method: 'POST', answer: (session, body) => session.reset(body)},
	'/step': {method: 'POST', answer: (session, body) => session.step(body)},
	'/state': {method: 'GET', answer: session => session.state()},
	'/health': {method: 'GET', answer: () => ({status: 'healthy'})},
	'/schema': {method: 'GET', answer: () => SCHEMAS},
	'/metadata': {method: 'GET', answer: () => METADATA},
	...Object.fromEntries(PROTOCOL_OPS.map(op => [`/${op}`, {method: 'POST', answer: (session: OpenEnvSession, body: unknown) => session.protocol(op, body)}])),
};

const ENDPOINTS = `${Object.entries(ROUTES)
	.map(([path, {method}]) => `${method} ${path}`)
	.join(', ')} and the WebSocket /ws`;

/** The WebSocket messages (OpenEnv's): each answered with a message of the type named, its data the answer. */
const MESSAGES: Readonly<Record<string, {readonly reply: string; readonly answer: (session: OpenEnvSession, data: unknown) => Reply}>> = {
	reset: {reply: 'observation', answer: (session, data) => session.reset(data ?? {})},
	// OpenEnv's client sends the action itself as a step's data.
	step: {reply: 'observation', answer: (session, data) => session.step({action: data})},
	state: {reply: 'state', answer: session => session.state()},
	...Object.fromEntries(PROTOCOL_OPS.map(op => [op, {reply: op, answer: (session: OpenEnvSession, data: unknown) => session.protocol(op, data ?? {})}])),
};
const MESSAGE_TYPES = [...Object.keys(MESSAGES), 'close'].join(', ');

const messageSchema = closedObject({type: z.string(), data: z.unknown().optional()});

/** HTTP statuses of the refusals: bad input, and what the environment refuses in the state it is in. */
const REFUSAL_STATUS = {input: 400, env: 409} as const;

/** OpenEnv's error codes for the same (`WSErrorCode`). */
const REFUSAL_CODE = {input: 'VALIDATION_ERROR', env: 'EXECUTION_ERROR'} as const;

/** The answer, or what kept it from being given; a bug is reported and answered too. */
function answered<T>(answer: () => T, onBug: (error: unknown) => void): {value: T} | {refusal: Refusal} {
	try {
		return {value: answer()};
	} catch (error) {
		const refusal = refusalOf(error);
		if (refusal.kind === 'bug') onBug(error);
		return {refusal};
	}
}

/** A body's JSON: an empty body reads as `{}`, as OpenEnv reads one. */
const bodyValue = (text: string): unknown => (text.trim() === '' ? {} : parseRequestJson(text, 'send one JSON object as the body'));

function send(response: http.ServerResponse, status: number, value: unknown, headers: http.OutgoingHttpHeaders = {}): void {
	const body = Buffer.from(terminalJson(value));
	response.writeHead(status, {'content-type': 'application/json', 'content-length': body.length, ...headers});
	response.end(body);
}

/** Reads a body of at most the limit; null when it is longer (the client has been answered 413 then). */
function readBody(request: http.IncomingMessage, response: http.ServerResponse): Promise<string | null> {
	const tooLarge = () => {
		// The rest of the body is not read: the connection goes once the reply is out.
		send(response, 413, {error: `the body is longer than ${SERVE_LIMITS.requestBytes / (1024 * 1024)} MiB; send a shorter one`}, {connection: 'close'});
		response.once('finish', () => request.destroy());
		return null;
	};
	if (Number(request.headers['content-length'] ?? 0) > SERVE_LIMITS.requestBytes) return Promise.resolve(tooLarge());
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let length = 0;
		request.on('data', (chunk: Buffer) => {
			length += chunk.length;
			if (length > SERVE_LIMITS.requestBytes) {
				request.removeAllListeners('data');
				request.pause();
				resolve(tooLarge());
			} else chunks.push(chunk);
		});
		request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		// A client gone before its body ended is answered no more (after the end, this changes nothing).
		request.on('close', () => resolve(null));
		request.on('error', reject);
	});
}

/** Listens; settles once listening (or with the error that kept it from listening). */
export function serveOpenEnv(options: OpenEnvServerOptions): Promise<OpenEnvServer> {
	const {onBug = () => {}, systemPrompts, sessions: maxSessions = SERVE_LIMITS.sessions} = options;
	const shared = new OpenEnvSession(systemPrompts);
	const sockets = new Set<WebSocket>();

	const handle = async (request: http.IncomingMessage, response: http.ServerResponse): Promise<void> => {
		const path = new URL(request.url ?? '/', 'http://server').pathname;
		const route = Object.hasOwn(ROUTES, path) ? ROUTES[path] : undefined;
		if (route === undefined) {
			request.resume();
			const error = path === '/ws' ? '/ws is a WebSocket endpoint; connect to it with a WebSocket client' : `no endpoint ${path}; the endpoints are ${ENDPOINTS}`;
			return send(response, path === '/ws' ? 426 : 404, {error});
		}
		if (request.method !== route.method) {
			request.resume();
			return send(response, 405, {error: `${path} takes ${route.method}, not ${request.method}`}, {allow: route.method});
		}
		const text = await readBody(request, response);
		if (text === null) return;
		const result = answered(() => route.answer(shared, route.method === 'POST' ? bodyValue(text) : undefined), onBug);
		if ('value' in result) return send(response, 200, result.value);
		const {kind, message} = result.refusal;
		send(response, kind === 'bug' ? 500 : REFUSAL_STATUS[kind], {error: message});
	};

	const server = http.createServer((request, response) => {
		handle(request, response).catch((error: unknown) => {
			// The request failed on the way in (the client went away); there is nobody left to answer.
			if (!response.headersSent) response.destroy(error as Error);
		});
	});
	server.headersTimeout = SERVE_LIMITS.headersMs;
	server.requestTimeout = SERVE_LIMITS.requestMs;

	const wss = new WebSocketServer({noServer: true, maxPayload: SERVE_LIMITS.requestBytes, perMessageDeflate: false});

	const reply = (socket: WebSocket, message: {type: string; data: unknown}): void => {
		if (socket.readyState !== socket.OPEN) return;
		// A client that does not read would hold its replies in our memory; past the limit it is let go.
		if (socket.bufferedAmount > SERVE_LIMITS.backlogBytes) return void socket.terminate();
		socket.send(terminalJson(message));
	};
	const error = (socket: WebSocket, code: string, message: string): void => reply(socket, {type: 'error', data: {message, code}});

	const receive = (socket: WebSocket, session: OpenEnvSession, data: RawData): void => {
		const value = answered(() => parseRequestJson(data.toString(), 'send one JSON object per message'), onBug);
		if ('refusal' in value) return error(socket, 'INVALID_JSON', value.refusal.message);
		const parsed = answered(() => parseWith(messageSchema, value.value, 'message'), onBug);
		if ('refusal' in parsed) return error(socket, 'VALIDATION_ERROR', parsed.refusal.message);
		const message = parsed.value;
		if (message.type === 'close') return void socket.close(1000, 'closed as asked');
		const kind = Object.hasOwn(MESSAGES, message.type) ? MESSAGES[message.type]! : undefined;
		if (kind === undefined) return error(socket, 'UNKNOWN_TYPE', `unknown message type ${JSON.stringify(message.type)}; expected one of ${MESSAGE_TYPES}`);
		const result = answered(() => kind.answer(session, message.data), onBug);
		if ('value' in result) return reply(socket, {type: kind.reply, data: result.value});
		const {kind: refused, message: text} = result.refusal;
		error(socket, refused === 'bug' ? 'EXECUTION_ERROR' : REFUSAL_CODE[refused], text);
	};

	wss.on('connection', (socket: WebSocket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		socket.on('error', () => socket.terminate());
		// A session whose client has begun to close counts no more, though its socket may linger a moment.
		if ([...sockets].filter(open => open.readyState === open.OPEN).length > maxSessions) {
			error(socket, 'CAPACITY_REACHED', `the server holds at most ${maxSessions} sessions at once; close one and connect again`);
			return void socket.close(1013, 'at capacity');
		}
		const session = new OpenEnvSession(systemPrompts);
		socket.on('message', data => receive(socket, session, data));
	});

	server.on('upgrade', (request: http.IncomingMessage, socket: Duplex, head: Buffer) => {
		if (new URL(request.url ?? '/', 'http://server').pathname !== '/ws') {
			socket.end('HTTP/1.1 404 Not Found\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
			return;
		}
		wss.handleUpgrade(request, socket, head, ws => wss.emit('connection', ws, request));
	});

	const close = (): Promise<void> =>
		new Promise(resolve => {
			for (const socket of sockets) socket.close(1001, 'the server is shutting down');
			wss.close();
			server.close(() => resolve());
			server.closeIdleConnections();
			// A client that never answers the closing handshake, or a request still coming in, is cut off.
			setTimeout(() => {
				for (const socket of sockets) socket.terminate();
				server.closeAllConnections();
			}, 1000).unref();
		});

	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port, options.host, () => {
			server.off('error', reject);
			const address = server.address() as AddressInfo;
			resolve({port: address.port, host: options.host, close});
		});
	});
}
