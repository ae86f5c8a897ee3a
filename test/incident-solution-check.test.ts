// What incidentProblems says of an oracle's plan that cannot work, and how an incident file's unknown keys are
// named; the template `scenario new` writes is valid as it stands, on the reference system.
import fs from 'node:fs';
import {describe, expect, it} from 'vitest';
import {REFERENCE_SYSTEM} from '../source/env/incident.js';
import {TEMPLATE_NAME, templateFile} from '../source/io/incident-template.js';
import {incidentFileProblems} from '../source/io/incidents.js';

const template = () => JSON.parse(fs.readFileSync(templateFile, 'utf8'));
const problemsWith = (edit: (incident: any) => void): string[] => {
	const incident = template();
	edit(incident);
	return incidentFileProblems(incident).problems;
};

describe('the incident template', () => {
	it('has no problems, and plays on the reference system', () => {
		const incident = template();
		expect(incident.name).toBe(TEMPLATE_NAME);
		expect(incidentFileProblems(incident).problems).toEqual([]);
		expect(incident.system).toEqual(REFERENCE_SYSTEM);
	});
});

describe('an oracle plan step that can never do its job', () => {
	it.each([
		['a rollback without a target', {dev: {action_type: 'rollback'}}, 'solution.dev.target is missing: rollback without a target is always a wrong fix'],
		['a restart without a target', {dev: [{action_type: 'restart'}]}, 'solution.dev.0.target is missing: restart without a target is always a wrong fix'],
		['a scale without replicas', {dev: {action_type: 'scale', target: 'auth'}}, 'solution.dev.args.replicas is missing: a scale to no replicas is always a wrong fix'],
		['a scale to 0', {sre: {action_type: 'scale', target: 'auth', args: {replicas: 0}}}, 'solution.sre.args.replicas is 0: a scale to no replicas is always a wrong fix'],
		['a flag of nobody', {oversight: {action_type: 'flag_rogue'}}, 'solution.oversight.target is missing (and so is args.agent_name): flag_rogue flags nobody without one'],
		['a flag of an unknown agent', {oversight: {action_type: 'flag_rogue', args: {agent_name: 'ghost'}}}, 'solution.oversight.args.agent_name is "ghost", not a fleet agent; expected one of autoscaler, load_balancer, deploy_bot'],
		['a diagnosis of nothing', {sre: {action_type: 'identify_root_cause'}}, 'solution.sre.args.failure_type is missing: identify_root_cause without it is always a miscommunication'],
		['a message of nothing', {manager: [{action_type: 'communicate'}, {action_type: 'resolve'}]}, 'solution.manager.0.args.message is missing: a message with nothing in it is a miscommunication'],
	])('%s', (_, plan, problem) => {
		expect(problemsWith(incident => Object.assign(incident.solution, plan))).toEqual([problem]);
	});

	it('accepts a flag by args.agent_name, as the environment does', () => {
		expect(problemsWith(incident => (incident.solution.oversight = {action_type: 'flag_rogue', args: {agent_name: 'deploy_bot'}}))).toEqual([]);
	});
});

describe('unknown keys in an incident file', () => {
	it('are named, with the keys accepted there', () => {
		expect(problemsWith(incident => (incident.solution.ceo = {action_type: 'noop'}))).toEqual(['solution has unknown key "ceo"; accepted: sre, dev, manager, oversight']);
		expect(problemsWith(incident => (incident.rules.drift[0].grow.cpu = {by: 1}))).toEqual([
			'rules.drift.0.grow has unknown key "cpu"; accepted: cpu_pct, memory_mb, latency_ms, error_rate, replicas',
		]);
		expect(problemsWith(incident => Object.assign(incident.start.metrics.auth, {helth: 'down', cpu: 1}))).toEqual([
			'start.metrics.auth has unknown keys "helth", "cpu"; accepted: cpu_pct, memory_mb, latency_ms, error_rate, replicas, health',
		]);
		const [problem] = problemsWith(incident => (incident.titel = 'x'));
		expect(problem).toBe('has unknown key "titel"; accepted: $schema, format, name, title, briefing, difficulty, root_causes, system, rogue_agent, start, rules, injects, solution, trainer');
	});
});

describe('a fix judged before its own repair', () => {
	it('is a problem when there is no rules.beneficial, and not when there is', () => {
		const own = {action: 'rollback', target: 'auth', when: {health: {auth: 'healthy'}}};
		const problems = problemsWith(incident => {
			incident.rules = {resolved_by: [own]};
		});
		expect(problems).toEqual([
			'rules.resolved_by.0.when.health.auth asks for the health of the service this rollback repairs; with no rules.beneficial it is also judged before the repair, so it never holds: give rules.beneficial',
		]);
		expect(problemsWith(incident => (incident.rules = {resolved_by: [own], beneficial: [{action: 'rollback', target: 'auth'}]}))).toEqual([]);
	});
});
