// Incident files: the built-in ones in scenarios/incidents/, and any file a user names. Each is validated (the schema,
// then incidentProblems) and compiled once; a file with problems is refused with one line per problem. A built-in
// file still as the build checked it is taken as checked (built-ins.ts).
import path from 'node:path';
import * as z from 'zod';
import {type Incident, compileIncident} from '../env/incident.js';
import {incidentProblems} from '../env/incident-check.js';
import {type IncidentFile, incidentFileSchema} from '../env/incident-format.js';
import {type ScenarioOptions, makeScenario} from '../env/scenario.js';
import type {Scenario} from '../env/types.js';
import {builtInFile, builtInIncidentNames, checkedIncident, isBuiltInIncident} from './built-ins.js';
import {InputError} from './errors.js';
import {parseJsonText} from './json-text.js';
import {MIB, readTextFile} from './text-file.js';
import {describeIssue} from './validation.js';

export {builtInFile, builtInIncidentNames, incidentsFolder, isBuiltInIncident} from './built-ins.js';
export {REFERENCE_INCIDENTS} from './reference-incidents.js';

/** At most this many problems are listed for one file; the rest are counted. */
const PROBLEMS_LISTED = 20;

/** An incident file is a few pages of JSON; anything larger is not one. */
const INCIDENT_FILE_MAX_BYTES = MIB;

/** What is wrong with a parsed value as an incident file: one line each, `path message`; none when it is one. */
export function incidentFileProblems(value: unknown): {file: IncidentFile | null; problems: string[]} {
	// Each file is parsed once: compiling zod's fast path for it (its JIT) would cost more than it saves.
	const parsed = incidentFileSchema.safeParse(value, {reportInput: true, jitless: true});
	// A number far out of range fails two checks (an integer JSON carries exactly, and the range) in the same words: said once.
	if (!parsed.success) return {file: null, problems: [...new Set(parsed.error.issues.map(issue => describeIssue(issue)))]};
	return {file: parsed.data, problems: incidentProblems(parsed.data).map(({path, message}) => `${path} ${message}`)};
}

/** The InputError for a file's problems: one line per problem, each naming the file. */
export function problemsError(subject: string, problems: readonly string[]): InputError {
	const listed = problems.slice(0, PROBLEMS_LISTED).map(problem => `${subject}: ${problem}`);
	if (problems.length > PROBLEMS_LISTED) listed.push(`${subject}: and ${problems.length - PROBLEMS_LISTED} more problems`);
	return new InputError(listed);
}

/** The incident a parsed value describes, compiled, or an InputError listing every problem with it. */
export function incidentFromValue(value: unknown, subject: string): Incident {
	const {file, problems} = incidentFileProblems(value);
	if (file === null || problems.length > 0) throw problemsError(subject, problems);
	return compileIncident(file);
}

/** The JSON an incident file holds, not yet validated, or an InputError naming `subject` (too large, not JSON, …). */
export const readIncidentValue = (file: string, subject: string): unknown =>
	parseJsonText(readTextFile(file, subject, INCIDENT_FILE_MAX_BYTES), subject);

/** Compiled incidents by absolute file path: each file is read and compiled once per process. */
const loaded = new Map<string, Incident>();

/** The incident in `file`, compiled (once), or an InputError naming the file and each problem. */
export function readIncidentFile(file: string): Incident {
	const key = path.resolve(file);
	const cached = loaded.get(key) ?? checkedIncident(key);
	if (cached !== null) return cached;
	const subject = `incident file ${file}`;
	const incident = incidentFromValue(readIncidentValue(file, subject), subject);
	loaded.set(key, incident);
	return incident;
}

/** Built-in incidents by name, once loaded: asking again touches no file. */
const builtIns = new Map<string, Incident>();

/** A built-in incident by name, or an InputError naming those there are. */
export function builtInIncident(name: string): Incident {
	const cached = builtIns.get(name);
	if (cached !== undefined) return cached;
	if (!isBuiltInIncident(name)) {
		throw new InputError(`unknown incident ${JSON.stringify(name)}; expected one of ${builtInIncidentNames().join(', ')}`);
	}
	const incident = readIncidentFile(builtInFile(name));
	builtIns.set(name, incident);
	return incident;
}

/**
 * What a user says when a file of theirs names an incident that is built in: theirs is the one played. Null when the
 * name is new or the file is the built-in one itself.
 */
export function shadowNotice(file: string, incident: Incident): string | null {
	if (!isBuiltInIncident(incident.name) || path.resolve(file) === path.resolve(builtInFile(incident.name))) return null;
	return `note: ${file} describes incident ${JSON.stringify(incident.name)}, which is also built in; the file wins here`;
}

/** A scenario of a built-in incident: what tests and the curriculum ask for by name. */
export const scenarioFor = (name: string, options: ScenarioOptions = {}): Scenario => makeScenario(builtInIncident(name), options);

/** How a scenario's incident travels in JSON (the protocol, recordings): a built-in name, or the file itself. */
export const incidentReferenceSchema = z.union([
	z.string({error: () => "expected a built-in incident's name"}),
	z.record(z.string(), z.unknown(), {error: () => 'expected an inline incident file (an object)'}),
]);

/** The incident a protocol line or a recording names: a built-in incident's name, or an inline incident file. */
export function incidentFromReference(reference: z.output<typeof incidentReferenceSchema>, subject: string): Incident {
	return typeof reference === 'string' ? builtInIncident(reference) : incidentFromValue(reference, `${subject}: inline incident`);
}
