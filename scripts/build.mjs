// Bundles the CLI: importing Ink unbundled costs ~420 ms before the first frame.
import {readFileSync, rmSync} from 'node:fs';
import {build} from 'esbuild';

const {version} = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

// Chunk names carry content hashes: clear out the previous build's so dist/ holds only what this one made.
rmSync(new URL('../dist', import.meta.url), {recursive: true, force: true});

await build({
	entryPoints: {cli: 'source/cli/index.ts'},
	outdir: 'dist',
	chunkNames: 'chunks/[name]-[hash]',
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	// Splitting keeps Ink and React in a chunk that only the drawing commands load.
	splitting: true,
	// Ink loads the React devtools only when DEV=true; they are not installed, so leave the import unresolved.
	external: ['react-devtools-core'],
	minify: true,
	legalComments: 'none',
	define: {'process.env.NODE_ENV': '"production"', 'process.env.DEV': '"false"', VERSION: JSON.stringify(version)},
	banner: {
		js: "#!/usr/bin/env node\nimport {createRequire as __createRequire} from 'node:module'; const require = __createRequire(import.meta.url);",
	},
	logLevel: 'warning',
});
