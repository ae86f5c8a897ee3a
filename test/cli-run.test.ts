import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import zlib from 'node:zlib';
import {describe, expect, it} from 'vitest';
import {type PolicyMap, buildSeats, runEpisode} from '../source/agents/runner.js';
import {resolveScenario} from '../source/io/scenarios.js';
import {expectOneLineRefusal, runCli, runCliAsync} from './support/cli.js';
import {type TraceCase, asWire, loadTraces} from './support/fixtures.js';

const scenarioFlags = ({scenario}: TraceCase) => [
	'--scenario', scenario.failure_type, '--difficulty', scenario.difficulty, '--seed', String(scenario.seed), '--max-steps', String(scenario.max_steps),
];

// One recorded case per failure type and policy, the difficulties taking turns.
const policyCases = loadTraces().filter(c => c.kind === 'policy');
const sample = policyCases.filter(c => {
	const [, , difficulty, , policy] = c.id.split('/');
	const turn = (['random', 'heuristic', 'oracle'].indexOf(policy!) + policyCases.indexOf(c)) % 3;
	return ['easy', 'medium', 'hard'][turn] === difficulty;
});

async function inBatches<T, R>(items: readonly T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
	const results: R[] = [];
	for (let start = 0; start < items.length; start += size) results.push(...(await Promise.all(items.slice(start, start + size).map(work))));
	return results;
}

describe('chaosops run --format json: parity with the reference', () => {
	it('samples every failure type under every policy', () => {
		expect(new Set(sample.map(c => c.id.split('/').filter((_, i) => i === 1 || i === 4).join('/'))).size).toBe(27);
	});

	it('plays the recorded episodes step for step, each step showing what the acting role saw', async () => {
		const runs = await inBatches(sample, 3, trace =>
			runCliAsync(['run', ...scenarioFlags(trace), '--policy', trace.policies!['sre']!, '--format', 'json']),
		);
		for (const [index, trace] of sample.entries()) {
			const run = runs[index]!;
			expect(run.stderr, trace.id).toBe('');
			const document = JSON.parse(run.stdout);
			expect(document.scenario, trace.id).toEqual(trace.scenario);
			expect(document.result, trace.id).toEqual(trace.result);
			let seen = trace.reset;
			expect(document.steps).toHaveLength(trace.steps.length);
			for (const [turn, step] of trace.steps.entries()) {
				// One meaning per key: `observation` is what the acting role saw, `next_observation` what came back.
				expect(document.steps[turn], `${trace.id} turn ${turn}`).toEqual({
					turn: step.turn,
					role: step.role,
					by: trace.policies!['sre'],
					decision_ms: 0,
					observation: seen,
					action: step.action,
					reward: step.reward,
					breakdown: step.breakdown,
					done: step.observation['done'],
					next_observation: step.observation,
					info: step.info,
				});
				seen = step.observation;
			}
		}
	});
});

describe('chaosops run --format text', () => {
	const golden = JSON.parse(
		zlib.gunzipSync(fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'io', 'transcripts.golden.json.gz'))).toString('utf8'),
	) as Record<string, string>;

	it('prints the reference transcript, and text is the default', () => {
		for (const trace of sample.slice(0, 4)) {
			const run = runCli(['run', ...scenarioFlags(trace), '--policy', trace.policies!['sre']!]);
			expect(run.stdout, trace.id).toBe(golden[trace.id]);
			expect(run.status).toBe(0);
		}
	});
});

describe('chaosops run: seats and seeds', () => {
	const json = (...args: string[]) => {
		const run = runCli(['run', ...args, '--format', 'json']);
		expect(run.stderr).toBe('');
		return JSON.parse(run.stdout) as {steps: Array<{role: string; by: string; action: {action_type: string}}>; result: unknown};
	};

	it('plays a preset with its own policies and seed when none are given', () => {
		const {scenario, preset} = resolveScenario('starter');
		const expected = runEpisode(scenario, buildSeats(preset!.policies!, scenario));
		expect(json('--scenario', 'starter').result).toEqual(asWire(expected.result));
	});

	it('keeps the heuristic in every seat of a preset that names no policies (play seats teammates instead)', () => {
		const {steps} = json('--scenario', 'db_deadlock');
		expect(new Set(steps.map(step => step.by))).toEqual(new Set(['heuristic']));
	});

	it('seats noop in every role that --policy role=NAME does not name, and one shared instance per name', () => {
		const {scenario} = resolveScenario('cascade', {seed: 11});
		const policies: PolicyMap = {sre: 'random', dev: 'random'};
		const expected = runEpisode(scenario, buildSeats(policies, scenario));
		const got = json('--scenario', 'cascade', '--seed', '11', '--policy', 'sre=random, dev=random');
		expect(got.result).toEqual(asWire(expected.result));
		expect(got.steps.filter(step => step.role === 'manager' || step.role === 'oversight').every(step => step.action.action_type === 'noop')).toBe(true);
	});

	it('seeds the policies with the scenario seed unless --policy-seed says otherwise', () => {
		const base = ['--scenario', 'disk_full', '--seed', '4', '--policy', 'random'];
		expect(json(...base)).toEqual(json(...base, '--policy-seed', '4'));
		expect(json(...base, '--policy-seed', '5').steps.map(step => step.action)).not.toEqual(json(...base).steps.map(step => step.action));
	});
});

describe('chaosops run: bad input', () => {
	it.each([
		[[], /^chaosops: --scenario is required: a preset, a built-in incident, or a scenario or incident file path/],
		[['--scenario', 'nope'], /^chaosops: unknown scenario 'nope'; expected a preset \(.*starter\), an incident \(autoscaler_cost_cut, .*\) or the path of a scenario or incident file$/],
		[['--scenario', 'starter', '--seed', '1.5'], /^chaosops: --seed '1.5' is not valid; expected an integer with \|n\| < 2\^53$/],
		[['--scenario', 'starter', '--seed', '9007199254740992'], /^chaosops: --seed '9007199254740992' is not valid/],
		[['--scenario', 'starter', '--difficulty', 'extreme'], /^chaosops: --difficulty 'extreme' is not valid; expected one of easy, medium, hard$/],
		[['--scenario', 'starter', '--max-steps', '0'], /^chaosops: --max-steps '0' is not valid; expected an integer from 1 to 10000$/],
		[['--scenario', 'starter', '--format', 'xml'], /^chaosops: --format 'xml' is not valid; expected one of text, json$/],
		[['--scenario', 'starter', '--policy', 'smart'], /^chaosops: --policy 'smart' is not valid; expected a policy \(random, heuristic, oracle, teammate, noop\) for every role, or role=policy pairs/],
		[['--scenario', 'starter', '--policy', 'sre=oracle,ceo=random'], /^chaosops: --policy 'sre=oracle,ceo=random' has 'ceo=random'; expected/],
		[['--scenario', 'starter', '--policy', 'sre=oracle,sre=random'], /^chaosops: --policy 'sre=oracle,sre=random' names sre twice/],
		[['--scenario', 'starter', '--policy-seed', 'x'], /^chaosops: --policy-seed 'x' is not valid/],
		[['--scenario', 'starter', '--colour'], /^chaosops: unknown flag --colour for run; expected --scenario, --difficulty, /],
		[['--scenario', 'starter', 'now'], /^chaosops: unexpected argument 'now' for run; see chaosops run --help$/],
		[['--scenario', 'starter', '--seed', '1', '--seed', '2'], /^chaosops: --seed is given more than once; give it once \(see chaosops run --help\)$/],
		// The JSON Schema lives beside the presets but is not one.
		[['--scenario', 'schema'], /^chaosops: unknown scenario 'schema'; expected a preset /],
	])('%j → one line and exit status 2', (args, message) => {
		expectOneLineRefusal(runCli(['run', ...args]), message);
	});

	it('explains itself with --help', () => {
		const run = runCli(['run', '--scenario', 'nope', '--help']);
		expect(run.status).toBe(0);
		expect(run.stdout).toMatch(/^Usage: chaosops run --scenario S/);
		expect(run.stdout).toContain('heuristic in every seat');
		expect(run.stdout).toContain('starter');
	});
});
