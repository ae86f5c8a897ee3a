// A person in a seat: a policy whose decision is pending until they make it (at a keyboard, or over a network).
import type {ActionRequest} from '../env/types.js';
import type {Policy} from './policy.js';

export const HUMAN = 'human';

export class Person implements Policy {
	readonly name = HUMAN;
	private resolve: ((action: ActionRequest) => void) | null = null;

	act(): Promise<ActionRequest> {
		return new Promise(resolve => {
			this.resolve = resolve;
		});
	}

	/** Makes the decision asked for; false when none is (the seat just changed hands, or it is not this person's turn). */
	answer(action: ActionRequest): boolean {
		const resolve = this.resolve;
		if (resolve === null) return false;
		this.resolve = null;
		resolve(action);
		return true;
	}

	cancel(): void {
		this.resolve = null;
	}
}
