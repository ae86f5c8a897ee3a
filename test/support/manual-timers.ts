// A clock for a drill (and its console) that moves only when a test says so: no test waits on real time.
import type {Timers} from '../../source/net/drill.js';

/** Timers that move only when the test says so. */
export function manualTimers(): Timers & {advance(ms: number): void} {
	let now = 0;
	let timers: Array<{at: number; run: () => void}> = [];
	return {
		now: () => now,
		setTimeout: (run, ms) => {
			const timer = {at: now + ms, run};
			timers.push(timer);
			return timer;
		},
		clearTimeout: timer => {
			timers = timers.filter(other => other !== timer);
		},
		advance(ms) {
			now += ms;
			const due = timers.filter(timer => timer.at <= now);
			timers = timers.filter(timer => timer.at > now);
			for (const timer of due) timer.run();
		},
	};
}
