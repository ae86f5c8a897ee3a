// Scenario files (`scenarios/*.json`) and `--scenario`: a preset name or a file path. Every failure type has a preset
// of its name (test/io/scenarios.test.ts holds that), so a bare failure type is a preset name like any other.
import {existsSync, readdirSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import * as z from 'zod';
import {POLICY_NAMES} from '../agents/policies.js';
import {makeScenario} from '../env/scenario.js';
import type {Scenario} from '../env/types.js';
import {DIFFICULTIES, type Difficulty, FAILURE_TYPES, ROLES} from '../env/vocabulary.js';
import {InputError} from './errors.js';
import {parseJsonText} from './json-text.js';
import {MIB, readTextFile} from './text-file.js';
import {closedObject, closedRecord, integer, parseWith} from './validation.js';

/** Any integer JavaScript holds exactly; the RNG takes |seed| (§11). */
export const seedSchema = integer();
/** Every step is one turn; far beyond any incident worth training on, but bounded. */
export const maxStepsSchema = integer({min: 1, max: 10_000});

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
	failure_type: z.enum(FAILURE_TYPES),
	difficulty: z.enum(DIFFICULTIES).describe('hard also injects misleading logs unless inject_misleading_logs says otherwise.'),
	seed: seedSchema.describe('Seeds the red herrings and, unless --policy-seed says otherwise, the scripted teammates.'),
	max_steps: maxStepsSchema.optional().describe('Steps before the episode ends unresolved; 20 if absent.'),
	inject_misleading_logs: z.boolean().optional().describe('Red-herring logs; on exactly when difficulty is hard if absent.'),
	policies: closedRecord(ROLES, z.enum(POLICY_NAMES))
		.optional()
		.describe('The scripted policy in each seat (roles not named play noop); heuristic everywhere if absent.'),
});

export type ScenarioFile = z.output<typeof scenarioFileSchema>;

export type ScenarioOverrides = {
	readonly difficulty?: Difficulty | undefined;
	readonly seed?: number | undefined;
	readonly maxSteps?: number | undefined;
};

export type ResolvedScenario = {
	readonly scenario: Scenario;
	/** The scenario file it came from. */
	readonly preset: ScenarioFile;
	/** That file's path. */
	readonly file: string;
};

/** The JSON Schema beside the presets: in their folder, but not one of them. */
const SCHEMA_FILE = 'schema.json';

/** The folder of built-in scenarios: `../scenarios` from the bundle, `../../scenarios` from `source/io`. */
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

/** The built-in preset names, sorted. */
export function presetNames(): string[] {
	return readdirSync(scenariosFolder)
		.filter(file => file.endsWith('.json') && file !== SCHEMA_FILE)
		.map(file => file.slice(0, -'.json'.length))
		.sort();
}

/** A scenario file is a page of JSON; anything larger is not one. */
const SCENARIO_FILE_MAX_BYTES = MIB;

/** Reads and validates one scenario file. */
export function readScenarioFile(file: string): ScenarioFile {
	const subject = `scenario file ${file}`;
	const text = readTextFile(file, subject, SCENARIO_FILE_MAX_BYTES);
	return parseWith(scenarioFileSchema, parseJsonText(text, subject), subject);
}

const looksLikePath = (reference: string) => reference.includes('/') || reference.includes(path.sep) || reference.endsWith('.json');

function scenarioFromFile(preset: ScenarioFile, overrides: ScenarioOverrides): Scenario {
	const difficulty = overrides.difficulty ?? preset.difficulty;
	return makeScenario(preset.failure_type, {
		difficulty,
		seed: overrides.seed ?? preset.seed,
		maxSteps: overrides.maxSteps ?? preset.max_steps,
		injectMisleadingLogs: preset.inject_misleading_logs,
	});
}

/**
 * The scenario `reference` names — a preset name or a scenario file path — with the overrides applied; an
 * InputError listing what is accepted when it names neither.
 */
export function resolveScenario(reference: string, overrides: ScenarioOverrides = {}): ResolvedScenario {
	const presetFile = path.join(scenariosFolder, `${reference}.json`);
	const isPreset = /^[\w-]+$/.test(reference) && `${reference}.json` !== SCHEMA_FILE && existsSync(presetFile);
	const file = looksLikePath(reference) ? reference : isPreset ? presetFile : null;
	if (file === null) {
		throw new InputError(
			`unknown scenario '${reference}'; expected a preset (${presetNames().join(', ')}; each failure type has one of its name) or a path to a .json scenario file`,
		);
	}
	const preset = readScenarioFile(file);
	return {scenario: scenarioFromFile(preset, overrides), preset, file};
}
