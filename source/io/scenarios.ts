// Scenario files (`scenarios/*.json`) and `--scenario`: a preset name, a built-in incident's name, or the path of a
// scenario file or of an incident file. A scenario names its incident (built in, or a path) and says how to play it.
import path from 'node:path';
import * as z from 'zod';
import {POLICY_NAMES} from '../agents/policies.js';
import type {Incident} from '../env/incident.js';
import type {Scenario} from '../env/types.js';
import {DIFFICULTIES, type Difficulty, ROLES, SCORINGS, type Scoring} from '../env/vocabulary.js';
import {checkedScenario, looksLikePath, presetFile, presetNames, presetOfIncident, scenarioOf} from './built-ins.js';
import {InputError} from './errors.js';
import {builtInIncident, builtInIncidentNames, incidentFromValue, isBuiltInIncident, readIncidentFile, shadowNotice} from './incidents.js';
import {parseJsonText} from './json-text.js';
import {MIB, readTextFile} from './text-file.js';
import {closedObject, closedRecord, integer, parseWith} from './validation.js';

export {presetNames} from './built-ins.js';
export {scenariosFolder} from './scenario-folder.js';

/** Any integer JavaScript holds exactly; the RNG takes |seed| (§11). */
export const seedSchema = integer();
/** Every step is one turn; far beyond any incident worth training on, but bounded. */
export const MAX_STEPS_RANGE = {min: 1, max: 10_000} as const;
export const maxStepsSchema = integer(MAX_STEPS_RANGE);

export const scenarioFileSchema = closedObject({
	$schema: z.string().optional().describe('Where editors find this schema.'),
	name: z
		.string()
		.regex(/^[a-z0-9][a-z0-9_-]*$/, 'must be lower-case letters, digits, _ or -')
		.describe('The preset name, as `--scenario` takes it; the file is named after it.'),
	title: z.string().min(1).describe('A short headline for menus and the app.'),
	briefing: z
		.string()
		.min(1)
		.describe('What a trainee is told at the start: the situation as the pager sees it, never the root cause.'),
	incident: z
		.string()
		.min(1)
		.describe('The incident played: a built-in incident\'s name, or the path of an incident file (relative to this file).'),
	difficulty: z.enum(DIFFICULTIES).describe('hard also injects misleading logs unless inject_misleading_logs says otherwise.'),
	seed: seedSchema.describe('Seeds the red herrings and, unless --policy-seed says otherwise, the scripted teammates.'),
	max_steps: maxStepsSchema.optional().describe('Steps before the episode ends unresolved; 20 if absent.'),
	inject_misleading_logs: z.boolean().optional().describe('Red-herring logs; on exactly when difficulty is hard if absent.'),
	scoring: z
		.enum(SCORINGS)
		.optional()
		.describe(
			"The rules the episode is scored by: reference (the reference's own numbers) or drill (a flag pays once per agent, a wrong root cause is a miscommunication, the early-diagnosis bonus is for the first declaration only, the unresolved penalty is in the last step's breakdown); reference if absent.",
		),
	policies: closedRecord(ROLES, z.enum(POLICY_NAMES))
		.optional()
		.describe('The scripted policy in each seat (roles not named play noop); if absent, teammate in every seat a person does not hold in play, heuristic everywhere in run.'),
});

export type ScenarioFile = z.output<typeof scenarioFileSchema>;

export type ScenarioOverrides = {
	readonly difficulty?: Difficulty | undefined;
	readonly seed?: number | undefined;
	readonly maxSteps?: number | undefined;
	readonly scoring?: Scoring | undefined;
	/** Red herrings in the logs or not, whatever the difficulty says (hard has them unless the scenario says otherwise). */
	readonly injectMisleadingLogs?: boolean | undefined;
};

export type ResolvedScenario = {
	readonly scenario: Scenario;
	/** The scenario file it came from, or for an incident named on its own, the scenario that plays it as it is. */
	readonly preset: ScenarioFile;
	/** That file's path. */
	readonly file: string;
	/** A line for the user to read before the episode (an incident file that shadows a built-in one), or null. */
	readonly notice: string | null;
};

/** A scenario file is a page of JSON; anything larger is not one. */
const SCENARIO_FILE_MAX_BYTES = MIB;

/** Reads and validates one scenario file. */
export function readScenarioFile(file: string): ScenarioFile {
	const subject = `scenario file ${file}`;
	return parseWith(scenarioFileSchema, parseJsonText(readTextFile(file, subject, SCENARIO_FILE_MAX_BYTES), subject), subject);
}

/** The incident a scenario file names: built in, or a path relative to the scenario file. */
function presetIncident(preset: ScenarioFile, file: string): {incident: Incident; notice: string | null} {
	if (!looksLikePath(preset.incident)) {
		if (isBuiltInIncident(preset.incident)) return {incident: builtInIncident(preset.incident), notice: null};
		throw new InputError(
			`scenario file ${file}: incident is ${JSON.stringify(preset.incident)}; expected a built-in incident (${builtInIncidentNames().join(', ')}) or the path of an incident file`,
		);
	}
	const incidentFile = path.resolve(path.dirname(file), preset.incident);
	const incident = readIncidentFile(incidentFile);
	return {incident, notice: shadowNotice(incidentFile, incident)};
}

/** A file named on the command line: a scenario file, or an incident file (which has a format field). */
function resolveFile(file: string, overrides: ScenarioOverrides): ResolvedScenario {
	const subject = `scenario file ${file}`;
	const value = parseJsonText(readTextFile(file, subject, SCENARIO_FILE_MAX_BYTES), subject);
	if (typeof value === 'object' && value !== null && 'format' in value) {
		const incident = incidentFromValue(value, `incident file ${file}`);
		const preset = presetOfIncident(incident);
		return {scenario: scenarioOf(incident, preset, overrides), preset, file, notice: shadowNotice(file, incident)};
	}
	const preset = parseWith(scenarioFileSchema, value, subject);
	const {incident, notice} = presetIncident(preset, file);
	return {scenario: scenarioOf(incident, preset, overrides), preset, file, notice};
}

/**
 * The scenario `reference` names — a preset name, a built-in incident's name, or a scenario or incident file path —
 * with the overrides applied; an InputError listing what is accepted when it names none of them. A name whose files
 * are as the build checked them is read without validating them again (built-ins.ts).
 */
export function resolveScenario(reference: string, overrides: ScenarioOverrides = {}): ResolvedScenario {
	const checked = checkedScenario(reference, overrides);
	if (checked !== null) return checked;
	if (looksLikePath(reference)) return resolveFile(reference, overrides);
	const named = presetFile(reference);
	if (named !== null) return resolveFile(named, overrides);
	if (isBuiltInIncident(reference)) {
		const incident = builtInIncident(reference);
		const preset = presetOfIncident(incident);
		return {scenario: scenarioOf(incident, preset, overrides), preset, file: reference, notice: null};
	}
	throw new InputError(
		`unknown scenario '${reference}'; expected a preset (${presetNames().join(', ')}), an incident (${builtInIncidentNames().join(', ')}) or the path of a scenario or incident file`,
	);
}
