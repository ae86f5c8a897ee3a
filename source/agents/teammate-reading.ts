// What a teammate makes of its own view, as a colleague would: the worst service, the log that points somewhere,
// the fix those suggest, and the fleet actions that look deliberate rather than reactive. It reads the view only,
// never the incident's rules, solution or ground truth; the cues are what an on-call engineer knows in general.
import type {ActionRequest, FleetAction, LogLevel, LogLine, RoleView, ServiceMetrics} from '../env/types.js';
import {HEALTH_RANK} from '../env/vocabulary.js';

const LEVEL_RANK: Record<LogLevel, number> = {INFO: 0, WARN: 1, ERROR: 2, FATAL: 3};

/** A log or alert that says something was just shipped to a service: undoing it is the first thing to try. */
const ROLLOUT_CUE = /\brolled out\b|\brollout\b|\bpush(?:ed)?\b|\bdeploy(?:ed)?\b|\bconfig v?\d/i;

/**
 * Logs and alerts that say restarting would not help or would make it worse: traffic sent elsewhere while the
 * backends are fine, a herd of clients reconnecting at once, a service already crash-looping on its own.
 */
const HANDS_OFF_CUE =
	/\brout(?:ed|ing)\b|\bshadow cluster\b|\bbackends? (?:are |report |look )?healthy\b|\btoo many clients\b|\bconnection attempts\b|\bretrying immediately\b|\ball (?:of them )?at once\b|\bpool exhausted\b|\bcrashloop|\bback-?off\b/i;

/** Fleet actions that change a service on purpose, as opposed to reacting to load (scale_up, promote, rotate). */
const DELIBERATE_FLEET_ACTION = /push|deploy|config|override|rout|scale_down|shrink|delete|drain|disable|revoke/;

/** A service short of capacity: few replicas, running hot. */
const STARVED = (metrics: ServiceMetrics) => metrics.replicas < 3 && metrics.cpu_pct > 80;

const unhealthy = (view: RoleView): Array<[string, ServiceMetrics]> =>
	Object.entries(view.visible_metrics).filter(([, metrics]) => metrics.health !== 'healthy');

const worseThan = (a: ServiceMetrics, b: ServiceMetrics): number =>
	HEALTH_RANK[b.health] - HEALTH_RANK[a.health] || b.error_rate - a.error_rate || b.latency_ms - a.latency_ms;

/** The worst unhealthy service it sees (ties go to the first listed), or null when all it sees is healthy. */
export function worstService(view: RoleView): [string, ServiceMetrics] | null {
	return unhealthy(view).sort(([, a], [, b]) => worseThan(a, b))[0] ?? null;
}

/** Whether it sees metrics at all, and all of them healthy. */
export const allHealthy = (view: RoleView): boolean => Object.keys(view.visible_metrics).length > 0 && unhealthy(view).length === 0;

/** What a service in trouble says about itself: its visible logs and alerts, each a service and a message. */
function signals(view: RoleView): Array<{readonly service: string; readonly message: string}> {
	const sick = (service: string) => view.visible_metrics[service] !== undefined && view.visible_metrics[service]!.health !== 'healthy';
	return [...view.visible_logs, ...view.visible_alerts].filter(signal => sick(signal.service));
}

/** The visible warnings and errors about unhealthy services, most telling first: errors, then the worse service, then the later. */
function rankedLogs(view: RoleView): LogLine[] {
	const metrics = view.visible_metrics;
	const about = view.visible_logs.filter(log => LEVEL_RANK[log.level] > 0 && metrics[log.service] !== undefined && metrics[log.service]!.health !== 'healthy');
	return about
		.map((log, index) => ({log, index}))
		.sort((a, b) => LEVEL_RANK[b.log.level] - LEVEL_RANK[a.log.level] || worseThan(metrics[a.log.service]!, metrics[b.log.service]!) || b.index - a.index)
		.map(({log}) => log);
}

/** The log that points somewhere: the most telling warning or error about an unhealthy service, or null (routine INFO lines point nowhere). */
export const leadingLog = (view: RoleView): LogLine | null => rankedLogs(view)[0] ?? null;

/** Why it will not restart anything on its own: a log or alert about an unhealthy service that warns against it, or null. */
export const handsOff = (view: RoleView): string | null => signals(view).find(signal => HANDS_OFF_CUE.test(signal.message))?.message ?? null;

/**
 * The fixes it would try on its own, in order: roll back a service a log or alert says was just shipped to; then,
 * unless one warns against it, scale up a starved service, restart each service an error in the logs names, then
 * the worst service. A warning alone points nowhere: red herrings warn too.
 */
export function fixesToTry(view: RoleView): ActionRequest[] {
	const fixes: ActionRequest[] = [];
	for (const signal of signals(view)) if (ROLLOUT_CUE.test(signal.message)) fixes.push({action_type: 'rollback', target: signal.service});
	if (handsOff(view) === null) {
		for (const [name, service] of unhealthy(view)) {
			if (STARVED(service)) fixes.push({action_type: 'scale', target: name, args: {replicas: Math.max(4, service.replicas * 2)}});
		}
		for (const log of rankedLogs(view)) if (LEVEL_RANK[log.level] >= LEVEL_RANK.ERROR) fixes.push({action_type: 'restart', target: log.service});
		const worst = worstService(view);
		if (worst !== null) fixes.push({action_type: 'restart', target: worst[0]});
	}
	return fixes;
}

/**
 * A fix as tried in a situation (every service's health): one not worth trying again until the situation changes.
 * The same fix in the same situation has the same key, so a list of fixes is never tried twice over.
 */
export const triedKey = (fix: ActionRequest, view: RoleView): string =>
	`${fix.action_type} ${fix.target ?? ''} ${fix.args?.replicas ?? ''} | ${Object.values(view.visible_metrics)
		.map(metrics => metrics.health)
		.join(' ')}`;

/** The fleet actions on a service in trouble (unhealthy, or alerting) that change it on purpose: whom Oversight suspects. */
export function deliberateFleetActions(view: RoleView): FleetAction[] {
	const troubled = new Set([...unhealthy(view).map(([name]) => name), ...view.visible_alerts.map(alert => alert.service)]);
	return view.visible_fleet_actions.filter(action => troubled.has(action.target) && DELIBERATE_FLEET_ACTION.test(action.action));
}

export const isDeliberate = (action: FleetAction): boolean => DELIBERATE_FLEET_ACTION.test(action.action);

export const percent = (rate: number): string => `${Math.round(rate * 100)}%`;
