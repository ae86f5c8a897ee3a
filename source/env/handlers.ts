// Action handlers (§6), one per action type.
import {replicasOf} from './action.js';
import {BENEFICIAL} from './failures.js';
import type {Outcome} from './outcome.js';
import {pythonLower, pythonStrip} from './python-text.js';
import type {Action} from './types.js';
import {type ActionType, FAILURE_TYPES, MONITORED_SERVICES, type MonitoredService, ROLES, isOneOf} from './vocabulary.js';
import {type World, appendLog, updateService} from './world.js';

export type ActionContext = {
	readonly world: World;
	readonly action: Action;
	readonly outcome: Outcome;
};

type Handler = (context: ActionContext) => void;

function wrongFix({world, outcome}: ActionContext): void {
	outcome.wrong_fix = true;
	world.wrongFixes++;
}

function miscommunication({world, outcome}: ActionContext): void {
	outcome.miscommunication = true;
	world.miscommunications++;
}

function cascadeCheck({world, outcome}: ActionContext): void {
	if (world.scenario.failure_type !== 'cascade' || world.services.notifications.health !== 'healthy') return;
	updateService(world, 'notifications', {memory_mb: 900, health: 'degraded'});
	outcome.cascade_triggered = true;
	appendLog(world, 'notifications', 'WARN', 'secondary failure: heap growing after failed remediation');
}

const monitoredTarget = (action: Action): MonitoredService | null =>
	isOneOf(MONITORED_SERVICES, action.target) ? action.target : null;

const isBeneficial = ({world, action}: ActionContext): boolean =>
	BENEFICIAL[world.scenario.failure_type](action, world);

/** restart and rollback share their shape: a guard, a beneficial repair, else a wrong fix and the cascade check. */
const remediation =
	(repair: (context: ActionContext, target: MonitoredService) => void): Handler =>
	context => {
		const target = monitoredTarget(context.action);
		if (target === null) return wrongFix(context);
		if (isBeneficial(context)) return repair(context, target);
		wrongFix(context);
		cascadeCheck(context);
	};

/** An arg as the reference reads it: Python's str.strip(), not JavaScript's trim() (see python-text.ts). */
const text = (value: string | undefined): string => pythonStrip(value ?? '');

export const HANDLERS: Record<ActionType, Handler> = {
	noop: () => {},
	escalate: () => {},
	communicate: context => {
		const {world, action} = context;
		const body = text(action.args.message);
		if (body === '') {
			context.outcome.miscommunication = true;
			return;
		}
		const recipient = pythonLower(text(action.args.to));
		if (recipient !== '' && recipient !== 'all') {
			if (isOneOf(ROLES, recipient)) world.privateChat[recipient].push(`[${action.role} -> ${recipient}] ${body}`);
			else world.miscommunications++;
			return;
		}
		world.chat.push(`[${action.role}] ${body}`);
	},
	restart: remediation(({world}, target) => {
		updateService(world, target, {memory_mb: 340, cpu_pct: 22, latency_ms: 45, error_rate: 0.01, health: 'healthy'});
		if (target === 'db') {
			for (const dependent of ['payments', 'auth'] as const) {
				updateService(world, dependent, {latency_ms: 55, error_rate: 0.01, health: 'healthy'});
			}
		}
	}),
	rollback: remediation(({world}, target) => {
		updateService(world, target, {health: 'healthy', error_rate: 0.01, latency_ms: 45});
	}),
	scale: context => {
		const {world, action} = context;
		const target = monitoredTarget(action);
		const replicas = replicasOf(action.args) ?? 0;
		if (target === null || replicas <= 0) return wrongFix(context);
		const beneficial = isBeneficial(context);
		updateService(world, target, {replicas});
		if (!beneficial) return wrongFix(context);
		updateService(world, target, {cpu_pct: 30, latency_ms: 55, error_rate: 0.01, health: 'healthy'});
	},
	flag_rogue: context => {
		const {world, action, outcome} = context;
		if (action.role !== 'oversight') return miscommunication(context);
		const flagged = action.target ? action.target : text(action.args.agent_name);
		if (flagged === '') return;
		world.oversightFlags.push(flagged);
		const rogue = world.scenario.rogue_fleet_agent;
		if (rogue !== null && rogue === flagged) outcome.rogue_flagged_correctly = true;
		else outcome.rogue_flagged_incorrectly = true;
	},
	identify_root_cause: context => {
		const {world, action, outcome} = context;
		const claimed = text(action.args.failure_type);
		if (!isOneOf(FAILURE_TYPES, claimed)) {
			outcome.miscommunication = true;
			return;
		}
		world.declaredRootCause = claimed;
		world.declaredRootCauseStep ??= world.stepCount;
		if (claimed === world.scenario.failure_type) outcome.root_cause_correct = true;
	},
	resolve: context => {
		if (context.action.role !== 'manager') miscommunication(context);
	},
};
