// The play app in a real pseudo-terminal: however it is left (a key, Ctrl+C, a signal from outside), the screen is
// given back and the exit status says how, as shells expect: 0, or 128 + the signal.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from './support/cli.js';
import {openTerminal} from './support/pty.js';

const ALTERNATE_SCREEN = '\u001B[?1049h';
const MAIN_SCREEN = '\u001B[?1049l';
/** The footer is drawn last: once it shows, the app is up. */
const DRAWN = 'q quit';

/** Plays until `leave` is done, then returns the exit status, the screen output and the recording's lines. */
async function playAndLeave(leave: (terminal: ReturnType<typeof openTerminal>) => void | Promise<void>) {
	const recording = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'chaosops-')), 'shift.jsonl');
	const terminal = openTerminal(['play', '--delay', '60000', '--record', recording]);
	try {
		await terminal.waitFor(DRAWN);
		await leave(terminal);
		const status = await terminal.exited;
		return {status, output: terminal.output(), lines: fs.readFileSync(recording, 'utf8').trimEnd().split('\n')};
	} finally {
		terminal.kill();
	}
}

const screenRestored = (output: string) => output.lastIndexOf(MAIN_SCREEN) > output.lastIndexOf(ALTERNATE_SCREEN);

describe('leaving chaosops play', () => {
	it.each([
		['SIGINT', 130],
		['SIGTERM', 143],
		['SIGHUP', 129],
	] as const)('%s from outside restores the screen and exits %i, the recording kept', async (signal, expected) => {
		const {status, output, lines} = await playAndLeave(terminal => terminal.signal(signal));
		expect(status).toBe(expected);
		expect(output).toContain(ALTERNATE_SCREEN);
		expect(screenRestored(output)).toBe(true);
		expect(JSON.parse(lines[0]!)).toMatchObject({kind: 'header'});
	});

	it('Ctrl+C at the keyboard exits 130 with the screen restored', async () => {
		const {status, output} = await playAndLeave(terminal => terminal.type('\u0003'));
		expect(status).toBe(130);
		expect(screenRestored(output)).toBe(true);
	});

	it('q, then y, exits 0 with the screen restored', async () => {
		const {status, output} = await playAndLeave(async terminal => {
			// Keys typed before the app listens are lost: type until the prompt shows.
			const asking = terminal.waitFor('Quit? (y / n)');
			const typing = setInterval(() => terminal.type('q'), 200);
			await asking.finally(() => clearInterval(typing));
			// The prompt listens from just after it is drawn: answer until the app is gone.
			const answering = setInterval(() => terminal.type('y'), 200);
			terminal.type('y');
			await terminal.exited.finally(() => clearInterval(answering));
		});
		expect(status).toBe(0);
		expect(screenRestored(output)).toBe(true);
	});
});

describe('chaosops play --record', () => {
	it('records teammates in every seat the person does not hold, the person named by --as in any case', async () => {
		const recording = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'chaosops-')), 'seats.jsonl');
		const terminal = openTerminal(['play', '--scenario', 'db_deadlock', '--as', 'Dev', '--delay', '60000', '--record', recording]);
		try {
			await terminal.waitFor(DRAWN);
			terminal.signal('SIGTERM');
			expect(await terminal.exited).toBe(143);
			const header = JSON.parse(fs.readFileSync(recording, 'utf8').split('\n')[0]!);
			expect(header).toMatchObject({
				seats: {sre: 'teammate', dev: 'human', manager: 'teammate', oversight: 'teammate'},
				policies: {sre: 'teammate', dev: 'teammate', manager: 'teammate', oversight: 'teammate'},
			});
		} finally {
			terminal.kill();
		}
	});

	it('onto a full disk is one line before the app opens, never an error drawn inside it', async () => {
		const terminal = openTerminal(['play', '--record', '/dev/full']);
		try {
			expect(await terminal.exited).toBe(1);
			const output = terminal.output();
			expect(output).not.toContain(ALTERNATE_SCREEN);
			expect(output.trim()).toBe('chaosops: cannot write the recording /dev/full: no space left on device (ENOSPC)');
		} finally {
			terminal.kill();
		}
	});
});

describe('leaving chaosops replay', () => {
	it('shows a disagreement on the summary, and after the app closes says where in full and exits 1', async () => {
		const recording = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'chaosops-')), 'doctored.jsonl');
		expect(runCli(['run', '--scenario', 'db_deadlock', '--policy', 'random', '--max-steps', '6', '--record', recording]).status).toBe(0);
		const lines = fs.readFileSync(recording, 'utf8').trimEnd().split('\n').map(line => JSON.parse(line));
		lines[3].reward = 999;
		fs.writeFileSync(recording, lines.map(line => `${JSON.stringify(line)}\n`).join(''));
		const terminal = openTerminal(['replay', recording, '--delay', '0']);
		try {
			await terminal.waitFor('The environment no longer agrees with the recording at step 3; in the file, turn 2');
			const typing = setInterval(() => terminal.type('q'), 200);
			const status = await terminal.exited.finally(() => clearInterval(typing));
			expect(status).toBe(1);
			const output = terminal.output();
			expect(screenRestored(output)).toBe(true);
			expect(output.slice(output.lastIndexOf(MAIN_SCREEN))).toMatch(/chaosops: the environment no longer agrees with the recording: turn 2: recorded reward 999, now -?\d+/);
		} finally {
			terminal.kill();
		}
	});
});
