// What a policy is: something that, seeing one role's observation, decides that role's action. A scripted
// policy decides at once; a person, a model or a remote player returns a promise.
import {normaliseAction} from '../env/action.js';
import type {Action, ActionRequest, Observation} from '../env/types.js';
import {ROLES, type Role} from '../env/vocabulary.js';

/**
 * What a model or an outside program made of a turn, kept with the step (and in recordings) so that a replay needs
 * neither: who answered, each attempt's raw reply, and what went wrong on the way.
 */
export type AgentTurn = {
	/** Who answered: the model's name, or the program's command line. */
	readonly source: string;
	/** Each attempt's raw reply, in order; a request that failed (refused, timed out, 500) adds none. */
	readonly replies: readonly string[];
	/** Why the turn fell back to noop or needed another attempt, for the player to see; null when the first reply served. */
	readonly notice: string | null;
};

/** A pending decision that comes with the agent's account of it. */
export type AgentDecision = {readonly action: ActionRequest; readonly agent: AgentTurn};

export type Decision = ActionRequest | PromiseLike<ActionRequest | AgentDecision>;

/** The action of a decision that came in, and the agent's account when it gave one. */
export const decided = (value: ActionRequest | AgentDecision): AgentDecision | {readonly action: ActionRequest; readonly agent: undefined} =>
	'agent' in value ? value : {action: value, agent: undefined};

export type Policy = {
	/** Who decides: a policy name (`heuristic`), or `human` for a person. Steps and recordings name it. */
	readonly name: string;
	/** What a player is shown while its decision is pending (a model's name, a program's), when it is not the name. */
	readonly title?: string;
	/**
	 * False for a holder replay must not ask again for a step it decided (a model, a program): asking costs a request
	 * or a line, and its answer may differ; the recorded step stands.
	 */
	readonly redecides?: false;
	act(observation: Observation, role: Role): Decision;
	/**
	 * For a policy that decides without looking at what the role sees (random, oracle, noop): the decider of the
	 * role's turns, asked for once per episode and seat. Each call is the role's next decision, the one act() would
	 * make (moving the policy on as act() does), given as the action itself, the role's and normalised. The batch
	 * path plays such seats without building an observation for them or checking what they decide.
	 */
	blind?(role: Role): () => Action;
	/** Told that the decision it was asked for is no longer wanted (its seat changed hands, the episode was undone). */
	cancel?(): void;
	/** Told that it will not be asked again: it may give back what it holds (its generator's memory). Idempotent. */
	release?(): void;
};

export const isPending = (decision: Decision): decision is PromiseLike<ActionRequest | AgentDecision> =>
	typeof (decision as PromiseLike<unknown>).then === 'function';

export const NOOP: ActionRequest = Object.freeze({action_type: 'noop'});

/** A request as the role makes it, normalised and frozen: what a blind decider hands out, made once. */
export const asRole = (request: ActionRequest, role: Role): Action => Object.freeze(normaliseAction(request, role));

const NOOP_DECIDERS = Object.fromEntries(ROLES.map(role => [role, () => NOOP_ACTIONS[role]])) as Record<Role, () => Action>;
const NOOP_ACTIONS = Object.fromEntries(ROLES.map(role => [role, asRole(NOOP, role)])) as Record<Role, Action>;

/** The holder of a seat nobody plays. */
export const EMPTY_SEAT: Policy = Object.freeze({name: 'noop', act: () => NOOP, blind: (role: Role) => NOOP_DECIDERS[role]});
