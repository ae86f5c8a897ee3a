// `npm run bench`: the workloads of issue 10's aims, each figure beside the reference's where one is known, then
// the play figures (scripts/bench-play.ts) and a summary of every figure of the issue's table. Figures only;
// nothing here is a test.
//   CHAOSOPS_REFERENCE=DIR   a checkout of the Python reference (containing chaosops/): measured now, side by side;
//                            without it, the reference figures recorded in bench-reference.ts are shown, with where
//                            and how they were measured.
//   CHAOSOPS_BENCH_CLI=FILE  the cli.js to measure (default: this worktree's dist/cli.js), e.g. another commit's
//                            build made with `node scripts/build.mjs --outdir DIR`.
import {spawn} from 'node:child_process';
import {existsSync, mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {Episode, buildSeats} from '../source/agents/runner.js';
import {ChaosOpsEnv} from '../source/env/environment.js';
import {ROLES} from '../source/env/vocabulary.js';
import {REFERENCE_INCIDENTS, scenarioFor} from '../source/io/incidents.js';
import {type Column, formatTable} from '../source/cli/table.js';
import {format, median, peakRss, sideBySide, timeProcess} from './bench-measure.js';
import {pipePlan, pipeRun} from './bench-pipe.js';
import {playFigures} from './bench-play-figures.js';
import {type LiveReference, RECORDED, liveReference} from './bench-reference.js';
import {EVAL, MEMORY, PIPE} from './bench-workloads.js';

const OWN_CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const CLI = path.resolve(process.env['CHAOSOPS_BENCH_CLI'] || OWN_CLI);
const RUNS = {ours: 5, theirs: 3};

type SummaryRow = {readonly figure: string; readonly value: string; readonly against: string; readonly aim: string; readonly met: boolean | null};
/** The rows of the issue's table, in its order, filled in as the figures come. */
const SLOTS = ['eval', 'pipe', 'firstFrame', 'frame 80×24', 'frame 120×40', 'memory'] as const;
const summary: Partial<Record<(typeof SLOTS)[number], SummaryRow>> = {};

const times = (ratio: number) => `${ratio < 10 ? ratio.toFixed(2) : ratio.toFixed(0)}×`;
const seconds = (values: readonly number[]) => values.map(value => value.toFixed(2)).join(', ');

function header(reference: LiveReference | null): void {
	const cpus = os.cpus();
	console.log(`chaosops bench: measuring ${CLI}${CLI === OWN_CLI ? " (this worktree's build)" : ' (from CHAOSOPS_BENCH_CLI)'}`);
	console.log(`  machine: ${cpus.length} cores, ${cpus[0]?.model ?? 'unknown CPU'}, node ${process.version}, load average ${os.loadavg()[0]!.toFixed(2)} at the start`);
	if (reference === null) {
		console.log('  reference: not measured now (set CHAOSOPS_REFERENCE to a checkout of it to measure it side by side);');
		console.log(`  its figures below were recorded: ${RECORDED.conditions}`);
	} else {
		console.log(`  reference: measured now, side by side, from ${reference.directory} (${reference.python})`);
	}
	console.log();
}

/** Which reference figure a ratio is against: the one measured now, or the recorded one and what it was. */
const referenceLabel = (live: boolean, workload: string) => (live ? `measured now: ${workload}` : `recorded: ${workload}`);

/** The mean reward in our baseline table's row (the same episodes print the same figure on both sides). */
function tableMeanReward(table: string): number {
	const row = table.split('\n').find(line => line.startsWith('random '));
	if (row === undefined) throw new Error(`chaosops eval printed no row for random:\n${table}`);
	return Number(row.trim().split(/\s+/)[3]);
}

function sameEpisodes(what: string, ours: number, theirs: number): void {
	if (ours !== theirs) throw new Error(`${what}: ours ${ours}, the reference's ${theirs}; the two sides did not play the same episodes`);
}

async function evalThroughput(reference: LiveReference | null): Promise<void> {
	let ourMeanReward = Number.NaN;
	const ours = () => {
		const {seconds, stdout} = timeProcess(process.execPath, [CLI, ...EVAL.args]);
		ourMeanReward = tableMeanReward(stdout);
		return seconds;
	};
	const theirs =
		reference &&
		(() => {
			const run = reference.eval();
			sameEpisodes('mean reward', ourMeanReward, run.meanReward);
			return run.seconds;
		});
	const runs = await sideBySide(ours, theirs, RUNS);
	if (theirs === null) sameEpisodes('mean reward', ourMeanReward, RECORDED.eval.meanReward);
	const ourRate = EVAL.episodes / runs.ours;
	const theirRate = runs.theirs === null ? RECORDED.eval.episodesPerSecond : EVAL.episodes / runs.theirs;
	const ratio = ourRate / theirRate;
	console.log(`episodes/s, hard tier, random policy in every role, a fresh process (start-up included): chaosops ${EVAL.args.join(' ')}`);
	console.log(`  ${format(EVAL.episodes)} episodes, the whole process timed, median of ${runs.oursAll.length}${reference === null ? '' : ` (reference: of ${runs.theirsAll.length}), taken in turn`}`);
	console.log(`  ours:      ${format(ourRate)} episodes/s (runs: ${seconds(runs.oursAll)} s)`);
	console.log(`  reference: ${format(theirRate)} episodes/s${runs.theirs === null ? '' : ` (runs: ${seconds(runs.theirsAll)} s)`}`);
	console.log(`             ${referenceLabel(reference !== null, RECORDED.eval.workload)}`);
	console.log(`  ${times(ratio)} the reference (aim: ≥ 100×)\n`);
	summary.eval = {figure: 'episodes/s, hard, random, fresh process', value: `${format(ourRate)}/s`, against: `${times(ratio)} the reference`, aim: '≥ 100×', met: ratio >= 100};
}

async function pipeThroughput(reference: LiveReference | null): Promise<void> {
	const plan = pipePlan();
	const busy: number[] = [];
	const ours = async () => {
		const run = await pipeRun(CLI, plan);
		busy.push(run.driverBusy);
		return run.stepsPerSecond;
	};
	const theirs =
		reference &&
		(() => {
			const run = reference.steps();
			sameEpisodes('steps', plan.steps, run.steps);
			return run.stepsPerSecond;
		});
	const runs = await sideBySide(ours, theirs, RUNS);
	if (theirs === null) sameEpisodes('steps', plan.steps, RECORDED.env.steps);
	const theirRate = runs.theirs ?? RECORDED.env.stepsPerSecond;
	const ratio = runs.ours / theirRate;
	console.log(`steps/s through chaosops env over a pipe: ${format(PIPE.episodes)} hard episodes (${PIPE.types.join(', ')} in turn, seeds 0..${PIPE.episodes - 1},`);
	console.log(`  at most ${PIPE.maxSteps} steps, the random policy's actions): ${format(plan.steps)} steps; requests written as fast as the pipe takes them,`);
	console.log('  every reply read and checked (ok, and done where the episode ends; one in 100 parsed in full); timed from the first request (after one reset answered) to the last reply;');
	console.log(`  median of ${runs.oursAll.length} fresh servers${reference === null ? '' : ` (reference: ${runs.theirsAll.length} fresh processes), taken in turn`}`);
	console.log(`  ours:      ${format(runs.ours)} steps/s (runs: ${runs.oursAll.map(format).join(', ')}; the driver busy ${(100 * median(busy)).toFixed(0)}% of the time)`);
	console.log(`  reference: ${format(theirRate)} steps/s${runs.theirs === null ? '' : ` (runs: ${runs.theirsAll.map(format).join(', ')})`}`);
	console.log(`             ${referenceLabel(reference !== null, RECORDED.env.workload)}`);
	console.log(`  ${times(ratio)} the reference's in-process env.step (aim: ≥ 5×)\n`);
	summary.pipe = {figure: 'steps/s, chaosops env over a pipe', value: `${format(runs.ours)}/s`, against: `${times(ratio)} the reference's env.step`, aim: '≥ 5×', met: ratio >= 5};
}

/** The 100,000-episode peak counts as flat if it is within this share of the 10,000-episode one. */
const FLAT = 0.1;
/** Peak memory moves with the moments the collector happens to run: a median of a few runs. */
const MEMORY_RUNS = 3;

function evalMemory(): void {
	const directory = mkdtempSync(path.join(os.tmpdir(), 'chaosops-bench-'));
	console.log(`chaosops ${MEMORY.grid.join(' ')} (${MEMORY.groups} groups × N per type): peak RSS, median of ${MEMORY_RUNS} (aim: flat, < 100 MB)`);
	const peaks: Array<{json: boolean; byCount: number[]}> = [];
	try {
		for (const json of [false, true]) {
			const byCount = MEMORY.counts.map(episodes => {
				const extra = json ? ['--json', path.join(directory, 'eval.json')] : [];
				const runs = Array.from({length: MEMORY_RUNS}, () =>
					peakRss(process.execPath, [CLI, ...MEMORY.grid, '--episodes-per-type', String(episodes / MEMORY.groups), ...extra]),
				);
				const megabytes = median(runs.map(run => run.megabytes));
				console.log(
					`  ${format(episodes).padStart(7)} episodes${json ? ' with --json' : '            '}: ${megabytes.toFixed(1)} MB` +
						` (runs: ${runs.map(run => run.megabytes.toFixed(1)).join(', ')} MB, ${median(runs.map(run => run.seconds)).toFixed(1)} s each)`,
				);
				return megabytes;
			});
			peaks.push({json, byCount});
		}
	} finally {
		rmSync(directory, {recursive: true, force: true});
	}
	const growth = (byCount: readonly number[]) => byCount.at(-1)! / byCount[0]! - 1;
	const flat = peaks.every(({byCount}) => growth(byCount) <= FLAT);
	const under = peaks.every(({byCount}) => byCount.at(-1)! < 100);
	const describe = ({json, byCount}: {json: boolean; byCount: number[]}) =>
		`${byCount.map(value => value.toFixed(0)).join(' → ')} MB${json ? ' with --json' : ''} (${growth(byCount) >= 0 ? '+' : ''}${(100 * growth(byCount)).toFixed(0)}%)`;
	console.log(`  from ${format(MEMORY.counts[0])} to ${format(MEMORY.counts.at(-1)!)} episodes: ${peaks.map(describe).join('; ')}; flat means within ${100 * FLAT}%\n`);
	summary.memory = {
		figure: `peak RSS, eval over ${format(MEMORY.counts.at(-1)!)} episodes`,
		value: peaks.map(({json, byCount}) => `${byCount.at(-1)!.toFixed(0)} MB${json ? ' --json' : ''}`).join(', '),
		against: peaks.map(({byCount}) => `${growth(byCount) >= 0 ? '+' : ''}${(100 * growth(byCount)).toFixed(0)}%`).join(', ') + ` from ${format(MEMORY.counts[0])}`,
		aim: `flat (±${100 * FLAT}%), < 100 MB`,
		met: flat && under,
	};
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

async function envStartUp(): Promise<void> {
	const request = JSON.stringify({op: 'reset', scenario: {failure_type: 'cascade', difficulty: 'hard', seed: 1}});
	const sample = async (argv: readonly string[]) => {
		const samples: number[] = [];
		for (let i = 0; i < 15; i++) samples.push(await firstReply(argv, request));
		return median(samples);
	};
	const env = await sample([CLI, 'env']);
	const bare = await sample(['-e', "process.stdin.once('data', () => process.stdout.write('{}\\n'))"]);
	console.log('extra: chaosops env, start-up to its first reply (median of 15; no reference figure)');
	console.log(`  ${env.toFixed(0)} ms (a bare node process that echoes one line: ${bare.toFixed(0)} ms)\n`);
}

/** The in-process workload: episode i is the i-th reference incident (mod 9), seed i, hard, 25 steps, random everywhere. */
function inProcessWorkload(episodes: number, env: ChaosOpsEnv): number {
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

function inProcessThroughput(): void {
	const env = new ChaosOpsEnv();
	inProcessWorkload(2000, env);
	const runs = Array.from({length: 7}, () => {
		const start = process.hrtime.bigint();
		const steps = inProcessWorkload(2000, env);
		return {steps, seconds: Number(process.hrtime.bigint() - start) / 1e9};
	});
	console.log("extra: in-process engine throughput of this worktree's source (not CHAOSOPS_BENCH_CLI; no reference figure on");
	console.log('  this workload): 2000 hard episodes, all nine incidents in turn, the runner and the random policy, median of 7 after a warm-up');
	console.log(`  ${format(median(runs.map(run => run.steps / run.seconds)))} steps/s, ${format(median(runs.map(run => 2000 / run.seconds)))} episodes/s\n`);
}

async function play(): Promise<void> {
	const figures = await playFigures();
	console.log();
	if (CLI !== OWN_CLI && !figures.honoursBenchCli) console.log("note: bench-play.ts measured this worktree's dist/cli.js, not CHAOSOPS_BENCH_CLI\n");
	const seeAbove = 'see bench-play.ts above';
	const first = figures.firstFrame;
	const ratio = first?.inkHelloMs == null ? null : first.ms / first.inkHelloMs;
	summary.firstFrame = {
		figure: 'play start to first full frame',
		value: first === null ? seeAbove : `${first.ms.toFixed(0)} ms`,
		against: ratio === null ? 'no bare Ink hello figure printed' : `${ratio.toFixed(2)} of a bare Ink hello (${first!.inkHelloMs!.toFixed(0)} ms)`,
		aim: '≤ 0.5, meow kept',
		met: ratio === null ? null : ratio <= 0.5,
	};
	for (const size of ['80×24', '120×40'] as const) {
		const p95 = figures.frameP95.get(size);
		summary[`frame ${size}`] = {figure: `one full frame at ${size}, p95`, value: p95 === undefined ? seeAbove : `${p95.toFixed(1)} ms`, against: '', aim: '≤ 8 ms', met: p95 === undefined ? null : p95 <= 8};
	}
}

const SUMMARY_TABLE: readonly Column<SummaryRow>[] = [
	{heading: 'figure', align: 'left', cell: row => row.figure},
	{heading: 'value', align: 'right', cell: row => row.value},
	{heading: 'against', align: 'left', cell: row => row.against},
	{heading: 'aim', align: 'left', cell: row => row.aim},
	{heading: 'met', align: 'left', cell: row => (row.met === null ? '?' : row.met ? 'yes' : 'no')},
];

/** The reference to measure now, if any; a setting that cannot be used ends the bench with one line saying why. */
function setUp(): LiveReference | null {
	try {
		if (!existsSync(CLI)) throw new Error(`no CLI at ${CLI}; build it first (node scripts/build.mjs), or name one with CHAOSOPS_BENCH_CLI`);
		return liveReference();
	} catch (error) {
		console.error(`bench: ${(error as Error).message}`);
		process.exit(2);
	}
}

const reference = setUp();
header(reference);
await evalThroughput(reference);
await pipeThroughput(reference);
evalMemory();
await envStartUp();
inProcessThroughput();
await play();
console.log(`summary (${CLI}; reference ${reference === null ? 'figures recorded' : 'measured now'}):`);
process.stdout.write(formatTable(SUMMARY_TABLE, SLOTS.flatMap(slot => summary[slot] ?? [])));
