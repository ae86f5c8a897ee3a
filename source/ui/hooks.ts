// React bindings: a session's snapshots, the one-key controls, the state of a list and of a scrolled text, the
// terminal's size as it changes, and a countdown's seconds.
import {useInput, useStdout} from 'ink';
import {useEffect, useReducer, useState, useSyncExternalStore} from 'react';
import {CONTROLS, type Control, type ControlName, type ControlState, unboundKeyReason} from './controls.js';
import type {TerminalSize} from './layout.js';
import {type ScrollWindow, windowAt, windowShowing} from './scroll.js';
import type {PlaySession, PlaySnapshot} from './session.js';

/** The session as it stands; re-renders whenever it publishes a new snapshot. */
export function useSession(session: PlaySession): PlaySnapshot {
	return useSyncExternalStore(session.subscribe, session.snapshot);
}

type KeyTable<Name extends string, State> = {
	readonly controls: ReadonlyArray<Control<Name, State>>;
	readonly state: State;
	readonly run: Readonly<Record<Name, () => void>>;
	/** Told why a key pressed can do nothing now. */
	readonly onIdle: (reason: string) => void;
	/** Why a key that is no control does nothing, or null to leave it alone. */
	readonly unbound: (input: string) => string | null;
	readonly isActive: boolean;
};

/** A screen's one-key controls (Tab is the key `\t`), while it has the keyboard; a key that can do nothing now says why. */
export function useKeyTable<Name extends string, State>({controls, state, run, onIdle, unbound, isActive}: KeyTable<Name, State>): void {
	useInput(
		(input, key) => {
			if (key.ctrl || key.meta) return;
			const pressed = key.tab ? '\t' : input;
			const control = controls.find(candidate => candidate.key === pressed);
			const reason = control === undefined ? unbound(pressed) : (control.idle?.(state) ?? null);
			if (reason !== null) onIdle(reason);
			else if (control !== undefined) run[control.name]();
		},
		{isActive},
	);
}

type ControlKeys = Omit<KeyTable<ControlName, ControlState>, 'controls' | 'unbound'> & {
	/** A list on screen takes the number keys. */
	readonly listOpen: boolean;
};

/** The play screen's one-key controls. */
export const useControlKeys = ({listOpen, ...keys}: ControlKeys): void =>
	useKeyTable({...keys, controls: CONTROLS, unbound: input => unboundKeyReason(input, listOpen)});

export type MenuState = {
	readonly selected: number;
	readonly window: ScrollWindow;
	readonly up: () => void;
	readonly down: () => void;
};

/** Which of `count` items is highlighted (moving past either end comes round to the other), and which `rows` show. */
export function useMenuState(count: number, rows: number): MenuState {
	const [state, setState] = useState({selected: 0, start: 0});
	const shown = ({selected, start}: typeof state) => {
		const at = Math.min(selected, Math.max(0, count - 1));
		return {at, window: windowShowing(count, rows, at, start)};
	};
	const {at, window} = shown(state);
	const move = (by: number) =>
		setState(previous => {
			const {at: from, window: was} = shown(previous);
			return count === 0 ? previous : {selected: (from + by + count) % count, start: was.start};
		});
	return {selected: at, window, up: () => move(-1), down: () => move(1)};
}

export type ScrollState = {
	readonly window: ScrollWindow;
	/** Scrolls by `lines` (negative: up). */
	readonly by: (lines: number) => void;
	readonly home: () => void;
	readonly end: () => void;
};

/** How far a text of `total` lines shown in `rows` rows is scrolled, from its top. */
export function useScrollState(total: number, rows: number): ScrollState {
	const [start, setStart] = useState(0);
	const window = windowAt(total, rows, start);
	return {
		window,
		by: lines => setStart(windowAt(total, rows, window.start + lines).start),
		home: () => setStart(0),
		end: () => setStart(total),
	};
}

const sizeOf = (stdout: NodeJS.WriteStream): TerminalSize => ({columns: stdout.columns || 80, rows: stdout.rows || 24});

export function useTerminalSize(): TerminalSize {
	const {stdout} = useStdout();
	const [size, setSize] = useState(() => sizeOf(stdout));
	useEffect(() => {
		const onResize = () => setSize(sizeOf(stdout));
		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout]);
	return size;
}

/** Draws again as each second of a countdown to `deadline` (on the `now` clock) passes, until it runs out. */
export function useEverySecondUntil(deadline: number | null, now: () => number): void {
	const [, redraw] = useReducer((frames: number) => frames + 1, 0);
	useEffect(() => {
		if (deadline === null) return;
		let timer: ReturnType<typeof setTimeout> | undefined;
		const next = () => {
			const left = deadline - now();
			if (left <= 0) return;
			// Just past the next whole second, so that the seconds shown have gone down by one.
			timer = setTimeout(() => {
				redraw();
				next();
			}, (left % 1000 || 1000) + 1);
		};
		next();
		return () => clearTimeout(timer);
	}, [deadline, now]);
}
