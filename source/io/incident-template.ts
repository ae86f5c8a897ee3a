// The starting point `chaosops scenario new` writes: scenarios/templates/incident.json, a small incident that works,
// renamed. Kept as data, neither a built-in incident nor a preset, so that it is edited as a user edits theirs.
import path from 'node:path';
import {scenariosFolder} from './scenario-folder.js';
import {MIB, readTextFile} from './text-file.js';

export const templateFile = path.join(scenariosFolder, 'templates', 'incident.json');
const schemaFile = path.join(scenariosFolder, 'incident.schema.json');

/** The name the template's incident has; every string that is exactly this name becomes the new one. */
export const TEMPLATE_NAME = 'new_incident';

/** The value with every string that is `from` replaced by `to`: the name, its root cause, the oracle's diagnosis. */
function renamed(value: unknown, from: string, to: string): unknown {
	if (typeof value === 'string') return value === from ? to : value;
	if (Array.isArray(value)) return value.map(item => renamed(item, from, to));
	if (typeof value !== 'object' || value === null) return value;
	return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, renamed(item, from, to)]));
}

/**
 * The text of a new incident file named `name`, to be written at `target`: the template renamed, its `$schema` the
 * path from `target`'s folder to the installed incident schema, so that editors find it wherever the file goes.
 */
export function incidentTemplate(name: string, target: string): string {
	const template = JSON.parse(readTextFile(templateFile, 'the incident template', MIB)) as Record<string, unknown>;
	const schema = path.relative(path.dirname(path.resolve(target)), schemaFile).split(path.sep).join('/');
	return `${JSON.stringify({...(renamed(template, TEMPLATE_NAME, name) as object), $schema: schema}, null, 2)}\n`;
}
