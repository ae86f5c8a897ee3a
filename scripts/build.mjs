// Bundles the CLI into one file: importing Ink unbundled costs ~420 ms before the first frame.
import {build} from 'esbuild';

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
	minify: false,
	legalComments: 'none',
	define: {'process.env.NODE_ENV': '"production"', 'process.env.DEV': '"false"'},
	banner: {
		js: "#!/usr/bin/env node\nimport {createRequire as __createRequire} from 'node:module'; const require = __createRequire(import.meta.url);",
	},
	logLevel: 'warning',
});
