// A drill client for tests: a real WebSocket to a host on loopback, every frame kept as it came (to check on the
// wire what a seat was sent) and parsed with the protocol's own schema.
import WebSocket from 'ws';
import {type ServerMessage, serverMessageSchema} from '../../source/net/drill-protocol.js';

export type TestClient = {
	readonly socket: WebSocket;
	/** Every text frame received, as sent. */
	readonly frames: string[];
	readonly messages: ServerMessage[];
	send(message: unknown): void;
	sendRaw(data: string | Buffer): void;
	/** The next message of this type after the ones already taken with next (waits for it). */
	next<Type extends ServerMessage['type']>(type: Type, timeoutMs?: number): Promise<Extract<ServerMessage, {type: Type}>>;
	/** Settles with the close code once the connection is closed. */
	readonly closed: Promise<number>;
	close(): void;
};

export function connect(url: string): Promise<TestClient> {
	const socket = new WebSocket(url);
	const frames: string[] = [];
	const messages: ServerMessage[] = [];
	const taken = new Map<string, number>();
	const waiters = new Set<() => void>();
	const closed = new Promise<number>(resolve => socket.on('close', code => resolve(code)));
	socket.on('message', data => {
		const text = data.toString();
		frames.push(text);
		messages.push(serverMessageSchema.parse(JSON.parse(text)));
		for (const wake of waiters) wake();
	});
	const client: TestClient = {
		socket,
		frames,
		messages,
		send: message => socket.send(JSON.stringify(message)),
		sendRaw: data => socket.send(data),
		next: (type, timeoutMs = 10_000) =>
			new Promise((resolve, reject) => {
				const look = (): boolean => {
					const from = taken.get(type) ?? 0;
					const index = messages.findIndex((message, at) => at >= from && message.type === type);
					if (index < 0) return false;
					taken.set(type, index + 1);
					resolve(messages[index] as never);
					return true;
				};
				if (look()) return;
				const timer = setTimeout(() => {
					waiters.delete(wake);
					reject(new Error(`no ${type} message within ${timeoutMs} ms; got ${messages.map(message => message.type).join(', ')}`));
				}, timeoutMs);
				const wake = () => {
					if (!look()) return;
					clearTimeout(timer);
					waiters.delete(wake);
				};
				waiters.add(wake);
			}),
		closed,
		close: () => socket.close(),
	};
	return new Promise((resolve, reject) => {
		socket.once('open', () => resolve(client));
		socket.once('error', reject);
	});
}

/** Connects and says hello for a seat (or to spectate). */
export async function joinAs(url: string, code: string, seat: {role?: string; spectate?: true; name?: string}): Promise<TestClient> {
	const client = await connect(url);
	client.send({type: 'hello', protocol: 1, code, ...seat});
	return client;
}

/** Waits until `condition` holds, checking every few milliseconds. */
export async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise(resolve => setTimeout(resolve, 5));
	}
}
