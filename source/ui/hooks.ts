// React bindings: a session's changes, and the terminal's size as it changes.
import {useStdout} from 'ink';
import {useEffect, useState, useSyncExternalStore} from 'react';
import type {TerminalSize} from './layout.js';
import type {PlaySession} from './session.js';

/** Re-renders whenever the session changes. */
export function useSession(session: PlaySession): void {
	useSyncExternalStore(session.subscribe, session.snapshot);
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
