// An esbuild plugin for the bundle: meow without normalize-package-data. Its bundled dependencies build
// normalize-package-data (and spdx-correct's tables within it) as they load, ~15 ms of every command's start that
// reads flags, to normalise the package.json it shows in help and version text; the CLI gives meow a package of its
// own (`pkg: {name}`) and asks for neither, so the normaliser is made only when called, and meow does not call it.
// A meow whose text is not the one this was written against fails the build, so that an upgrade is looked at.
import {readFile} from 'node:fs/promises';

const occurrences = (text, part) => text.split(part).length - 1;

/** The file's text with each [from, to] replaced, each `from` found exactly once. */
function replaceOnce(source, replacements, file) {
	return replacements.reduce((text, [from, to]) => {
		if (occurrences(text, from) !== 1) throw new Error(`meow's ${file} no longer reads as scripts/meow-patch.mjs expects (${from}): review the patch`);
		return text.replace(from, to);
	}, source);
}

const lazily = (exports, require, name) => [
	`var ${exports} = ${require}();\nconst ${name} = getDefaultExportFromCjs(${exports});`,
	`const ${name} = (...args) => getDefaultExportFromCjs(${require}())(...args);`,
];

const PATCHES = {
	'dependencies.js': [lazily('normalizeExports$1', 'requireNormalize$1', 'normalizePackageData$1'), lazily('normalizeExports', 'requireNormalize', 'normalizePackageData')],
	'options.js': [['\tnormalizePackageData(pkg);\n', '']],
};

export const meowPatch = {
	name: 'meow-without-package-normaliser',
	setup(build) {
		build.onLoad({filter: /[\\/]node_modules[\\/]meow[\\/]build[\\/](dependencies|options)\.js$/}, async ({path}) => {
			const file = path.endsWith('options.js') ? 'options.js' : 'dependencies.js';
			return {contents: replaceOnce(await readFile(path, 'utf8'), PATCHES[file], file), loader: 'js'};
		});
	},
};
