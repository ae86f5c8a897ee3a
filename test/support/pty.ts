// A command run in a pseudo-terminal (util-linux `script`), as a person at a terminal would run it: the screen it
// draws, keys typed into it, signals sent to it and the exit status it ends with.
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {CLI} from './cli.js';

export type Terminal = {
	/** Everything written to the terminal so far, escape sequences included. */
	readonly output: () => string;
	/** Resolves once the output contains `text`; rejects after `ms`. */
	readonly waitFor: (text: string, ms?: number) => Promise<void>;
	readonly type: (keys: string) => void;
	/** Sends a signal to the command itself (not to `script`). */
	readonly signal: (signal: NodeJS.Signals) => void;
	/** The command's exit status. */
	readonly exited: Promise<number | null>;
	readonly kill: () => void;
};

/** Starts `chaosops …args` in a terminal of the given size, with `env` added to the environment. */
export function openTerminal(args: readonly string[], {columns = 100, rows = 30, env = {}}: {columns?: number; rows?: number; env?: NodeJS.ProcessEnv} = {}): Terminal {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'chaosops-pty-'));
	const pidFile = path.join(folder, 'pid');
	const quoted = [process.execPath, CLI, ...args].map(word => `'${word.replaceAll("'", "'\\''")}'`).join(' ');
	// The shell writes its pid, then becomes the command: that pid is the command's.
	const command = `stty cols ${columns} rows ${rows}; echo $$ > '${pidFile}'; exec ${quoted}`;
	const child = spawn('script', ['-qfec', command, '/dev/null'], {detached: true, stdio: ['pipe', 'pipe', 'inherit'], env: {...process.env, ...env}});
	let output = '';
	const waiters = new Set<() => void>();
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
		output += chunk;
		for (const waiter of waiters) waiter();
	});
	const exited = new Promise<number | null>(resolve => child.on('close', status => resolve(status)));
	return {
		output: () => output,
		waitFor: (text, ms = 10_000) =>
			new Promise((resolve, reject) => {
				const check = () => {
					if (!output.includes(text)) return;
					waiters.delete(check);
					clearTimeout(timer);
					resolve();
				};
				const timer = setTimeout(() => {
					waiters.delete(check);
					reject(new Error(`'${text}' did not appear within ${ms} ms; the terminal showed:\n${output.slice(-2000)}`));
				}, ms);
				waiters.add(check);
				check();
			}),
		type: keys => child.stdin.write(keys),
		signal: signal => process.kill(Number(fs.readFileSync(pidFile, 'utf8')), signal),
		exited,
		kill: () => {
			child.stdin.destroy();
			try {
				process.kill(-child.pid!, 'SIGKILL');
			} catch {
				// Already gone.
			}
		},
	};
}
