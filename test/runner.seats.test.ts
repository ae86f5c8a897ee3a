// Seats on the Episode: handed over between turns or while a decision is pending, each step naming who decided it.
import {describe, expect, it} from 'vitest';
import {Pacer} from '../source/agents/pacing.js';
import {HUMAN, Person} from '../source/agents/person.js';
import {oraclePolicy} from '../source/agents/policies.js';
import type {Policy} from '../source/agents/policy.js';
import {Episode, type EpisodeEvent, buildSeats, runEpisode} from '../source/agents/runner.js';
import {scenarioFor} from '../source/io/incidents.js';

const scenario = scenarioFor('db_deadlock', {seed: 3});
const settle = () => new Promise(resolve => setImmediate(resolve));

/** A policy that counts how often it was asked and told to cancel. */
function counted(inner: Policy): Policy & {asked: number; cancelled: number} {
	const policy = {
		name: inner.name,
		asked: 0,
		cancelled: 0,
		act: (...args: Parameters<Policy['act']>) => {
			policy.asked++;
			return inner.act(...args);
		},
		cancel: () => {
			policy.cancelled++;
		},
	};
	return policy;
}

describe('seats on the episode', () => {
	it('a pending seat handed to a script is cancelled and the script plays the turn, the step naming it', async () => {
		const person = counted(new Person());
		const episode = new Episode(scenario, {sre: person});
		const events: EpisodeEvent[] = [];
		episode.subscribe(event => events.push(event));
		const played = episode.play();
		expect(played).toBeInstanceOf(Promise);
		expect(episode.pending).toMatchObject({turn: 0, role: 'sre', by: HUMAN});
		episode.seat('sre', oraclePolicy(scenario.incident));
		expect(person.cancelled).toBe(1);
		const result = await played;
		expect(result.final_step).toBe(episode.turn);
		expect(episode.over).toBe(true);
		expect(events.find(event => event.kind === 'seat')).toEqual({kind: 'seat', turn: 0, role: 'sre', by: 'oracle'});
		const steps = events.flatMap(event => (event.kind === 'step' ? [event.step] : []));
		expect(steps[0]).toMatchObject({role: 'sre', by: 'oracle', decisionMs: 0});
	});

	it('a person answering after the seat changed hands changes nothing', async () => {
		const person = new Person();
		const episode = new Episode(scenario, {sre: person});
		void episode.play();
		episode.seat('sre', new Person());
		expect(person.answer({action_type: 'restart', target: 'db'})).toBe(false);
		await settle();
		expect(episode.turn).toBe(0);
		expect(episode.pending).toMatchObject({role: 'sre', by: HUMAN});
	});

	it('a pending decision records how long it took', async () => {
		const person = new Person();
		const episode = new Episode(scenario, {sre: person});
		const played = episode.play();
		await new Promise(resolve => setTimeout(resolve, 30));
		person.answer({action_type: 'restart', target: 'db'});
		const steps: number[] = [];
		episode.subscribe(event => event.kind === 'step' && steps.push(event.step.decisionMs));
		await played;
		expect(steps[0]).toBeGreaterThanOrEqual(25);
	});

	it('a seat handed over by a listener as its decision turns pending plays on, and the episode still ends', async () => {
		const episode = new Episode(scenario, {sre: new Person()});
		episode.subscribe(event => {
			if (event.kind === 'pending' && event.pending.by === HUMAN) episode.seat(event.pending.role, undefined);
		});
		const result = await episode.play();
		expect(result.final_step).toBe(scenario.max_steps);
	});

	it('stop withdraws the pending decision and plays nothing more', async () => {
		const person = counted(new Person());
		const episode = new Episode(scenario, {sre: person});
		void episode.play();
		episode.stop();
		expect(person.cancelled).toBe(1);
		expect(episode.pending).toBeNull();
		await settle();
		expect(episode.turn).toBe(0);
	});

	it('replay asks again the holder a step names, and only it', () => {
		const {steps} = runEpisode(scenario, buildSeats({sre: 'heuristic', dev: 'heuristic'}, scenario));
		const sre = counted(oraclePolicy(scenario.incident));
		const replayed = new Episode(scenario, {sre}).replay(steps.map(step => ({action: step.action, by: step.role === 'sre' ? 'oracle' : HUMAN})));
		expect(sre.asked).toBe(steps.filter(step => step.role === 'sre').length);
		expect(replayed.redecided.map(action => action !== null)).toEqual(steps.map(step => step.role === 'sre'));
		expect(replayed.steps.map(step => step.next)).toEqual(steps.map(step => step.next));
		expect(replayed.unplayed).toBe(0);
	});
});

describe('pacing', () => {
	it('asks the paced policy only when the turn is let through, so a withdrawn turn leaves it untouched', async () => {
		const pacer = new Pacer(60_000);
		const script = counted(oraclePolicy(scenario.incident));
		const episode = new Episode(scenario, {sre: pacer.pace(script)});
		void episode.play();
		expect(pacer.stepOnce()).toBe(false); // not paused: the delay runs
		episode.seat('sre', new Person());
		expect(script.asked).toBe(0);

		const second = new Episode(scenario, {sre: pacer.pace(script)});
		const played = second.play();
		pacer.togglePause();
		expect(pacer.stepOnce()).toBe(true);
		await settle();
		expect(script.asked).toBe(1);
		expect(second.turn).toBeGreaterThan(0);
		second.stop();
		void played;
	});
});
