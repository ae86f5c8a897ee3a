// The policy of a seat an outside agent holds (a model, a program): each turn is a request that can be withdrawn (its
// seat taken over, the episode undone or stopped), and whatever goes wrong is a noop with a notice, never an error.
import {NOOP, type AgentDecision, type Policy} from '../agents/policy.js';
import {ActionRejected, normaliseAction} from '../env/action.js';
import type {Observation} from '../env/types.js';
import type {Role} from '../env/vocabulary.js';

/** One turn's decision; `signal` aborts when the turn is withdrawn. Never rejects: a failure is noopTurn's. */
export type AgentTurnMaker = (observation: Observation, role: Role, signal: AbortSignal) => Promise<AgentDecision>;

/** Noop, with the agent's account of why. */
export const noopTurn = (source: string, notice: string, replies: readonly string[] = []): AgentDecision => ({action: NOOP, agent: {source, replies, notice}});

/**
 * The decision as the environment will take it: an action it would refuse (a message that is not text, replicas
 * beyond 2^53) is a noop with the refusal as its notice, and the episode goes on.
 */
function acceptable(decision: AgentDecision, role: Role): AgentDecision {
	try {
		normaliseAction(decision.action, role);
		return decision;
	} catch (error) {
		if (!(error instanceof ActionRejected)) throw error;
		const {source, replies} = decision.agent;
		return noopTurn(source, `the environment refused the action: ${error.message}; noop`, replies);
	}
}

/** Notices quote what an agent said: a line of it, cut short. */
export const quotedBrief = (text: string, max = 160): string => JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);

export function agentPolicy({name, title, turn, release}: {name: string; title: string; turn: AgentTurnMaker; release?: () => void}): Policy {
	let current: AbortController | null = null;
	const withdraw = () => {
		current?.abort();
		current = null;
	};
	return {
		name,
		title,
		redecides: false,
		act(observation, role) {
			const controller = new AbortController();
			current = controller;
			return turn(observation, role, controller.signal)
				.then(decision => acceptable(decision, role))
				.finally(() => {
					if (current === controller) current = null;
				});
		},
		cancel: withdraw,
		release() {
			withdraw();
			release?.();
		},
	};
}
