// Generates scenarios/schema.json (for editors) from the zod schema that validates scenario files.
// Run: node --import tsx scripts/scenario-schema.ts
import {writeFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import * as z from 'zod';
import {scenarioFileSchema} from '../source/io/scenarios.js';

export const schemaPath = fileURLToPath(new URL('../scenarios/schema.json', import.meta.url));

export function scenarioSchemaText(): string {
	const schema = {
		...z.toJSONSchema(scenarioFileSchema, {io: 'input'}),
		title: 'ChaosOps scenario',
		description: 'One incident to train on: `chaosops run|play --scenario NAME` takes the file by its name or path.',
	};
	return `${JSON.stringify(schema, null, '\t')}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) writeFileSync(schemaPath, scenarioSchemaText());
