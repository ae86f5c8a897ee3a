// The built-in presets (scenarios/*.json) and incidents (scenarios/incidents/*.json): their names, their files, and
// reading them as the build checked them. The build validates each built-in file as a user's file is validated and
// keeps what that gave, with the SHA-256 of the bytes it checked (scripts/built-ins.ts). A file that still has those
// bytes is taken from there, so that `chaosops play` starts without loading zod (~15 ms of its first frame); one
// that has changed since, and every other file, is validated by incidents.ts and scenarios.ts.
import {existsSync, readFileSync, readdirSync} from 'node:fs';
import path from 'node:path';
import {type Incident, compileIncident} from '../env/incident.js';
import type {IncidentFile} from '../env/incident-format.js';
import {makeScenario} from '../env/scenario.js';
import type {Scenario} from '../env/types.js';
import {digestOf} from './digest.js';
import {SCHEMA_FILE, scenariosFolder} from './scenario-folder.js';
import type {ResolvedScenario, ScenarioFile, ScenarioOverrides} from './scenarios.js';

/**
 * Each built-in file the build checked, by builtInKey: the SHA-256 of its bytes and, as JSON, what validating it gave.
 * Set when the CLI is bundled; absent when it runs from source, where every file is validated.
 */
declare const BUILT_INS: Readonly<Record<string, readonly [digest: string, checked: string]>> | undefined;

export const incidentsFolder = path.join(scenariosFolder, 'incidents');

/** The built-in incident names, sorted. */
export function builtInIncidentNames(): string[] {
	if (!existsSync(incidentsFolder)) return [];
	return readdirSync(incidentsFolder)
		.filter(file => file.endsWith('.json'))
		.map(file => file.slice(0, -'.json'.length))
		.sort();
}

/** Where a built-in incident's file is. */
export const builtInFile = (name: string): string => path.join(incidentsFolder, `${name}.json`);

/** Is `name` one of the built-in incidents? */
export const isBuiltInIncident = (name: string): boolean => /^[a-z][a-z0-9_]*$/.test(name) && existsSync(builtInFile(name));

/** The built-in preset names, sorted. */
export function presetNames(): string[] {
	return readdirSync(scenariosFolder)
		.filter(file => file.endsWith('.json') && !file.endsWith(SCHEMA_FILE))
		.map(file => file.slice(0, -'.json'.length))
		.sort();
}

/** The file of the preset a bare name names (`starter`: scenarios/starter.json), or null when there is none. */
export function presetFile(name: string): string | null {
	const file = path.join(scenariosFolder, `${name}.json`);
	return /^[\w-]+$/.test(name) && !`${name}.json`.endsWith(SCHEMA_FILE) && existsSync(file) ? file : null;
}

/** A `--scenario` or a preset's `incident` that is a path rather than a name. */
export const looksLikePath = (reference: string): boolean => reference.includes('/') || reference.includes(path.sep) || reference.endsWith('.json');

/** The scenario a preset plays its incident in, with the command's overrides. */
export function scenarioOf(incident: Incident, preset: ScenarioFile, overrides: ScenarioOverrides): Scenario {
	return makeScenario(incident, {
		difficulty: overrides.difficulty ?? preset.difficulty,
		seed: overrides.seed ?? preset.seed,
		maxSteps: overrides.maxSteps ?? preset.max_steps,
		injectMisleadingLogs: overrides.injectMisleadingLogs ?? preset.inject_misleading_logs,
		scoring: overrides.scoring ?? preset.scoring,
	});
}

/** The scenario that plays an incident as it is: its own name, text and difficulty, seed 0, the command's default seats. */
export const presetOfIncident = (incident: Incident): ScenarioFile => ({
	name: incident.name.replaceAll('_', '-'),
	title: incident.file.title,
	briefing: incident.file.briefing,
	incident: incident.name,
	difficulty: incident.file.difficulty ?? 'easy',
	seed: 0,
});

/** A file's key among the built-ins: its path in the scenarios folder (`incidents/cascade.json`), `/`-separated. */
export const builtInKey = (file: string): string => path.relative(scenariosFolder, path.resolve(file)).split(path.sep).join('/');

/** What validating a built-in file gave when the build checked it, if the file still has those bytes; else undefined. */
function checkedValue(file: string): unknown {
	const key = builtInKey(file);
	const built = typeof BUILT_INS === 'object' && Object.hasOwn(BUILT_INS, key) ? BUILT_INS[key] : undefined;
	if (built === undefined) return undefined;
	let bytes: Buffer;
	try {
		bytes = readFileSync(file);
	} catch {
		// Gone or unreadable: the validating reader says why.
		return undefined;
	}
	const [digest, checked] = built;
	return digestOf(bytes) === digest ? JSON.parse(checked) : undefined;
}

const checkedIncidents = new Map<string, Incident>();

/** The incident in a built-in file as the build checked it, compiled once; null when the file must be validated. */
export function checkedIncident(file: string): Incident | null {
	const key = path.resolve(file);
	const known = checkedIncidents.get(key);
	if (known !== undefined) return known;
	const value = checkedValue(key);
	if (value === undefined) return null;
	const incident = compileIncident(value as IncidentFile);
	checkedIncidents.set(key, incident);
	return incident;
}

/** A built-in incident by name, as the build checked it; null when it is not one or its file must be validated. */
const checkedBuiltIn = (name: string): Incident | null =>
	!looksLikePath(name) && isBuiltInIncident(name) ? checkedIncident(builtInFile(name)) : null;

/**
 * The scenario a preset's or a built-in incident's name gives, as resolveScenario (scenarios.ts) would give it, when
 * every file it takes is as the build checked it; null otherwise, for resolveScenario to read and validate.
 */
export function checkedScenario(reference: string, overrides: ScenarioOverrides = {}): ResolvedScenario | null {
	if (looksLikePath(reference)) return null;
	const file = presetFile(reference);
	if (file === null) {
		const incident = checkedBuiltIn(reference);
		if (incident === null) return null;
		const preset = presetOfIncident(incident);
		return {scenario: scenarioOf(incident, preset, overrides), preset, file: reference, notice: null};
	}
	const preset = checkedValue(file) as ScenarioFile | undefined;
	// A preset that names its incident by path is left to resolveScenario, which says when that file shadows a built-in one.
	const incident = preset === undefined ? null : checkedBuiltIn(preset.incident);
	return preset === undefined || incident === null ? null : {scenario: scenarioOf(incident, preset, overrides), preset, file, notice: null};
}

/** The scenario `reference` names (see resolveScenario), loading the validating readers only for a file that needs them. */
export async function loadScenario(reference: string, overrides: ScenarioOverrides = {}): Promise<ResolvedScenario> {
	return checkedScenario(reference, overrides) ?? (await import('./scenarios.js')).resolveScenario(reference, overrides);
}
