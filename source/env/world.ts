// The mutable ground truth of one episode and the few operations every rule uses on it.
import {AppendOnly} from './append-only.js';
import {type CompiledHappening, type Incident, withChanges} from './incident.js';
import type {PythonRandom} from './rng.js';
import type {Action, Alert, FleetAction, FleetRecord, LogLevel, LogLine, LogRecord, Scenario, ServiceMetrics, Services} from './types.js';
import type {Role} from './vocabulary.js';

export type World = {
	readonly scenario: Scenario;
	readonly incident: Incident;
	readonly rng: PythonRandom;
	stepCount: number;
	misleadingLogCount: number;
	/** Each service's metrics by index, in the incident's order: what the rules and the recorder read. */
	readonly serviceList: ServiceMetrics[];
	/**
	 * The same metrics by name, as views hand them out (servicesOf); null once a service has changed since it was made.
	 * Replaced, never mutated: observations hold on to the objects they were given.
	 */
	servicesByName: Services | null;
	readonly logs: LogRecord[];
	/** The same lines as `logs` without the red-herring flag, made once so that views only take the last few. */
	readonly publicLogs: AppendOnly<LogLine>;
	/** Replaced, never mutated, when an inject adds to them: views hand these arrays out. */
	alerts: readonly Alert[];
	fleetActions: readonly FleetRecord[];
	publicFleetActions: readonly FleetAction[];
	readonly chat: AppendOnly<string>;
	readonly privateChat: Record<Role, AppendOnly<string>>;
	resolved: boolean;
	wrongFixes: number;
	/** The action of the first step scored as a wrong fix, or null while there is none (what `chaosops lab` tallies). */
	firstWrongFix: Action | null;
	miscommunications: number;
	readonly oversightFlags: AppendOnly<string>;
	declaredRootCause: string | null;
	declaredRootCauseStep: number | null;
	cumulativeReward: number;
	/** Which of the incident's injects have fired, by index (empty for an incident without injects). */
	readonly injectsFired: boolean[];
};

/** The service at `index` with its metrics replaced; the old objects stay as they were for whoever holds them. */
function setService(world: World, index: number, metrics: ServiceMetrics): void {
	world.serviceList[index] = metrics;
	world.servicesByName = null;
}

/** The services by name, made at most once per change however many services a step changed. */
export const servicesOf = (world: World): Services => (world.servicesByName ??= world.incident.servicesOf(world.serviceList));

export function updateService(world: World, index: number, changes: Partial<ServiceMetrics>): void {
	setService(world, index, withChanges(world.serviceList[index]!, changes));
}

function appendLog(world: World, service: string, level: LogLevel, message: string, isRedHerring = false): void {
	const timestamp = world.stepCount;
	world.publicLogs.push({timestamp, service, level, message});
	world.logs.push({timestamp, service, level, message, is_red_herring: isRedHerring});
}

/** A happening (an inject, a secondary failure) takes place now, at the current step. */
export function happen(world: World, happening: CompiledHappening): void {
	const step = world.stepCount;
	for (const [index, changes] of happening.metrics) updateService(world, index, changes);
	for (const [service, level, message] of happening.logs) appendLog(world, service, level, message);
	if (happening.alerts.length > 0) {
		world.alerts = [...world.alerts, ...happening.alerts.map(alert => ({...alert, triggered_at_step: step}))];
	}
	for (const line of happening.chat) world.chat.push(line);
	if (happening.fleetActions.length > 0) {
		const actions = happening.fleetActions.map(({agent_name, action, target}) => ({agent_name, action, target, step}));
		world.publicFleetActions = [...world.publicFleetActions, ...actions];
		world.fleetActions = [
			...world.fleetActions,
			...happening.fleetActions.map(({malicious, ...rest}) => ({...rest, step, was_malicious: malicious})),
		];
	}
}

/** Reset steps 1–4 (§4): a fresh world with the incident injected; `rng` is seeded with the scenario's seed. */
export function createWorld(scenario: Scenario, rng: PythonRandom): World {
	const {incident} = scenario;
	const start = incident.start;
	const world: World = {
		scenario,
		incident,
		rng,
		stepCount: 0,
		misleadingLogCount: 0,
		servicesByName: start.services,
		serviceList: start.serviceList.slice(),
		logs: start.logs.slice(),
		publicLogs: new AppendOnly(start.publicLogs),
		alerts: start.alerts,
		fleetActions: start.fleetActions,
		publicFleetActions: start.publicFleetActions,
		chat: new AppendOnly(start.chat),
		privateChat: {sre: new AppendOnly(), dev: new AppendOnly(), manager: new AppendOnly(), oversight: new AppendOnly()},
		resolved: false,
		wrongFixes: 0,
		firstWrongFix: null,
		miscommunications: 0,
		oversightFlags: new AppendOnly(),
		declaredRootCause: null,
		declaredRootCauseStep: null,
		cumulativeReward: 0,
		injectsFired: incident.injects.length === 0 ? [] : incident.injects.map(() => false),
	};
	if (scenario.inject_misleading_logs) {
		const {draw, logs} = incident.redHerrings;
		for (let i = 0; i < draw; i++) {
			const [service, level, message] = rng.choice(logs);
			appendLog(world, service, level, message, true);
			world.misleadingLogCount++;
		}
	}
	return world;
}

/** The physics tick (§8) and the injects, after a step that left the incident unresolved. */
export function tick(world: World): void {
	const {drift, injects} = world.incident;
	for (let i = 0; i < drift.length; i++) {
		const {index, when, next} = drift[i]!;
		if (when(world)) setService(world, index, next(world.serviceList[index]!));
	}
	for (let i = 0; i < injects.length; i++) {
		const inject = injects[i]!;
		if (world.injectsFired[i] === true || world.stepCount < inject.atStep || !inject.when(world)) continue;
		world.injectsFired[i] = true;
		happen(world, inject.then);
	}
}
