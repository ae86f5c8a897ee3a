// The signals that ask a command to stop (Ctrl+C, kill, a closed terminal), and the exit status a shell expects
// after each: 128 + the signal's number.
import {constants} from 'node:os';

export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
export type StopSignal = (typeof STOP_SIGNALS)[number];

/** 130 for SIGINT, 143 for SIGTERM, 129 for SIGHUP. */
export const signalStatus = (signal: StopSignal): number => 128 + constants.signals[signal];

/**
 * Calls `handler` on the first stop signal instead of dying at once, so that the command can put things back
 * (the terminal's screen, a half-written file) before it exits. Returns the function that stops listening.
 */
export function onStopSignal(handler: (signal: StopSignal) => void): () => void {
	const listeners = STOP_SIGNALS.map(signal => [signal, () => handler(signal)] as const);
	for (const [signal, listener] of listeners) process.once(signal, listener);
	return () => {
		for (const [signal, listener] of listeners) process.off(signal, listener);
	};
}
