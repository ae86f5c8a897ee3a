// The play figures of `npm run bench` come from scripts/bench-play.ts (another script, with its own owner): it is
// run as it is, its output shown as it comes, and the figures the summary needs are read from that output.
// Whatever cannot be read is left to the output above rather than guessed.
import {spawn} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';

const SCRIPT = fileURLToPath(new URL('bench-play.ts', import.meta.url));

export type PlayFigures = {
	/** Milliseconds to the first full frame, and of the bare Ink "hello" it is measured against (null if not printed). */
	readonly firstFrame: {readonly ms: number; readonly inkHelloMs: number | null} | null;
	/** p95 milliseconds of one full frame, by size ("80×24"). */
	readonly frameP95: ReadonlyMap<string, number>;
	/** Whether the script measures the CLI CHAOSOPS_BENCH_CLI names (it reads that variable) or only its own build. */
	readonly honoursBenchCli: boolean;
};

const MEDIAN = /median ([\d.]+) ms/;

/** The figures in bench-play.ts's output, as far as they can be read. */
export function readPlayFigures(output: string): Omit<PlayFigures, 'honoursBenchCli'> {
	const lines = output.split('\n');
	const heading = lines.findIndex(line => /first full frame/i.test(line));
	let firstFrame: PlayFigures['firstFrame'] = null;
	if (heading !== -1) {
		const figure = lines.slice(heading + 1).find(line => MEDIAN.test(line) && !/bare|hello/i.test(line));
		const hello = lines.slice(heading + 1).find(line => /ink/i.test(line) && /hello/i.test(line) && MEDIAN.test(line));
		if (figure !== undefined) firstFrame = {ms: Number(MEDIAN.exec(figure)![1]), inkHelloMs: hello === undefined ? null : Number(MEDIAN.exec(hello)![1])};
	}
	const frameP95 = new Map<string, number>();
	for (const [, size, p95] of output.matchAll(/^\s*(\d+×\d+): median [\d.]+ ms, p95 ([\d.]+) ms/gm)) frameP95.set(size!, Number(p95));
	return {firstFrame, frameP95};
}

/** Runs bench-play.ts, its output passed through, and reads its figures. */
export function playFigures(): Promise<PlayFigures> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT], {stdio: ['ignore', 'pipe', 'inherit']});
		let output = '';
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
			output += chunk;
			process.stdout.write(chunk);
		});
		child.on('error', reject);
		child.on('close', status => {
			if (status !== 0) reject(new Error(`scripts/bench-play.ts failed (status ${status})`));
			else resolve({...readPlayFigures(output), honoursBenchCli: readFileSync(SCRIPT, 'utf8').includes('CHAOSOPS_BENCH_CLI')});
		});
	});
}
