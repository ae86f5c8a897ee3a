// What happened in one step (§5.2): the flags the reward and the message are made from.
export type Outcome = {
	resolved: boolean;
	wrong_fix: boolean;
	cascade_triggered: boolean;
	rogue_flagged_correctly: boolean;
	rogue_flagged_incorrectly: boolean;
	root_cause_correct: boolean;
	miscommunication: boolean;
};

export const freshOutcome = (): Outcome => ({
	resolved: false,
	wrong_fix: false,
	cascade_triggered: false,
	rogue_flagged_correctly: false,
	rogue_flagged_incorrectly: false,
	root_cause_correct: false,
	miscommunication: false,
});

/** Clears every flag, for the next step. */
export function resetOutcome(outcome: Outcome): void {
	outcome.resolved = false;
	outcome.wrong_fix = false;
	outcome.cascade_triggered = false;
	outcome.rogue_flagged_correctly = false;
	outcome.rogue_flagged_incorrectly = false;
	outcome.root_cause_correct = false;
	outcome.miscommunication = false;
}
