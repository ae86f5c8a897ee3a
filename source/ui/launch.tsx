// Opens the play app full screen on the terminal (full-screen.tsx gives the terminal back however it ends).
import {App, type AppProps} from './App.js';
import {fullScreen} from './full-screen.js';

/** Runs the app until it ends; resolves to the exit status: 0, or 128 + the signal that stopped it (130 for Ctrl+C). */
export const launch = (props: AppProps): Promise<number> => fullScreen(onInterrupt => <App {...props} onInterrupt={onInterrupt} />);
