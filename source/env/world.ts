// The mutable ground truth of one episode and the few operations every rule uses on it.
import {AppendOnly} from './append-only.js';
import {FAILURE_INJECTIONS} from './failures.js';
import type {PythonRandom} from './rng.js';
import type {Alert, FleetAction, FleetRecord, LogLevel, LogLine, LogRecord, Scenario, ServiceMetrics, Services} from './types.js';
import {FAILURE_TYPES, type FailureType, type MonitoredService, type Role} from './vocabulary.js';

export type World = {
	readonly scenario: Scenario;
	readonly episodeId: string;
	readonly rng: PythonRandom;
	stepCount: number;
	misleadingLogCount: number;
	/** Replaced, never mutated: observations hold on to the objects they were given. */
	services: Services;
	readonly logs: LogRecord[];
	/** The same lines as `logs` without the red-herring flag, made once so that views only take the last few. */
	readonly publicLogs: AppendOnly<LogLine>;
	readonly alerts: readonly Alert[];
	readonly fleetActions: readonly FleetRecord[];
	readonly publicFleetActions: readonly FleetAction[];
	readonly chat: AppendOnly<string>;
	readonly privateChat: Record<Role, AppendOnly<string>>;
	resolved: boolean;
	wrongFixes: number;
	miscommunications: number;
	readonly oversightFlags: AppendOnly<string>;
	declaredRootCause: string | null;
	declaredRootCauseStep: number | null;
	cumulativeReward: number;
};

const HEALTHY_BASELINE: ServiceMetrics = Object.freeze({
	cpu_pct: 22,
	memory_mb: 340,
	latency_ms: 45,
	error_rate: 0.01,
	replicas: 1,
	health: 'healthy',
});

const RED_HERRINGS: ReadonlyArray<readonly [string, LogLevel, string]> = [
	['auth', 'INFO', 'routine token rotation completed'],
	['notifications', 'WARN', 'email provider retry-after=2s'],
	['db', 'INFO', 'vacuum completed, reclaimed 18MB'],
	['payments', 'WARN', 'p95 brush with 250ms budget (non-breach)'],
];

/** The services with one service's metrics changed; the old objects stay as they were for whoever holds them. */
function withService(services: Services, name: MonitoredService, changes: Partial<ServiceMetrics>): Services {
	// Spelled out rather than spread: every metrics and services object keeps one shape, which keeps the step loop fast.
	const {auth, payments, notifications, db} = services;
	const old = services[name];
	const next: ServiceMetrics = {
		cpu_pct: changes.cpu_pct ?? old.cpu_pct,
		memory_mb: changes.memory_mb ?? old.memory_mb,
		latency_ms: changes.latency_ms ?? old.latency_ms,
		error_rate: changes.error_rate ?? old.error_rate,
		replicas: changes.replicas ?? old.replicas,
		health: changes.health ?? old.health,
	};
	return {
		auth: name === 'auth' ? next : auth,
		payments: name === 'payments' ? next : payments,
		notifications: name === 'notifications' ? next : notifications,
		db: name === 'db' ? next : db,
	};
}

export function updateService(world: World, name: MonitoredService, changes: Partial<ServiceMetrics>): void {
	world.services = withService(world.services, name, changes);
}

export function appendLog(world: World, service: string, level: LogLevel, message: string, isRedHerring = false): void {
	const timestamp = world.stepCount;
	world.publicLogs.push({timestamp, service, level, message});
	world.logs.push({timestamp, service, level, message, is_red_herring: isRedHerring});
}


/** Shared by every episode: services are replaced, never mutated. */
const INITIAL_SERVICES: Services = Object.freeze({
	auth: Object.freeze({...HEALTHY_BASELINE, replicas: 3}),
	payments: Object.freeze({...HEALTHY_BASELINE, replicas: 4}),
	notifications: Object.freeze({...HEALTHY_BASELINE, replicas: 2}),
	db: Object.freeze({...HEALTHY_BASELINE, replicas: 1}),
});

/** What a failure looks like at step 0, the same for every episode of that failure: made once, shared frozen. */
type StartingPoint = {
	readonly services: Services;
	readonly logs: readonly LogRecord[];
	readonly publicLogs: readonly LogLine[];
	readonly alerts: readonly Alert[];
	readonly fleetActions: readonly FleetRecord[];
	readonly publicFleetActions: readonly FleetAction[];
};

function startingPoint(failure: FailureType): StartingPoint {
	const injection = FAILURE_INJECTIONS[failure];
	let services = INITIAL_SERVICES;
	for (const [name, changes] of Object.entries(injection.services) as Array<[MonitoredService, Partial<ServiceMetrics>]>) {
		services = withService(services, name, changes);
	}
	const fleetActions = injection.fleet.map(f => Object.freeze({...f, step: 0}));
	return {
		...deepFreeze({
			services,
			alerts: [{...injection.alert, triggered_at_step: 0}],
			fleetActions: fleetActions.map(f => ({...f, was_malicious: true})),
			publicFleetActions: fleetActions,
		}),
		// Each episode copies these two; V8 copies a frozen array on a slow path, so only their lines are frozen.
		logs: injection.logs.map(([service, level, message]) =>
			Object.freeze({timestamp: 0, service, level, message, is_red_herring: false}),
		),
		publicLogs: injection.logs.map(([service, level, message]) => Object.freeze({timestamp: 0, service, level, message})),
	};
}

function deepFreeze<T>(value: T): T {
	if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
		for (const child of Object.values(value)) deepFreeze(child);
		Object.freeze(value);
	}
	return value;
}

const STARTING_POINTS = Object.fromEntries(FAILURE_TYPES.map(failure => [failure, startingPoint(failure)])) as Record<
	FailureType,
	StartingPoint
>;

/** Reset steps 1–4 (§4): a fresh world with the scenario's failure injected; `rng` is seeded with the scenario's seed. */
export function createWorld(scenario: Scenario, episodeId: string, rng: PythonRandom): World {
	const start = STARTING_POINTS[scenario.failure_type];
	const world: World = {
		scenario,
		episodeId,
		rng,
		stepCount: 0,
		misleadingLogCount: 0,
		services: start.services,
		logs: start.logs.slice(),
		publicLogs: new AppendOnly(start.publicLogs),
		alerts: start.alerts,
		fleetActions: start.fleetActions,
		publicFleetActions: start.publicFleetActions,
		chat: new AppendOnly(),
		privateChat: {sre: new AppendOnly(), dev: new AppendOnly(), manager: new AppendOnly(), oversight: new AppendOnly()},
		resolved: false,
		wrongFixes: 0,
		miscommunications: 0,
		oversightFlags: new AppendOnly(),
		declaredRootCause: null,
		declaredRootCauseStep: null,
		cumulativeReward: 0,
	};
	if (scenario.inject_misleading_logs) {
		for (let i = 0; i < 3; i++) {
			const [service, level, message] = rng.choice(RED_HERRINGS);
			appendLog(world, service, level, message, true);
			world.misleadingLogCount++;
		}
	}
	return world;
}
