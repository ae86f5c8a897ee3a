// What a policy is: something that, seeing one role's observation, decides that role's action. A scripted
// policy decides at once; a human or a remote model returns a promise.
import type {ActionRequest, Observation} from '../env/types.js';
import type {Role} from '../env/vocabulary.js';

export type Decision = ActionRequest | PromiseLike<ActionRequest>;

export type Policy = {
	readonly name: string;
	act(observation: Observation, role: Role): Decision;
};

export const isPending = (decision: Decision): decision is PromiseLike<ActionRequest> =>
	typeof (decision as PromiseLike<ActionRequest>).then === 'function';

export const NOOP: ActionRequest = Object.freeze({action_type: 'noop'});
