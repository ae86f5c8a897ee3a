import {spawn, spawnSync} from 'node:child_process';
import {expect} from 'vitest';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

/** The built CLI (`npm test` builds it first); CHAOSOPS_CLI points the tests at another build. */
export const CLI = process.env['CHAOSOPS_CLI'] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'cli.js');

export type CliRun = {status: number | null; stdout: string; stderr: string};

/** Runs `chaosops …args` to the end, with `input` on stdin. */
export function runCli(args: readonly string[], input = ''): CliRun {
	const {status, stdout, stderr} = spawnSync(process.execPath, [CLI, ...args], {input, encoding: 'utf8', maxBuffer: 1 << 30});
	return {status, stdout, stderr};
}

/**
 * As runCli, without blocking the test's event loop (for a long run fed in one go, or one that talks to a server the
 * test runs); `env` is added to the test's environment.
 */
export function runCliAsync(args: readonly string[], input = '', env: Readonly<Record<string, string>> = {}): Promise<CliRun> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [CLI, ...args], {env: {...process.env, ...env}});
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
		child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
		child.on('error', reject);
		child.on('close', status => resolve({status, stdout, stderr}));
		child.stdin.end(input);
	});
}

/** The promise every command makes on bad input: exit status 2, nothing on stdout, one line on stderr. */
export function expectOneLineRefusal(run: CliRun, message: RegExp): void {
	expect(run.status).toBe(2);
	expect(run.stdout).toBe('');
	expect(run.stderr.trimEnd()).toMatch(message);
	expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
}
