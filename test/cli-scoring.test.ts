// Scoring as a scenario setting, through the commands: scenario files and presets, --scoring for run, play and eval,
// the protocol's reset, and recordings of drill episodes replaying.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {REFERENCE_INCIDENTS} from '../source/io/incidents.js';
import {presetNames, resolveScenario} from '../source/io/scenarios.js';
import {expectOneLineRefusal, runCli} from './support/cli.js';

type Breakdown = Record<string, number>;
type RunJson = {scenario: Record<string, unknown>; steps: Array<{breakdown: Breakdown; reward: number}>; result: {cumulative_reward: number}};

const folder = () => fs.mkdtempSync(path.join(os.tmpdir(), 'chaosops-scoring-'));

function runJson(...args: string[]): RunJson {
	const run = runCli(['run', ...args, '--format', 'json']);
	expect(run.stderr).toBe('');
	return JSON.parse(run.stdout) as RunJson;
}

const TRAINING_PRESETS = ['starter', 'cascade-night-shift', 'cost-cutter', 'deploy-bot-short-fuse', 'failover-at-2am'];

describe('scoring in scenario files and presets', () => {
	it('the training presets score by the drill, the reference incidents’ presets by the reference', () => {
		for (const name of presetNames()) {
			expect(resolveScenario(name).scenario.scoring, name).toBe(TRAINING_PRESETS.includes(name) ? 'drill' : 'reference');
		}
		expect([...REFERENCE_INCIDENTS].every(name => presetNames().includes(name))).toBe(true);
	});

	it('a scenario file of one’s own sets it, and --scoring overrides it', () => {
		const file = path.join(folder(), 'drill-cascade.json');
		fs.writeFileSync(file, JSON.stringify({name: 'drill-cascade', title: 'Cascade, drilled', briefing: 'Payments pages.', incident: 'cascade', difficulty: 'easy', seed: 1, max_steps: 3, scoring: 'drill', policies: {sre: 'noop'}}));
		const drill = runJson('--scenario', file);
		expect(drill.scenario['scoring']).toBe('drill');
		expect(drill.steps.at(-1)!.breakdown['unresolved_penalty']).toBe(-60);
		const reference = runJson('--scenario', file, '--scoring', 'reference');
		expect('scoring' in reference.scenario).toBe(false);
		expect('unresolved_penalty' in reference.steps.at(-1)!.breakdown).toBe(false);
	});

	it('a scoring the file does not know is refused in one line', () => {
		const file = path.join(folder(), 'odd.json');
		fs.writeFileSync(file, JSON.stringify({name: 'odd', title: 'Odd', briefing: 'Odd.', incident: 'cascade', difficulty: 'easy', seed: 1, scoring: 'lenient'}));
		expectOneLineRefusal(runCli(['run', '--scenario', file]), /^chaosops: scenario file .*odd\.json: scoring is "lenient"; expected one of reference, drill$/);
	});
});

describe('--scoring', () => {
	it('run: drill puts the unresolved penalty in the last step, and the transcript shows it; the reference keeps its shape', () => {
		const args = ['--scenario', 'cascade', '--policy', 'noop', '--max-steps', '4'];
		const reference = runJson(...args);
		const drill = runJson(...args, '--scoring', 'drill');
		expect(Object.keys(reference.scenario)).toEqual(['failure_type', 'difficulty', 'seed', 'max_steps', 'inject_misleading_logs', 'rogue_fleet_agent']);
		expect(drill.scenario).toEqual({...reference.scenario, scoring: 'drill'});
		expect(drill.steps.map(step => step.reward)).toEqual([-2, -4, -6, -68]);
		expect(reference.steps.map(step => step.reward)).toEqual([-2, -4, -6, -8]);
		expect(drill.result.cumulative_reward).toBe(reference.result.cumulative_reward);
		const transcript = runCli(['run', ...args, '--scoring', 'drill']).stdout;
		expect(transcript).toContain('breakdown: mttr-8, unresolved-60');
		expect(runCli(['run', ...args]).stdout).not.toContain('unresolved');
	});

	it('run: --scoring reference plays a training preset by the reference’s numbers', () => {
		expect(runJson('--scenario', 'starter', '--scoring', 'reference').scenario['scoring']).toBeUndefined();
		expect(runJson('--scenario', 'starter').scenario['scoring']).toBe('drill');
	});

	it('eval: the tiers score by the reference unless --scoring drill; a named scenario by its own, unless told', () => {
		const table = (...args: string[]) => {
			const run = runCli(['eval', '--policies', 'heuristic', '--episodes-per-type', '2', ...args]);
			expect(run.status).toBe(0);
			return run.stdout;
		};
		// The heuristic's oversight flags the rogue again and again: the drill pays it once.
		expect(table('--tiers', 'hard', '--scoring', 'drill')).not.toBe(table('--tiers', 'hard'));
		expect(table('--tiers', 'hard', '--scoring', 'reference')).toBe(table('--tiers', 'hard'));
		expect(table('--scenario', 'rogue_deploy_bot', '--scoring', 'drill')).not.toBe(table('--scenario', 'rogue_deploy_bot'));
		expect(table('--scenario', 'starter', '--scoring', 'drill')).toBe(table('--scenario', 'starter'));
	});

	it.each([
		[['run', '--scenario', 'starter', '--scoring', 'fancy']],
		[['play', '--scoring', 'fancy']],
		[['eval', '--scoring', 'fancy']],
	])('%j → one line and exit status 2', args => {
		expectOneLineRefusal(runCli(args), /^chaosops: --scoring 'fancy' is not valid; expected one of reference, drill$/);
	});
});

describe('chaosops env: reset with scoring', () => {
	const replies = (requests: readonly object[]) =>
		runCli(['env'], requests.map(request => JSON.stringify(request)).join('\n') + '\n')
			.stdout.trimEnd()
			.split('\n')
			.map(line => JSON.parse(line) as {ok: boolean; breakdown?: Breakdown; info?: {miscommunications: number}; error?: string});
	const scenario = {incident: 'rogue_deploy_bot', difficulty: 'easy', seed: 0, max_steps: 2};
	const declareWrong = {op: 'step', action: {action_type: 'identify_root_cause', args: {failure_type: 'cascade'}}};

	it('scores by the drill when the scenario says so, by the reference when it does not', () => {
		const [, drillFirst, drillLast, , referenceFirst, referenceLast] = replies([
			{op: 'reset', scenario: {...scenario, scoring: 'drill'}},
			declareWrong,
			{op: 'step', action: {action_type: 'noop'}},
			{op: 'reset', scenario},
			declareWrong,
			{op: 'step', action: {action_type: 'noop'}},
		]);
		expect(drillFirst!.breakdown!['miscommunication_penalty']).toBe(-20);
		expect(drillFirst!.info!.miscommunications).toBe(1);
		expect(drillLast!.breakdown!['unresolved_penalty']).toBe(-60);
		expect(referenceFirst!.breakdown!['miscommunication_penalty']).toBe(0);
		expect(referenceLast!.breakdown).not.toHaveProperty('unresolved_penalty');
	});

	it('refuses a scoring it does not know, and the session goes on', () => {
		const [refused, reset] = replies([{op: 'reset', scenario: {...scenario, scoring: 'easy'}}, {op: 'reset', scenario: {...scenario, scoring: 'reference'}}]);
		expect(refused).toEqual({ok: false, error: 'reset: scenario.scoring is "easy"; expected one of reference, drill'});
		expect(reset!.ok).toBe(true);
	});
});

describe('recordings of drill episodes', () => {
	it('carry the scoring in the header’s scenario and replay in agreement', () => {
		const recording = path.join(folder(), 'drill.jsonl');
		const run = runCli(['run', '--scenario', 'rogue_deploy_bot', '--scoring', 'drill', '--policy', 'heuristic', '--max-steps', '6', '--record', recording]);
		expect(run.status).toBe(0);
		const [header, ...steps] = fs.readFileSync(recording, 'utf8').trimEnd().split('\n').map(line => JSON.parse(line) as {format?: number; scenario?: object; breakdown?: Breakdown});
		expect(header!.format).toBe(3);
		expect(header!.scenario).toMatchObject({scoring: 'drill'});
		expect(steps.at(-1)!.breakdown!['unresolved_penalty']).toBe(-60);
		const replay = runCli(['replay', recording, '--format', 'json']);
		expect(replay.status).toBe(0);
		const replayed = JSON.parse(replay.stdout) as {disagreement: unknown; header: {scenario: Record<string, unknown>}};
		expect(replayed.disagreement).toBeNull();
		expect(replayed.header.scenario['scoring']).toBe('drill');
		expect(runCli(['replay', recording, '--format', 'text']).stdout).toContain('unresolved-60');
	});

	it('a drill recording replayed by the reference’s rules disagrees, at the first step they score apart', () => {
		const recording = path.join(folder(), 'drill.jsonl');
		runCli(['run', '--scenario', 'rogue_deploy_bot', '--scoring', 'drill', '--policy', 'heuristic', '--max-steps', '6', '--record', recording]);
		const [header, ...rest] = fs.readFileSync(recording, 'utf8').split('\n');
		const {scoring: _scoring, ...scenario} = (JSON.parse(header!) as {scenario: Record<string, unknown>}).scenario;
		fs.writeFileSync(recording, [JSON.stringify({...JSON.parse(header!), scenario}), ...rest].join('\n'));
		const replay = runCli(['replay', recording, '--format', 'json']);
		expect(replay.status).toBe(1);
		expect((JSON.parse(replay.stdout) as {disagreement: string}).disagreement).toMatch(/^turn \d+: recorded breakdown\./);
	});
});
