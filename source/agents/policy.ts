// What a policy is: something that, seeing one role's observation, decides that role's action. A scripted
// policy decides at once; a person, a model or a remote player returns a promise.
import type {ActionRequest, Observation} from '../env/types.js';
import type {Role} from '../env/vocabulary.js';

export type Decision = ActionRequest | PromiseLike<ActionRequest>;

export type Policy = {
	/** Who decides: a policy name (`heuristic`), or `human` for a person. Steps and recordings name it. */
	readonly name: string;
	act(observation: Observation, role: Role): Decision;
	/** Told that the decision it was asked for is no longer wanted (its seat changed hands, the episode was undone). */
	cancel?(): void;
};

export const isPending = (decision: Decision): decision is PromiseLike<ActionRequest> =>
	typeof (decision as PromiseLike<ActionRequest>).then === 'function';

export const NOOP: ActionRequest = Object.freeze({action_type: 'noop'});

/** The holder of a seat nobody plays. */
export const EMPTY_SEAT: Policy = Object.freeze({name: 'noop', act: () => NOOP});
