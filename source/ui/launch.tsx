// Opens the play app full screen (full-screen.tsx).
import {App, type AppProps} from './App.js';
import {runFullScreen} from './full-screen.js';

/** Runs the app until it ends; resolves to the exit status: 0, or 128 + the signal that stopped it (130 for Ctrl+C). */
export const launch = (props: AppProps): Promise<number> => runFullScreen(onInterrupt => <App {...props} onInterrupt={onInterrupt} />);
