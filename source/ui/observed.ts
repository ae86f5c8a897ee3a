// What the screen may show of a session: a role's latest observation and the metric history up to it.
import type {Observation} from '../env/types.js';
import type {Role} from '../env/vocabulary.js';
import type {Series} from './seat-screen.js';
import type {PlaySnapshot} from './session.js';

/** The observation the role holds now: its pending one, else the one it last acted on; null before its first turn. */
export function observationOf(play: PlaySnapshot, role: Role): Observation | null {
	if (play.pending?.role === role) return play.pending.observation;
	return play.played.findLast(step => step.role === role)?.observation ?? null;
}

/**
 * A service's latency and error-rate history as it stood at the observation's step: the values at reset, then
 * one per step, so that a stale view never shows what happened after it.
 */
export function seriesAt(play: PlaySnapshot, service: string, step: number): Series {
	const {latency_ms, error_rate} = play.history[service] ?? {latency_ms: [], error_rate: []};
	const keep = Math.max(0, latency_ms.length - (play.stepCount - step));
	const start = play.start.view.visible_metrics[service];
	return {
		latency_ms: [start?.latency_ms ?? 0, ...latency_ms.slice(0, keep)],
		error_rate: [start?.error_rate ?? 0, ...error_rate.slice(0, keep)],
	};
}
