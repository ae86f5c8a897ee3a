// Loading the app's modules (or the facilitator console's), which brings in Ink. Two things are hidden while they load:
// - `fetch`: Ink's layout engine (yoga) reads its WebAssembly through `fetch` when there is one, and in Node the
//   first touch of `fetch` loads the whole HTTP client: ~50 ms before the first frame. Without it, yoga decodes
//   the same bytes directly.
// - CI and CONTINUOUS_INTEGRATION: with either set, Ink decides once, as it loads, to draw nothing but the last
//   frame (for build logs). The app only ever runs on an interactive terminal (see cli/terminal.ts), where a
//   person with CI set in their shell, or a test in a pseudo-terminal on a CI machine, needs every frame.
const CI_VARIABLES = ['CI', 'CONTINUOUS_INTEGRATION'] as const;

async function whileInkLoads<Module>(load: () => Promise<Module>): Promise<Module> {
	const fetch = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
	Object.defineProperty(globalThis, 'fetch', {value: undefined, configurable: true, writable: true});
	const ci = CI_VARIABLES.map(name => [name, process.env[name]] as const);
	for (const name of CI_VARIABLES) delete process.env[name];
	try {
		return await load();
	} finally {
		if (fetch === undefined) Reflect.deleteProperty(globalThis, 'fetch');
		else Object.defineProperty(globalThis, 'fetch', fetch);
		for (const [name, value] of ci) if (value !== undefined) process.env[name] = value;
	}
}

export const loadApp = (): Promise<typeof import('./launch.js')> => whileInkLoads(() => import('./launch.js'));

/** A seat joined to a drill: `chaosops join`. */
export const loadJoinApp = (): Promise<typeof import('./launch-join.js')> => whileInkLoads(() => import('./launch-join.js'));

/** The facilitator console of `chaosops host`. */
export const loadConsole = (): Promise<typeof import('./console-launch.js')> => whileInkLoads(() => import('./console-launch.js'));
