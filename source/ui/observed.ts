// What the screen may show of a session: a role's latest observation and the metric history up to it.
import type {Observation} from '../env/types.js';
import type {MonitoredService, Role} from '../env/vocabulary.js';
import type {PlaySession} from './session.js';

/** The observation the role holds now: its pending one, else the one it last acted on; null before its first turn. */
export function observationOf(session: PlaySession, role: Role): Observation | null {
	if (session.pending?.role === role) return session.pending.observation;
	return session.played.findLast(played => played.step.role === role)?.step.observation ?? null;
}

export type Series = {readonly latency_ms: number[]; readonly error_rate: number[]};

/**
 * A service's latency and error-rate history as it stood at the observation's step: the values at reset, then
 * one per step, so that a stale view never shows what happened after it.
 */
export function seriesAt(session: PlaySession, service: MonitoredService, step: number): Series {
	const {latency_ms, error_rate} = session.episode.env.metrics.series(service);
	const keep = latency_ms.length - (session.stepCount - step);
	const start = session.start.view.visible_metrics[service];
	return {
		latency_ms: [start?.latency_ms ?? 0, ...latency_ms.slice(0, Math.max(0, keep))],
		error_rate: [start?.error_rate ?? 0, ...error_rate.slice(0, Math.max(0, keep))],
	};
}
