// The Python reference's side of `npm run bench`. With CHAOSOPS_REFERENCE naming a checkout of the reference (a
// directory containing chaosops/), its figures are measured now, run for run beside ours, by
// scripts/bench-reference.py (which imports that checkout). Without it, the figures recorded below stand in.
import {existsSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {spawnSync} from 'node:child_process';
import {timeProcess} from './bench-measure.js';
import {EVAL, PIPE} from './bench-workloads.js';

const HARNESS = fileURLToPath(new URL('bench-reference.py', import.meta.url));
const PYTHON = 'python3';

/**
 * What the reference did on the workloads of bench-workloads.ts, measured with this harness on this machine. To
 * record them again (a workload changed, another machine), run the bench with CHAOSOPS_REFERENCE and copy its
 * reference figures here, with the conditions they were measured in.
 */
export const RECORDED = {
	/** The machine and conditions every recorded figure comes from. */
	conditions:
		"measured on 1 Dec 2026 on this project's machine (2 cores, AMD EPYC as node -p os.cpus()[0].model says,\n" +
		'  Python 3.11.7, the reference checked out at /work/ref), each the median of 3 runs taken in turn with ours by\n' +
		'  `CHAOSOPS_REFERENCE=/work/ref npm run bench`, nothing else running (load average 1.0 at the start)',
	eval: {
		episodesPerSecond: 1_240,
		/** The mean reward its summary printed: the same episodes as ours print the same figure. */
		meanReward: -1224.3,
		workload: `its evaluator (run_evaluation, then the summary printed), random policy, hard tier, ${EVAL.episodesPerType.toLocaleString('en-US')} per type, a whole python3 process timed`,
	},
	env: {
		stepsPerSecond: 37_740,
		steps: 55_371,
		workload: `in-process ChaosOpsEnvironment.reset and .step over the ${PIPE.episodes.toLocaleString('en-US')} episodes, actions drawn beforehand by its random policy`,
	},
} as const;

export type ReferenceEval = {readonly seconds: number; readonly meanReward: number};
export type ReferenceSteps = {readonly stepsPerSecond: number; readonly steps: number};

/** The mean reward in the reference's evaluation summary (its `mean_R` column). */
function summaryMeanReward(summary: string): number {
	const row = summary.split('\n').find(line => line.startsWith('random '));
	if (row === undefined) throw new Error(`the reference printed no summary row for random:\n${summary}`);
	return Number(row.trim().split(/\s+/)[7]);
}

/** The reference, measured now from a checkout. */
export class LiveReference {
	readonly directory: string;
	readonly python: string;

	constructor(directory: string) {
		this.directory = path.resolve(directory);
		const version = spawnSync(PYTHON, ['--version'], {encoding: 'utf8'});
		if (version.error !== undefined) throw new Error(`CHAOSOPS_REFERENCE is set but ${PYTHON} does not run: ${version.error.message}`);
		this.python = version.stdout.trim();
	}

	/** Seconds of one whole evaluator process on the EVAL workload, and the mean reward it printed. */
	eval(): ReferenceEval {
		const {seconds, stdout} = timeProcess(PYTHON, [HARNESS, this.directory, 'eval', String(EVAL.episodesPerType)]);
		return {seconds, meanReward: summaryMeanReward(stdout)};
	}

	/** Steps per second of the in-process environment on the PIPE workload (a fresh process per run). */
	steps(): ReferenceSteps {
		const {stdout} = timeProcess(PYTHON, [HARNESS, this.directory, 'steps', String(PIPE.episodes), PIPE.types.join(',')]);
		const {steps, seconds} = JSON.parse(stdout) as {steps: number; seconds: number};
		return {stepsPerSecond: steps / seconds, steps};
	}
}

/** The reference CHAOSOPS_REFERENCE names, or null when it is not set. A directory without chaosops/ is refused. */
export function liveReference(): LiveReference | null {
	const directory = process.env['CHAOSOPS_REFERENCE'];
	if (directory === undefined || directory === '') return null;
	if (!existsSync(path.join(directory, 'chaosops', '__init__.py'))) {
		throw new Error(`CHAOSOPS_REFERENCE is ${JSON.stringify(directory)}, which has no chaosops/ package; name a checkout of the reference (the directory containing chaosops/)`);
	}
	return new LiveReference(directory);
}
