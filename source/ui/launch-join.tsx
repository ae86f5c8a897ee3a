// Opens the join app full screen (full-screen.tsx).
import {fullScreen} from './full-screen.js';
import {JoinApp, type JoinAppProps} from './JoinApp.js';

/** Runs the app until the player quits; resolves to the exit status: 0, or 128 + the signal that stopped it. */
export const launchJoin = (props: JoinAppProps): Promise<number> => fullScreen(onInterrupt => <JoinApp {...props} onInterrupt={onInterrupt} />);
