// `chaosops play` without flags takes the starter as the build checked it, without loading the modules that check
// flags and files (cli/play.ts); what it plays must be what reading no flags the long way gives.
import {afterEach, describe, expect, it, vi} from 'vitest';
import {checkBuiltIns} from '../scripts/built-ins.js';
import type {PlaySetup} from '../source/cli/play.js';

type Globals = {BUILT_INS?: unknown};

afterEach(() => {
	delete (globalThis as Globals).BUILT_INS;
});

/** A setup as JSON shows it, the scenario's incident file included. */
const asJson = ({resolved: {scenario, ...resolved}, ...setup}: PlaySetup) =>
	JSON.stringify({...setup, ...resolved, scenario: {...scenario, incident: scenario.incident.file}});

describe('play without flags', () => {
	it.each([
		['the bundle, which checked the built-ins', checkBuiltIns()],
		['the source, which validates them', undefined],
	])('plays what its flags, read and checked, would give: from %s', async (_, builtIns) => {
		vi.resetModules();
		(globalThis as Globals).BUILT_INS = builtIns;
		const [{playSetup}, {readPlayFlags}, {checkedScenario}] = await Promise.all([
			import('../source/cli/play.js'),
			import('../source/cli/play-flags.js'),
			import('../source/io/built-ins.js'),
		]);
		expect(checkedScenario('starter') !== null).toBe(builtIns !== undefined);
		expect(asJson(await playSetup({}))).toBe(asJson(readPlayFlags({})));
	});
});
