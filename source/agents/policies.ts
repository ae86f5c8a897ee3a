// The scripted policies (§12): random, heuristic, oracle, and noop for a seat nobody plays; and the teammate
// (teammate.ts), the colleague who plays beside a person.
import type {Incident} from '../env/incident.js';
import {PythonRandom} from '../env/rng.js';
import type {Action, ActionRequest, Observation, Scenario, ServiceMetrics} from '../env/types.js';
import {type ActionType, HEALTH_RANK, ROLES, type Role} from '../env/vocabulary.js';
import {EMPTY_SEAT, NOOP, type Policy, asRole} from './policy.js';
import {teammatePolicy} from './teammate.js';

export const POLICY_NAMES = ['random', 'heuristic', 'oracle', 'teammate', 'noop'] as const;
export type PolicyName = (typeof POLICY_NAMES)[number];

export type PolicyContext = {
	readonly seed: number;
	readonly scenario: Scenario;
};

/** The action types the random policy draws from, in the order of its switch below. */
const RANDOM_ACTIONS: readonly ActionType[] = ['noop', 'communicate', 'restart', 'rollback', 'scale'];
const RANDOM_REPLICAS = [1, 2, 3, 4, 5] as const;
const RANDOM_MESSAGES = ['checking metrics', 'someone should look at this', "i'll try a rollback", 'standing by'] as const;

/** Every action the random policy can take on a list of services, as one role takes it, in the order it draws them. */
type RandomActions = {
	readonly noop: Action;
	readonly communicate: readonly Action[];
	readonly restart: readonly Action[];
	readonly rollback: readonly Action[];
	/** By service, then by replicas (1 to 5). */
	readonly scale: ReadonlyArray<readonly Action[]>;
};

/** Made once per incident's list of services (an evaluation plays thousands of episodes on each), for each role. */
const randomActionTables = new WeakMap<readonly string[], Readonly<Record<Role, RandomActions>>>();

function randomActions(services: readonly string[]): Readonly<Record<Role, RandomActions>> {
	let tables = randomActionTables.get(services);
	if (tables === undefined) {
		const forRole = (role: Role): RandomActions => ({
			noop: asRole(NOOP, role),
			communicate: RANDOM_MESSAGES.map(message => asRole({action_type: 'communicate', args: {message}}, role)),
			restart: services.map(target => asRole({action_type: 'restart', target}, role)),
			rollback: services.map(target => asRole({action_type: 'rollback', target}, role)),
			scale: services.map(target => RANDOM_REPLICAS.map(replicas => asRole({action_type: 'scale', target, args: {replicas}}, role))),
		});
		tables = Object.fromEntries(ROLES.map(role => [role, forRole(role)])) as Record<Role, RandomActions>;
		randomActionTables.set(services, tables);
	}
	return tables;
}

/**
 * Random actions on the incident's services (§12: for the reference's four, the same draws in the same order):
 * an action type of five, then a message of four, or a service, and for scale a replica count of five.
 */
export function randomPolicy(seed: number, services: readonly string[]): Policy {
	const rng = new PythonRandom(seed);
	const tables = randomActions(services);
	const deciders: Partial<Record<Role, () => Action>> = {};
	const decider = (role: Role) => {
		const actions = tables[role];
		return (): Action => {
			switch (rng.randbelow(RANDOM_ACTIONS.length)) {
				case 0:
					return actions.noop;
				case 1:
					return actions.communicate[rng.randbelow(RANDOM_MESSAGES.length)]!;
				case 2:
					return actions.restart[rng.randbelow(services.length)]!;
				case 3:
					return actions.rollback[rng.randbelow(services.length)]!;
				default:
					return actions.scale[rng.randbelow(services.length)]![rng.randbelow(RANDOM_REPLICAS.length)]!;
			}
		};
	};
	const blind = (role: Role) => (deciders[role] ??= decider(role));
	return {name: 'random', act: (_observation, role) => blind(role)(), blind, release: () => rng.release()};
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
	return {name: 'heuristic', act: (observation, role) => HEURISTIC_BY_ROLE[role](observation, rng, fleetAgents), release: () => rng.release()};
}

/**
 * The oracle's move for a role at its `roleTurn`-th turn (from 0): its planned actions in order, the last one on every
 * later turn, noop where the plan has none.
 */
export function oracleMove(incident: Incident, role: Role, roleTurn: number): ActionRequest {
	const plan = incident.solution[role];
	return plan === undefined ? NOOP : plan[Math.min(roleTurn, plan.length - 1)]!;
}

/** Each role's plan, normalised, made once per incident: the oracle's blind decisions. */
const normalisedPlans = new WeakMap<Incident, Partial<Record<Role, readonly Action[]>>>();

function normalisedPlan(incident: Incident, role: Role): readonly Action[] | undefined {
	let plans = normalisedPlans.get(incident);
	if (plans === undefined) {
		const made: Partial<Record<Role, readonly Action[]>> = {};
		for (const role of ROLES) made[role] = incident.solution[role]?.map(request => asRole(request, role));
		normalisedPlans.set(incident, (plans = made));
	}
	return plans[role];
}

/** Plays the incident's solution (see oracleMove). The plan is the incident's data; the oracle knows nothing else about it. */
export function oraclePolicy(incident: Incident): Policy {
	const turns: Partial<Record<Role, number>> = {};
	const nextTurn = (role: Role) => {
		const turn = turns[role] ?? 0;
		turns[role] = turn + 1;
		return turn;
	};
	return {
		name: 'oracle',
		act: (_observation, role) => oracleMove(incident, role, nextTurn(role)),
		blind(role) {
			const plan = normalisedPlan(incident, role);
			if (plan === undefined) return EMPTY_SEAT.blind!(role);
			return () => plan[Math.min(nextTurn(role), plan.length - 1)]!;
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
