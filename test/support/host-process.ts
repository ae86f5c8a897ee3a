// `chaosops host --headless` run as its own process on loopback, a free port: its listening line read for the address
// and code, its log read as JSON lines, and facilitator commands written to its stdin. stop() ends the drill and
// waits for the process to exit (killing it if it does not).
import {spawn} from 'node:child_process';
import {CLI} from './cli.js';

export type HostLine = {readonly event: string} & Record<string, unknown>;

export type HostProcess = {
	/** HOST:PORT, as players give it. */
	readonly address: string;
	readonly port: number;
	readonly code: string;
	/** Every line logged so far, parsed. */
	readonly lines: HostLine[];
	/** Resolves once a line of this event has been logged, after the first `after` of them. */
	readonly logged: (event: string, after?: number) => Promise<HostLine>;
	readonly command: (command: object) => void;
	/** Ends the drill and waits for the process to exit; its exit status. */
	readonly stop: () => Promise<number | null>;
};

const WAIT_MS = 10_000;

export function startHost(args: readonly string[]): Promise<HostProcess> {
	const child = spawn(process.execPath, [CLI, 'host', ...args, '--port', '0', '--headless'], {stdio: ['pipe', 'pipe', 'inherit']});
	// A command written as the host exits is one it no longer needs.
	child.stdin.on('error', () => {});
	const lines: HostLine[] = [];
	const waiters = new Set<() => void>();
	let buffered = '';
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
		buffered += chunk;
		const complete = buffered.split('\n');
		buffered = complete.pop()!;
		for (const line of complete) if (line.trim() !== '') lines.push(JSON.parse(line) as HostLine);
		for (const wake of waiters) wake();
	});
	const exited = new Promise<number | null>(resolve => child.on('close', status => resolve(status)));
	const logged = (event: string, after = 0) =>
		new Promise<HostLine>((resolve, reject) => {
			const look = () => {
				const line = lines.filter(candidate => candidate.event === event)[after];
				if (line === undefined) return;
				waiters.delete(look);
				clearTimeout(timer);
				resolve(line);
			};
			const timer = setTimeout(() => {
				waiters.delete(look);
				reject(new Error(`the host logged no ${event} within ${WAIT_MS} ms; it logged ${lines.map(line => line.event).join(', ')}`));
			}, WAIT_MS);
			waiters.add(look);
			look();
		});
	const command = (value: object) => child.stdin.write(`${JSON.stringify(value)}\n`);
	const stop = async () => {
		if (child.exitCode === null) command({op: 'end'});
		const killer = setTimeout(() => child.kill('SIGKILL'), WAIT_MS);
		const status = await exited;
		clearTimeout(killer);
		return status;
	};
	return logged('listening').then(
		listening => ({address: String(listening['address']), port: Number(listening['port']), code: String(listening['code']), lines, logged, command, stop}),
		async error => {
			child.kill('SIGKILL');
			throw error;
		},
	);
}
