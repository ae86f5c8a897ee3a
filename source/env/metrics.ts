// The metrics recorder (§13): a ring buffer of one snapshot per step, stored in columns so that recording
// allocates nothing in the step loop.
import type {Services} from './types.js';
import {ACTION_TYPES, type ActionType, MONITORED_SERVICES, type MonitoredService} from './vocabulary.js';

export const DEFAULT_METRICS_CAPACITY = 512;

export type MetricsSnapshot = {
	readonly step: number;
	readonly latency_ms: Readonly<Record<MonitoredService, number>>;
	readonly error_rate: Readonly<Record<MonitoredService, number>>;
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
	readonly services: Services;
	readonly wrongFixes: number;
	readonly miscommunications: number;
	readonly resolved: boolean;
	readonly cumulativeReward: number;
	readonly oversightFlags: {readonly length: number};
};

const SERVICE_COUNT = MONITORED_SERVICES.length;
const ACTION_COUNT = ACTION_TYPES.length;
const ACTION_INDEX = Object.fromEntries(ACTION_TYPES.map((type, index) => [type, index])) as Record<ActionType, number>;

export class MetricsRecorder {
	readonly capacity: number;
	private count = 0;
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

	/** Empties the buffer for an episode of at most `maxSteps` steps; the columns are reused when large enough. */
	clear(maxSteps = this.capacity): void {
		this.count = 0;
		this.histogram.fill(0);
		this.slots = Math.max(1, Math.min(this.capacity, maxSteps));
		if (this.step.length >= this.slots) return;
		this.step = new Float64Array(this.slots);
		this.latency = new Float64Array(this.slots * SERVICE_COUNT);
		this.errorRate = new Float64Array(this.slots * SERVICE_COUNT);
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
		// Named reads in MONITORED_SERVICES order: a lookup by a variable key is several times slower here.
		const {auth, payments, notifications, db} = sample.services;
		this.writeServices(this.latency, slot, auth.latency_ms, payments.latency_ms, notifications.latency_ms, db.latency_ms);
		this.writeServices(this.errorRate, slot, auth.error_rate, payments.error_rate, notifications.error_rate, db.error_rate);
		const scalars = slot * 5;
		this.scalars[scalars] = sample.wrongFixes;
		this.scalars[scalars + 1] = sample.miscommunications;
		this.scalars[scalars + 2] = sample.resolved ? -1 : sample.stepCount;
		this.scalars[scalars + 3] = sample.cumulativeReward;
		this.scalars[scalars + 4] = sample.oversightFlags.length;
		// A plain loop: TypedArray#set costs more than copying nine counts.
		for (let i = 0; i < ACTION_COUNT; i++) this.histograms[slot * ACTION_COUNT + i] = this.histogram[i]!;
	}

	private writeServices(column: Float64Array, slot: number, auth: number, payments: number, notifications: number, db: number) {
		const base = slot * SERVICE_COUNT;
		column[base] = auth;
		column[base + 1] = payments;
		column[base + 2] = notifications;
		column[base + 3] = db;
	}

	/** The snapshots still in the buffer, oldest first. */
	snapshots(): MetricsSnapshot[] {
		const first = this.count - this.size;
		return Array.from({length: this.size}, (_, offset) => this.snapshotAt((first + offset) % this.slots));
	}

	/** One service's latency and error-rate series, oldest first: what a sparkline draws. */
	series(service: MonitoredService): {latency_ms: number[]; error_rate: number[]} {
		const index = MONITORED_SERVICES.indexOf(service);
		const first = this.count - this.size;
		const latency_ms: number[] = [];
		const error_rate: number[] = [];
		for (let n = first; n < this.count; n++) {
			const slot = n % this.slots;
			latency_ms.push(this.latency[slot * SERVICE_COUNT + index]!);
			error_rate.push(this.errorRate[slot * SERVICE_COUNT + index]!);
		}
		return {latency_ms, error_rate};
	}

	private snapshotAt(slot: number): MetricsSnapshot {
		const perService = (column: Float64Array) =>
			Object.fromEntries(MONITORED_SERVICES.map((name, i) => [name, column[slot * SERVICE_COUNT + i]!])) as Record<
				MonitoredService,
				number
			>;
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
