// The incident author's notes on the actions the team actually took. A note names an action the way a rule does
// (its type and, if given, its target, the replicas asked for and the role that took it); each note that some played
// action matches is listed once, with everyone who took it, in the order the team first did.
import {actionMatcher} from './incident.js';
import type {IncidentFile} from './incident-format.js';
import type {Action} from './types.js';
import type {Role} from './vocabulary.js';

export type TrainerNote = NonNullable<IncidentFile['trainer']['notes']>[number];
export type NoteVerdict = TrainerNote['verdict'];

/** A played action, as far as the notes care: when, what, and whether the environment judged it a wrong fix. */
export type PlayedAction = {
	readonly turn: number;
	readonly action: Action;
	readonly by: string;
	readonly breakdown: {readonly wrong_fix_penalty: number};
};

/**
 * Who took a noted action: the turn, the role and the seat holder (a policy's name, or `human`), and whether it was a
 * wrong fix then: a move the author says helps can still be one when taken too early.
 */
export type NoteTaker = {readonly turn: number; readonly role: Role; readonly by: string; readonly wrongFix: boolean};

export type TakenNote = {readonly note: TrainerNote; readonly takers: readonly NoteTaker[]};

/** The notes some played action matches, each once with every action that matched it, ordered by the first of them. */
export function notesOnActions(notes: readonly TrainerNote[], played: readonly PlayedAction[]): TakenNote[] {
	const taken = new Map<TrainerNote, NoteTaker[]>();
	const matchers = notes.map(note => [note, actionMatcher(note)] as const);
	for (const {turn, action, by, breakdown} of played) {
		for (const [note, matches] of matchers) {
			if (!matches(action)) continue;
			const takers = taken.get(note) ?? [];
			takers.push({turn, role: action.role, by, wrongFix: breakdown.wrong_fix_penalty < 0});
			taken.set(note, takers);
		}
	}
	return [...taken].map(([note, takers]) => ({note, takers}));
}
