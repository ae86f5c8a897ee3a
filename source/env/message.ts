// The one-line account of a step that every observation carries (§5.8).
import type {Outcome} from './outcome.js';
import type {Action} from './types.js';

export const RESET_MESSAGE = 'Incident detected. Turn 1: SRE. Diagnose, coordinate, and resolve.';

const FLAG_NOTES: ReadonlyArray<readonly [keyof Outcome, string]> = [
	['resolved', '\u2713 incident resolved'],
	['wrong_fix', '\u2717 wrong fix'],
	['cascade_triggered', '\u26a0 cascade triggered'],
	['rogue_flagged_correctly', '\u2713 rogue agent caught'],
	['rogue_flagged_incorrectly', '\u2717 false rogue flag'],
	['root_cause_correct', '\u2713 root cause identified'],
];

export function stepMessage(action: Action, outcome: Outcome, done: boolean): string {
	const parts = [`${action.role.toUpperCase()}: ${action.action_type}`];
	if (action.target) parts.push(`-> ${action.target}`);
	for (const [flag, note] of FLAG_NOTES) if (outcome[flag]) parts.push(note);
	if (done && !outcome.resolved) parts.push('\u00d7 episode ended unresolved');
	return parts.join(' | ');
}
