// Pacing scripted turns for people watching: each decision waits a delay, and can be paused and stepped one at a time.
import type {ActionRequest, Observation} from '../env/types.js';
import type {Role} from '../env/vocabulary.js';
import type {AgentDecision, Policy} from './policy.js';

type Held = {readonly decide: () => void; timer: ReturnType<typeof setTimeout> | undefined};

export class Pacer {
	private held: Held | null = null;
	private isPaused = false;

	constructor(private readonly delayMs: number) {}

	get paused(): boolean {
		return this.isPaused;
	}

	/**
	 * The policy, deciding once the pacer lets its turn through. It is asked only then, so that a turn withdrawn
	 * before (its seat taken over, an undo) leaves its state, its random draws, untouched.
	 */
	pace(policy: Policy): Policy {
		return {
			name: policy.name,
			...(policy.title === undefined ? {} : {title: policy.title}),
			...(policy.redecides === undefined ? {} : {redecides: policy.redecides}),
			act: (observation: Observation, role: Role) =>
				new Promise<ActionRequest | AgentDecision>((resolve, reject) => {
					this.hold(() => {
						try {
							resolve(policy.act(observation, role));
						} catch (error) {
							reject(error);
						}
					});
				}),
			cancel: () => {
				this.drop();
				policy.cancel?.();
			},
		};
	}

	togglePause(): void {
		this.isPaused = !this.isPaused;
		const held = this.held;
		if (held === null) return;
		clearTimeout(held.timer);
		held.timer = this.isPaused ? undefined : setTimeout(() => this.release(), this.delayMs);
	}

	/** Lets the held turn through now, while paused; false when there is none. */
	stepOnce(): boolean {
		if (!this.isPaused || this.held === null) return false;
		this.release();
		return true;
	}

	/** Forgets the held turn. */
	drop(): void {
		clearTimeout(this.held?.timer);
		this.held = null;
	}

	private hold(decide: () => void): void {
		this.drop();
		const held: Held = {decide, timer: undefined};
		this.held = held;
		if (!this.isPaused) held.timer = setTimeout(() => this.release(), this.delayMs);
	}

	private release(): void {
		const held = this.held;
		if (held === null) return;
		this.drop();
		held.decide();
	}
}
