// `chaosops serve` as its own process on loopback: what it prints, its flags, a port in use, and its end on a signal.
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {CLI, expectOneLineRefusal, runCli, runCliAsync} from './support/cli.js';
import {loadTraces} from './support/fixtures.js';

const LISTENING = /^chaosops serve: listening on (http:\/\/127\.0\.0\.1:(\d+)) \(WebSocket ws:\/\/127\.0\.0\.1:\d+\/ws\)\n$/;

/** Starts `chaosops serve --port 0 …args`; settles with its URL once it listens. */
function startServe(args: readonly string[] = []) {
	const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', ...args]);
	let stdout = '';
	let stderr = '';
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
	const exited = new Promise<number | null>(resolve => child.on('close', status => resolve(status)));
	const url = new Promise<string>((resolve, reject) => {
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
			stdout += chunk;
			const match = LISTENING.exec(stdout);
			if (match !== null) resolve(match[1]!);
		});
		exited.then(status => reject(new Error(`serve exited ${status} before listening: ${stderr}`)));
	});
	const stop = async (signal: NodeJS.Signals) => {
		child.kill(signal);
		const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
		const status = await exited;
		clearTimeout(killer);
		return status;
	};
	return {url, stop, output: () => ({stdout, stderr})};
}

describe('chaosops serve', () => {
	it('prints the URL it listens on, serves a recorded episode, and ends cleanly on SIGTERM', async () => {
		const serve = startServe();
		try {
			const url = await serve.url;
			const trace = loadTraces()[0]!;
			const post = async (path: string, body: object) => (await fetch(`${url}${path}`, {method: 'POST', body: JSON.stringify(body)})).json();
			const reset = (await post('/reset', {scenario: trace.scenario})) as {observation: object};
			expect(reset.observation).toMatchObject({turn_role: 'sre', message: trace.reset['message']});
			for (const step of trace.steps) {
				const reply = (await post('/step', {action: step.action})) as {reward: number; done: boolean};
				expect([reply.reward, reply.done]).toEqual([step.observation['reward'], step.observation['done']]);
			}
		} finally {
			expect(await serve.stop('SIGTERM')).toBe(143);
		}
		expect(serve.output().stderr).toBe('');
	});

	it('ends on SIGINT with the status a shell expects', async () => {
		const serve = startServe();
		await serve.url;
		expect(await serve.stop('SIGINT')).toBe(130);
	});

	it('refuses a port in use in one line', async () => {
		const taken = net.createServer();
		await new Promise<void>(resolve => taken.listen(0, '127.0.0.1', resolve));
		const {port} = taken.address() as net.AddressInfo;
		try {
			expectOneLineRefusal(await runCliAsync(['serve', '--port', String(port)]), new RegExp(`^chaosops: port ${port} is in use on 127\\.0\\.0\\.1; give another with --port \\(0: any free port\\)$`));
		} finally {
			taken.close();
		}
	});

	it.each([
		[['--port', 'eighty'], /^chaosops: --port is "eighty"; expected a port from 0 to 65535 \(0: any free port\)$/],
		[['--port', '70000'], /^chaosops: --port is "70000"; expected a port from 0 to 65535/],
		[['--listen', '10.255.255.254', '--port', '0'], /^chaosops: --listen 10\.255\.255\.254 is not an address of this machine$/],
		[['--scenario', 'cascade'], /^chaosops: unknown flag --scenario for serve; expected --port, --listen, --system-prompts \(see chaosops serve --help\)$/],
		[['extra'], /^chaosops: unexpected argument 'extra' for serve; see chaosops serve --help$/],
	])('refuses %j in one line, status 2', (args, message) => {
		expectOneLineRefusal(runCli(['serve', ...args]), message);
	});

	it('refuses a system prompts folder that lacks the prompts, a line for each, before listening', () => {
		const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'chaosops-prompts-'));
		const {status, stdout, stderr} = runCli(['serve', '--port', '0', '--system-prompts', empty]);
		expect(status).toBe(2);
		expect(stdout).toBe('');
		const lines = stderr.trimEnd().split('\n');
		expect(lines.every(line => line.startsWith('chaosops: '))).toBe(true);
		expect(lines.filter(line => line.includes(`${empty}/`))).toHaveLength(4);
		fs.rmSync(empty, {recursive: true});
	});

	it('explains itself with --help, curl examples included', () => {
		const {status, stdout} = runCli(['serve', '--help']);
		expect(status).toBe(0);
		expect(stdout).toMatch(/^Usage: chaosops serve \[--port 8000\] \[--listen ADDR\] \[--system-prompts DIR\]/);
		expect(stdout).toContain('curl -s -X POST localhost:8000/reset');
		expect(stdout).toContain('/ws');
	});

	it('is in the command list', () => {
		expect(runCli(['--help']).stdout).toMatch(/^ {2}serve +serve the environment over HTTP and WebSocket/m);
	});
});
