// The play app's figures: how soon `chaosops play` shows its first full frame in a terminal, and how long one
// full frame of the play screen takes to render. Figures only; nothing here is a test. Needs `npm run build` first.
import {spawn} from 'node:child_process';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import type {ReactElement} from 'react';

// React picks its production build when first loaded, as the bundle does; the app's modules are loaded after this.
process.env.NODE_ENV = 'production';

/** The built CLI; CHAOSOPS_BENCH_CLI points the start-up figures at another build, as it does `npm run bench`'s. */
const CLI = path.resolve(process.env['CHAOSOPS_BENCH_CLI'] || fileURLToPath(new URL('../dist/cli.js', import.meta.url)));
/** What the first frame is measured against: a bare Ink "hello", unbundled, from node_modules. */
const HELLO = fileURLToPath(new URL('./ink-hello.mjs', import.meta.url));
const ANSI = /\u001B\[[0-?]*[ -/]*[@-~]|\u001B[()][0-9A-Za-z]|\u001B[=>]/g;
/** The footer is the last line drawn, so once it is on screen the whole first frame is. */
const FULL_FRAME_MARK = 'q quit';
const SIZES = [
	{columns: 80, rows: 24},
	{columns: 120, rows: 40},
] as const;

type Size = {readonly columns: number; readonly rows: number};

const percentile = (values: readonly number[], share: number) => {
	const sorted = values.slice().sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))]!;
};
const ms = (value: number) => `${value.toFixed(1)} ms`;

type Run = {
	/** Added to the command's environment. */
	readonly env?: NodeJS.ProcessEnv;
	/** How long the command runs on once `mark` shows, before it is stopped. */
	readonly lingerMs?: number;
};

/** Milliseconds from spawning `command` in a pseudo-terminal of `size` to the first time its screen shows `mark`. */
function timeToMark(command: string, mark: string, {columns, rows}: Size, {env = {}, lingerMs = 0}: Run = {}): Promise<number> {
	return new Promise((resolve, reject) => {
		const start = performance.now();
		const child = spawn('script', ['-qfc', `stty cols ${columns} rows ${rows}; exec ${command}`, '/dev/null'], {
			detached: true,
			stdio: ['pipe', 'pipe', 'inherit'],
			env: {...process.env, ...env},
		});
		let seen = '';
		const timeout = setTimeout(() => finish(new Error(`'${mark}' not shown after 10 s; the screen showed:\n${seen}`)), 10_000);
		const finish = (outcome: number | Error) => {
			clearTimeout(timeout);
			child.stdout.removeAllListeners('data');
			const stop = () => {
				process.kill(-child.pid!, 'SIGKILL');
				if (typeof outcome === 'number') resolve(outcome);
				else reject(outcome);
			};
			if (typeof outcome === 'number' && lingerMs > 0) setTimeout(stop, lingerMs);
			else stop();
		};
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
			seen += chunk.replace(ANSI, '');
			if (seen.includes(mark)) finish(performance.now() - start);
		});
		child.on('error', error => finish(error));
	});
}

/** Milliseconds from spawning a bare `node -e ''` in the same pseudo-terminal to its exit: the floor. */
function bareNode(): Promise<number> {
	return new Promise((resolve, reject) => {
		const start = performance.now();
		const child = spawn('script', ['-qfc', `stty cols 80 rows 24; exec ${process.execPath} -e ''`, '/dev/null'], {stdio: 'ignore'});
		child.on('error', reject);
		child.on('close', () => resolve(performance.now() - start));
	});
}

/**
 * `chaosops play` to its first full frame against the Ink hello to its first line, in turn in the same pseudo-terminal,
 * at each size. Both get React's production build (NODE_ENV above, inherited; the bundle has it built in). The app
 * compiles Ink and React with a code cache it writes a second after its first start (source/ui/vendor-loader.ts):
 * the figure is of the starts after that, and its first start, without the cache, is measured beside it.
 */
async function startup(): Promise<void> {
	const runs = 15;
	const play = `${process.execPath} ${CLI} play`;
	const hello = `${process.execPath} ${HELLO}`;
	// A cache folder that cannot be, since a file is in its place: the cache is neither read nor written.
	const firstStart = {env: {XDG_CACHE_HOME: CLI}};
	console.log(`chaosops play: start to first full frame in a pty, against a bare unbundled Ink hello (${runs} alternating runs; aim: ratio <= 0.5)`);
	for (const size of SIZES) {
		// Warm the file cache, and let the app write its code cache if it has none yet.
		await timeToMark(play, FULL_FRAME_MARK, size, {lingerMs: 1500});
		await timeToMark(hello, 'hello', size);
		const frames: number[] = [];
		const firstFrames: number[] = [];
		const hellos: number[] = [];
		for (let i = 0; i < runs; i++) {
			frames.push(await timeToMark(play, FULL_FRAME_MARK, size));
			firstFrames.push(await timeToMark(play, FULL_FRAME_MARK, size, firstStart));
			hellos.push(await timeToMark(hello, 'hello', size));
		}
		const [frame, helloFrame] = [percentile(frames, 0.5), percentile(hellos, 0.5)];
		// scripts/bench-play-figures.ts reads these lines: the play figure first, then the hello's, its median first.
		console.log(`  ${size.columns}×${size.rows}: median ${ms(frame)} (p95 ${ms(percentile(frames, 0.95))})`);
		console.log(`    the first start, before the code cache is made: median ${ms(percentile(firstFrames, 0.5))}`);
		console.log(`    a bare unbundled Ink hello, same pty: median ${ms(helloFrame)}; ratio ${(frame / helloFrame).toFixed(2)}`);
	}
	const floors: number[] = [];
	for (let i = 0; i < runs; i++) floors.push(await bareNode());
	console.log(`  (a bare node process in the same pty: median ${ms(percentile(floors, 0.5))})`);
}

/** A mid-episode session, every panel full: hard misrouted traffic (which random play never fixes), the player as Oversight, ten turns in. */
async function midEpisode() {
	const [{PlaySession}, {buildSeats}, {scenarioFor}] = await Promise.all([
		import('../source/ui/session.js'),
		import('../source/agents/runner.js'),
		import('../source/io/incidents.js'),
	]);
	const scenario = scenarioFor('misrouted_traffic', {difficulty: 'hard', seed: 5, maxSteps: 40});
	const session = new PlaySession({
		scenario,
		scripts: () => buildSeats({sre: 'random', dev: 'random', manager: 'heuristic'}, scenario),
		humans: ['oversight'],
		delayMs: 0,
	});
	await new Promise<void>(resolve => {
		session.subscribe(() => {
			const {pending, played} = session.snapshot();
			if (pending?.human !== true) return;
			if (played.length >= 10) resolve();
			else queueMicrotask(() => session.choose({action_type: 'communicate', args: {message: `status check ${played.length}`}}));
		});
	});
	return session;
}

/** Median and p95 milliseconds of `rerender` (React, layout, output) over 500 frames after 100 to warm up. */
async function frameTimes(size: Size, frame: (index: number) => ReactElement): Promise<number[]> {
	const [{render}, {Writable}] = await Promise.all([import('ink'), import('node:stream')]);
	const stdout = Object.assign(new Writable({write: (_chunk, _encoding, done) => done()}), {...size, isTTY: false});
	const instance = render(frame(0), {stdout: stdout as unknown as NodeJS.WriteStream, debug: true, patchConsole: false, exitOnCtrlC: false});
	const times: number[] = [];
	for (let index = 1; index <= 600; index++) {
		const start = performance.now();
		instance.rerender(frame(index));
		if (index > 100) times.push(performance.now() - start);
	}
	instance.unmount();
	return times;
}

async function frameRender(): Promise<void> {
	const [{createElement}, {Box, Text, renderToString}, {PlayScreen}, {sessionScreen}, {keysFor}] = await Promise.all([
		import('react'),
		import('ink'),
		import('../source/ui/components/PlayScreen.js'),
		import('../source/ui/session-screen.js'),
		import('../source/ui/controls.js'),
	]);
	const session = await midEpisode();
	const seat = sessionScreen(session.snapshot(), 'oversight');
	session.dispose();
	// Ink colours text when this process's output is a terminal or FORCE_COLOR says so; coloured frames cost more.
	const coloured = renderToString(createElement(Text, {color: 'red'}, 'x')).includes('\u001B[');
	console.log(
		`play screen: one full frame mid-episode, React + layout + output, colours ${coloured ? 'on' : 'off (FORCE_COLOR=1 turns them on)'} (500 frames; aim: p95 < 8 ms)`,
	);
	for (const size of SIZES) {
		const screen = await frameTimes(size, frame =>
			createElement(PlayScreen, {
				screen: seat,
				keys: keysFor(false),
				title: 'Misrouted traffic drill',
				briefing: null,
				size,
				overlay: null,
				// A status that changes every frame, so that each render draws a new frame.
				status: [{text: `frame ${frame}`}],
				picking: false,
				pickerActive: false,
				onChoose: () => {},
				onTyping: () => {},
			}),
		);
		// What Ink itself needs for a screen of distinct full-width lines: the floor under any frame this size.
		const floor = await frameTimes(size, frame =>
			createElement(
				Box,
				{flexDirection: 'column'},
				...Array.from({length: size.rows}, (_, row) =>
					createElement(Text, {key: row}, `${frame} line ${row} `.padEnd(size.columns, 'abcdefghij klmnopq rstuvwxyz ')),
				),
			),
		);
		console.log(
			`  ${size.columns}×${size.rows}: median ${ms(percentile(screen, 0.5))}, p95 ${ms(percentile(screen, 0.95))}` +
				`   (Ink alone, ${size.rows} distinct plain lines: median ${ms(percentile(floor, 0.5))}, p95 ${ms(percentile(floor, 0.95))})`,
		);
	}
}

if (!process.argv.includes('--frames-only')) await startup();
if (!process.argv.includes('--startup-only')) await frameRender();
process.exit(0);
