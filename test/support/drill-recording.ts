// A drill's recording for tests, written as a drill host writes one: a real episode played turn by turn, each step
// written with its player, and the host's events between steps.
import {Episode, buildSeats, playScripted} from '../../source/agents/runner.js';
import type {Policy} from '../../source/agents/policy.js';
import type {ActionRequest} from '../../source/env/types.js';
import type {Role} from '../../source/env/vocabulary.js';
import {scenarioFor} from '../../source/io/incidents.js';
import {type DrillJournal, RecordingWriter} from '../../source/io/recording.js';
import {tempFile} from '../ui/record.js';

/** A person at their own terminal, deciding at once: their moves in order, then noop. */
const person = (moves: readonly ActionRequest[]): Policy => {
	let next = 0;
	return {name: 'human', act: () => moves[next++] ?? {action_type: 'noop'}};
};

export const DRILL_POLICIES = {sre: 'teammate', oversight: 'heuristic', dev: 'teammate', manager: 'heuristic'} as const;

/**
 * db_deadlock, seed 3, as a drill of the SRE and Dev seats with a 30-second countdown: alice plays SRE from the start
 * and names the root cause; the facilitator marks that, pauses and resumes; bob takes the Dev seat, lets his
 * countdown run out (noop), is hinted, and drops, his seat going back to the teammate, who finishes the incident.
 * `extra` adds what a test needs before a turn.
 */
export function recordDrill(file = tempFile(), extra: Record<number, (journal: DrillJournal) => void> = {}): string {
	const scenario = scenarioFor('db_deadlock', {seed: 3});
	const seats = buildSeats(DRILL_POLICIES, scenario);
	const episode = new Episode(scenario, {...seats, sre: person([{action_type: 'identify_root_cause', args: {failure_type: 'db_deadlock'}}])});
	const writer = new RecordingWriter(file);
	const journal = writer.beginDrill({
		version: 'dev',
		scenario,
		preset: null,
		seats: {sre: 'human'},
		policies: DRILL_POLICIES,
		reset: episode.observation,
		drill: {seats: ['sre', 'dev'], turn_seconds: 30},
	});
	const players: Partial<Record<Role, string>> = {sre: 'alice'};
	/** What the host does once this many steps are played. */
	const between: Record<number, () => void> = {
		0: () => journal.player(0, 'sre', 'alice', true),
		1: () => journal.note(1, 'alice named the root cause at once'),
		2: () => {
			journal.pause(2);
			journal.resume(2);
			journal.player(2, 'dev', 'bob', true);
			players.dev = 'bob';
			episode.seat('dev', person([]));
		},
		3: () => {
			journal.facilitatorHint(3, 'dev', 'look at the database');
			journal.player(3, 'dev', 'bob', false);
			delete players.dev;
			episode.seat('dev', seats.dev);
		},
	};
	const before = (turn: number) => {
		between[turn]?.();
		extra[turn]?.(journal);
	};
	episode.subscribe(event => {
		if (event.kind === 'seat') journal.seat(event.turn, event.role, event.by);
		if (event.kind !== 'step') return;
		const {step} = event;
		const player = step.by === 'human' ? players[step.role]! : null;
		// Bob's one turn is the one whose countdown runs out.
		journal.drillStep(step, player, player === 'bob');
		before(step.turn + 1);
	});
	before(0);
	playScripted(episode);
	writer.close();
	return file;
}
