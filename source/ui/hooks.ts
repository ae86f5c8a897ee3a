// React bindings: a session's snapshots, the one-key controls, and the terminal's size as it changes.
import {useInput, useStdout} from 'ink';
import {useEffect, useState, useSyncExternalStore} from 'react';
import {type ControlName, controlsFor} from './controls.js';
import type {TerminalSize} from './layout.js';
import type {PlaySession, PlaySnapshot} from './session.js';

/** The session as it stands; re-renders whenever it publishes a new snapshot. */
export function useSession(session: PlaySession): PlaySnapshot {
	return useSyncExternalStore(session.subscribe, session.snapshot);
}

/** The play screen's one-key controls, while it has the keyboard. */
export function useControlKeys(readOnly: boolean, run: Readonly<Record<ControlName, () => void>>, isActive: boolean): void {
	useInput(
		input => {
			const control = controlsFor(readOnly).find(candidate => candidate.key === input);
			if (control !== undefined) run[control.name]();
		},
		{isActive},
	);
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
