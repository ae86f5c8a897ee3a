// The bundle's Ink and React: bundled apart as one CommonJS script, chunks/vendor.cjs, which
// source/ui/vendor-loader.ts compiles with a V8 code cache, and the app's imports of them pointed at that loader. Two
// things in them can only be written in an ES module, so the script is built without them:
// - Yoga, Ink's layout engine, waits for its WebAssembly with a top-level await: the loader loads it, and the script
//   takes it as the wrapper's `__yoga`.
// - Ink's reconciler awaits its devtools and its package.json with DEV=true (which the ES module bundle could not
//   honour either: the devtools are not installed, and its package.json is not beside the bundle, so it crashed).
//   The script requires the devtools instead, which are not beside it, so that DEV=true gets Ink's warning that
//   they are missing, and then runs as without it.
// A package whose text is not the one these were written against fails the build (see string-width-patch.mjs).
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';
import {replaceOnce} from './patch-text.mjs';
import {stringWidthPatch} from './string-width-patch.mjs';

/** Each package the app imports from the script, and its name among the script's exports (source/ui/vendor.ts). */
const PACKAGES = {ink: 'ink', 'ink-text-input': 'inkTextInput', react: 'react', 'react/jsx-runtime': 'reactJsxRuntime'};
const LOADER = fileURLToPath(new URL('../source/ui/vendor-loader.ts', import.meta.url));
const ENTRY = fileURLToPath(new URL('../source/ui/vendor.ts', import.meta.url));

const yogaFromLoader = {
	name: 'yoga-from-loader',
	setup(build) {
		build.onResolve({filter: /^yoga-layout$/}, () => ({path: 'yoga-layout', namespace: 'yoga-from-loader'}));
		build.onLoad({filter: /.*/, namespace: 'yoga-from-loader'}, () => ({contents: 'export default __yoga;', loader: 'js'}));
	},
};

const devtoolsRequired = {
	name: 'ink-devtools-required',
	setup(build) {
		build.onResolve({filter: /^\.\/devtools\.js$/, namespace: 'file'}, ({importer}) =>
			/[\\/]ink[\\/]build[\\/]reconciler\.js$/.test(importer) ? {path: './devtools.js', external: true} : undefined,
		);
		build.onLoad({filter: /[\\/]ink[\\/]build[\\/]reconciler\.js$/}, async ({path: file}) => ({
			contents: replaceOnce(
				await readFile(file, 'utf8'),
				[
					["await import('./devtools.js');", "require('./devtools.js');"],
					["error.code === 'ERR_MODULE_NOT_FOUND'", "error.code === 'MODULE_NOT_FOUND'"],
					['? await loadPackageJson()', '? {name: undefined, version: undefined}'],
				],
				"ink's reconciler",
				'scripts/vendor.mjs',
			),
			loader: 'js',
		}));
	},
};

/** Builds `${outdir}/chunks/vendor.cjs` with the options the app's chunks are built with (`common`). */
export async function buildVendor(outdir, common) {
	await build({
		...common,
		entryPoints: [ENTRY],
		outfile: path.join(outdir, 'chunks', 'vendor.cjs'),
		format: 'cjs',
		plugins: [yogaFromLoader, devtoolsRequired, stringWidthPatch],
	});
}

/** The plugin that points the app's imports of the packages in the script at the loader, export by export. */
export async function vendorImports() {
	const names = {};
	for (const specifier of Object.keys(PACKAGES)) names[specifier] = Object.keys(await import(specifier)).filter(name => name !== 'default');
	return {
		name: 'vendor-imports',
		setup(build) {
			build.onResolve({filter: /^(ink|ink-text-input|react|react\/jsx-runtime)$/}, ({path: specifier}) => ({path: specifier, namespace: 'vendor-imports'}));
			build.onLoad({filter: /.*/, namespace: 'vendor-imports'}, ({path: specifier}) => ({
				contents: [
					`import {vendor} from ${JSON.stringify(LOADER)};`,
					`const exported = vendor.${PACKAGES[specifier]};`,
					'export default exported.default;',
					`export const {${names[specifier].join(', ')}} = exported;`,
				].join('\n'),
				loader: 'js',
				resolveDir: path.dirname(LOADER),
			}));
		},
	};
}
