// What the schema cannot see in an incident file: names that must refer to each other, a dependency cycle, a fix
// nobody can reach. Every problem is reported, each with the JSON path it is at.
import type {ActionMatch, Condition, Happening, IncidentFile, Rule, SolutionAction} from './incident-format.js';
import {REFERENCE_SYSTEM} from './incident.js';
import {ACTION_OWNER, type ActionType, HEALTHS, type Health, ROLES} from './vocabulary.js';

export type Problem = {readonly path: string; readonly message: string};

const SERVICE_ACTIONS: ReadonlySet<ActionType> = new Set(['restart', 'rollback', 'scale']);

class Checker {
	readonly problems: Problem[] = [];
	readonly services: ReadonlySet<string>;
	readonly agents: ReadonlySet<string>;

	constructor(readonly file: IncidentFile) {
		const system = file.system ?? REFERENCE_SYSTEM;
		this.services = new Set(Object.keys(system.services));
		this.agents = new Set(system.fleet_agents);
	}

	problem(path: string, message: string): void {
		this.problems.push({path, message});
	}

	accepted(names: ReadonlySet<string>, what: string): string {
		return names.size === 0 ? `there are no ${what}` : `expected one of ${[...names].join(', ')}`;
	}

	service(path: string, name: string): void {
		if (!this.services.has(name)) this.problem(path, `is ${JSON.stringify(name)}, not a service; ${this.accepted(this.services, 'services')}`);
	}

	agent(path: string, name: string): void {
		if (!this.agents.has(name)) this.problem(path, `is ${JSON.stringify(name)}, not a fleet agent; ${this.accepted(this.agents, 'fleet agents')}`);
	}

	/** A log or an alert may come from a service or from a fleet agent. */
	source(path: string, name: string): void {
		if (!this.services.has(name) && !this.agents.has(name)) {
			this.problem(path, `is ${JSON.stringify(name)}, neither a service nor a fleet agent; expected one of ${[...this.services, ...this.agents].join(', ')}`);
		}
	}

	condition(path: string, condition: Condition | undefined): void {
		if (condition === undefined) return;
		for (const service of Object.keys(condition.health ?? {})) this.service(`${path}.health.${service}`, service);
		(condition.flagged ?? []).forEach((agent, i) => this.agent(`${path}.flagged.${i}`, agent));
		(condition.metrics ?? []).forEach(({service, above, below}, i) => {
			this.service(`${path}.metrics.${i}.service`, service);
			if (above === undefined && below === undefined) this.problem(`${path}.metrics.${i}`, 'needs above or below');
		});
	}

	happening(path: string, happening: Happening | undefined): void {
		if (happening === undefined) return;
		for (const service of Object.keys(happening.metrics ?? {})) this.service(`${path}.metrics.${service}`, service);
		(happening.logs ?? []).forEach(({service}, i) => this.source(`${path}.logs.${i}.service`, service));
		(happening.alerts ?? []).forEach(({service}, i) => this.source(`${path}.alerts.${i}.service`, service));
		(happening.fleet_actions ?? []).forEach(({agent, target}, i) => {
			this.agent(`${path}.fleet_actions.${i}.agent`, agent);
			this.service(`${path}.fleet_actions.${i}.target`, target);
		});
	}

	/** An action's target: a service for restart, rollback and scale, a fleet agent for flag_rogue. */
	target(path: string, action: ActionType, target: string | undefined): void {
		if (target === undefined) return;
		if (SERVICE_ACTIONS.has(action)) this.service(path, target);
		else if (action === 'flag_rogue') this.agent(path, target);
		else this.problem(path, `is given, but ${action} takes no target; leave it out`);
	}

	match(path: string, match: ActionMatch): void {
		this.target(`${path}.target`, match.action, match.target);
		if (match.replicas !== undefined) {
			if (match.action !== 'scale') this.problem(`${path}.replicas`, `is given, but only scale asks for replicas`);
			const {min, max} = match.replicas;
			if (min !== undefined && max !== undefined && min > max) this.problem(`${path}.replicas`, `has min ${min} above max ${max}`);
		}
		const owner = ACTION_OWNER[match.action];
		if (match.by !== undefined && owner !== undefined && owner !== match.by) {
			this.problem(`${path}.by`, `is ${match.by}, but only ${owner} can take ${match.action}`);
		}
	}

	rule(path: string, rule: Rule, readsEffect: boolean): void {
		this.match(path, rule);
		this.condition(`${path}.when`, rule.when);
		if (rule.effect === undefined) return;
		if (!readsEffect) this.problem(`${path}.effect`, 'is never used: effects are read from rules.beneficial (or rules.resolved_by when there is no beneficial)');
		else if (!SERVICE_ACTIONS.has(rule.action)) this.problem(`${path}.effect`, `is given, but only restart, rollback and scale have an effect, not ${rule.action}`);
		for (const service of Object.keys(rule.effect)) this.service(`${path}.effect.${service}`, service);
	}
}

const missingTarget = ({action_type, target}: SolutionAction): Problem | null =>
	target === undefined ? {path: 'target', message: `is missing: ${action_type} without a target is always a wrong fix`} : null;

const missingReplicas = (replicas: number | undefined): Problem | null =>
	replicas === undefined || replicas < 1
		? {path: 'args.replicas', message: `${replicas === undefined ? 'is missing' : `is ${replicas}`}: a scale to no replicas is always a wrong fix`}
		: null;

/**
 * What a step of the oracle's plan must give to do anything at all (its path within the step, and why): without it
 * the step is always a wrong fix, flags nobody, or is a miscommunication.
 */
const STEP_NEEDS: Partial<Record<ActionType, (action: SolutionAction) => Problem | null>> = {
	restart: missingTarget,
	rollback: missingTarget,
	scale: action => missingTarget(action) ?? missingReplicas(action.args?.replicas),
	flag_rogue: ({target, args}) =>
		target === undefined && args?.agent_name === undefined ? {path: 'target', message: 'is missing (and so is args.agent_name): flag_rogue flags nobody without one'} : null,
	identify_root_cause: ({args}) =>
		args?.failure_type === undefined ? {path: 'args.failure_type', message: 'is missing: identify_root_cause without it is always a miscommunication'} : null,
	communicate: ({args}) => (args?.message === undefined ? {path: 'args.message', message: 'is missing: a message with nothing in it is a miscommunication'} : null),
};

/** Depth-first search for a cycle in depends_on: the first one found, as a path of names. */
function dependencyCycle(services: NonNullable<IncidentFile['system']>['services']): string[] | null {
	const state = new Map<string, 'visiting' | 'done'>();
	const visit = (name: string, trail: string[]): string[] | null => {
		if (state.get(name) === 'done') return null;
		if (state.get(name) === 'visiting') return [...trail.slice(trail.indexOf(name)), name];
		state.set(name, 'visiting');
		for (const next of services[name]?.depends_on ?? []) {
			const cycle = visit(next, [...trail, name]);
			if (cycle !== null) return cycle;
		}
		state.set(name, 'done');
		return null;
	};
	for (const name of Object.keys(services)) {
		const cycle = visit(name, []);
		if (cycle !== null) return cycle;
	}
	return null;
}

/** The healths each service can ever have: where it starts, and every health a rule, an effect or a threshold sets. */
function reachableHealths(file: IncidentFile, services: ReadonlySet<string>): Map<string, Set<Health>> {
	const reachable = new Map([...services].map(name => [name, new Set<Health>([file.start.metrics?.[name]?.health ?? 'healthy'])]));
	const add = (service: string, health: Health | undefined) => (health === undefined ? undefined : reachable.get(service)?.add(health));
	const addChanges = (changes: Happening['metrics']) => {
		for (const [service, change] of Object.entries(changes ?? {})) add(service, change.health);
	};
	const system = file.system ?? REFERENCE_SYSTEM;
	for (const rule of file.rules.beneficial ?? file.rules.resolved_by) {
		if (rule.effect !== undefined) addChanges(rule.effect);
		else if (SERVICE_ACTIONS.has(rule.action)) {
			// A default repair makes its target healthy, or every service for a rule with any target; a restart heals dependents too.
			for (const service of rule.target === undefined ? services : [rule.target]) add(service, 'healthy');
			if (rule.action === 'restart') for (const [name, service] of Object.entries(system.services)) if (service.depends_on?.length) add(name, 'healthy');
		}
	}
	for (const failure of file.rules.secondary_failures ?? []) addChanges(failure.then.metrics);
	for (const inject of file.injects ?? []) addChanges(inject.then.metrics);
	for (const drift of file.rules.drift ?? []) for (const {health} of drift.thresholds ?? []) add(drift.service, health);
	return reachable;
}

/** Every problem with a file the schema accepted; none means it compiles and can be played. */
export function incidentProblems(file: IncidentFile): Problem[] {
	const check = new Checker(file);
	const system = file.system ?? REFERENCE_SYSTEM;

	if (!file.root_causes.includes(file.name)) check.problem('root_causes', `must include the incident's own name, ${JSON.stringify(file.name)}`);
	file.root_causes.forEach((cause, i) => {
		if (file.root_causes.indexOf(cause) !== i) check.problem(`root_causes.${i}`, `repeats ${JSON.stringify(cause)}`);
	});
	if (check.services.size === 0) check.problem('system.services', 'must name at least one service');
	for (const [name, service] of Object.entries(system.services)) {
		(service.depends_on ?? []).forEach((other, i) => {
			const path = `system.services.${name}.depends_on.${i}`;
			if (other === name) check.problem(path, 'is the service itself; a service cannot depend on itself');
			else check.service(path, other);
		});
	}
	const cycle = dependencyCycle(system.services);
	if (cycle !== null && cycle.length > 2) check.problem('system.services', `has a dependency cycle: ${cycle.join(' -> ')}`);
	system.fleet_agents.forEach((agent, i) => {
		if (check.services.has(agent)) check.problem(`system.fleet_agents.${i}`, `is ${JSON.stringify(agent)}, also a service; a name is one or the other`);
		if (system.fleet_agents.indexOf(agent) !== i) check.problem(`system.fleet_agents.${i}`, `repeats ${JSON.stringify(agent)}`);
	});
	if (file.rogue_agent !== null) check.agent('rogue_agent', file.rogue_agent);

	const {red_herrings: redHerrings, ...start} = file.start;
	check.happening('start', start);
	(redHerrings?.logs ?? []).forEach(({service}, i) => check.source(`start.red_herrings.logs.${i}.service`, service));

	const hasBeneficial = file.rules.beneficial !== undefined;
	file.rules.resolved_by.forEach((rule, i) => check.rule(`rules.resolved_by.${i}`, rule, !hasBeneficial));
	(file.rules.beneficial ?? []).forEach((rule, i) => {
		check.rule(`rules.beneficial.${i}`, rule, true);
		if (!SERVICE_ACTIONS.has(rule.action)) check.problem(`rules.beneficial.${i}.action`, `is ${rule.action}; only restart, rollback and scale are judged beneficial`);
	});
	(file.rules.secondary_failures ?? []).forEach((failure, i) => {
		check.condition(`rules.secondary_failures.${i}.when`, failure.when);
		check.happening(`rules.secondary_failures.${i}.then`, failure.then);
	});
	(file.rules.drift ?? []).forEach((drift, i) => {
		const path = `rules.drift.${i}`;
		check.service(`${path}.service`, drift.service);
		check.condition(`${path}.when`, drift.when);
		for (const [metric, growth] of Object.entries(drift.grow ?? {})) {
			if (growth.min !== undefined && growth.max !== undefined && growth.min > growth.max) check.problem(`${path}.grow.${metric}`, `has min ${growth.min} above max ${growth.max}`);
			if (metric !== 'replicas') continue;
			for (const [part, value] of Object.entries(growth)) {
				if (!Number.isInteger(value)) check.problem(`${path}.grow.replicas.${part}`, `is ${value}; replicas are whole numbers`);
			}
		}
		(drift.thresholds ?? []).forEach(({above, below}, t) => {
			if (above === undefined && below === undefined) check.problem(`${path}.thresholds.${t}`, 'needs above or below');
		});
	});
	(file.injects ?? []).forEach((inject, i) => {
		if (inject.at_step === undefined && inject.when === undefined) check.problem(`injects.${i}`, 'needs at_step or when (or both)');
		check.condition(`injects.${i}.when`, inject.when);
		check.happening(`injects.${i}.then`, inject.then);
	});

	for (const [role, plan] of Object.entries(file.solution)) {
		(Array.isArray(plan) ? plan : [plan]).forEach((action, i) => {
			const path = Array.isArray(plan) ? `solution.${role}.${i}` : `solution.${role}`;
			check.target(`${path}.target`, action.action_type, action.target);
			const needed = STEP_NEEDS[action.action_type]?.(action) ?? null;
			if (needed !== null) check.problem(`${path}.${needed.path}`, needed.message);
			const agent = action.args?.agent_name;
			if (action.action_type === 'flag_rogue' && action.target === undefined && agent !== undefined) check.agent(`${path}.args.agent_name`, agent);
			const owner = ACTION_OWNER[action.action_type];
			if (owner !== undefined && owner !== role) check.problem(`${path}.action_type`, `is ${action.action_type}, which only ${owner} can take`);
			const cause = action.args?.failure_type;
			if (cause !== undefined && !file.root_causes.includes(cause)) check.problem(`${path}.args.failure_type`, `is ${JSON.stringify(cause)}, not one of root_causes`);
			const to = action.args?.to;
			if (to !== undefined && to !== 'all' && !(ROLES as readonly string[]).includes(to)) check.problem(`${path}.args.to`, `is ${JSON.stringify(to)}; expected all or one of ${ROLES.join(', ')}`);
		});
	}
	if (Object.keys(file.solution).length === 0) check.problem('solution', 'must give the oracle at least one role to play');
	(file.trainer.notes ?? []).forEach((note, i) => check.match(`trainer.notes.${i}`, note));

	// A fix that asks for a health its service can never have can never resolve the incident.
	const reachable = reachableHealths(file, check.services);
	file.rules.resolved_by.forEach((rule, i) => {
		for (const [service, wanted] of Object.entries(rule.when?.health ?? {})) {
			const healths: readonly Health[] = typeof wanted === 'string' ? [wanted] : wanted;
			const can = reachable.get(service);
			if (can !== undefined && !healths.some(health => can.has(health))) {
				check.problem(`rules.resolved_by.${i}.when.health.${service}`, `is unreachable: ${service} can only be ${HEALTHS.filter(h => can.has(h)).join(' or ')}`);
			}
		}
		// Without rules.beneficial, this rule is also the beneficial one, judged before the repair: asking there for the
		// target's own repaired health means the repair never happens, so the fix never holds.
		const health = rule.when?.health ?? {};
		if (!hasBeneficial && SERVICE_ACTIONS.has(rule.action) && rule.target !== undefined && Object.hasOwn(health, rule.target)) {
			check.problem(
				`rules.resolved_by.${i}.when.health.${rule.target}`,
				`asks for the health of the service this ${rule.action} repairs; with no rules.beneficial it is also judged before the repair, so it never holds: give rules.beneficial`,
			);
		}
	});
	return check.problems;
}
