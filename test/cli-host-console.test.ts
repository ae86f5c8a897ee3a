// `chaosops host` without --headless in a real pseudo-terminal: the facilitator console draws the join line, follows
// a player who joins over a real WebSocket, ends the drill for them when asked, and gives the terminal back.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {type TestClient, joinAs} from './support/drill-client.js';
import {type Terminal, openTerminal} from './support/pty.js';

const CODE = 'PTY-CODE';
const ALTERNATE_SCREEN = '\u001B[?1049h';
const MAIN_SCREEN = '\u001B[?1049l';

/** What the terminal showed, without the escape sequences that colour and place it. */
const shownText = (terminal: Terminal): string => terminal.output().replace(/\u001B\[[0-9;?]*[A-Za-z]/g, '');

/** Keys typed before the console listens are lost: types `key` until the screen shows `expected`. */
async function typeUntil(terminal: Terminal, key: string, expected: string | RegExp): Promise<void> {
	const shows = () => (typeof expected === 'string' ? terminal.output().includes(expected) : expected.test(shownText(terminal)));
	const deadline = Date.now() + 10_000;
	terminal.type(key);
	for (let typed = Date.now(); !shows(); await new Promise(resolve => setTimeout(resolve, 20))) {
		if (Date.now() > deadline) throw new Error(`${String(expected)} did not show; the terminal showed:\n${shownText(terminal).slice(-2000)}`);
		if (Date.now() - typed < 200) continue;
		terminal.type(key);
		typed = Date.now();
	}
}

/** The console of a one-seat drill, at 80×24, and a player in that seat. */
async function consoleWithPlayer(...args: string[]): Promise<{terminal: Terminal; player: TestClient}> {
	const terminal = openTerminal(['host', '--seats', 'sre', '--port', '0', '--code', CODE, ...args], {columns: 80, rows: 24});
	await terminal.waitFor(`--code ${CODE} --as sre`);
	const port = /127\.0\.0\.1:(\d+) --code/.exec(terminal.output())![1];
	const player = await joinAs(`ws://127.0.0.1:${port}`, CODE, {role: 'sre', name: 'alice'});
	await player.next('welcome');
	await terminal.waitFor('alice took the SRE seat');
	return {terminal, player};
}

const screenRestored = (output: string) => output.lastIndexOf(MAIN_SCREEN) > output.lastIndexOf(ALTERNATE_SCREEN);

describe('chaosops host with the facilitator console', () => {
	it('draws the console, ends the drill for the player on q and y, and leaves on q with the screen restored', async () => {
		const {terminal, player} = await consoleWithPlayer();
		try {
			expect(terminal.output()).toContain(ALTERNATE_SCREEN);
			await terminal.waitFor('GROUND TRUTH');
			await player.next('turn');
			await typeUntil(terminal, 'q', 'End the drill for everyone?');
			await typeUntil(terminal, 'y', 'ended by the facilitator');
			expect((await player.next('ended')).reason).toBe('ended');
			await typeUntil(terminal, 'q', MAIN_SCREEN);
			expect(await terminal.exited).toBe(0);
			expect(screenRestored(terminal.output())).toBe(true);
		} finally {
			player.close();
			terminal.kill();
		}
	});

	it.each([
		['Ctrl+C at the keyboard', 130, (terminal: Terminal) => terminal.type('\u0003')],
		['SIGTERM from outside', 143, (terminal: Terminal) => terminal.signal('SIGTERM')],
	] as const)('%s ends the drill for the player and exits %i with the screen restored', async (_how, status, stop) => {
		const {terminal, player} = await consoleWithPlayer();
		try {
			stop(terminal);
			expect((await player.next('ended')).reason).toBe('ended');
			expect(await terminal.exited).toBe(status);
			expect(screenRestored(terminal.output())).toBe(true);
		} finally {
			player.close();
			terminal.kill();
		}
	});

	it('writes the facilitator’s hint and notes to the --record file, as headless does', async () => {
		const recording = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'chaosops-')), 'drill.jsonl');
		const {terminal, player} = await consoleWithPlayer('--record', recording);
		try {
			// A key typed just as a prompt is drawn can come before the prompt listens, so each is typed until it shows;
			// the text typed is one letter, which may come more than once.
			await typeUntil(terminal, 'h', 'HINT TO WHICH SEAT?');
			await typeUntil(terminal, '\r', 'HINT TO SRE (alice)');
			await typeUntil(terminal, 'x', /> x/);
			await typeUntil(terminal, '\r', 'Hint sent to SRE (alice).');
			expect((await player.next('hint')).text).toMatch(/^x+$/);
			await typeUntil(terminal, 'n', 'NOTE AT TURN 0');
			await typeUntil(terminal, 'm', /> n*m/);
			await typeUntil(terminal, '\r', 'Note written into the recording at turn 0.');
			await typeUntil(terminal, 'q', 'End the drill for everyone?');
			await typeUntil(terminal, 'y', 'ended by the facilitator');
			await player.next('ended');
			await typeUntil(terminal, 'q', MAIN_SCREEN);
			expect(await terminal.exited).toBe(0);
			const lines = fs.readFileSync(recording, 'utf8').trimEnd().split('\n').map(line => JSON.parse(line));
			expect(lines).toContainEqual(expect.objectContaining({kind: 'note', turn: 0, text: expect.stringMatching(/^n*m+$/)}));
			expect(lines).toContainEqual(expect.objectContaining({kind: 'facilitator_hint', turn: 0, role: 'sre', text: expect.stringMatching(/^x+$/)}));
		} finally {
			player.close();
			terminal.kill();
		}
	});
});
