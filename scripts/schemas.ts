// Generates the JSON Schemas of the files people write or read (for editors and other tools) from the zod schemas
// that validate them: scenarios/schema.json, scenarios/incident.schema.json, docs/recording-line.schema.json,
// docs/actions-file.schema.json and docs/dataset-line.schema.json.
// Run: node --import tsx scripts/schemas.ts
import {writeFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import * as z from 'zod';
import {incidentFileSchema} from '../source/env/incident-format.js';
import {actionsFileSchema} from '../source/io/action-lines.js';
import {datasetLineSchema} from '../source/io/dataset-lines.js';
import {recordingLineSchema} from '../source/io/recording.js';
import {scenarioFileSchema} from '../source/io/scenarios.js';

type Generated = {readonly path: string; readonly schema: z.ZodType; readonly title: string; readonly description: string};

export const GENERATED_SCHEMAS: readonly Generated[] = [
	{
		path: fileURLToPath(new URL('../scenarios/schema.json', import.meta.url)),
		schema: scenarioFileSchema,
		title: 'ChaosOps scenario',
		description: 'One incident to train on: `chaosops run|play --scenario NAME` takes the file by its name or path.',
	},
	{
		path: fileURLToPath(new URL('../scenarios/incident.schema.json', import.meta.url)),
		schema: incidentFileSchema,
		title: 'ChaosOps incident',
		description: 'One incident, completely, as data: `chaosops scenario check FILE` validates and plays it; see docs/incidents.md.',
	},
	{
		path: fileURLToPath(new URL('../docs/recording-line.schema.json', import.meta.url)),
		schema: recordingLineSchema,
		title: 'ChaosOps recording line',
		description: 'One line of a recording (JSON lines, format 3) as `play --record`, `run --record` and `host --record` write it; see docs/recordings.md.',
	},
	{
		path: fileURLToPath(new URL('../docs/actions-file.schema.json', import.meta.url)),
		schema: actionsFileSchema,
		title: 'ChaosOps actions file',
		description: 'A fixed line of play for one seat, as `--policy ROLE=actions:FILE` takes it; see docs/actions-files.md.',
	},
	{
		path: fileURLToPath(new URL('../docs/dataset-line.schema.json', import.meta.url)),
		schema: datasetLineSchema,
		title: 'ChaosOps dataset line',
		description: 'One line of `chaosops dataset --out FILE` (JSON lines): a GRPO row, a prompt/completion pair or a trajectory step, by --format; see docs/dataset.md.',
	},
];

export function schemaText({schema, title, description}: Generated): string {
	return `${JSON.stringify({...z.toJSONSchema(schema, {io: 'input'}), title, description}, null, '\t')}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) for (const generated of GENERATED_SCHEMAS) writeFileSync(generated.path, schemaText(generated));
