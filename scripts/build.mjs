// Bundles the CLI: importing Ink unbundled costs ~420 ms before the first frame.
import {readFileSync, rmSync} from 'node:fs';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {build} from 'esbuild';
import {meowPatch} from './meow-patch.mjs';
import {buildVendor, vendorImports} from './vendor.mjs';

const {version} = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
// `--outdir DIR` builds elsewhere (beside dist/, so that the bundle still finds scenarios/), e.g. for a second
// checkout's tests run with CHAOSOPS_CLI=DIR/cli.js.
const outdirFlag = process.argv.indexOf('--outdir');
const outdir = outdirFlag === -1 ? 'dist' : process.argv[outdirFlag + 1];

// Chunk names carry content hashes: clear out the previous build's so the folder holds only what this one made.
rmSync(outdir, {recursive: true, force: true});

/**
 * The built-in presets and incidents, validated once here rather than at every start (scripts/built-ins.ts). The
 * checker is bundled into the output folder, whose parent holds scenarios/, run, and removed.
 */
async function checkBuiltIns() {
	const checker = path.join(outdir, 'check-built-ins.mjs');
	await build({entryPoints: ['scripts/built-ins.ts'], outfile: checker, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning'});
	try {
		return (await import(pathToFileURL(checker).href)).checkBuiltIns();
	} finally {
		rmSync(checker);
	}
}

/** What the app's chunks and the script of Ink and React (vendor.mjs) are both built with. */
const common = {
	bundle: true,
	platform: 'node',
	target: 'node20',
	// Ink loads the React devtools only when DEV=true; they are not installed, so leave the import unresolved.
	// ws loads these native speed-ups only if installed; they are not.
	external: ['react-devtools-core', 'bufferutil', 'utf-8-validate'],
	minify: true,
	legalComments: 'none',
	define: {'process.env.NODE_ENV': '"production"', 'process.env.DEV': '"false"'},
	logLevel: 'warning',
};

await buildVendor(outdir, common);
await build({
	...common,
	entryPoints: {cli: 'source/cli/index.ts'},
	outdir,
	chunkNames: 'chunks/[name]-[hash]',
	format: 'esm',
	// Splitting keeps what draws (and loads Ink and React from chunks/vendor.cjs) in a chunk that only the drawing
	// commands load.
	splitting: true,
	define: {...common.define, VERSION: JSON.stringify(version), BUILT_INS: JSON.stringify(await checkBuiltIns())},
	banner: {
		js: "#!/usr/bin/env node\nimport {createRequire as __createRequire} from 'node:module'; const require = __createRequire(import.meta.url);",
	},
	plugins: [await vendorImports(), meowPatch],
});
