// What eval and lab share (and dataset, the playing): the policies evaluated (--policies, --teammates, --policy) and
// playing episodes through, with a progress bar on a terminal's stderr and Ctrl+C noticed between episodes.
import {type Aggregate, type AwaitedEpisode, type EpisodeRow, type EvaluationPlan, countEpisodes, evaluation} from '../agents/evaluation.js';
import {POLICY_NAMES, type PolicyName} from '../agents/policies.js';
import type {EpisodeResult, PolicyMap} from '../agents/runner.js';
import {ROLES} from '../env/vocabulary.js';
import {InputError} from '../io/errors.js';
import {onStopSignal, signalStatus, type StopSignal} from '../io/signals.js';
import {visibleLine} from '../io/terminal-text.js';
import {ifGiven, parseListOption, parsePolicyOption, parseTeammatesOption} from './options.js';

export type PolicyFlags = {readonly policies?: string | undefined; readonly teammates?: string | undefined; readonly policy?: string | undefined};

/** The policies evaluated, each in every seat the fixed seats (--policy role=NAME,…) leave. */
export function evaluatedPolicies(command: string, flags: PolicyFlags, defaults: readonly PolicyName[]): {policies: readonly PolicyName[]; fixedSeats: PolicyMap | undefined} {
	if (flags.policies !== undefined && flags.teammates !== undefined) {
		throw new InputError(`--policies and --teammates cannot be given together: --teammates NAME is --policies NAME (see chaosops ${command} --help)`);
	}
	const policies =
		ifGiven(flags.policies, value => parseListOption('policies', value, POLICY_NAMES)) ?? ifGiven(flags.teammates, value => [parseTeammatesOption(value)]) ?? defaults;
	const fixedSeats = ifGiven(flags.policy, parsePolicyOption);
	if (fixedSeats !== undefined && ROLES.every(role => fixedSeats[role] !== undefined)) {
		throw new InputError(`--policy '${flags.policy}' names every seat, which leaves none for the policies evaluated; name some roles (role=NAME,…) and let --policies or --teammates fill the others`);
	}
	return {policies, fixedSeats};
}

/** How long evaluation runs between looks at the event loop, where a Ctrl+C is noticed. */
const SLICE_MS = 50;
const nextTurnOfEvents = () => new Promise<void>(resolve => setImmediate(resolve));

/** A bar on stderr, redrawn about every half percent. */
function progressBar(total: number): {tick: () => void; clear: () => void} {
	const width = 30;
	const every = Math.max(1, Math.floor(total / 200));
	let done = 0;
	const draw = () => {
		const filled = Math.round((done / total) * width);
		process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} episodes`);
	};
	return {
		tick() {
			done++;
			if (done % every === 0 || done === total) draw();
		},
		clear: () => process.stderr.write('\r\u001b[2K'),
	};
}

export type Played = {readonly aggregates: Aggregate[]} | {readonly stoppedBy: StopSignal};

/**
 * Plays the evaluation through, each row handed to `onRow` (if any) as it finishes; a bar on stderr when it is a terminal.
 * Stops between episodes at Ctrl+C (or a termination signal) and says which.
 */
export async function playEvaluation(plan: EvaluationPlan, onRow?: (row: EpisodeRow) => void): Promise<Played> {
	const outcome = await playEpisodes(evaluation(plan), countEpisodes(plan), onRow);
	return 'stoppedBy' in outcome ? outcome : {aggregates: outcome.value};
}

const isAwaited = (value: unknown): value is AwaitedEpisode => typeof value === 'object' && value !== null && 'awaiting' in value;

/**
 * Plays a run that yields once per episode (`total` of them) through, each yield handed to `onEpisode` (if any);
 * a bar on stderr when it is a terminal. Stops between episodes at Ctrl+C (or a termination signal) and says which.
 */
export async function playEpisodes<T, R>(
	run: Iterator<T | AwaitedEpisode, R, EpisodeResult | undefined>,
	total: number,
	onEpisode?: (value: T) => void,
): Promise<{readonly value: R} | {readonly stoppedBy: StopSignal}> {
	const progress = process.stderr.isTTY ? progressBar(total) : undefined;
	let stoppedBy: StopSignal | null = null;
	const stopListening = onStopSignal(signal => (stoppedBy = signal));
	try {
		let sliceStart = performance.now();
		for (let next = run.next(); ; next = run.next()) {
			if (next.done === true) {
				progress?.clear();
				return {value: next.value};
			}
			let value = next.value;
			if (isAwaited(value)) {
				// An agent's episode: awaited, and what it yields for the episode comes next.
				next = run.next(await value.awaiting);
				if (next.done === true || isAwaited(next.value)) throw new Error('an awaited episode is followed by what it yields');
				value = next.value;
				if (stoppedBy !== null) {
					progress?.clear();
					return {stoppedBy};
				}
			}
			onEpisode?.(value);
			progress?.tick();
			if (performance.now() - sliceStart < SLICE_MS) continue;
			await nextTurnOfEvents();
			if (stoppedBy !== null) {
				progress?.clear();
				return {stoppedBy};
			}
			sliceStart = performance.now();
		}
	} finally {
		stopListening();
	}
}

/** Says on stderr that the evaluation (or `what`) was stopped, and that the files asked for were left as they were; the exit status. */
export function stoppedStatus(signal: StopSignal, asked: ReadonlyArray<string | undefined>, what = 'evaluation'): number {
	const files = asked.filter(file => file !== undefined);
	const kept = files.length === 0 ? '' : `; ${files.map(visibleLine).join(', ')} ${files.length === 1 ? 'was left as it was' : 'were left as they were'}`;
	process.stderr.write(`chaosops: ${what} stopped by ${signal}${kept}\n`);
	return signalStatus(signal);
}
