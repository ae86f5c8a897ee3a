// The metrics recorder (§13): a ring buffer of one snapshot per step, stored in columns so that recording
// allocates nothing in the step loop.
import type {ServiceMetrics} from './types.js';
import {ACTION_TYPES, type ActionType} from './vocabulary.js';

export const DEFAULT_METRICS_CAPACITY = 512;

export type MetricsSnapshot = {
	readonly step: number;
	readonly latency_ms: Readonly<Record<string, number>>;
	readonly error_rate: Readonly<Record<string, number>>;
	readonly wrong_fixes: number;
	readonly miscommunications: number;
	readonly mttr_steps: number;
	readonly cumulative_reward: number;
	readonly action_histogram: Readonly<Record<ActionType, number>>;
	readonly oversight_flag_count: number;
};

/** What a snapshot is taken of: the world after a step (the World satisfies it). */
export type MetricsSource = {
	readonly stepCount: number;
	readonly serviceList: readonly ServiceMetrics[];
	readonly wrongFixes: number;
	readonly miscommunications: number;
	readonly resolved: boolean;
	readonly cumulativeReward: number;
	readonly oversightFlags: {readonly length: number};
};

const ACTION_COUNT = ACTION_TYPES.length;
const ACTION_INDEX = Object.fromEntries(ACTION_TYPES.map((type, index) => [type, index])) as Record<ActionType, number>;

export class MetricsRecorder {
	readonly capacity: number;
	private count = 0;
	/** The episode's services, in the incident's order: one column entry each. */
	private serviceNames: readonly string[] = [];
	/** Slots in use this episode: the capacity, or fewer when the episode cannot have that many steps. */
	private slots = 0;
	private readonly histogram = new Uint32Array(ACTION_COUNT);
	private step = new Float64Array(0);
	private latency = new Float64Array(0);
	private errorRate = new Float64Array(0);
	private scalars = new Float64Array(0);
	private histograms = new Uint32Array(0);

	constructor(capacity = DEFAULT_METRICS_CAPACITY) {
		this.capacity = capacity;
	}

	/** Empties the buffer for an episode of these services and at most `maxSteps` steps; the columns are reused when large enough. */
	clear(serviceNames: readonly string[], maxSteps = this.capacity): void {
		this.count = 0;
		this.histogram.fill(0);
		this.serviceNames = serviceNames;
		this.slots = Math.max(1, Math.min(this.capacity, maxSteps));
		if (this.step.length >= this.slots && this.latency.length >= this.slots * serviceNames.length) return;
		this.step = new Float64Array(this.slots);
		this.latency = new Float64Array(this.slots * serviceNames.length);
		this.errorRate = new Float64Array(this.slots * serviceNames.length);
		this.scalars = new Float64Array(this.slots * 5);
		this.histograms = new Uint32Array(this.slots * ACTION_COUNT);
	}

	get size(): number {
		return Math.min(this.count, this.slots);
	}

	record(sample: MetricsSource, actionType: ActionType): void {
		const slot = this.count % this.slots;
		this.count++;
		this.histogram[ACTION_INDEX[actionType]]!++;
		this.step[slot] = sample.stepCount;
		// By index, not by name: a lookup by a variable key is several times slower here.
		const list = sample.serviceList;
		const base = slot * list.length;
		for (let i = 0; i < list.length; i++) {
			const metrics = list[i]!;
			this.latency[base + i] = metrics.latency_ms;
			this.errorRate[base + i] = metrics.error_rate;
		}
		const scalars = slot * 5;
		this.scalars[scalars] = sample.wrongFixes;
		this.scalars[scalars + 1] = sample.miscommunications;
		this.scalars[scalars + 2] = sample.resolved ? -1 : sample.stepCount;
		this.scalars[scalars + 3] = sample.cumulativeReward;
		this.scalars[scalars + 4] = sample.oversightFlags.length;
		// A plain loop: TypedArray#set costs more than copying nine counts.
		for (let i = 0; i < ACTION_COUNT; i++) this.histograms[slot * ACTION_COUNT + i] = this.histogram[i]!;
	}

	/** The snapshots still in the buffer, oldest first. */
	snapshots(): MetricsSnapshot[] {
		const first = this.count - this.size;
		return Array.from({length: this.size}, (_, offset) => this.snapshotAt((first + offset) % this.slots));
	}

	/** One service's latency and error-rate series, oldest first: what a sparkline draws. */
	series(service: string): {latency_ms: number[]; error_rate: number[]} {
		const index = this.serviceNames.indexOf(service);
		const width = this.serviceNames.length;
		if (index < 0) return {latency_ms: [], error_rate: []};
		const first = this.count - this.size;
		const latency_ms: number[] = [];
		const error_rate: number[] = [];
		for (let n = first; n < this.count; n++) {
			const slot = n % this.slots;
			latency_ms.push(this.latency[slot * width + index]!);
			error_rate.push(this.errorRate[slot * width + index]!);
		}
		return {latency_ms, error_rate};
	}

	private snapshotAt(slot: number): MetricsSnapshot {
		const width = this.serviceNames.length;
		const perService = (column: Float64Array) =>
			Object.fromEntries(this.serviceNames.map((name, i) => [name, column[slot * width + i]!]));
		const scalars = slot * 5;
		return {
			step: this.step[slot]!,
			latency_ms: perService(this.latency),
			error_rate: perService(this.errorRate),
			wrong_fixes: this.scalars[scalars]!,
			miscommunications: this.scalars[scalars + 1]!,
			mttr_steps: this.scalars[scalars + 2]!,
			cumulative_reward: this.scalars[scalars + 3]!,
			action_histogram: Object.fromEntries(
				ACTION_TYPES.map((type, i) => [type, this.histograms[slot * ACTION_COUNT + i]!]),
			) as Record<ActionType, number>,
			oversight_flag_count: this.scalars[scalars + 4]!,
		};
	}
}
