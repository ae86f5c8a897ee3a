// The drill's WebSocket server: it checks every message a client sends, lets a player into the seat they ask for
// when the code is right and the seat is theirs to take, and delivers what the drill says each seat may be sent.
// Whatever a client does wrong costs only that client its connection; the drill goes on.
import {timingSafeEqual} from 'node:crypto';
import type {AddressInfo} from 'node:net';
import {type RawData, type WebSocket, WebSocketServer} from 'ws';
import type {Role} from '../env/vocabulary.js';
import {describeIssue} from '../io/validation.js';
import type {Drill, Recipient} from './drill.js';
import {CLOSE_CODES, type ClientMessage, DRILL_LIMITS, DRILL_PROTOCOL, type Hello, type ServerMessage, clientMessageSchema} from './drill-protocol.js';

export type DrillServerOptions = {
	readonly drill: Drill;
	readonly code: string;
	readonly host: string;
	/** 0 for any free port. */
	readonly port: number;
	/** Told of each connection refused or closed for what its client did, in words. */
	readonly onRefusal?: (reason: string) => void;
};

export type DrillServer = {
	readonly port: number;
	readonly host: string;
	/** Delivers a drill's message: the drill's outbox. */
	readonly deliver: (to: Recipient, message: ServerMessage) => void;
	/** Closes every connection (the drill's end is sent first) and stops listening. */
	close(): Promise<void>;
};

type Client = {
	readonly socket: WebSocket;
	/** Null until the hello; a role for a player, 'spectator' for a screen on the wall. */
	seat: Role | 'spectator' | null;
	windowStart: number;
	windowMessages: number;
	helloTimer: ReturnType<typeof setTimeout> | undefined;
};

const sameCode = (given: string, code: string): boolean => {
	const a = Buffer.from(given);
	const b = Buffer.from(code);
	return a.length === b.length && timingSafeEqual(a, b);
};

/** Listens for players; settles once listening (or with the error that kept it from listening). */
export function serveDrill(options: DrillServerOptions): Promise<DrillServer> {
	const {drill, code, onRefusal = () => {}} = options;
	const players = new Map<Role, Client>();
	const spectators = new Set<Client>();
	const clients = new Set<Client>();
	const wss = new WebSocketServer({host: options.host, port: options.port, maxPayload: DRILL_LIMITS.messageBytes, perMessageDeflate: false});

	const send = (client: Client, message: ServerMessage, text = JSON.stringify(message)): void => {
		if (client.socket.readyState !== client.socket.OPEN) return;
		// A client that does not read holds its messages in our memory; past the limit it is let go.
		if (client.socket.bufferedAmount > DRILL_LIMITS.backlogBytes) {
			dismiss(client, CLOSE_CODES.backlog, `a client of the ${client.seat ?? 'unknown'} seat stopped reading; closed`);
			return;
		}
		client.socket.send(text);
	};

	/** Tells the client why and closes its connection; the drill goes on. */
	const refuse = (client: Client, closeCode: number, error: string): void => {
		onRefusal(error);
		send(client, {type: 'refused', error});
		client.socket.close(closeCode, error.slice(0, 120));
		forget(client);
	};

	const dismiss = (client: Client, closeCode: number, reason: string): void => {
		onRefusal(reason);
		client.socket.terminate();
		forget(client);
	};

	/** Drops the client; a player's seat goes to the teammate until they are back. */
	const forget = (client: Client): void => {
		if (!clients.delete(client)) return;
		clearTimeout(client.helloTimer);
		if (client.seat === 'spectator') spectators.delete(client);
		else if (client.seat !== null && players.get(client.seat) === client) {
			players.delete(client.seat);
			drill.leave(client.seat);
		}
	};

	const deliver = (to: Recipient, message: ServerMessage): void => {
		const text = JSON.stringify(message);
		if (to === 'spectators') for (const client of spectators) send(client, message, text);
		else {
			const client = players.get(to);
			if (client !== undefined) send(client, message, text);
		}
	};

	const hello = (client: Client, message: Hello): void => {
		if (message.protocol !== DRILL_PROTOCOL) return refuse(client, CLOSE_CODES.refused, `this host speaks drill protocol ${DRILL_PROTOCOL}, not ${message.protocol}; use a chaosops of the same version`);
		if (!sameCode(message.code, code)) return refuse(client, CLOSE_CODES.refused, 'wrong join code; ask the facilitator for the code the host printed');
		if ((message.role === undefined) === (message.spectate === undefined)) {
			return refuse(client, CLOSE_CODES.malformed, 'a hello names a role to play, or spectate: true to watch (one of the two)');
		}
		clearTimeout(client.helloTimer);
		if (message.spectate) {
			client.seat = 'spectator';
			spectators.add(client);
			for (const welcome of drill.spectate(message.name ?? 'spectator')) send(client, welcome);
			return;
		}
		const role = message.role!;
		const refusal = drill.refusal(role);
		if (refusal !== null) return refuse(client, CLOSE_CODES.refused, refusal);
		client.seat = role;
		players.set(role, client);
		drill.join(role, message.name ?? role);
	};

	const handle = (client: Client, message: ClientMessage): void => {
		if (client.seat === null) {
			if (message.type !== 'hello') return refuse(client, CLOSE_CODES.malformed, 'the first message must be a hello');
			return hello(client, message);
		}
		if (message.type === 'hello') return refuse(client, CLOSE_CODES.malformed, 'hello was already said on this connection');
		if (client.seat === 'spectator') return send(client, {type: 'error', error: 'a spectator watches; it cannot act'});
		const error = drill.act(client.seat, message.turn, message.action);
		if (error !== null) send(client, {type: 'error', error});
	};

	const receive = (client: Client, data: RawData, isBinary: boolean): void => {
		if (!clients.has(client)) return;
		const now = Date.now();
		if (now - client.windowStart >= 1000) {
			client.windowStart = now;
			client.windowMessages = 0;
		}
		if (++client.windowMessages > DRILL_LIMITS.messagesPerSecond) {
			return refuse(client, CLOSE_CODES.flood, `more than ${DRILL_LIMITS.messagesPerSecond} messages in a second; closed`);
		}
		if (isBinary) return refuse(client, CLOSE_CODES.malformed, 'messages are JSON text, not binary');
		let value: unknown;
		try {
			value = JSON.parse(data.toString());
		} catch {
			return refuse(client, CLOSE_CODES.malformed, 'a message is one JSON object; this was not JSON');
		}
		const parsed = clientMessageSchema.safeParse(value, {reportInput: true});
		if (!parsed.success) return refuse(client, CLOSE_CODES.malformed, `malformed message: ${describeIssue(parsed.error.issues[0]!)}`);
		handle(client, parsed.data);
	};

	wss.on('connection', socket => {
		const client: Client = {socket, seat: null, windowStart: Date.now(), windowMessages: 0, helloTimer: undefined};
		clients.add(client);
		socket.on('error', () => forget(client));
		socket.on('close', () => forget(client));
		if (clients.size > DRILL_LIMITS.connections) return refuse(client, CLOSE_CODES.refused, `the host holds at most ${DRILL_LIMITS.connections} connections`);
		if (drill.over) return refuse(client, CLOSE_CODES.ended, 'the drill is over');
		client.helloTimer = setTimeout(() => refuse(client, CLOSE_CODES.malformed, `no hello within ${DRILL_LIMITS.helloMs / 1000} seconds`), DRILL_LIMITS.helloMs);
		socket.on('message', (data, isBinary) => receive(client, data, isBinary));
	});

	const close = (): Promise<void> =>
		new Promise(resolve => {
			for (const client of [...clients]) {
				client.socket.close(CLOSE_CODES.ended, 'the drill is over');
				forget(client);
			}
			wss.close(() => resolve());
			// A client that never answers the closing handshake is cut off.
			setTimeout(() => {
				for (const socket of wss.clients) socket.terminate();
			}, 1000).unref();
		});

	return new Promise((resolve, reject) => {
		wss.once('error', reject);
		wss.once('listening', () => {
			wss.off('error', reject);
			const address = wss.address() as AddressInfo;
			resolve({port: address.port, host: options.host, deliver, close});
		});
	});
}
