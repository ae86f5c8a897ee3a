// How `npm run bench` measures: whole processes timed as a user sees them (start-up included), peak memory as
// /usr/bin/time reports it, and our side and the reference's run alternately so that a busy moment of the
// machine falls on both.
import {type SpawnSyncReturns, spawnSync} from 'node:child_process';

export const median = (values: readonly number[]) => values.slice().sort((a, b) => a - b)[values.length >> 1]!;
export const format = (value: number) => Math.round(value).toLocaleString('en-US');

/** A finished run, or an error saying which command failed and what it said. */
function succeeded(run: SpawnSyncReturns<string>, command: string, args: readonly string[]): SpawnSyncReturns<string> {
	if (run.error !== undefined) throw run.error;
	if (run.status !== 0) throw new Error(`${[command, ...args].join(' ')} failed (status ${run.status}):\n${run.stderr}`);
	return run;
}

/** Runs a command to its end; its stdout, and the wall-clock seconds from spawning it to its exit. */
export function timeProcess(command: string, args: readonly string[]): {seconds: number; stdout: string} {
	const start = performance.now();
	const run = succeeded(spawnSync(command, args, {encoding: 'utf8', maxBuffer: 1 << 26}), command, args);
	return {seconds: (performance.now() - start) / 1000, stdout: run.stdout};
}

/** Peak resident memory of a command, in MB, and its wall-clock seconds, as /usr/bin/time measures them. */
export function peakRss(command: string, args: readonly string[]): {megabytes: number; seconds: number} {
	const run = succeeded(spawnSync('/usr/bin/time', ['-f', '%M %e', command, ...args], {encoding: 'utf8', maxBuffer: 1 << 26}), command, args);
	const [kilobytes, seconds] = run.stderr.trim().split('\n').at(-1)!.split(' ').map(Number);
	return {megabytes: kilobytes! / 1024, seconds: seconds!};
}

export type Measure = () => number | Promise<number>;

/**
 * Medians of `ours` (runs.ours times) and of `theirs` (runs.theirs times, or not at all when null), taken in turn:
 * ours, theirs, ours, theirs… and then the rest of ours.
 */
export async function sideBySide(ours: Measure, theirs: Measure | null, runs: {ours: number; theirs: number}) {
	const ourValues: number[] = [];
	const theirValues: number[] = [];
	for (let run = 0; run < Math.max(runs.ours, theirs === null ? 0 : runs.theirs); run++) {
		if (run < runs.ours) ourValues.push(await ours());
		if (theirs !== null && run < runs.theirs) theirValues.push(await theirs());
	}
	return {ours: median(ourValues), theirs: theirs === null ? null : median(theirValues), oursAll: ourValues, theirsAll: theirValues};
}
