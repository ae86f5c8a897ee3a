// An incident file compiled, once when it is loaded, into the plain tables and functions the step loop calls: services
// by index, rules as closures over indices, nothing looked up by name and nothing parsed per step.
import {replicasOf} from './action.js';
import type {ActionMatch, Condition, Happening, IncidentFile, MetricsChange, Rule, SolutionAction} from './incident-format.js';
import {METRIC_BOUNDS, type Metric} from './incident-limits.js';
import type {Action, Alert, FleetAction, FleetRecord, LogLevel, LogLine, LogRecord, ServiceMetrics, Services} from './types.js';
import type {ActionType, Health, Role} from './vocabulary.js';

/** What the rules read of an episode's world (the World satisfies it). */
export type IncidentWorld = {
	readonly serviceList: readonly ServiceMetrics[];
	readonly oversightFlags: {includes(agent: string): boolean};
	readonly declaredRootCause: string | null;
	readonly stepCount: number;
};

type Predicate = (world: IncidentWorld) => boolean;
type Matcher = (action: Action, world: IncidentWorld) => boolean;

/** New values for some metrics of the service at `index`. */
export type ServiceChange = readonly [index: number, changes: Partial<ServiceMetrics>];

/** A happening with its service names turned into indices. */
export type CompiledHappening = {
	readonly metrics: readonly ServiceChange[];
	readonly logs: ReadonlyArray<readonly [service: string, level: LogLevel, message: string]>;
	readonly alerts: ReadonlyArray<Omit<Alert, 'triggered_at_step'>>;
	readonly chat: readonly string[];
	readonly fleetActions: ReadonlyArray<{readonly agent_name: string; readonly action: string; readonly target: string; readonly malicious: boolean}>;
};

export type BeneficialRule = {
	readonly matches: Matcher;
	/** What it does instead of the action's default repair, or null for the default. */
	readonly effect: readonly ServiceChange[] | null;
};

export type SecondaryFailure = {
	readonly after: ReadonlySet<ActionType>;
	readonly when: Predicate;
	readonly then: CompiledHappening;
};

/** One service's drift: its metrics a step later, from its metrics now. */
export type Drift = {
	readonly index: number;
	readonly when: Predicate;
	readonly next: (metrics: ServiceMetrics) => ServiceMetrics;
};

export type Inject = {
	readonly atStep: number;
	readonly when: Predicate;
	readonly then: CompiledHappening;
};

/** The world at step 0, the same for every episode of the incident: made once, shared frozen. */
export type StartingPoint = {
	readonly services: Services;
	readonly serviceList: readonly ServiceMetrics[];
	readonly logs: readonly LogRecord[];
	readonly publicLogs: readonly LogLine[];
	readonly alerts: readonly Alert[];
	readonly fleetActions: readonly FleetRecord[];
	readonly publicFleetActions: readonly FleetAction[];
	readonly chat: readonly string[];
};

export type Incident = {
	readonly name: string;
	/** The file as it was read: its text, trainer material and all. */
	readonly file: IncidentFile;
	readonly serviceNames: readonly string[];
	readonly serviceIndex: ReadonlyMap<string, number>;
	/** The services object, by name in the incident's order, of metrics listed by index. */
	readonly servicesOf: ServicesBuilder;
	readonly baselines: readonly ServiceMetrics[];
	/** For each service, the services that depend on it. */
	readonly dependents: ReadonlyArray<readonly number[]>;
	readonly fleetAgents: readonly string[];
	readonly rogueAgent: string | null;
	readonly rootCauses: readonly string[];
	readonly start: StartingPoint;
	readonly redHerrings: {readonly draw: number; readonly logs: ReadonlyArray<readonly [string, LogLevel, string]>};
	/** Does the action resolve it, judged on the state after its handler: any resolved_by rule, as one closure. */
	readonly resolves: Matcher;
	/** The first beneficial rule the action matches, judged on the state before its handler, or null. */
	readonly beneficialRule: (action: Action, world: IncidentWorld) => BeneficialRule | null;
	readonly secondaryFailures: readonly SecondaryFailure[];
	readonly drift: readonly Drift[];
	readonly injects: readonly Inject[];
	/** Whether anything happens after an unresolved step: any drift or inject. */
	readonly ticks: boolean;
	/** The oracle's plan: per role, the actions it takes in order, the last repeating. */
	readonly solution: Readonly<Partial<Record<Role, readonly SolutionAction[]>>>;
};

/** The reference's system (§4): what an incident that does not describe its own runs on. */
export const REFERENCE_SYSTEM: NonNullable<IncidentFile['system']> = {
	services: {
		auth: {replicas: 3, depends_on: ['db']},
		payments: {replicas: 4, depends_on: ['db']},
		notifications: {replicas: 2},
		db: {replicas: 1},
	},
	fleet_agents: ['autoscaler', 'load_balancer', 'deploy_bot'],
};

/** A healthy service's metrics where the file gives none (§4). */
const DEFAULT_BASELINE = {cpu_pct: 22, memory_mb: 340, latency_ms: 45, error_rate: 0.01} as const;

/** The metrics a beneficial scale leaves, and those a restart of its dependency leaves a dependent with (§6). */
export const SCALED: Partial<ServiceMetrics> = Object.freeze({cpu_pct: 30, latency_ms: 55, error_rate: 0.01, health: 'healthy'});
export const DEPENDENT_RESTORED: Partial<ServiceMetrics> = Object.freeze({latency_ms: 55, error_rate: 0.01, health: 'healthy'});

const ALWAYS: Predicate = () => true;

/** Reads of one metric, by a property named in the code: a table rather than `metrics[name]` in the step loop. */
const READ: Record<Metric, (metrics: ServiceMetrics) => number> = {
	cpu_pct: metrics => metrics.cpu_pct,
	memory_mb: metrics => metrics.memory_mb,
	latency_ms: metrics => metrics.latency_ms,
	error_rate: metrics => metrics.error_rate,
	replicas: metrics => metrics.replicas,
};

type Scratch = {cpu_pct: number; memory_mb: number; latency_ms: number; error_rate: number; replicas: number; health: Health};

const GROW: Record<Metric, (by: number, min: number, max: number) => (metrics: Scratch) => void> = {
	cpu_pct: (by, min, max) => m => void (m.cpu_pct = Math.max(min, Math.min(max, m.cpu_pct + by))),
	memory_mb: (by, min, max) => m => void (m.memory_mb = Math.max(min, Math.min(max, m.memory_mb + by))),
	latency_ms: (by, min, max) => m => void (m.latency_ms = Math.max(min, Math.min(max, m.latency_ms + by))),
	error_rate: (by, min, max) => m => void (m.error_rate = Math.max(min, Math.min(max, m.error_rate + by))),
	replicas: (by, min, max) => m => void (m.replicas = Math.max(min, Math.min(max, m.replicas + by))),
};

const crosses = (value: number, above: number | undefined, below: number | undefined): boolean =>
	(above === undefined || value > above) && (below === undefined || value < below);

/**
 * Does an action fit the match: its type, and the target, role and replicas where the match names them? One closure
 * that tests only what the match names (most name a type and a target): rules use it in the step loop, the trainer's
 * notes after the episode.
 */
export function actionMatcher(match: ActionMatch): (action: Action) => boolean {
	const {action: type, target, replicas, by} = match;
	const isAction = (action: Action): boolean =>
		action.action_type === type && (target === undefined || action.target === target) && (by === undefined || action.role === by);
	if (replicas === undefined) return isAction;
	const min = replicas.min ?? -Infinity;
	const max = replicas.max ?? Infinity;
	return action => {
		if (!isAction(action)) return false;
		// A missing count reads as 0, as scale reads it (§6).
		const asked = replicasOf(action.args) ?? 0;
		return asked >= min && asked <= max;
	};
}

/** Compiles incident files whose names all resolve; incidentProblems says what is wrong with one that does not. */
class Compiler {
	readonly serviceNames: readonly string[];
	readonly serviceIndex: ReadonlyMap<string, number>;

	constructor(
		readonly file: IncidentFile,
		system: NonNullable<IncidentFile['system']>,
	) {
		this.serviceNames = Object.keys(system.services);
		this.serviceIndex = new Map(this.serviceNames.map((name, index) => [name, index]));
	}

	index(service: string): number {
		const index = this.serviceIndex.get(service);
		if (index === undefined) throw new RangeError(`unknown service ${service}`);
		return index;
	}

	changes(changes: Readonly<Record<string, MetricsChange>> | undefined): ServiceChange[] {
		return Object.entries(changes ?? {}).map(([service, change]) => [this.index(service), Object.freeze({...change})] as const);
	}

	condition(condition: Condition | undefined): Predicate {
		if (condition === undefined) return ALWAYS;
		const parts: Predicate[] = [];
		for (const [service, wanted] of Object.entries(condition.health ?? {})) {
			const index = this.index(service);
			if (typeof wanted === 'string') parts.push(world => world.serviceList[index]!.health === wanted);
			else parts.push(world => wanted.includes(world.serviceList[index]!.health));
		}
		for (const agent of condition.flagged ?? []) parts.push(world => world.oversightFlags.includes(agent));
		for (const {service, metric, above, below} of condition.metrics ?? []) {
			const index = this.index(service);
			const read = READ[metric];
			parts.push(world => crosses(read(world.serviceList[index]!), above, below));
		}
		if (condition.root_cause_declared !== undefined) {
			const wanted = condition.root_cause_declared;
			const name = this.file.name;
			parts.push(world => (world.declaredRootCause === name) === wanted);
		}
		if (parts.length === 0) return ALWAYS;
		if (parts.length === 1) return parts[0]!;
		return world => parts.every(part => part(world));
	}

	/** The rule as one closure: the action it names, and its condition if it has one. */
	matcher(rule: Rule): Matcher {
		const fits = actionMatcher(rule);
		const when = this.condition(rule.when);
		return when === ALWAYS ? fits : (action, world) => fits(action) && when(world);
	}

	happening(happening: Happening | undefined): CompiledHappening {
		const rogue = this.file.rogue_agent;
		return deepFreeze({
			metrics: this.changes(happening?.metrics),
			logs: (happening?.logs ?? []).map(({service, level, message}) => [service, level, message] as const),
			alerts: (happening?.alerts ?? []).map(alert => ({...alert})),
			chat: [...(happening?.chat ?? [])],
			fleetActions: (happening?.fleet_actions ?? []).map(({agent, action, target, malicious}) => ({
				agent_name: agent,
				action,
				target,
				malicious: malicious ?? agent === rogue,
			})),
		});
	}

	drift(drift: NonNullable<IncidentFile['rules']['drift']>[number]): Drift {
		// A metric drifts within its own range too (replicas never below 0, an error rate never above 1), whatever the bounds say.
		const grows = Object.entries(drift.grow ?? {}).map(([metric, {by, min, max}]) => {
			const range = METRIC_BOUNDS[metric as Metric];
			const within = (value: number) => Math.max(range.min, Math.min(range.max, value));
			return GROW[metric as Metric](by, within(min ?? range.min), within(max ?? range.max));
		});
		const thresholds = (drift.thresholds ?? []).map(({metric, above, below, health}) => ({read: READ[metric], above, below, health}));
		return {
			index: this.index(drift.service),
			when: this.condition(drift.when),
			next(metrics) {
				// The growth reads the metrics as they were; the thresholds read them grown (§8).
				const next: Scratch = {
					cpu_pct: metrics.cpu_pct,
					memory_mb: metrics.memory_mb,
					latency_ms: metrics.latency_ms,
					error_rate: metrics.error_rate,
					replicas: metrics.replicas,
					health: metrics.health,
				};
				for (const grow of grows) grow(next);
				for (const {read, above, below, health} of thresholds) {
					if (crosses(read(next), above, below)) {
						next.health = health;
						break;
					}
				}
				return next;
			},
		};
	}
}

// Most incidents have one or two rules of a kind: a single rule is called directly, not looped over.
function anyOf(matchers: readonly Matcher[]): Matcher {
	if (matchers.length === 1) return matchers[0]!;
	return (action, world) => {
		for (const matches of matchers) if (matches(action, world)) return true;
		return false;
	};
}

function firstOf(rules: readonly BeneficialRule[]): Incident['beneficialRule'] {
	if (rules.length === 1) {
		const [rule] = rules as [BeneficialRule];
		return (action, world) => (rule.matches(action, world) ? rule : null);
	}
	return (action, world) => {
		for (const rule of rules) if (rule.matches(action, world)) return rule;
		return null;
	};
}

function deepFreeze<T>(value: T): T {
	if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
		for (const child of Object.values(value)) deepFreeze(child);
		Object.freeze(value);
	}
	return value;
}

type ServicesBuilder = (list: readonly ServiceMetrics[]) => Services;

/** What a service name is (incident-format.ts's identifier): the only text that goes into the builder below. */
const SERVICE_NAME = /^[a-z][a-z0-9_]*$/;

/**
 * A builder of the services object for these names, made once per incident. Every view hands out this object, and it
 * is remade whenever a service changes, so it must be quick to make: an object literal with the incident's own keys,
 * made here as the one function built from text, is about five times quicker than storing the keys one by one, and
 * stays quick when incidents with different services share a process. Only the service names go into the text, each
 * checked to be an identifier and quoted as JSON; nothing else from the file does.
 */
function servicesBuilder(names: readonly string[]): ServicesBuilder {
	for (const name of names) if (!SERVICE_NAME.test(name)) throw new RangeError(`not a service name: ${JSON.stringify(name)}`);
	const entries = names.map((name, index) => `${JSON.stringify(name)}: list[${index}]`).join(', ');
	return new Function('list', `return {${entries}};`) as ServicesBuilder;
}

export const withChanges = (metrics: ServiceMetrics, changes: Partial<ServiceMetrics>): ServiceMetrics => ({
	cpu_pct: changes.cpu_pct ?? metrics.cpu_pct,
	memory_mb: changes.memory_mb ?? metrics.memory_mb,
	latency_ms: changes.latency_ms ?? metrics.latency_ms,
	error_rate: changes.error_rate ?? metrics.error_rate,
	replicas: changes.replicas ?? metrics.replicas,
	health: changes.health ?? metrics.health,
});

function startingPoint(servicesOf: ServicesBuilder, baselines: readonly ServiceMetrics[], start: CompiledHappening): StartingPoint {
	const list = baselines.slice();
	for (const [index, changes] of start.metrics) list[index] = withChanges(list[index]!, changes);
	const fleetActions = start.fleetActions.map(({agent_name, action, target}) => ({agent_name, action, target, step: 0}));
	return {
		...deepFreeze({
			services: servicesOf(list),
			alerts: start.alerts.map(alert => ({...alert, triggered_at_step: 0})),
			fleetActions: start.fleetActions.map(({malicious, ...rest}) => ({...rest, step: 0, was_malicious: malicious})),
			publicFleetActions: fleetActions,
			chat: start.chat,
		}),
		// Not frozen: every episode copies it, and V8 copies a frozen array on a slow path.
		serviceList: list,
		// Each episode copies these two; V8 copies a frozen array on a slow path, so only their lines are frozen.
		logs: start.logs.map(([service, level, message]) => Object.freeze({timestamp: 0, service, level, message, is_red_herring: false})),
		publicLogs: start.logs.map(([service, level, message]) => Object.freeze({timestamp: 0, service, level, message})),
	};
}

/**
 * The incident a valid file describes, ready to play. The file must have passed incidentProblems: a name that does
 * not resolve here is a bug and throws.
 */
export function compileIncident(file: IncidentFile): Incident {
	const system = file.system ?? REFERENCE_SYSTEM;
	const compiler = new Compiler(file, system);
	const baselines = compiler.serviceNames.map(name => {
		const service = system.services[name]!;
		return Object.freeze({
			cpu_pct: service.cpu_pct ?? DEFAULT_BASELINE.cpu_pct,
			memory_mb: service.memory_mb ?? DEFAULT_BASELINE.memory_mb,
			latency_ms: service.latency_ms ?? DEFAULT_BASELINE.latency_ms,
			error_rate: service.error_rate ?? DEFAULT_BASELINE.error_rate,
			replicas: service.replicas,
			health: 'healthy' as Health,
		});
	});
	const dependents = compiler.serviceNames.map(name =>
		compiler.serviceNames.flatMap((other, index) => ((system.services[other]!.depends_on ?? []).includes(name) ? [index] : [])),
	);
	const {red_herrings: redHerrings, ...start} = file.start;
	const rules = file.rules;
	const servicesOf = servicesBuilder(compiler.serviceNames);
	return {
		name: file.name,
		file,
		serviceNames: compiler.serviceNames,
		serviceIndex: compiler.serviceIndex,
		servicesOf,
		baselines,
		dependents,
		fleetAgents: system.fleet_agents,
		rogueAgent: file.rogue_agent,
		rootCauses: file.root_causes,
		start: startingPoint(servicesOf, baselines, compiler.happening(start)),
		redHerrings: {
			draw: redHerrings?.draw ?? 0,
			logs: (redHerrings?.logs ?? []).map(({service, level, message}) => [service, level, message] as const),
		},
		resolves: anyOf(rules.resolved_by.map(rule => compiler.matcher(rule))),
		beneficialRule: firstOf(
			(rules.beneficial ?? rules.resolved_by).map(rule => ({
				matches: compiler.matcher(rule),
				effect: rule.effect === undefined ? null : compiler.changes(rule.effect),
			})),
		),
		secondaryFailures: (rules.secondary_failures ?? []).map(failure => ({
			after: new Set(failure.after),
			when: compiler.condition(failure.when),
			then: compiler.happening(failure.then),
		})),
		drift: (rules.drift ?? []).map(drift => compiler.drift(drift)),
		ticks: (rules.drift ?? []).length + (file.injects ?? []).length > 0,
		injects: (file.injects ?? []).map(inject => ({
			atStep: inject.at_step ?? 0,
			when: compiler.condition(inject.when),
			then: compiler.happening(inject.then),
		})),
		solution: Object.fromEntries(
			Object.entries(file.solution).map(([role, plan]) => [role, Array.isArray(plan) ? plan : [plan]]),
		),
	};
}
