// Opens the app full screen on the terminal and gives the terminal back as it was, however the app ends:
// quit, Ctrl+C, a signal or a crash.
import {render} from 'ink';
import {App, type AppProps} from './App.js';

const ALTERNATE_SCREEN = '\u001B[?1049h';
const MAIN_SCREEN = '\u001B[?1049l';

/** The exit status shells expect after Ctrl+C: 128 + SIGINT. */
export const INTERRUPTED_STATUS = 130;

/** Runs the app until it ends; resolves to the exit status, 0 or INTERRUPTED_STATUS. */
export async function launch(props: AppProps): Promise<number> {
	let interrupted = false;
	const {stdout} = process;
	stdout.write(ALTERNATE_SCREEN);
	let restored = false;
	const restore = () => {
		if (restored) return;
		restored = true;
		stdout.write(MAIN_SCREEN);
	};
	process.once('exit', restore);
	const instance = render(<App {...props} onInterrupt={() => (interrupted = true)} />, {exitOnCtrlC: false});
	const unmount = () => instance.unmount();
	const crash = (error: unknown) => instance.unmount(error instanceof Error ? error : new Error(String(error)));
	process.once('SIGTERM', unmount);
	process.once('SIGHUP', unmount);
	process.once('uncaughtException', crash);
	try {
		await instance.waitUntilExit();
		return interrupted ? INTERRUPTED_STATUS : 0;
	} finally {
		process.off('SIGTERM', unmount);
		process.off('SIGHUP', unmount);
		process.off('uncaughtException', crash);
		restore();
		process.off('exit', restore);
	}
}
