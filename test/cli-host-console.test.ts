// `chaosops host` without --headless in a real pseudo-terminal: the facilitator console draws the join line, follows
// a player who joins over a real WebSocket, ends the drill for them when asked, and gives the terminal back.
import {describe, expect, it} from 'vitest';
import {expectOneLineRefusal, runCli} from './support/cli.js';
import {type TestClient, joinAs} from './support/drill-client.js';
import {type Terminal, openTerminal} from './support/pty.js';

const CODE = 'PTY-CODE';
const ALTERNATE_SCREEN = '\u001B[?1049h';
const MAIN_SCREEN = '\u001B[?1049l';

/** Keys typed before the console listens are lost: types `key` until `text` shows. */
async function typeUntil(terminal: Terminal, key: string, text: string): Promise<void> {
	const shown = terminal.waitFor(text);
	const typing = setInterval(() => terminal.type(key), 200);
	terminal.type(key);
	await shown.finally(() => clearInterval(typing));
}

/** The console of a one-seat drill, at 80×24, and a player in that seat. */
async function consoleWithPlayer(): Promise<{terminal: Terminal; player: TestClient}> {
	const terminal = openTerminal(['host', '--seats', 'sre', '--port', '0', '--code', CODE], {columns: 80, rows: 24});
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
			terminal.type('y');
			expect((await player.next('ended')).reason).toBe('ended');
			await terminal.waitFor('ended by the facilitator');
			await typeUntil(terminal, 'q', MAIN_SCREEN);
			expect(await terminal.exited).toBe(0);
			expect(screenRestored(terminal.output())).toBe(true);
		} finally {
			player.close();
			terminal.kill();
		}
	});

	it.each([
		['Ctrl+C at the keyboard', (terminal: Terminal) => terminal.type('\u0003'), 130],
		['SIGTERM from outside', (terminal: Terminal) => terminal.signal('SIGTERM'), 143],
	] as const)('%s ends the drill for the player and exits %i with the screen restored', async (_how, stop, status) => {
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

	it('without a terminal, says in one line to use --headless, before listening', () => {
		expectOneLineRefusal(runCli(['host', '--seats', 'sre', '--port', '0']), /^chaosops: host needs an interactive terminal, .*--headless/);
	});
});
