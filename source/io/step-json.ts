// A step as every JSON document writes it: `run --format json`, recordings and `replay --format json` (the format:
// docs/recordings.md). One meaning per key: `observation` is what the acting role saw before acting,
// `next_observation` what the step returned, for the next role; `agent`, on a model's or program's step, what it
// answered (its raw replies) and what went wrong.
import type {EpisodeStep} from '../agents/runner.js';

export const stepJson = (step: EpisodeStep) => ({
	turn: step.turn,
	role: step.role,
	by: step.by,
	decision_ms: Math.round(step.decisionMs),
	action: step.action,
	reward: step.reward,
	breakdown: step.breakdown,
	done: step.done,
	observation: step.observation,
	next_observation: step.next,
	info: step.info,
	// Only a model's or program's step has it, so that every other document stays as it was.
	...(step.agent !== undefined && {agent: step.agent}),
});

export type StepJson = ReturnType<typeof stepJson>;
