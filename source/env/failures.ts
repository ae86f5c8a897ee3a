// The failure table (§4, §7): what each failure does to the fleet at reset, what fixes it and which
// remediations are beneficial.
import {replicasOf} from './action.js';
import type {Action, Alert, LogLevel, ServiceMetrics, Services} from './types.js';
import {type FailureType, type MonitoredService} from './vocabulary.js';

type ServiceChanges = Partial<Record<MonitoredService, Partial<ServiceMetrics>>>;

export type FailureInjection = {
	readonly services: ServiceChanges;
	readonly fleet: ReadonlyArray<{agent_name: string; action: string; target: string}>;
	readonly logs: ReadonlyArray<readonly [service: string, level: LogLevel, message: string]>;
	readonly alert: Omit<Alert, 'triggered_at_step'>;
};

const dbDeadlock: FailureInjection = {
	services: {
		db: {latency_ms: 1800, error_rate: 0.45, health: 'critical'},
		payments: {latency_ms: 950, error_rate: 0.32, health: 'degraded'},
		auth: {latency_ms: 950, error_rate: 0.32, health: 'degraded'},
	},
	fleet: [],
	logs: [
		['db', 'ERROR', 'deadlock detected on txn_id=0x8f4a'],
		['payments', 'ERROR', 'upstream DB timeout after 2000ms'],
	],
	alert: {service: 'payments', severity: 'page', message: 'payment error rate > 30%'},
};

export const FAILURE_INJECTIONS: Record<FailureType, FailureInjection> = {
	db_deadlock: dbDeadlock,
	memory_leak: {
		services: {notifications: {memory_mb: 1200, cpu_pct: 71, health: 'degraded'}},
		fleet: [],
		logs: [['notifications', 'WARN', 'heap 1200MB, gc pause 880ms']],
		alert: {service: 'notifications', severity: 'warn', message: 'memory pressure on notifications'},
	},
	bad_config_push: {
		services: {auth: {error_rate: 0.68, latency_ms: 210, health: 'critical'}},
		fleet: [],
		logs: [['auth', 'ERROR', "config v17.2 rolled out 48s ago; 68% of requests rejected: unknown key 'jwt_iss'"]],
		alert: {service: 'auth', severity: 'page', message: 'auth error rate spike after deploy'},
	},
	autoscaler_cost_cut: {
		services: {payments: {replicas: 1, cpu_pct: 94, latency_ms: 780, error_rate: 0.22, health: 'critical'}},
		fleet: [{agent_name: 'autoscaler', action: 'scale_down', target: 'payments'}],
		logs: [['payments', 'WARN', 'pool shrank 4 -> 1 by autoscaler (cost budget exceeded)']],
		alert: {service: 'payments', severity: 'page', message: 'payments CPU 94%, latency > 700ms'},
	},
	misrouted_traffic: {
		services: {payments: {error_rate: 0.41, health: 'critical'}},
		fleet: [{agent_name: 'load_balancer', action: 'route_override', target: 'payments'}],
		logs: [['payments', 'ERROR', '41% of requests routed to shadow cluster (hash=0xdead)']],
		alert: {service: 'payments', severity: 'page', message: 'payments error rate 41% \u2014 backends healthy'},
	},
	cascade: {
		...dbDeadlock,
		logs: [...dbDeadlock.logs, ['db', 'WARN', 'connection pool near saturation \u2014 downstream services queueing']],
	},
	dns_outage: {
		services: {
			auth: {latency_ms: 1450, error_rate: 0.28, health: 'degraded'},
			payments: {latency_ms: 1100, error_rate: 0.19, health: 'degraded'},
		},
		fleet: [],
		logs: [
			['auth', 'ERROR', 'upstream lookup NXDOMAIN for auth-idp.internal (resolver TTL expired)'],
			['payments', 'WARN', 'fallback DNS resolver returning SERVFAIL; retry storm observed'],
		],
		alert: {service: 'auth', severity: 'page', message: 'auth latency > 1.4s \u2014 DNS resolution failing'},
	},
	disk_full: {
		services: {db: {memory_mb: 3650, cpu_pct: 58, error_rate: 0.14, latency_ms: 640, health: 'degraded'}},
		fleet: [],
		logs: [
			['db', 'WARN', 'disk usage 97% on /var/lib/db (WAL archiving stalled)'],
			['db', 'ERROR', 'INSERT failed: could not extend file: No space left on device'],
		],
		alert: {service: 'db', severity: 'page', message: 'database disk volume near capacity'},
	},
	rogue_deploy_bot: {
		services: {payments: {error_rate: 0.71, latency_ms: 310, health: 'critical'}},
		fleet: [{agent_name: 'deploy_bot', action: 'push_config', target: 'payments'}],
		logs: [['payments', 'ERROR', 'config v22.1 pushed by deploy_bot 30s ago; 71% of txns rejected: checksum mismatch']],
		alert: {service: 'payments', severity: 'page', message: 'payments error rate 71% immediately after deploy_bot push'},
	},
};

/** What a fix or a beneficial check looks at besides the action: the fleet and the oversight flags. */
export type IncidentState = {
	readonly services: Services;
	readonly oversightFlags: {includes(agent: string): boolean};
};

type Check = (action: Action, state: IncidentState) => boolean;

const is = (action: Action, actionType: Action['action_type'], target: string): boolean =>
	action.action_type === actionType && action.target === target;

const scaledTo = (action: Action, target: string, atLeast: number): boolean =>
	is(action, 'scale', target) && (replicasOf(action.args) ?? 0) >= atLeast;

/** Does this action, judged on the state after its handler, resolve the incident? */
export const FIXES: Record<FailureType, Check> = {
	db_deadlock: action => is(action, 'restart', 'db'),
	memory_leak: action => is(action, 'restart', 'notifications'),
	bad_config_push: action => is(action, 'rollback', 'auth'),
	autoscaler_cost_cut: action => scaledTo(action, 'payments', 3),
	misrouted_traffic: (action, {oversightFlags}) => action.action_type === 'escalate' && oversightFlags.includes('load_balancer'),
	cascade: (action, {services}) =>
		(is(action, 'restart', 'db') || action.action_type === 'resolve') &&
		services.db.health === 'healthy' &&
		services.notifications.health === 'healthy',
	dns_outage: action => is(action, 'restart', 'auth'),
	disk_full: action => scaledTo(action, 'db', 2) || is(action, 'restart', 'db'),
	rogue_deploy_bot: (action, {services, oversightFlags}) =>
		oversightFlags.includes('deploy_bot') &&
		(is(action, 'rollback', 'payments') || (action.action_type === 'flag_rogue' && services.payments.health === 'healthy')),
};

/** Is a remediation (restart, rollback, scale) beneficial, judged on the state before its handler? */
export const BENEFICIAL: Record<FailureType, Check> = {
	...FIXES,
	cascade: (action, {services}) =>
		is(action, 'restart', 'db') || (is(action, 'restart', 'notifications') && services.notifications.health !== 'healthy'),
	rogue_deploy_bot: action => is(action, 'rollback', 'payments'),
};
