// Loading the app's modules, which brings in Ink. Ink's layout engine (yoga) reads its WebAssembly through
// `fetch` when there is one, and in Node the first touch of `fetch` loads the whole HTTP client: ~50 ms before the
// first frame. With `fetch` hidden while it loads, yoga decodes the same bytes directly.
export async function loadApp(): Promise<typeof import('./launch.js')> {
	const fetch = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
	Object.defineProperty(globalThis, 'fetch', {value: undefined, configurable: true, writable: true});
	try {
		return await import('./launch.js');
	} finally {
		if (fetch === undefined) Reflect.deleteProperty(globalThis, 'fetch');
		else Object.defineProperty(globalThis, 'fetch', fetch);
	}
}
