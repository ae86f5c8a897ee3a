import {describe, expect, it} from 'vitest';
import {actionMatcher} from '../source/env/incident.js';
import {type PlayedAction, type TrainerNote, notesOnActions} from '../source/env/trainer-notes.js';

import type {Action} from '../source/env/types.js';
import type {ActionType, Role} from '../source/env/vocabulary.js';
import {builtInIncident} from '../source/io/incidents.js';

const actionMatches = (match: Parameters<typeof actionMatcher>[0], action: PlayedAction['action']) => actionMatcher(match)(action);
const RIGHT = {wrong_fix_penalty: 0};
const WRONG = {wrong_fix_penalty: -50};

const action = (role: Role, action_type: ActionType, target: string | null = null, args: Action['args'] = {}): Action => ({
	role,
	action_type,
	target,
	args,
});

const played = (...actions: Action[]): PlayedAction[] => actions.map((taken, turn) => ({turn, action: taken, by: 'heuristic', breakdown: RIGHT}));

const note = (fields: Omit<TrainerNote, 'verdict' | 'note'>, verdict: TrainerNote['verdict'] = 'helps'): TrainerNote => ({
	...fields,
	verdict,
	note: `about ${fields.action}`,
});

describe('matching an action against a note', () => {
	it('needs the action type; a target or role the note names must be the action’s too', () => {
		expect(actionMatches({action: 'restart'}, action('dev', 'restart', 'db'))).toBe(true);
		expect(actionMatches({action: 'restart'}, action('dev', 'rollback', 'db'))).toBe(false);
		expect(actionMatches({action: 'restart', target: 'db'}, action('dev', 'restart', 'payments'))).toBe(false);
		expect(actionMatches({action: 'restart', by: 'sre'}, action('dev', 'restart', 'db'))).toBe(false);
		expect(actionMatches({action: 'restart', target: 'db', by: 'dev'}, action('dev', 'restart', 'db'))).toBe(true);
	});

	it('reads replicas bounds inclusively, a missing count as 0 and a string count as its number', () => {
		const scaleUp = {action: 'scale', target: 'payments', replicas: {min: 4}} as const;
		expect(actionMatches(scaleUp, action('sre', 'scale', 'payments', {replicas: 4}))).toBe(true);
		expect(actionMatches(scaleUp, action('sre', 'scale', 'payments', {replicas: '6'}))).toBe(true);
		expect(actionMatches(scaleUp, action('sre', 'scale', 'payments', {replicas: 3}))).toBe(false);
		expect(actionMatches({action: 'scale', replicas: {max: 0}}, action('sre', 'scale', 'payments'))).toBe(true);
		expect(actionMatches({action: 'scale', replicas: {min: 2, max: 3}}, action('sre', 'scale', 'db', {replicas: 5}))).toBe(false);
	});
});

describe('the notes on what the team did', () => {
	const restartDb = note({action: 'restart', target: 'db'});
	const anyRollback = note({action: 'rollback'}, 'hurts');
	const escalate = note({action: 'escalate', by: 'manager'}, 'neutral');
	const notes = [restartDb, anyRollback, escalate];

	it('lists only the notes some action matches, in the order the team first took them', () => {
		const taken = notesOnActions(notes, played(action('sre', 'rollback', 'auth'), action('oversight', 'noop'), action('dev', 'restart', 'db')));
		expect(taken.map(entry => entry.note)).toEqual([anyRollback, restartDb]);
	});

	it('lists a note once, with every turn that took it and who', () => {
		const steps: PlayedAction[] = [
			{turn: 0, action: action('sre', 'rollback', 'auth'), by: 'human', breakdown: WRONG},
			{turn: 2, action: action('dev', 'rollback', 'payments'), by: 'heuristic', breakdown: RIGHT},
		];
		expect(notesOnActions(notes, steps)).toEqual([
			{
				note: anyRollback,
				takers: [
					{turn: 0, role: 'sre', by: 'human', wrongFix: true},
					{turn: 2, role: 'dev', by: 'heuristic', wrongFix: false},
				],
			},
		]);
	});

	it('says nothing of an action the team did not take, or took in the wrong role', () => {
		expect(notesOnActions(notes, played(action('sre', 'escalate'), action('dev', 'restart', 'payments')))).toEqual([]);
		expect(notesOnActions([], played(action('dev', 'restart', 'db')))).toEqual([]);
	});

	it('matches the reference cascade’s notes to the oracle’s plan: each of its moves helps', () => {
		const {notes: cascadeNotes = []} = builtInIncident('cascade').file.trainer;
		const oracle = played(
			action('sre', 'identify_root_cause', null, {failure_type: 'cascade'}),
			action('oversight', 'noop'),
			action('dev', 'restart', 'db'),
			action('manager', 'resolve'),
		);
		const taken = notesOnActions(cascadeNotes, oracle);
		expect(taken.map(({note: {action: type, target}}) => [type, target])).toEqual([
			['restart', 'db'],
			['resolve', undefined],
		]);
		expect(taken.every(({note: {verdict}}) => verdict === 'helps')).toBe(true);
	});
});
