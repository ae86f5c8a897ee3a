// Where the bundle's ink and react come from (scripts/vendor.mjs points the app's imports of them here): the script
// chunks/vendor.cjs, compiled with a V8 code cache. Node 20 keeps no cache for ES modules, and compiling Ink and
// React is ~18 ms of the first frame. The cache is made once the first frame is drawn, so that it holds what drawing
// compiled, and kept in the user's cache folder (code-cache.ts) under the script's digest and this Node's version.
// Yoga, Ink's layout engine, is WebAssembly loaded asynchronously: it is loaded here and handed to the script.
import {createRequire} from 'node:module';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import vm from 'node:vm';
import {loadYoga} from 'yoga-layout/load';
import {digestOf} from '../io/digest.js';
import {cacheFolder, readCodeCache, writeCodeCache} from './code-cache.js';

const SCRIPT = fileURLToPath(new URL('./vendor.cjs', import.meta.url));
/** Long enough for the first frame to be drawn, so that the cache holds what drawing it compiled. */
const CACHE_AFTER_MS = 1000;

export type Vendor = typeof import('./vendor.js');

function loadVendor(yoga: unknown): Vendor {
	const bytes = readFileSync(SCRIPT);
	const cacheFile = path.join(cacheFolder(), `vendor-${digestOf(bytes).slice(0, 16)}-node${process.version}-${process.arch}.v8`);
	const cachedData = readCodeCache(cacheFile);
	// A CommonJS module's wrapper, and Yoga: the script is built to take it as `__yoga`.
	const script = new vm.Script(`(function (exports, require, module, __filename, __dirname, __yoga) {${bytes.toString('utf8')}\n})`, {
		filename: SCRIPT,
		cachedData,
	});
	if (cachedData === undefined || script.cachedDataRejected === true) {
		setTimeout(() => writeCodeCache(cacheFile, script.createCachedData()), CACHE_AFTER_MS).unref();
	}
	const module = {exports: {}};
	script.runInThisContext()(module.exports, createRequire(SCRIPT), module, SCRIPT, path.dirname(SCRIPT), yoga);
	return module.exports as Vendor;
}

export const vendor: Vendor = loadVendor(await loadYoga());
