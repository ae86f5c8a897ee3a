// `npm run bench`: engine throughput on the standard workload, peak memory of a 100,000-episode eval, and how
// soon `chaosops env` answers its first request. Figures only; nothing here is a test.
import {spawn, spawnSync} from 'node:child_process';
import {mkdtempSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {Episode, buildSeats} from '../source/agents/runner.js';
import {ChaosOpsEnv} from '../source/env/environment.js';
import {ROLES} from '../source/env/vocabulary.js';
import {REFERENCE_INCIDENTS, scenarioFor} from '../source/io/incidents.js';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const REFERENCE_STEPS_PER_SECOND = 16_600;
const median = (values: number[]) => values.slice().sort((a, b) => a - b)[values.length >> 1]!;
const format = (value: number) => Math.round(value).toLocaleString('en-US');

/** The standard workload: episode i is the i-th reference incident (mod 9), seed i, hard, 25 steps, random everywhere. */
function standardWorkload(episodes: number, env: ChaosOpsEnv): number {
	let steps = 0;
	for (let i = 0; i < episodes; i++) {
		const scenario = scenarioFor(REFERENCE_INCIDENTS[i % REFERENCE_INCIDENTS.length]!, {difficulty: 'hard', seed: i, maxSteps: 25});
		const seats = buildSeats(Object.fromEntries(ROLES.map(role => [role, 'random'])), scenario, i);
		const result = new Episode(scenario, seats, {env}).play();
		if (result instanceof Promise) throw new TypeError('scripted policies decide at once');
		steps += result.final_step;
	}
	return steps;
}

function throughput(): void {
	const env = new ChaosOpsEnv();
	standardWorkload(2000, env);
	const runs = Array.from({length: 7}, () => {
		const start = process.hrtime.bigint();
		const steps = standardWorkload(2000, env);
		return {steps, seconds: Number(process.hrtime.bigint() - start) / 1e9};
	});
	const stepsPerSecond = median(runs.map(run => run.steps / run.seconds));
	const episodesPerSecond = median(runs.map(run => 2000 / run.seconds));
	console.log('env throughput (2000 hard episodes, random policy, median of 7 runs after a warm-up)');
	console.log(`  ${format(stepsPerSecond)} steps/s, ${format(episodesPerSecond)} episodes/s`);
	console.log(`  ${(stepsPerSecond / REFERENCE_STEPS_PER_SECOND).toFixed(0)}× the reference's ~${format(REFERENCE_STEPS_PER_SECOND)} steps/s (aim: > 100×)`);
}

/** Peak resident memory of one `chaosops eval`, in MB, as /usr/bin/time measures it. */
function evalPeakRss(args: readonly string[]): {megabytes: number; seconds: number} {
	const run = spawnSync('/usr/bin/time', ['-f', '%M %e', process.execPath, CLI, 'eval', ...args], {encoding: 'utf8'});
	if (run.status !== 0) throw new Error(`chaosops eval failed: ${run.stderr}`);
	const [kilobytes, seconds] = run.stderr.trim().split('\n').at(-1)!.split(' ').map(Number);
	return {megabytes: kilobytes! / 1024, seconds: seconds!};
}

function evalMemory(): void {
	// 2 policies × 8 failure types (easy 4, hard 4) × N per type.
	const grid = ['--policies', 'random,heuristic', '--tiers', 'easy,hard'];
	const json = path.join(mkdtempSync(path.join(os.tmpdir(), 'chaosops-bench-')), 'eval.json');
	console.log('chaosops eval peak RSS (aim: < 150 MB at 100,000 episodes)');
	for (const [episodes, extra] of [[10_000, []], [100_000, []], [100_000, ['--json', json]]] as const) {
		const {megabytes, seconds} = evalPeakRss([...grid, '--episodes-per-type', String(episodes / 16), ...extra]);
		console.log(`  ${format(episodes).padStart(7)} episodes${extra.length > 0 ? ' with --json' : '            '}: ${megabytes.toFixed(1)} MB in ${seconds.toFixed(1)} s`);
	}
}

/** Milliseconds from spawning `argv` to the first byte of its answer to one request line. */
function firstReply(argv: readonly string[], request: string): Promise<number> {
	return new Promise((resolve, reject) => {
		const start = performance.now();
		const child = spawn(process.execPath, argv);
		child.on('error', reject);
		child.stdout.once('data', () => {
			resolve(performance.now() - start);
			child.stdin.end();
		});
		child.stdin.write(`${request}\n`);
	});
}

async function startUp(): Promise<void> {
	const request = JSON.stringify({op: 'reset', scenario: {failure_type: 'cascade', difficulty: 'hard', seed: 1}});
	const times = async (argv: readonly string[]) => {
		const samples: number[] = [];
		for (let i = 0; i < 15; i++) samples.push(await firstReply(argv, request));
		return median(samples);
	};
	const env = await times([CLI, 'env']);
	const bare = await times(['-e', "process.stdin.once('data', () => process.stdout.write('{}\\n'))"]);
	console.log('chaosops env start-up to its first reply (median of 15)');
	console.log(`  ${env.toFixed(0)} ms (a bare node process that echoes one line: ${bare.toFixed(0)} ms)`);
}

throughput();
evalMemory();
await startUp();
