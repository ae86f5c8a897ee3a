// The built-in incidents beyond the reference nine are content a trainee plays: each must validate, be solvable by
// its own oracle, unfold as it is played, teach (hints, notes) and take more than one right move to resolve.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {buildSeats, runEpisode} from '../source/agents/runner.js';
import type {PolicyName} from '../source/agents/policies.js';
import {ChaosOpsEnv, legalActionTypes} from '../source/env/environment.js';
import type {Incident} from '../source/env/incident.js';
import {REFERENCE_SYSTEM} from '../source/env/incident.js';
import {makeScenario} from '../source/env/scenario.js';
import type {ActionRequest, Scenario} from '../source/env/types.js';
import {DIFFICULTIES, ROLES, type Role, TURN_ORDER} from '../source/env/vocabulary.js';
import {REFERENCE_INCIDENTS, builtInIncident, builtInIncidentNames, incidentFileProblems, incidentsFolder} from '../source/io/incidents.js';
import {resolveScenario} from '../source/io/scenarios.js';

const reference: readonly string[] = REFERENCE_INCIDENTS;
const NEW_INCIDENTS = builtInIncidentNames().filter(name => !reference.includes(name));
const SEEDS = Array.from({length: 50}, (_, seed) => seed);
const MAX_STEPS = 20;
const REPAIRS: ReadonlySet<string> = new Set(['restart', 'rollback', 'scale', 'flag_rogue', 'resolve']);

const everyone = (policy: PolicyName) => Object.fromEntries(ROLES.map(role => [role, policy]));

/** How many of the 150 episodes (seeds 0..49 × every difficulty) a team of one policy resolves. */
function resolvedBy(incident: Incident, policy: PolicyName): number {
	let resolved = 0;
	for (const difficulty of DIFFICULTIES) {
		for (const seed of SEEDS) {
			const scenario = makeScenario(incident, {difficulty, seed, maxSteps: MAX_STEPS});
			if (runEpisode(scenario, buildSeats(everyone(policy), scenario)).result.resolved) resolved++;
		}
	}
	return resolved;
}

/** Every action a seat could take at the start: each type on each target, scale with 1 to 20 replicas. */
function everyAction(incident: Incident): ActionRequest[] {
	const services = incident.serviceNames;
	return [
		{action_type: 'noop'},
		{action_type: 'escalate'},
		{action_type: 'resolve'},
		{action_type: 'communicate', args: {message: 'standing by'}},
		...incident.rootCauses.map(cause => ({action_type: 'identify_root_cause' as const, args: {failure_type: cause}})),
		...incident.fleetAgents.map(agent => ({action_type: 'flag_rogue' as const, target: agent})),
		...services.flatMap(target => [
			{action_type: 'restart' as const, target},
			{action_type: 'rollback' as const, target},
			...Array.from({length: 20}, (_, i) => ({action_type: 'scale' as const, target, args: {replicas: i + 1}})),
		]),
	];
}

/** One role takes `action` at its first turn; every other turn, its own included, is a noop until the end. */
function playAlone(scenario: Scenario, role: Role, action: ActionRequest) {
	const env = new ChaosOpsEnv({episodeId: () => 'single-action'});
	env.reset(scenario);
	let acted = false;
	let firstOutcome = null as null | ReturnType<ChaosOpsEnv['step']>;
	while (!env.done) {
		const mine = !acted && env.currentRole === role;
		const step = env.step(mine ? action : {action_type: 'noop'});
		if (mine) {
			acted = true;
			firstOutcome = step;
		}
	}
	return {resolved: env.state().resolved, first: firstOutcome!};
}

it('ships at least four incidents beyond the reference nine', () => {
	expect(NEW_INCIDENTS.length).toBeGreaterThanOrEqual(4);
});

it('has at least one new incident on a system of its own, beyond the reference four services', () => {
	const referenceServices = Object.keys(REFERENCE_SYSTEM.services);
	const own = NEW_INCIDENTS.map(name => builtInIncident(name)).filter(
		incident => incident.file.system !== undefined && incident.serviceNames.some(service => !referenceServices.includes(service)),
	);
	expect(own.length).toBeGreaterThanOrEqual(1);
	for (const incident of own) {
		expect(incident.fleetAgents.length).toBeGreaterThan(0);
		expect(incident.dependents.some(dependents => dependents.length > 0)).toBe(true);
	}
});

describe.each(NEW_INCIDENTS)('%s', name => {
	const file = path.join(incidentsFolder, `${name}.json`);
	const incident = builtInIncident(name);
	const {trainer} = incident.file;

	it('validates, and is named after its file', () => {
		const value = JSON.parse(fs.readFileSync(file, 'utf8'));
		expect(incidentFileProblems(value).problems).toEqual([]);
		expect(value).toMatchObject({$schema: '../incident.schema.json', format: 1, name});
	});

	it('is resolved by its oracle on seeds 0..49 at every difficulty within 20 steps', () => {
		expect(resolvedBy(incident, 'oracle')).toBe(DIFFICULTIES.length * SEEDS.length);
	});

	it('unfolds as it is played: timed injects, and red herrings drawn from a pool when logs mislead', () => {
		const injects = incident.file.injects ?? [];
		expect(injects.length).toBeGreaterThan(0);
		expect(injects.some(inject => inject.at_step !== undefined)).toBe(true);
		expect(incident.redHerrings.draw).toBeGreaterThan(0);
		expect(incident.redHerrings.logs.length).toBeGreaterThan(incident.redHerrings.draw);
		const hard = makeScenario(incident, {difficulty: 'hard', seed: 3});
		const env = new ChaosOpsEnv({episodeId: () => 'herrings'});
		env.reset(hard);
		expect(env.state().all_logs.filter(log => log.is_red_herring)).toHaveLength(incident.redHerrings.draw);
	});

	it('changes what the team sees as the steps pass, even if nobody acts', () => {
		const scenario = makeScenario(incident, {difficulty: 'easy', seed: 0, maxSteps: 8});
		const env = new ChaosOpsEnv({episodeId: () => 'waiting'});
		env.reset(scenario);
		const before = env.state();
		while (!env.done) env.step({action_type: 'noop'});
		const after = env.state();
		const grew = after.all_logs.length + after.all_alerts.length + after.chat_history.length;
		expect(grew).toBeGreaterThan(before.all_logs.length + before.all_alerts.length + before.chat_history.length);
		expect(after.services).not.toEqual(before.services);
	});

	it('teaches: a hint ladder of three or more, a root cause, red herrings explained, notes with verdicts', () => {
		expect(trainer.hints.length).toBeGreaterThanOrEqual(3);
		expect(trainer.root_cause.length).toBeGreaterThan(200);
		expect(trainer.red_herrings).toBeDefined();
		const verdicts = new Set((trainer.notes ?? []).map(note => note.verdict));
		expect(verdicts).toEqual(new Set(['helps', 'hurts']));
		// The ladder ends with what to do, naming the services to act on.
		expect(incident.serviceNames.some(service => trainer.hints.at(-1)!.includes(service))).toBe(true);
	});

	it('keeps its briefing free of the root cause', () => {
		const briefing = incident.file.briefing.toLowerCase();
		expect(briefing).not.toContain(name);
		expect(briefing).not.toContain(name.replaceAll('_', ' '));
	});

	it('offers plausible wrong root causes beside the true one', () => {
		expect(incident.rootCauses).toContain(name);
		expect(incident.rootCauses.length).toBeGreaterThanOrEqual(4);
	});

	it('cannot be resolved by any single action, taken by any role at its first turn', () => {
		const scenario = makeScenario(incident, {difficulty: 'easy', seed: 0, maxSteps: MAX_STEPS});
		const resolving: string[] = [];
		for (const role of TURN_ORDER) {
			const legal: ReadonlySet<string> = new Set(legalActionTypes(role));
			for (const action of everyAction(incident).filter(action => legal.has(action.action_type))) {
				if (playAlone(scenario, role, action).resolved) resolving.push(`${role} ${JSON.stringify(action)}`);
			}
		}
		expect(resolving).toEqual([]);
	});

	it('takes its oracle two or more different repairs before it resolves', () => {
		const scenario = makeScenario(incident, {difficulty: 'medium', seed: 0, maxSteps: MAX_STEPS});
		const {steps} = runEpisode(scenario, buildSeats(everyone('oracle'), scenario));
		const repairs = new Set(
			steps.filter(step => REPAIRS.has(step.action.action_type)).map(({action}) => `${action.action_type} ${action.target ?? ''} ${action.args.replicas ?? ''}`),
		);
		expect(repairs.size).toBeGreaterThanOrEqual(2);
		expect(steps.every(step => step.breakdown.wrong_fix_penalty === 0 && step.breakdown.cascade_penalty === 0)).toBe(true);
	});

	it('punishes the obvious first move, and has a wrong first move that starts a second failure', () => {
		const scenario = makeScenario(incident, {difficulty: 'easy', seed: 0, maxSteps: MAX_STEPS});
		const {steps} = runEpisode(scenario, buildSeats(everyone('heuristic'), scenario));
		const firstRepair = steps.find(step => ['restart', 'rollback', 'scale'].includes(step.action.action_type));
		expect(firstRepair?.breakdown.wrong_fix_penalty).toBeLessThan(0);
		const cascading = everyAction(incident).filter(action => playAlone(scenario, 'sre', action).first.breakdown.cascade_penalty < 0);
		expect(cascading.length).toBeGreaterThan(0);
	});

	it('is seldom resolved by heuristic or random teams', () => {
		const episodes = DIFFICULTIES.length * SEEDS.length;
		expect(resolvedBy(incident, 'heuristic')).toBeLessThan(episodes * 0.1);
		expect(resolvedBy(incident, 'random')).toBeLessThan(episodes * 0.25);
	});
});

describe('the failover-at-2am drill', () => {
	const {scenario, preset} = resolveScenario('failover-at-2am');

	it('leaves the SRE alone: the teammate SRE will not guess and loses it, an SRE who thins the herd in order wins it in time', () => {
		const seats = buildSeats(preset.policies ?? {}, scenario);
		expect(Object.keys(seats)).toEqual(['sre']);
		expect(runEpisode(scenario, seats).result).toMatchObject({resolved: false, wrong_fixes: 0});
		const plan: ActionRequest[] = [
			{action_type: 'identify_root_cause', args: {failure_type: 'failover_thundering_herd'}},
			{action_type: 'scale', target: 'payments', args: {replicas: 4}},
			{action_type: 'restart', target: 'auth'},
			{action_type: 'restart', target: 'payments'},
		];
		const trainee = {name: 'trainee', act: () => plan.shift() ?? {action_type: 'noop' as const}};
		const {result} = runEpisode(scenario, {sre: trainee});
		expect(result).toMatchObject({resolved: true, wrong_fixes: 0});
		expect(result.final_step).toBeLessThanOrEqual(scenario.max_steps);
	});

	it('in another seat, the teammate SRE does what the trainee asks, and together they win it', () => {
		const plan: ActionRequest[] = [
			{action_type: 'communicate', args: {message: 'SRE: scale payments to 4, nothing else yet'}},
			{action_type: 'restart', target: 'auth'},
			{action_type: 'restart', target: 'payments'},
		];
		const trainee = {name: 'trainee', act: () => plan.shift() ?? {action_type: 'noop' as const}};
		const {steps, result} = runEpisode(scenario, {...buildSeats(preset.policies ?? {}, scenario), dev: trainee});
		expect(steps.find(step => step.role === 'sre' && step.action.action_type === 'scale')).toMatchObject({turn: 4, by: 'teammate'});
		expect(result).toMatchObject({resolved: true, wrong_fixes: 0});
	});
});
