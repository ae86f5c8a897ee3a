// Where the built-in scenarios and incidents are: `../scenarios` from the bundle, `../../scenarios` from `source/io`.
import {shippedFolder} from './shipped-folder.js';

/** The JSON Schema beside the presets (and incident.schema.json beside it): in their folder, but not presets. */
export const SCHEMA_FILE = 'schema.json';

export const scenariosFolder: string = shippedFolder('scenarios', SCHEMA_FILE);
