// The facilitator console on the terminal, for `chaosops host` without --headless: it follows the host's drill (its
// snapshots, its events, the refusals in the host's log) and draws them full screen until the facilitator leaves.
import {useApp} from 'ink';
import {useEffect, useReducer, useSyncExternalStore} from 'react';
import type {Drill, Timers} from '../net/drill.js';
import type {DrillCommands} from './console-actions.js';
import type {ConsoleEvent, JoinInfo} from './console-view.js';
import {Console} from './components/Console.js';
import {fullScreen} from './full-screen.js';
import {useTerminalSize} from './hooks.js';
import type {TerminalSize} from './layout.js';

/** What the console reads of a drill and asks of it: a Drill, or a test's fake with the same. */
export type ConsoleDrill = DrillCommands & Pick<Drill, 'snapshot' | 'watch' | 'scenario' | 'finished'>;

/** How often the clocks on screen (time taken, the countdown) are drawn anew while the drill runs. */
const TICK_MS = 1000;

const REAL_CLOCK: Timers = {
	now: () => performance.now(),
	setTimeout: (run, ms) => setTimeout(run, ms),
	clearTimeout: timer => clearTimeout(timer as ReturnType<typeof setTimeout>),
};

/** The turn log's events, as they come: the drill's own, and the refusals the host's server reports. */
export class ConsoleEvents {
	private current: readonly ConsoleEvent[] = [];
	private readonly listeners = new Set<() => void>();

	add = (event: ConsoleEvent): void => {
		this.current = [...this.current, event];
		for (const listener of this.listeners) listener();
	};

	watch = (listener: () => void): (() => void) => {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	};

	events = (): readonly ConsoleEvent[] => this.current;
}

/** Draws anew every TICK_MS while `running`, so that the clocks move between the drill's changes. */
function useTick(timers: Timers, running: boolean): void {
	const [, tick] = useReducer((count: number) => count + 1, 0);
	useEffect(() => {
		if (!running) return;
		let timer: unknown;
		const again = () => {
			tick();
			timer = timers.setTimeout(again, TICK_MS);
		};
		timer = timers.setTimeout(again, TICK_MS);
		return () => timers.clearTimeout(timer);
	}, [timers, running]);
}

export type DrillConsoleProps = {
	readonly drill: ConsoleDrill;
	readonly events: ConsoleEvents;
	readonly join: JoinInfo;
	/** The drill's clock (its timers); real time unless a test says otherwise. */
	readonly timers?: Timers;
	/** A fixed size (tests); by default the console follows the terminal. */
	readonly size?: TerminalSize;
	readonly onLeave: () => void;
	readonly onInterrupt: () => void;
};

/** The console on a drill as it goes: each of its snapshots and events, and the clock, drawn by Console. */
export function DrillConsole({drill, events, join, timers = REAL_CLOCK, size: fixedSize, onLeave, onInterrupt}: DrillConsoleProps) {
	const snapshot = useSyncExternalStore(drill.watch, drill.snapshot);
	const log = useSyncExternalStore(events.watch, events.events);
	const terminal = useTerminalSize();
	useTick(timers, snapshot.ended === null);
	return (
		<Console
			drill={snapshot}
			events={log}
			join={join}
			scenario={drill.scenario}
			now={timers.now()}
			size={fixedSize ?? terminal}
			commands={drill}
			onLeave={onLeave}
			onInterrupt={onInterrupt}
		/>
	);
}

/** The console as the host runs it: leaving unmounts it; Ctrl+C ends the drill and leaves; a drill that fails takes it down. */
function HostConsole({drill, events, join, onInterrupt}: Pick<DrillConsoleProps, 'drill' | 'events' | 'join' | 'onInterrupt'>) {
	const {exit} = useApp();
	useEffect(() => {
		drill.finished.catch((error: unknown) => exit(error instanceof Error ? error : new Error(String(error))));
	}, [drill, exit]);
	const interrupt = () => {
		onInterrupt();
		drill.stop();
		exit();
	};
	return <DrillConsole drill={drill} events={events} join={join} onLeave={() => exit()} onInterrupt={interrupt} />;
}

export type FacilitatorConsole = {
	/** A line of the host's log, as --headless prints it: the console tells the refusals among them in its turn log. */
	readonly log: (line: object) => void;
	/** Draws the console until the facilitator leaves it; resolves to the exit status (130 for Ctrl+C, 128 + a signal). */
	readonly run: (drill: Drill, join: JoinInfo) => Promise<number>;
};

const isRefusal = (line: object): line is {event: 'refused'; turn: number; reason: string} =>
	'event' in line && line.event === 'refused' && 'reason' in line && typeof line.reason === 'string' && 'turn' in line && typeof line.turn === 'number';

/** The console, ready to take the host's log from the start and to draw its drill once it listens. */
export function facilitatorConsole(): FacilitatorConsole {
	const events = new ConsoleEvents();
	return {
		log: line => {
			if (isRefusal(line)) events.add({kind: 'refused', turn: line.turn, reason: line.reason});
		},
		run: (drill, join) => {
			drill.subscribe(events.add);
			// Whatever takes the console down (a signal, a crash) ends the drill: nobody would be left to run it.
			return fullScreen(onInterrupt => <HostConsole drill={drill} events={events} join={join} onInterrupt={onInterrupt} />).finally(() => drill.stop());
		},
	};
}
