// Opens a screen (the play app, the facilitator console) full screen on the terminal and gives the terminal back as
// it was, however it ends: quit, Ctrl+C, a signal or a crash.
import {render} from 'ink';
import type {ReactElement} from 'react';
import {onStopSignal, signalStatus} from '../io/signals.js';

const ALTERNATE_SCREEN = '\u001B[?1049h';
const MAIN_SCREEN = '\u001B[?1049l';

/**
 * Draws the screen until it exits; resolves to the exit status: 0, or 128 + the signal that stopped it (130 for
 * Ctrl+C, which the screen reports through `onInterrupt`).
 */
export async function fullScreen(draw: (onInterrupt: () => void) => ReactElement): Promise<number> {
	let status = 0;
	const {stdout} = process;
	stdout.write(ALTERNATE_SCREEN);
	let restored = false;
	const restore = () => {
		if (restored) return;
		restored = true;
		stdout.write(MAIN_SCREEN);
	};
	process.once('exit', restore);
	// Ctrl+C on the screen is a key (the terminal is in raw mode); from outside it is a signal, like SIGTERM and SIGHUP.
	const instance = render(draw(() => (status = signalStatus('SIGINT'))), {exitOnCtrlC: false});
	const stopListening = onStopSignal(signal => {
		status = signalStatus(signal);
		instance.unmount();
	});
	const crash = (error: unknown) => instance.unmount(error instanceof Error ? error : new Error(String(error)));
	process.once('uncaughtException', crash);
	try {
		await instance.waitUntilExit();
		return status;
	} finally {
		stopListening();
		process.off('uncaughtException', crash);
		restore();
		process.off('exit', restore);
	}
}
