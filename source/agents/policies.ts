// The scripted policies (§12): random, heuristic, oracle, and noop for a seat nobody plays; and the teammate
// (teammate.ts), the colleague who plays beside a person.
import {PythonRandom} from '../env/rng.js';
import type {ActionRequest, Observation, Scenario, ServiceMetrics} from '../env/types.js';
import type {ActionType} from '../env/vocabulary.js';
import type {Incident} from '../env/incident.js';
import {HEALTH_RANK, type Role} from '../env/vocabulary.js';
import {EMPTY_SEAT, NOOP, type Policy} from './policy.js';
import {teammatePolicy} from './teammate.js';

export const POLICY_NAMES = ['random', 'heuristic', 'oracle', 'teammate', 'noop'] as const;
export type PolicyName = (typeof POLICY_NAMES)[number];

export type PolicyContext = {
	readonly seed: number;
	readonly scenario: Scenario;
};

const RANDOM_ACTIONS: readonly ActionType[] = ['noop', 'communicate', 'restart', 'rollback', 'scale'];
const RANDOM_REPLICAS = [1, 2, 3, 4, 5] as const;
const RANDOM_MESSAGES = ['checking metrics', 'someone should look at this', "i'll try a rollback", 'standing by'] as const;

/** Random actions on the incident's services (§12: for the reference's four, the same draws in the same order). */
export function randomPolicy(seed: number, services: readonly string[]): Policy {
	const rng = new PythonRandom(seed);
	return {
		name: 'random',
		act() {
			const actionType = rng.choice(RANDOM_ACTIONS);
			if (actionType === 'communicate') return {action_type: actionType, args: {message: rng.choice(RANDOM_MESSAGES)}};
			if (actionType === 'noop') return NOOP;
			const target = rng.choice(services);
			if (actionType === 'scale') return {action_type: actionType, target, args: {replicas: rng.choice(RANDOM_REPLICAS)}};
			return {action_type: actionType, target};
		},
	};
}

const say = (message: string): ActionRequest => ({action_type: 'communicate', args: {message}});
const MANAGER_BRIEF = 'SRE: diagnose. Dev: stage a rollback. Oversight: watch the fleet.';

function heuristicResponder(observation: Observation, role: 'sre' | 'dev', rng: PythonRandom): ActionRequest {
	const {view} = observation;
	const unhealthy = (Object.entries(view.visible_metrics) as Array<[string, ServiceMetrics]>)
		.filter(([, metrics]) => metrics.health !== 'healthy')
		.sort(([, a], [, b]) => HEALTH_RANK[b.health] - HEALTH_RANK[a.health]);
	const worst = unhealthy[0];
	if (worst === undefined) return say('systems nominal from my view');
	const [name, metrics] = worst;
	if (role === 'dev' && view.visible_logs.some(log => log.message.toLowerCase().includes('rolled out'))) {
		return {action_type: 'rollback', target: name};
	}
	if (metrics.replicas < 3 && metrics.cpu_pct > 80) return {action_type: 'scale', target: name, args: {replicas: 4}};
	if (rng.random() < 0.15) return say(`investigating ${name}`);
	return {action_type: 'restart', target: name};
}

type Responder = (observation: Observation, rng: PythonRandom, fleetAgents: readonly string[]) => ActionRequest;

const HEURISTIC_BY_ROLE: Record<Role, Responder> = {
	manager: ({view}) => {
		if (view.shared_chat.some(message => /resolved|healthy/i.test(message))) return {action_type: 'resolve'};
		if (view.visible_alerts.length === 0) return NOOP;
		return say(MANAGER_BRIEF);
	},
	oversight: ({view}, _rng, fleetAgents) => {
		const suspect = view.visible_fleet_actions.find(action => fleetAgents.includes(action.agent_name));
		return suspect ? {action_type: 'flag_rogue', target: suspect.agent_name} : say('no rogue agent activity detected');
	},
	sre: (observation, rng) => heuristicResponder(observation, 'sre', rng),
	dev: (observation, rng) => heuristicResponder(observation, 'dev', rng),
};

export function heuristicPolicy(seed: number, fleetAgents: readonly string[]): Policy {
	const rng = new PythonRandom(seed);
	return {name: 'heuristic', act: (observation, role) => HEURISTIC_BY_ROLE[role](observation, rng, fleetAgents)};
}

/**
 * The oracle's move for a role at its `roleTurn`-th turn (from 0): its planned actions in order, the last one on every
 * later turn, noop where the plan has none.
 */
export function oracleMove(incident: Incident, role: Role, roleTurn: number): ActionRequest {
	const plan = incident.solution[role];
	return plan === undefined ? NOOP : plan[Math.min(roleTurn, plan.length - 1)]!;
}

/** Plays the incident's solution (see oracleMove). The plan is the incident's data; the oracle knows nothing else about it. */
export function oraclePolicy(incident: Incident): Policy {
	const turns: Partial<Record<Role, number>> = {};
	return {
		name: 'oracle',
		act(_observation, role) {
			const turn = turns[role] ?? 0;
			turns[role] = turn + 1;
			return oracleMove(incident, role, turn);
		},
	};
}

export const noopPolicy = (): Policy => EMPTY_SEAT;

export const POLICY_FACTORIES: Record<PolicyName, (context: PolicyContext) => Policy> = {
	random: ({seed, scenario}) => randomPolicy(seed, scenario.incident.serviceNames),
	heuristic: ({seed, scenario}) => heuristicPolicy(seed, scenario.incident.fleetAgents),
	oracle: ({scenario}) => oraclePolicy(scenario.incident),
	teammate: ({scenario}) => teammatePolicy(scenario.incident),
	noop: () => noopPolicy(),
};
