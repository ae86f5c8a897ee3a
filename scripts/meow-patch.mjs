// An esbuild plugin for the bundle: meow without normalize-package-data. Its bundled dependencies build
// normalize-package-data (and spdx-correct's tables within it) as they load, ~15 ms of every command's start that
// reads flags, to normalise the package.json it shows in help and version text; the CLI gives meow a package of its
// own (`pkg: {name}`) and asks for neither, so the normaliser is made only when called, and meow does not call it.
// A meow whose text is not the one this was written against fails the build (patch-text.mjs).
import {readFile} from 'node:fs/promises';
import {replaceOnce} from './patch-text.mjs';

const lazily = (exports, require, name) => [
	`var ${exports} = ${require}();\nconst ${name} = getDefaultExportFromCjs(${exports});`,
	`const ${name} = (...args) => getDefaultExportFromCjs(${require}())(...args);`,
];

const PATCHES = {
	'dependencies.js': [lazily('normalizeExports$1', 'requireNormalize$1', 'normalizePackageData$1'), lazily('normalizeExports', 'requireNormalize', 'normalizePackageData')],
	'options.js': [['\tnormalizePackageData(pkg);\n', '']],
};

/** meow's build/dependencies.js or build/options.js, patched; throws if its text is not as expected. */
export const meowPatchedText = (file, source) => replaceOnce(source, PATCHES[file], `meow's ${file}`, 'scripts/meow-patch.mjs');

export const meowPatch = {
	name: 'meow-without-package-normaliser',
	setup(build) {
		build.onLoad({filter: /[\\/]node_modules[\\/]meow[\\/]build[\\/](dependencies|options)\.js$/}, async ({path}) => {
			const file = path.endsWith('options.js') ? 'options.js' : 'dependencies.js';
			return {contents: meowPatchedText(file, await readFile(path, 'utf8')), loader: 'js'};
		});
	},
};
