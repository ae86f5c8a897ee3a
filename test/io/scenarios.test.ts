import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {buildSeats, runEpisode} from '../../source/agents/runner.js';
import {noopPolicy} from '../../source/agents/policies.js';
import {REFERENCE_INCIDENTS} from '../../source/io/incidents.js';
import {InputError} from '../../source/io/errors.js';
import {presetNames, readScenarioFile, resolveScenario, scenariosFolder} from '../../source/io/scenarios.js';
import {GENERATED_SCHEMAS, schemaText} from '../../scripts/schemas.js';

const writeTemp = (content: string) => {
	const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'chaosops-')), 'scenario.json');
	fs.writeFileSync(file, content);
	return file;
};

describe('built-in scenario files', () => {
	it.each(GENERATED_SCHEMAS.map(generated => [path.basename(generated.path), generated] as const))(
		'keeps %s in step with the zod schema it is generated from (regenerate: node --import tsx scripts/schemas.ts)',
		(_name, generated) => {
			expect(fs.readFileSync(generated.path, 'utf8')).toBe(schemaText(generated));
		},
	);

	it.each(presetNames())('%s validates and is named after its file', name => {
		expect(readScenarioFile(path.join(scenariosFolder, `${name}.json`)).name).toBe(name);
	});

	it('has a preset for each reference incident, of that incident', () => {
		for (const name of REFERENCE_INCIDENTS) expect(resolveScenario(name).preset.incident).toBe(name);
	});

	it('has a gentle starter with teammates: left alone they resolve it late, an SRE who leads resolves it at once', () => {
		const {scenario, preset} = resolveScenario('starter');
		expect(scenario.difficulty).toBe('easy');
		expect(preset.policies).toEqual({sre: 'teammate', dev: 'teammate', manager: 'teammate', oversight: 'teammate'});
		const seats = buildSeats(preset.policies!, scenario);
		const idle = runEpisode(scenario, {...seats, sre: noopPolicy()}).result;
		const lead = {name: 'trainee', act: () => ({action_type: 'communicate' as const, args: {message: 'Oversight, flag deploy_bot. Dev: roll back payments.'}})};
		const led = runEpisode(scenario, {...seats, sre: lead}).result;
		expect(idle).toMatchObject({resolved: true, wrong_fixes: 0});
		expect(idle.final_step).toBeGreaterThan(8);
		expect(led).toMatchObject({resolved: true, final_step: 3});
		expect(led.cumulative_reward).toBeGreaterThan(idle.cumulative_reward);
	});

	it('never names the root cause in a briefing', () => {
		for (const name of presetNames()) {
			const {preset} = resolveScenario(name);
			expect(preset!.briefing.toLowerCase()).not.toContain(preset!.incident.replaceAll('_', ' '));
			expect(preset!.briefing).not.toContain(preset!.incident);
		}
	});
});

describe('resolveScenario', () => {
	it('applies overrides over a preset, misleading logs following the difficulty unless the file fixes them', () => {
		const {scenario} = resolveScenario('starter', {difficulty: 'hard', seed: -3, maxSteps: 30});
		expect(scenario).toMatchObject({failure_type: 'rogue_deploy_bot', difficulty: 'hard', seed: -3, max_steps: 30, inject_misleading_logs: true});
		const file = writeTemp(
			JSON.stringify({name: 'calm', title: 'Calm', briefing: 'b', incident: 'cascade', difficulty: 'hard', seed: 1, inject_misleading_logs: false}),
		);
		expect(resolveScenario(file).scenario).toMatchObject({difficulty: 'hard', inject_misleading_logs: false, max_steps: 20});
	});

	it('reads a scenario file by path', () => {
		const file = writeTemp(JSON.stringify({name: 'mine', title: 'Mine', briefing: 'b', incident: 'disk_full', difficulty: 'medium', seed: 9}));
		expect(resolveScenario(file)).toMatchObject({scenario: {failure_type: 'disk_full', seed: 9}, preset: {name: 'mine'}});
	});

	it.each([
		['nope', /unknown scenario 'nope'; expected a preset \(.*db_deadlock.*starter\), an incident \(.*\) or the path of a scenario or incident file/],
		['/no/such/file.json', /cannot read scenario file \/no\/such\/file.json: no such file/],
		['../secrets', /cannot read scenario file \.\.\/secrets/],
	])('refuses %s with a line that says what is accepted', (reference, message) => {
		expect(() => resolveScenario(reference)).toThrow(InputError);
		expect(() => resolveScenario(reference)).toThrow(message);
	});

	it.each([
		['{"name": ', /is not valid JSON/],
		['{"name":"x","title":"t","briefing":"b","incident":"dns","difficulty":"easy","seed":1}', /incident is "dns"; expected a built-in incident \(autoscaler_cost_cut, bad_config_push, /],
		['{"name":"x","title":"t","briefing":"b","incident":"cascade","difficulty":"easy","seed":1.5}', /seed is 1.5; expected an integer/],
		['{"name":"x","title":"t","briefing":"b","incident":"cascade","difficulty":"easy"}', /seed is missing; expected an integer with \|n\| < 2\^53/],
		['{"name":"x","title":"t","briefing":"b","incident":"cascade","difficulty":"easy","seed":1,"policies":{"sre":"smart"}}', /policies.sre is "smart"; expected one of random, heuristic, oracle, teammate, noop/],
		['{"name":"x","title":"t","briefing":"b","incident":"cascade","difficulty":"easy","seed":1,"colour":"red"}', /unknown key "colour"; accepted: \$schema, name, title, briefing/],
	])('names what is wrong in a bad file: %s', (content, message) => {
		const file = writeTemp(content);
		expect(() => resolveScenario(file)).toThrow(new RegExp(`scenario file ${file}.*${message.source}`));
	});
});
