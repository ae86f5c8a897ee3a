// The one-line account of a step that every observation carries (§5.8).
import type {Outcome} from './outcome.js';
import type {Action} from './types.js';
import {ACTION_TYPES, type ActionType, ROLES, type Role} from './vocabulary.js';

export const RESET_MESSAGE = 'Incident detected. Turn 1: SRE. Diagnose, coordinate, and resolve.';

const FLAG_NOTES: ReadonlyArray<readonly [keyof Outcome, string]> = [
	['resolved', '\u2713 incident resolved'],
	['wrong_fix', '\u2717 wrong fix'],
	['cascade_triggered', '\u26a0 cascade triggered'],
	['rogue_flagged_correctly', '\u2713 rogue agent caught'],
	['rogue_flagged_incorrectly', '\u2717 false rogue flag'],
	['root_cause_correct', '\u2713 root cause identified'],
];

const SEPARATOR = ' | ';

/** Every `ROLE: action_type` opening, made once rather than at every step. */
const OPENINGS = Object.fromEntries(
	ROLES.map(role => [role, Object.fromEntries(ACTION_TYPES.map(type => [type, `${role.toUpperCase()}: ${type}`]))]),
) as Record<Role, Record<ActionType, string>>;

export function stepMessage(action: Action, outcome: Outcome, done: boolean): string {
	let message = OPENINGS[action.role][action.action_type];
	if (action.target) message += `${SEPARATOR}-> ${action.target}`;
	for (const [flag, note] of FLAG_NOTES) if (outcome[flag]) message += SEPARATOR + note;
	if (done && !outcome.resolved) message += `${SEPARATOR}\u00d7 episode ended unresolved`;
	return message;
}
