// A drill hosted in the test's process on loopback (the host's Drill and server), joined with the real client, each
// through a proxy of its own that the test can cut: what `chaosops join` does, short of the terminal.
import net from 'node:net';
import type {PolicyName} from '../../source/agents/policies.js';
import type {Role} from '../../source/env/vocabulary.js';
import {scenarioFor} from '../../source/io/incidents.js';
import {DrillClient} from '../../source/net/drill-client.js';
import {Drill, type Recipient, type Timers} from '../../source/net/drill.js';
import type {ServerMessage} from '../../source/net/drill-protocol.js';
import {type DrillServer, serveDrill} from '../../source/net/drill-server.js';

export const CODE = 'harness-code';

export type HarnessOptions = {
	readonly seats: readonly Role[];
	readonly teammates?: PolicyName;
	/** How long a teammate's turn waits; 0 by default. */
	readonly delayMs?: number;
	readonly turnSeconds?: number | null;
	readonly timers?: Timers;
	readonly incident?: string;
	readonly maxSteps?: number;
};

export type Harness = {
	readonly drill: Drill;
	/** Cuts the client's connection, as a network that drops would; a new one gets through. */
	readonly drop: (client: DrillClient) => void;
	/** A client that has joined (the seat given), on the clock `now`. */
	readonly join: (role: Role | null, name?: string, now?: () => number) => Promise<DrillClient>;
	readonly close: () => Promise<void>;
};

/** A TCP proxy on loopback to `port`, whose connections can be cut. */
export function proxyTo(port: number): Promise<{port: number; drop: () => void; close: () => Promise<void>}> {
	const sockets = new Set<net.Socket>();
	const server = net.createServer(socket => {
		const upstream = net.connect(port, '127.0.0.1');
		for (const end of [socket, upstream]) {
			sockets.add(end);
			end.on('close', () => sockets.delete(end));
			end.on('error', () => {});
		}
		socket.pipe(upstream).pipe(socket);
	});
	const drop = () => {
		for (const socket of sockets) socket.destroy();
	};
	return new Promise(resolve =>
		server.listen(0, '127.0.0.1', () =>
			resolve({
				port: (server.address() as net.AddressInfo).port,
				drop,
				close: () => {
					drop();
					return new Promise(done => server.close(() => done()));
				},
			}),
		),
	);
}

export async function hostDrill(options: HarnessOptions): Promise<Harness> {
	const scenario = scenarioFor(options.incident ?? 'db_deadlock', {difficulty: 'easy', seed: 0, maxSteps: options.maxSteps});
	let deliver: (to: Recipient, message: ServerMessage) => void = () => {};
	const config = {scenario, seats: options.seats, teammates: options.teammates ?? 'noop', delayMs: options.delayMs ?? 0, turnSeconds: options.turnSeconds ?? null, timers: options.timers};
	const drill = new Drill(config, (to, message) => deliver(to, message));
	const server: DrillServer = await serveDrill({drill, code: CODE, host: '127.0.0.1', port: 0});
	deliver = server.deliver;
	const proxies = new Map<DrillClient, Awaited<ReturnType<typeof proxyTo>>>();
	return {
		drill,
		drop: client => proxies.get(client)?.drop(),
		join: async (role, name, now) => {
			const proxy = await proxyTo(server.port);
			const client = new DrillClient({address: `127.0.0.1:${proxy.port}`, code: CODE, role, name}, {now});
			proxies.set(client, proxy);
			await client.connect();
			return client;
		},
		close: async () => {
			for (const client of proxies.keys()) client.close();
			drill.stop();
			await server.close();
			for (const proxy of proxies.values()) await proxy.close();
		},
	};
}

/** A loopback port nothing listens on: one just given up. */
export function freePort(): Promise<number> {
	return new Promise(resolve => {
		const server = net.createServer().listen(0, '127.0.0.1', () => {
			const {port} = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}
