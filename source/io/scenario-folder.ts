// Where the built-in scenarios and incidents are: `../scenarios` from the bundle, `../../scenarios` from `source/io`.
import {existsSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

/** The JSON Schema beside the presets (and incident.schema.json beside it): in their folder, but not presets. */
export const SCHEMA_FILE = 'schema.json';

export const scenariosFolder: string = (() => {
	let folder = path.dirname(fileURLToPath(import.meta.url));
	for (;;) {
		const candidate = path.join(folder, 'scenarios');
		if (existsSync(path.join(candidate, SCHEMA_FILE))) return candidate;
		const parent = path.dirname(folder);
		if (parent === folder) return candidate;
		folder = parent;
	}
})();
