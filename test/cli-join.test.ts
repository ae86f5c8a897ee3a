// `chaosops join`: bad input refused in one line before anything connects; in a real pseudo-terminal against a real
// `chaosops host`, the seat taken and played to the end, and a host's refusal or an address nobody answers at said
// in one line.
import {afterEach, describe, expect, it} from 'vitest';
import {expectOneLineRefusal, runCli} from './support/cli.js';
import {freePort} from './support/drill-harness.js';
import {type HostProcess, startHost} from './support/host-process.js';
import {type Terminal, openTerminal} from './support/pty.js';

const ADDRESS = '127.0.0.1:4520';

describe('chaosops join refuses bad input in one line', () => {
	it.each([
		[[], /^chaosops: join needs the host's address, HOST:PORT, as chaosops host printed it/],
		[['localhost', '--code', 'C', '--as', 'sre'], /^chaosops: "localhost" is not an address to join; expected HOST:PORT as the host printed it, such as 127\.0\.0\.1:4520$/],
		[['localhost:0', '--code', 'C', '--as', 'sre'], /"localhost:0" is not an address to join/],
		[['localhost:65536', '--code', 'C', '--as', 'sre'], /"localhost:65536" is not an address to join/],
		[['ws://localhost:4520', '--code', 'C', '--as', 'sre'], /"ws:\/\/localhost:4520" is not an address to join/],
		[['a b:4520', '--code', 'C', '--as', 'sre'], /"a b:4520" is not an address to join/],
		[[ADDRESS, '10.0.0.1:4520', '--code', 'C', '--as', 'sre'], /^chaosops: unexpected argument '10\.0\.0\.1:4520' for join: it takes one HOST:PORT/],
		[[ADDRESS, '--as', 'sre'], /^chaosops: --code is required: the join code the host printed/],
		[[ADDRESS, '--code', 'two words', '--as', 'sre'], /^chaosops: --code is a join code of 1 to 64 printable characters, without spaces$/],
		[[ADDRESS, '--code', 'C'], /^chaosops: give --as ROLE to play a seat, or --spectate to watch: one of the two/],
		[[ADDRESS, '--code', 'C', '--as', 'sre', '--spectate'], /^chaosops: give --as ROLE to play a seat, or --spectate to watch: one of the two/],
		[[ADDRESS, '--code', 'C', '--as', 'cto'], /^chaosops: --as "cto" is not a role; expected one of sre, dev, manager, oversight$/],
		[[ADDRESS, '--code', 'C', '--as', 'sre,dev'], /^chaosops: --as "sre,dev" is not a role/],
		[[ADDRESS, '--code', 'C', '--as', 'sre', '--name', ' '], /^chaosops: --name is 1 to 40 characters, without control characters$/],
		[[ADDRESS, '--code', 'C', '--as', 'sre', '--name', 'x'.repeat(41)], /^chaosops: --name is 1 to 40 characters/],
		[[ADDRESS, '--code', 'C', '--as', 'sre', '--seats', 'sre'], /^chaosops: unknown flag --seats for join; expected --code, --as, --name, --spectate/],
		// Good input, but no terminal to draw the seat on: refused before joining, so that no seat is taken for nothing.
		[[ADDRESS, '--code', 'C', '--as', 'SRE'], /^chaosops: join needs an interactive terminal, but stdin is not one/],
	])('join %j', (args, message) => {
		expectOneLineRefusal(runCli(['join', ...args]), message);
	});

	it('has --help in the style of the other commands, and is listed among them', () => {
		const {status, stdout} = runCli(['join', '--help']);
		expect(status).toBe(0);
		expect(stdout).toMatch(/^Usage: chaosops join HOST:PORT --code C --as ROLE \[--name NAME\]\n {7}chaosops join HOST:PORT --code C --spectate/);
		expect(stdout).toContain('--spectate');
		expect(runCli(['--help']).stdout).toMatch(/^ {2}join {2,}take a seat in a drill that chaosops host runs, or watch it$/m);
	});
});

describe('chaosops join in a terminal, against chaosops host', () => {
	const opened: Array<{host?: HostProcess; terminal?: Terminal}> = [];
	afterEach(async () => {
		for (const {host, terminal} of opened.splice(0)) {
			terminal?.kill();
			await host?.stop();
		}
	});

	/** Types `key` every 200 ms until `done` settles: keys typed before the app listens are lost. */
	async function typeUntil(terminal: Terminal, key: string, done: Promise<unknown>): Promise<void> {
		const typing = setInterval(() => terminal.type(key), 200);
		terminal.type(key);
		await done.finally(() => clearInterval(typing));
	}

	it('takes the seat, plays its turn, shows the result when the drill ends, and q exits 0', async () => {
		const host = await startHost(['--seats', 'sre', '--scenario', 'db_deadlock', '--teammates', 'noop', '--delay', '0']);
		const terminal = openTerminal(['join', host.address, '--code', host.code, '--as', 'sre', '--name', 'alice'], {columns: 100, rows: 30});
		opened.push({host, terminal});
		await terminal.waitFor('YOUR MOVE (SRE)');
		expect((await host.logged('joined'))['name']).toBe('alice');
		// 1 takes noop, the first of the picker's actions.
		await typeUntil(terminal, '1', host.logged('step'));
		host.command({op: 'end'});
		await terminal.waitFor('DRILL OVER');
		await terminal.waitFor('ended by the facilitator, not resolved');
		await typeUntil(terminal, 'q', terminal.exited);
		expect(await terminal.exited).toBe(0);
	});

	it('prints the host’s refusal in one line and exits 2', async () => {
		const host = await startHost(['--seats', 'sre']);
		const terminal = openTerminal(['join', host.address, '--code', 'not-the-code', '--as', 'sre']);
		opened.push({host, terminal});
		expect(await terminal.exited).toBe(2);
		expect(terminal.output().trim()).toBe('chaosops: the host refused: wrong join code; ask the facilitator for the code the host printed');
	});

	it('names the address nobody answers at in one line and exits 2', async () => {
		const port = await freePort();
		const terminal = openTerminal(['join', `127.0.0.1:${port}`, '--code', 'C', '--spectate']);
		opened.push({terminal});
		expect(await terminal.exited).toBe(2);
		expect(terminal.output().trim()).toBe(`chaosops: cannot reach a drill host at 127.0.0.1:${port}: connection refused (ECONNREFUSED)`);
	});
});
