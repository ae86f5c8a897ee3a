// A seat's end of a drill (`chaosops join`): one WebSocket to the host, the hello said on connecting and again on
// reconnecting (the same code and seat: the host gives the seat back with the screen as it stands), every message
// from the host checked with the protocol's schema before the seat takes it in (seat-state.ts), and the seat's
// decision sent for its pending turn. A message that fails the schema is a protocol error: the client closes the
// connection and says why in one line. Nothing here draws.
import WebSocket, {type RawData} from 'ws';
import * as z from 'zod';
import type {ActionRequest} from '../env/types.js';
import type {Role} from '../env/vocabulary.js';
import {describeSystemError} from '../io/errors.js';
import {describeIssue} from '../io/validation.js';
import {DRILL_LIMITS, DRILL_PROTOCOL, type Hello, serverMessageSchema} from './drill-protocol.js';
import {type SeatMessage, type SeatSnapshot, joiningSeat, receive} from './seat-state.js';

export type JoinRequest = {
	/** HOST:PORT, as the host printed it. */
	readonly address: string;
	readonly code: string;
	/** The seat to play; null to watch as a spectator. */
	readonly role: Role | null;
	readonly name?: string | undefined;
};

/** Why joining failed: the host said no, nothing answered, it spoke something else, or it hung up first. */
export type JoinFailureKind = 'refused' | 'unreachable' | 'protocol' | 'closed';

export class JoinFailure extends Error {
	override readonly name = 'JoinFailure';
	readonly kind: JoinFailureKind;

	constructor(kind: JoinFailureKind, message: string) {
		super(message);
		this.kind = kind;
	}
}

/** How long the host has to answer the connection before it counts as unreachable. */
const HANDSHAKE_MS = 10_000;
/** WebSocket's close code for a peer that broke the protocol. */
const PROTOCOL_ERROR = 1002;
/** The longest chat message a seat sends (the host refuses a longer one). */
export const MESSAGE_MAX = DRILL_LIMITS.actionText;

// The ending's result as the screen reads it: the protocol checks only what the host itself needs of it.
const resultSchema = z.object({
	resolved: z.boolean(),
	final_step: z.number(),
	cumulative_reward: z.number(),
	wrong_fixes: z.number(),
	oversight_flags: z.array(z.string().max(64)).readonly(),
	declared_root_cause: z.string().max(64).nullable(),
	mttr_steps: z.number(),
});

/** A host's message as the seat takes it in, or what is wrong with it in words. */
function readMessage(data: RawData, isBinary: boolean): SeatMessage | string {
	if (isBinary) return 'a binary message, not JSON text';
	let value: unknown;
	try {
		value = JSON.parse(data.toString());
	} catch {
		return 'a message that is not JSON';
	}
	const parsed = serverMessageSchema.safeParse(value, {reportInput: true});
	if (!parsed.success) return describeIssue(parsed.error.issues[0]!);
	const message = parsed.data;
	if (message.type !== 'ended') return message;
	const result = resultSchema.safeParse(message.result, {reportInput: true});
	return result.success ? {...message, result: result.data} : `result ${describeIssue(result.error.issues[0]!)}`;
}

/** Why a connection the seat had was lost, in words. */
function dropped(address: string, code: number, reason: string): string {
	const said = reason === '' ? '' : `: ${reason}`;
	return code === 1006 ? `the connection to ${address} dropped (the host stopped, or the network)` : `the host at ${address} closed the connection${said}`;
}

export type DrillClientOptions = {
	/** The clock the countdown is kept on; Date.now unless a test says otherwise. */
	readonly now?: () => number;
};

export class DrillClient {
	private readonly request: JoinRequest;
	private readonly now: () => number;
	private seat: SeatSnapshot;
	private socket: WebSocket | null = null;
	/** The player quit: the connection's end is no loss. */
	private closing = false;
	private readonly listeners = new Set<() => void>();

	constructor(request: JoinRequest, {now = Date.now}: DrillClientOptions = {}) {
		this.request = request;
		this.now = now;
		this.seat = Object.freeze(joiningSeat(request.address, request.role, request.name ?? request.role ?? 'spectator'));
	}

	subscribe = (listener: () => void): (() => void) => {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	};

	/** What the seat knows: the same object until something changes. */
	snapshot = (): SeatSnapshot => this.seat;

	/**
	 * Connects and says hello; settles once the host has sent the seat its screen (the welcome, then the state), or
	 * rejects with a JoinFailure in words. After that, a drop is in the snapshot's connection.
	 */
	connect(): Promise<void> {
		const {address} = this.request;
		return new Promise((resolve, reject) => {
			const socket = new WebSocket(`ws://${address}`, {handshakeTimeout: HANDSHAKE_MS, maxPayload: DRILL_LIMITS.messageBytes, perMessageDeflate: false});
			this.socket = socket;
			let joined = false;
			let refusal: string | null = null;
			let broken: string | null = null;
			let failure: unknown = null;
			socket.on('open', () => socket.send(JSON.stringify(this.hello())));
			socket.on('message', (data, isBinary) => {
				if (broken !== null) return;
				const message = readMessage(data, isBinary);
				if (typeof message === 'string') {
					broken = `the host at ${address} sent what this chaosops cannot read (${message}); disconnected`;
					socket.close(PROTOCOL_ERROR, 'malformed message');
					return;
				}
				if (message.type === 'refused') refusal = message.error;
				this.update(receive(this.seat, message, this.now()));
				if (!joined && message.type === 'state') {
					joined = true;
					this.update({...this.seat, connection: {state: 'joined'}});
					resolve();
				}
			});
			socket.on('error', error => (failure = error));
			socket.on('close', (code, reason) => {
				if (this.socket === socket) this.socket = null;
				const said = broken ?? (refusal === null ? null : `the host refused: ${refusal}`);
				if (!joined) {
					const kind: JoinFailureKind = broken !== null ? 'protocol' : refusal !== null ? 'refused' : failure !== null ? 'unreachable' : 'closed';
					const message = said ?? (failure === null ? dropped(address, code, reason.toString()) : `cannot reach a drill host at ${address}: ${describeSystemError(failure)}`);
					reject(new JoinFailure(kind, message));
					return;
				}
				if (this.closing || this.seat.ending !== null) this.update({...this.seat, connection: {state: 'closed'}});
				else this.update({...this.seat, pending: null, connection: {state: 'lost', reason: said ?? dropped(address, code, reason.toString())}});
			});
		});
	}

	/** After a drop: connects again with the same code and seat. How it went is in the snapshot's connection. */
	reconnect(): void {
		if (this.seat.connection.state !== 'lost') return;
		this.update({...this.seat, connection: {state: 'reconnecting'}});
		this.connect().catch((failure: unknown) => {
			this.update({...this.seat, connection: {state: 'lost', reason: failure instanceof Error ? failure.message : String(failure)}});
		});
	}

	/** Sends the seat's decision for its pending turn; why it was not sent, in words, or null. */
	act(action: ActionRequest): string | null {
		const {pending, connection} = this.seat;
		if (pending === null || pending.sent) return 'it is not your turn';
		if (connection.state !== 'joined' || this.socket === null) return 'not connected to the host';
		const message = action.args?.message;
		const length = typeof message === 'string' ? [...message].length : 0;
		if (length > MESSAGE_MAX) return `a message is at most ${MESSAGE_MAX} characters, and this one has ${length}; it was not sent`;
		this.socket.send(JSON.stringify({type: 'act', turn: pending.turn, action}));
		this.update({...this.seat, pending: {...pending, sent: true}});
		return null;
	}

	/** Leaves the drill: the host gives the seat to its teammate. */
	close(): void {
		this.closing = true;
		this.socket?.close(1000, 'the player quit');
	}

	private hello(): Hello {
		const {code, role, name} = this.request;
		return {type: 'hello', protocol: DRILL_PROTOCOL, code, ...(role === null ? {spectate: true} : {role}), ...(name === undefined ? {} : {name})};
	}

	private update(seat: SeatSnapshot): void {
		this.seat = Object.freeze(seat);
		for (const listener of this.listeners) listener();
	}
}
