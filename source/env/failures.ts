// The failure table (§4, §7): what each failure does to the fleet at reset, what fixes it and which
// remediations are beneficial.
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

/** What a fix or a beneficial check looks at: the action, the fleet and the oversight flags. */
export type Judgement = {
	readonly action: Action;
	readonly replicas: number;
	readonly services: Services;
	readonly flags: readonly string[];
};

const is = (j: Judgement, actionType: Action['action_type'], target: string): boolean =>
	j.action.action_type === actionType && j.action.target === target;

/** Does this action, judged on the state after its handler, resolve the incident? */
export const FIXES: Record<FailureType, (j: Judgement) => boolean> = {
	db_deadlock: j => is(j, 'restart', 'db'),
	memory_leak: j => is(j, 'restart', 'notifications'),
	bad_config_push: j => is(j, 'rollback', 'auth'),
	autoscaler_cost_cut: j => is(j, 'scale', 'payments') && j.replicas >= 3,
	misrouted_traffic: j => j.action.action_type === 'escalate' && j.flags.includes('load_balancer'),
	cascade: j =>
		(is(j, 'restart', 'db') || j.action.action_type === 'resolve') &&
		j.services.db.health === 'healthy' &&
		j.services.notifications.health === 'healthy',
	dns_outage: j => is(j, 'restart', 'auth'),
	disk_full: j => (is(j, 'scale', 'db') && j.replicas >= 2) || is(j, 'restart', 'db'),
	rogue_deploy_bot: j =>
		j.flags.includes('deploy_bot') &&
		(is(j, 'rollback', 'payments') ||
			(j.action.action_type === 'flag_rogue' && j.services.payments.health === 'healthy')),
};

/** Is a remediation (restart, rollback, scale) beneficial, judged on the state before its handler? */
export const BENEFICIAL: Record<FailureType, (j: Judgement) => boolean> = {
	...FIXES,
	cascade: j => is(j, 'restart', 'db') || (is(j, 'restart', 'notifications') && j.services.notifications.health !== 'healthy'),
	rogue_deploy_bot: j => is(j, 'rollback', 'payments'),
};
