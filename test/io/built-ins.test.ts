// The built-in presets and incidents as the build checked them (io/built-ins.ts, scripts/built-ins.ts): read without
// validating, they must give exactly what validating them gives, and a file that no longer has the bytes the build
// checked must be read as any other file is.
import {readFileSync} from 'node:fs';
import {afterEach, describe, expect, it, vi} from 'vitest';
import type {ResolvedScenario} from '../../source/io/scenarios.js';
import {checkBuiltIns} from '../../scripts/built-ins.js';

type Globals = {BUILT_INS?: unknown};

/** The modules afresh (their caches empty), with the build's record of the built-ins set as the bundle has it, or not. */
async function modules(builtIns: unknown) {
	vi.resetModules();
	if (builtIns === undefined) delete (globalThis as Globals).BUILT_INS;
	else (globalThis as Globals).BUILT_INS = builtIns;
	const [builtInsModule, scenarios, incidents, {scenarioFields}] = await Promise.all([
		import('../../source/io/built-ins.js'),
		import('../../source/io/scenarios.js'),
		import('../../source/io/incidents.js'),
		import('../../source/env/scenario.js'),
	]);
	return {...builtInsModule, ...scenarios, ...incidents, scenarioFields};
}

afterEach(() => {
	delete (globalThis as Globals).BUILT_INS;
});

const CHECKED = checkBuiltIns();

/** A resolved scenario as JSON shows it, the incident file included, keys in their order. */
const asJson = ({scenario, ...rest}: ResolvedScenario, scenarioFields: (scenario: ResolvedScenario['scenario']) => object) =>
	JSON.stringify({...rest, scenario: scenarioFields(scenario), incident: scenario.incident.file});

describe('the built-ins the build checks', () => {
	it('are every built-in preset and incident', async () => {
		const {builtInIncidentNames, presetNames} = await modules(undefined);
		expect(Object.keys(CHECKED).sort()).toEqual([...presetNames().map(name => `${name}.json`), ...builtInIncidentNames().map(name => `incidents/${name}.json`)].sort());
	});

	it('read as checked, give exactly what validating them gives', async () => {
		const validated = await modules(undefined);
		const names = [...validated.presetNames(), ...validated.builtInIncidentNames()];
		const overrides = {difficulty: 'hard', seed: 9, maxSteps: 7, scoring: 'drill'} as const;
		const expected = names.flatMap(name => [asJson(validated.resolveScenario(name), validated.scenarioFields), asJson(validated.resolveScenario(name, overrides), validated.scenarioFields)]);
		const checked = await modules(CHECKED);
		const read = names.flatMap(name => [checked.checkedScenario(name), checked.checkedScenario(name, overrides)]);
		expect(read.every(resolved => resolved !== null)).toBe(true);
		expect(read.map(resolved => asJson(resolved!, checked.scenarioFields))).toEqual(expected);
	});

	it('give the same compiled incident however it is asked for', async () => {
		const {builtInIncident, builtInFile, readIncidentFile, resolveScenario} = await modules(CHECKED);
		const incident = builtInIncident('rogue_deploy_bot');
		expect(readIncidentFile(builtInFile('rogue_deploy_bot'))).toBe(incident);
		expect(resolveScenario('starter').scenario.incident).toBe(incident);
	});

	it('are validated again once a file no longer has the bytes the build checked', async () => {
		const key = 'incidents/cascade.json';
		const [, checkedText] = CHECKED[key]!;
		const stale = {...CHECKED, [key]: ['0'.repeat(64), JSON.stringify({...JSON.parse(checkedText), title: 'what the file said at build time'})]};
		const {builtInIncident, checkedScenario, resolveScenario} = await modules(stale);
		const {title} = JSON.parse(readFileSync(new URL('../../scenarios/incidents/cascade.json', import.meta.url), 'utf8'));
		expect(checkedScenario('cascade-night-shift')).toBeNull();
		expect(builtInIncident('cascade').file.title).toBe(title);
		expect(resolveScenario('cascade-night-shift').scenario.incident.file.title).toBe(title);
	});

	it('are never taken for a path, a name that is not built in, or a preset that names its incident by path', async () => {
		const {builtInFile, checkedScenario} = await modules({...CHECKED, 'starter.json': [CHECKED['starter.json']![0], JSON.stringify({...JSON.parse(CHECKED['starter.json']![1]), incident: 'incidents/cascade.json'})]});
		expect(checkedScenario(builtInFile('cascade'))).toBeNull();
		expect(checkedScenario('no_such_incident')).toBeNull();
		expect(checkedScenario('starter')).toBeNull();
	});
});
