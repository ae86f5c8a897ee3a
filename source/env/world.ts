// The mutable ground truth of one episode and the few operations every rule uses on it.
import {FAILURE_INJECTIONS} from './failures.js';
import {PythonRandom} from './rng.js';
import type {Alert, FleetAction, FleetRecord, LogLevel, LogLine, LogRecord, Scenario, ServiceMetrics, Services} from './types.js';
import {type MonitoredService, type Role, ROLES} from './vocabulary.js';

export type World = {
	readonly scenario: Scenario;
	readonly episodeId: string;
	readonly rng: PythonRandom;
	stepCount: number;
	misleadingLogCount: number;
	/** Replaced, never mutated: observations hold on to the objects they were given. */
	services: Services;
	readonly logs: LogRecord[];
	/** The same lines as `logs` without the red-herring flag, made once so that views only slice. */
	readonly publicLogs: LogLine[];
	readonly alerts: readonly Alert[];
	readonly fleetActions: readonly FleetRecord[];
	readonly publicFleetActions: readonly FleetAction[];
	readonly chat: string[];
	readonly privateChat: Record<Role, string[]>;
	resolved: boolean;
	wrongFixes: number;
	miscommunications: number;
	readonly oversightFlags: string[];
	declaredRootCause: string | null;
	declaredRootCauseStep: number | null;
	cumulativeReward: number;
};

export const HEALTHY_BASELINE: ServiceMetrics = Object.freeze({
	cpu_pct: 22,
	memory_mb: 340,
	latency_ms: 45,
	error_rate: 0.01,
	replicas: 1,
	health: 'healthy',
});

const INITIAL_REPLICAS: Record<MonitoredService, number> = {auth: 3, payments: 4, notifications: 2, db: 1};

const RED_HERRINGS: ReadonlyArray<readonly [string, LogLevel, string]> = [
	['auth', 'INFO', 'routine token rotation completed'],
	['notifications', 'WARN', 'email provider retry-after=2s'],
	['db', 'INFO', 'vacuum completed, reclaimed 18MB'],
	['payments', 'WARN', 'p95 brush with 250ms budget (non-breach)'],
];

export function updateService(world: World, name: MonitoredService, changes: Partial<ServiceMetrics>): void {
	world.services = Object.freeze({...world.services, [name]: Object.freeze({...world.services[name], ...changes})});
}

export function appendLog(world: World, service: string, level: LogLevel, message: string, isRedHerring = false): void {
	const line: LogLine = Object.freeze({timestamp: world.stepCount, service, level, message});
	world.publicLogs.push(line);
	world.logs.push({...line, is_red_herring: isRedHerring});
}

function initialServices(): Services {
	const services = {} as Record<MonitoredService, ServiceMetrics>;
	for (const [name, replicas] of Object.entries(INITIAL_REPLICAS) as Array<[MonitoredService, number]>) {
		services[name] = Object.freeze({...HEALTHY_BASELINE, replicas});
	}
	return Object.freeze(services);
}

/** Reset steps 1–4 (§4): a fresh world with the scenario's failure injected. */
export function createWorld(scenario: Scenario, episodeId: string): World {
	const injection = FAILURE_INJECTIONS[scenario.failure_type];
	const fleetActions = injection.fleet.map(f => Object.freeze({...f, step: 0, was_malicious: true}));
	const world: World = {
		scenario,
		episodeId,
		rng: new PythonRandom(scenario.seed),
		stepCount: 0,
		misleadingLogCount: 0,
		services: initialServices(),
		logs: [],
		publicLogs: [],
		alerts: Object.freeze([Object.freeze({...injection.alert, triggered_at_step: 0})]),
		fleetActions: Object.freeze(fleetActions),
		publicFleetActions: Object.freeze(
			fleetActions.map(({agent_name, action, target, step}) => Object.freeze({agent_name, action, target, step})),
		),
		chat: [],
		privateChat: Object.fromEntries(ROLES.map(role => [role, []])) as unknown as Record<Role, string[]>,
		resolved: false,
		wrongFixes: 0,
		miscommunications: 0,
		oversightFlags: [],
		declaredRootCause: null,
		declaredRootCauseStep: null,
		cumulativeReward: 0,
	};
	for (const [name, changes] of Object.entries(injection.services) as Array<[MonitoredService, Partial<ServiceMetrics>]>) {
		updateService(world, name, changes);
	}
	for (const [service, level, message] of injection.logs) appendLog(world, service, level, message);
	if (scenario.inject_misleading_logs) {
		for (let i = 0; i < 3; i++) {
			const [service, level, message] = world.rng.choice(RED_HERRINGS);
			appendLog(world, service, level, message, true);
			world.misleadingLogCount++;
		}
	}
	return world;
}
