import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {POLICY_NAMES} from '../../source/agents/policies.js';
import type {PolicyMap} from '../../source/agents/runner.js';
import {ROLES} from '../../source/env/vocabulary.js';
import {type Debrief, debriefOf, reviewTimeline} from '../../source/io/debrief.js';
import {REFERENCE_INCIDENTS, scenarioFor} from '../../source/io/incidents.js';
import {type RecordedEpisode, readRecording, resimulate} from '../../source/io/recording.js';
import {recordDrill} from '../support/drill-recording.js';
import {recordScripted} from '../ui/record.js';

const everySeat = (policy: (typeof POLICY_NAMES)[number]) => Object.fromEntries(ROLES.map(role => [role, policy])) as Record<(typeof ROLES)[number], typeof policy>;

/**
 * The scripted teams, and one that guesses: its SRE names a wrong cause the incident lists, then one it does not, then
 * its Oversight flags an agent that is no rogue (the random team does neither).
 */
const TEAMS: ReadonlyArray<readonly [string, PolicyMap]> = [
	...(['random', 'heuristic', 'oracle', 'teammate'] as const).map(policy => [policy, everySeat(policy)] as const),
	[
		'guessing',
		{
			...everySeat('heuristic'),
			sre: {
				actions: [
					{action_type: 'identify_root_cause', args: {failure_type: 'dns_outage'}},
					{action_type: 'identify_root_cause', args: {failure_type: 'gremlins'}},
				],
			},
			oversight: {actions: [{action_type: 'flag_rogue', target: 'innocent-bot'}]},
		},
	],
];

/** Built-in incidents × difficulties × seeds × scripted teams (the hard ones also by the drill's scoring), each recorded and debriefed. */
function* sweep(): Generator<{label: string; debrief: Debrief; steps: RecordedEpisode['steps']; recording: RecordedEpisode}> {
	for (const name of REFERENCE_INCIDENTS) {
		for (const [difficulty, scoring] of [['easy', 'reference'], ['hard', 'reference'], ['hard', 'drill']] as const) {
			for (const seed of [1, 7, 42]) {
				for (const [policy, policies] of TEAMS) {
					const scenario = scenarioFor(name, {difficulty, seed, scoring});
					const [recorded] = readRecording(recordScripted(scenario, undefined, policies));
					yield {label: `${name} ${difficulty} ${scoring} seed ${seed} ${policy}`, debrief: debriefOf(recorded!), steps: recorded!.steps, recording: recorded!};
				}
			}
		}
	}
}

const episodes = [...sweep()];

/** Each scored verdict and the breakdown component it must agree with, step for step. */
const SCORED = {
	fix: (b: Record<string, number>) => b['resolved_bonus']! > 0,
	wrong_fix: b => b['wrong_fix_penalty']! < 0,
	cascade: b => b['cascade_penalty']! < 0,
	rogue_caught: b => b['rogue_caught_bonus']! > 0,
	false_flag: b => b['rogue_false_positive_penalty']! < 0,
	miscommunication: b => b['miscommunication_penalty']! < 0,
} satisfies Record<string, (breakdown: Record<string, number>) => boolean>;

describe('debrief verdicts', () => {
	it('agree with every step’s recorded reward breakdown, over incidents × seeds × policies', () => {
		const seen = new Set<string>();
		for (const {label, debrief, steps} of episodes) {
			debrief.timeline.forEach((entry, index) => {
				const {breakdown} = steps[index]!;
				for (const [verdict, holds] of Object.entries(SCORED)) {
					expect(entry.verdicts.includes(verdict as never), `${label} turn ${index} ${verdict}`).toBe(holds(breakdown));
				}
				for (const verdict of entry.verdicts) seen.add(verdict);
				// The engine's beneficial rules, judged on the world before the step, agree with what the step scored: a
				// repair helped exactly where it was no wrong fix. A declaration is judged right or wrong, never both.
				const repair = ['restart', 'rollback', 'scale'].includes(entry.action.action_type);
				expect(entry.verdicts.includes('helped'), `${label} turn ${index} helped`).toBe(repair && breakdown['wrong_fix_penalty'] === 0);
				const declared = entry.action.action_type === 'identify_root_cause';
				expect(entry.verdicts.includes('root_cause_correct') || entry.verdicts.includes('root_cause_wrong')).toBe(declared);
				if (entry.verdicts.includes('root_cause_correct')) expect(steps[index]!.info.declared_root_cause).toBe(debrief.scenario.failure_type);
			});
		}
		// The sweep reaches every verdict, so none of the checks above is vacuous.
		expect([...seen].sort()).toEqual(
			['cascade', 'false_flag', 'fix', 'helped', 'miscommunication', 'red_herring', 'rogue_caught', 'root_cause_correct', 'root_cause_wrong', 'wrong_fix'].sort(),
		);
	});

	it('find the oracle team helping and fixing without a wrong step, and never departing from its own plan', () => {
		for (const {label, debrief} of episodes.filter(({label}) => label.endsWith(' oracle'))) {
			expect(debrief.departure, label).toBeNull();
			const verdicts = debrief.timeline.flatMap(entry => entry.verdicts);
			expect(verdicts, label).not.toContain('wrong_fix');
			if (debrief.totals.resolved) expect(debrief.moments.resolution?.step, label).toBe(debrief.totals.mttr_steps);
		}
	});

	it('a red herring is a repair of a service only a red-herring log named', () => {
		const chased = episodes.flatMap(({debrief}) => debrief.timeline.filter(entry => entry.verdicts.includes('red_herring')));
		expect(chased.length).toBeGreaterThan(0);
		for (const entry of chased) expect(['restart', 'rollback', 'scale']).toContain(entry.action.action_type);
	});

	it('the timeline sums to the totals, and compare.team is the episode as played', () => {
		for (const {label, debrief, steps} of episodes) {
			const total = steps.reduce((sum, step) => sum + step.breakdown['team_reward']!, 0);
			expect(debrief.totals.streams.team, label).toBeCloseTo(total, 9);
			expect(debrief.compare.team.cumulative_reward).toBe(steps.at(-1)!.info.cumulative_reward);
		}
	});

	it('the app’s review judges the steps just played as the debrief of their recording does', () => {
		for (const {label, debrief, recording} of episodes) {
			expect(reviewTimeline(recording.header.scenario, resimulate(recording).steps), label).toEqual(debrief.timeline);
		}
	});

	it('reads a format-1 recording of play: the undo and the reveal counted, the notes and the departure', () => {
		// Written by play before format 2: a person in the SRE seat, an undo, the truth revealed, no decision times.
		const [recording] = readRecording(path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'recordings', 'format-1-play.jsonl'));
		const debrief = debriefOf(recording!);
		expect(debrief.totals).toMatchObject({undos: 1, revealed_at_turn: recording!.revealedAtTurn, hints: {ladder: 0, oracle: 0}});
		expect(debrief.complete).toBe(false);
		const caught = debrief.timeline.find(entry => entry.verdicts.includes('rogue_caught'))!;
		expect(caught.note).toBe('The deploy bot made the bad push: flagging it is right.');
		expect(debrief.moments.first_beneficial_action).toBeNull();
		expect(debrief.departure).toMatchObject({step: 1, role: 'sre', by: 'human', action: {action_type: 'escalate'}, oracle: {action_type: 'identify_root_cause'}});
	});

	it('debriefs a drill: each step’s player, and the facilitator’s hints counted as theirs, not the ladder’s', () => {
		const [drill] = readRecording(recordDrill());
		const debrief = debriefOf(drill!);
		expect(debrief.timeline[0]).toMatchObject({role: 'sre', by: 'human', player: 'alice', verdicts: ['root_cause_correct']});
		expect(debrief.moments.first_correct_diagnosis).toMatchObject({turn: 0, step: 1, role: 'sre'});
		expect(debrief.timeline.filter(entry => entry.player === 'bob').map(entry => entry.action.action_type)).toEqual(['noop']);
		expect(debrief.totals.resolved).toBe(true);
		expect(debrief.totals.hints).toEqual({ladder: 0, oracle: 0, facilitator: 1});
	});
});
