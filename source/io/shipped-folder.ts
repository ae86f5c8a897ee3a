// Where a folder shipped in the package is (scenarios/, prompts/): beside dist/ for the bundle, two levels up from
// source/io when run from source (tests, tsx). Looked for upwards from this module, by a file it always holds.
import {existsSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

/** The nearest folder `name` holding `marker`, up from this module; the topmost candidate when there is none. */
export function shippedFolder(name: string, marker: string): string {
	let folder = path.dirname(fileURLToPath(import.meta.url));
	for (;;) {
		const candidate = path.join(folder, name);
		if (existsSync(path.join(candidate, marker))) return candidate;
		const parent = path.dirname(folder);
		if (parent === folder) return candidate;
		folder = parent;
	}
}
