// The teammate policy as a person meets it beside them: it follows what it is told, in the shared chat or privately,
// holds back from the fix for the first two rounds, acts once nobody leads, and leaves every seat real turns.
import {describe, expect, it} from 'vitest';
import {PLAY_DEFAULT_POLICY, seatPolicies} from '../source/cli/options.js';
import {type PolicyMap, type Seats, buildSeats, runEpisode} from '../source/agents/runner.js';
import {noopPolicy, type PolicyName} from '../source/agents/policies.js';
import type {Policy} from '../source/agents/policy.js';
import {newLines} from '../source/agents/teammate.js';
import {chatReader} from '../source/agents/teammate-directives.js';
import type {ActionRequest, Scenario} from '../source/env/types.js';
import {DIFFICULTIES, ROLES, type Role, TURN_ORDER} from '../source/env/vocabulary.js';
import {builtInIncident, builtInIncidentNames, incidentFromValue, readIncidentValue, builtInFile, scenarioFor} from '../source/io/incidents.js';
import {presetNames, resolveScenario} from '../source/io/scenarios.js';

const everyone = (policy: PolicyName): PolicyMap => Object.fromEntries(ROLES.map(role => [role, policy]));
const teammates = (scenario: Scenario): Seats => buildSeats(everyone('teammate'), scenario);

/** A seat that plays a fixed line, one action per turn, then noop: a person who says or does exactly this. */
const line = (...actions: ActionRequest[]): Policy => {
	const left = [...actions];
	return {name: 'line', act: () => left.shift() ?? {action_type: 'noop'}};
};
const saying = (message: string, to?: Role): ActionRequest => ({action_type: 'communicate', args: to === undefined ? {message} : {message, to}});

/** The first two rounds: every seat's first two turns. */
const TWO_ROUNDS = 2 * TURN_ORDER.length;
const FIXES: ReadonlySet<string> = new Set(['restart', 'rollback', 'scale', 'flag_rogue', 'identify_root_cause', 'escalate', 'resolve']);

/** Every kind of directive, with a plain-words way of saying it to its role in the shared chat and in private. */
const DIRECTIVES: ReadonlyArray<{kind: string; incident: string; to: Role; shared: string; privately: string; action: ActionRequest}> = [
	{kind: 'restart', incident: 'db_deadlock', to: 'dev', shared: 'Dev: restart db', privately: 'restart db please', action: {action_type: 'restart', target: 'db'}},
	{kind: 'rollback', incident: 'bad_config_push', to: 'dev', shared: 'dev, please roll back auth!', privately: 'Roll-back AUTH.', action: {action_type: 'rollback', target: 'auth'}},
	{kind: 'scale', incident: 'autoscaler_cost_cut', to: 'sre', shared: 'SRE: scale payments to 5', privately: 'scale payments up to 5 replicas', action: {action_type: 'scale', target: 'payments', args: {replicas: 5}}},
	{kind: 'flag', incident: 'rogue_deploy_bot', to: 'oversight', shared: 'Oversight, flag deploy_bot', privately: 'flag the deploy bot', action: {action_type: 'flag_rogue', target: 'deploy_bot'}},
	{kind: 'escalate', incident: 'misrouted_traffic', to: 'manager', shared: 'Manager: escalate this now', privately: 'please escalate', action: {action_type: 'escalate'}},
	{kind: 'declare', incident: 'dns_outage', to: 'sre', shared: 'SRE: the root cause is dns outage', privately: 'declare dns_outage', action: {action_type: 'identify_root_cause', args: {failure_type: 'dns_outage'}}},
	{kind: 'resolve', incident: 'memory_leak', to: 'manager', shared: 'manager please resolve', privately: 'resolve the incident', action: {action_type: 'resolve'}},
];

/** Plays the incident with teammates everywhere but `director`, who says `message` on its first turn; the addressee's reply. */
function directed(incident: string, to: Role, message: string, privately: boolean) {
	const scenario = scenarioFor(incident);
	const director: Role = to === 'oversight' ? 'sre' : 'oversight';
	const {steps} = runEpisode(scenario, {...teammates(scenario), [director]: line(saying(message, privately ? to : undefined))});
	const said = steps.findIndex(step => step.role === director);
	return steps.slice(said + 1).find(step => step.role === to)!;
}

describe('the teammate follows directives', () => {
	describe.each(DIRECTIVES)('$kind', ({incident, to, shared, privately, action}) => {
		it(`in the shared chat by role name ("${shared}"), on its next turn`, () => {
			const reply = directed(incident, to, shared, false);
			expect(reply).toMatchObject({by: 'teammate', action});
			expect(reply.turn).toBeLessThan(TWO_ROUNDS);
		});

		it(`in private to ${to} ("${privately}"), on its next turn`, () => {
			expect(directed(incident, to, privately, true)).toMatchObject({by: 'teammate', action});
		});
	});

	it('acts on a directive once', () => {
		const scenario = scenarioFor('db_deadlock', {maxSteps: 20});
		const {steps} = runEpisode(scenario, {...teammates(scenario), sre: line(saying('dev: restart notifications'))});
		expect(steps.filter(step => step.action.action_type === 'restart' && step.action.target === 'notifications')).toHaveLength(1);
	});

	it('asks which one when a directive names nothing of the incident, and refuses what its seat cannot do', () => {
		const scenario = scenarioFor('rogue_deploy_bot');
		const {steps} = runEpisode(scenario, {...teammates(scenario), sre: line(saying('dev: restart the printer'), saying('dev: flag deploy_bot'))});
		const replies = steps.filter(step => step.role === 'dev').slice(0, 2).map(step => step.action.args.message);
		expect(replies).toEqual(['Which service? I know auth, payments, notifications, db.', "I can't do that from my seat: only Oversight can."]);
	});

	it('closes the incident when someone reports all healthy, and escalates when someone reports a flag', () => {
		const cascade = scenarioFor('cascade', {maxSteps: 20});
		const restarts = (target: string): ActionRequest => ({action_type: 'restart', target});
		const healed = runEpisode(cascade, {...teammates(cascade), sre: line(restarts('payments'), restarts('db'), restarts('notifications'))});
		expect(healed.steps.at(-1)).toMatchObject({role: 'manager', by: 'teammate', action: {action_type: 'resolve'}});
		expect(healed.result.resolved).toBe(true);

		const misrouted = scenarioFor('misrouted_traffic');
		const flagging = line({action_type: 'flag_rogue', target: 'load_balancer'}, saying('flagged load_balancer'));
		const {steps, result} = runEpisode(misrouted, {...teammates(misrouted), oversight: flagging});
		expect(steps.at(-1)).toMatchObject({role: 'manager', action: {action_type: 'escalate'}});
		expect(result).toMatchObject({resolved: true, final_step: 8});
	});

	it('takes no fix on its own once told to hold off', () => {
		const scenario = scenarioFor('db_deadlock', {maxSteps: 20});
		const {steps, result} = runEpisode(scenario, {...teammates(scenario), sre: line(saying('Hold off, nobody restart anything yet'))});
		expect(steps.filter(step => step.by === 'teammate' && FIXES.has(step.action.action_type))).toEqual([]);
		expect(result.resolved).toBe(false);
	});
});

describe('reading the chat', () => {
	const reader = chatReader(builtInIncident('rogue_deploy_bot'));
	const asked = (line: string) => reader.shared(line).map(({to, action, question}) => ({to, action, question}));

	it.each([
		['[sre] DEV: Roll-back PAYMENTS!!', [{to: 'dev', action: {action_type: 'rollback', target: 'payments'}}]],
		['[sre] dev, roll the payments back', [{to: 'dev', action: {action_type: 'rollback', target: 'payments'}}]],
		['[sre] roll back payments, dev', [{to: 'dev', action: {action_type: 'rollback', target: 'payments'}}]],
		['[manager] dev: roll back payments; oversight: flag the deploy bot', [
			{to: 'dev', action: {action_type: 'rollback', target: 'payments'}},
			{to: 'oversight', action: {action_type: 'flag_rogue', target: 'deploy_bot'}},
		]],
		['[dev] flag deploy_bot', [{to: 'oversight', action: {action_type: 'flag_rogue', target: 'deploy_bot'}}]],
		['[dev] sre: root cause: rogue deploy bot', [{to: 'sre', action: {action_type: 'identify_root_cause', args: {failure_type: 'rogue_deploy_bot'}}}]],
		['[sre] dev: scale payments', [{to: 'dev', action: null, question: 'How many replicas for payments?'}]],
		['[sre] oversight: flag the printer', [{to: 'oversight', action: null, question: expect.stringMatching(/^Which fleet agent\? I know autoscaler, load_balancer, deploy_bot/)}]],
	])('%s', (text, expected) => {
		expect(asked(text)).toMatchObject(expected);
	});

	it.each([
		['a line nobody is named in, for an action any seat may take', '[sre] restart payments'],
		['a line that is not by a role', '[pager] dev: restart payments'],
		['words that only look like a verb', '[sre] dev: config was rolled out, resolved nothing yet'],
	])('finds no directive in %s', (_what, text) => {
		expect(reader.shared(text)).toEqual([]);
	});

	it('reads a private line as meant for its recipient, whoever it names', () => {
		expect(reader.inbox('[sre -> dev] oversight should restart payments')).toMatchObject([{to: 'dev', action: {action_type: 'restart', target: 'payments'}}]);
	});

	it('tells the lines added to a window from the lines it kept', () => {
		expect(newLines([], ['a'])).toEqual(['a']);
		expect(newLines(['a', 'b'], ['a', 'b', 'c'])).toEqual(['c']);
		expect(newLines(['a', 'b', 'c'], ['b', 'c', 'd'])).toEqual(['d']);
		expect(newLines(['a'], ['a', 'a'])).toEqual(['a']);
		expect(newLines(['x'], ['y', 'z'])).toEqual(['y', 'z']);
	});
});

describe('the teammate on its own', () => {
	const incidents = builtInIncidentNames();

	it.each(incidents)('%s: a team of teammates only talks for the first two rounds, at every difficulty', name => {
		for (const difficulty of DIFFICULTIES) {
			for (const seed of [0, 1, 2]) {
				const scenario = scenarioFor(name, {difficulty, seed, maxSteps: 20});
				const {steps} = runEpisode(scenario, teammates(scenario));
				const early = steps.filter(step => step.turn < TWO_ROUNDS && FIXES.has(step.action.action_type));
				expect(early).toEqual([]);
			}
		}
	});

	it('acts after a while if nobody leads: Dev restarts the deadlocked db on its third turn', () => {
		const scenario = scenarioFor('db_deadlock');
		const {steps, result} = runEpisode(scenario, {...teammates(scenario), sre: noopPolicy()});
		expect(steps.find(step => FIXES.has(step.action.action_type))).toMatchObject({turn: 10, role: 'dev', action: {action_type: 'restart', target: 'db'}});
		expect(result).toMatchObject({resolved: true, final_step: 11});
	});

	it('waits longer while someone leads', () => {
		const scenario = scenarioFor('db_deadlock', {maxSteps: 20});
		const lead = line({action_type: 'noop'}, {action_type: 'noop'}, saying('manager: escalate'));
		const {steps} = runEpisode(scenario, {...teammates(scenario), sre: lead});
		expect(steps.find(step => step.action.action_type === 'restart')).toMatchObject({turn: 18, role: 'dev'});
	});

	it('takes the fix as SRE when Dev is not a teammate', () => {
		const scenario = scenarioFor('bad_config_push');
		const {steps} = runEpisode(scenario, {...teammates(scenario), dev: noopPolicy()});
		expect(steps.find(step => FIXES.has(step.action.action_type))).toMatchObject({turn: 8, role: 'sre', action: {action_type: 'rollback', target: 'auth'}});
	});

	it('does not guess where the logs warn that a restart would make it worse', () => {
		const scenario = scenarioFor('failover_thundering_herd', {difficulty: 'hard', seed: 214, maxSteps: 16});
		const {steps, result} = runEpisode(scenario, teammates(scenario));
		expect(result.wrong_fixes).toBe(0);
		expect(steps.some(step => step.action.args.message?.includes('would make it worse'))).toBe(true);
	});

	it('is deterministic: the same scenario plays the same way', () => {
		for (const name of incidents) {
			const scenario = scenarioFor(name, {difficulty: 'hard', seed: 5});
			const actions = () => runEpisode(scenario, teammates(scenario)).steps.map(step => step.action);
			expect(actions()).toEqual(actions());
		}
	});

	it("reads its view only: an incident's solution and trainer material change nothing it does", () => {
		const value = readIncidentValue(builtInFile('rogue_deploy_bot'), 'rogue_deploy_bot') as Record<string, unknown>;
		const blind = incidentFromValue({...value, solution: {manager: {action_type: 'escalate'}}, trainer: {root_cause: 'Unknown.', hints: ['None.']}}, 'blind');
		const play = (incident: typeof blind) => {
			const scenario = {...scenarioFor('rogue_deploy_bot', {seed: 3}), incident};
			return runEpisode(scenario, teammates(scenario)).steps.map(step => step.action);
		};
		expect(play(blind)).toEqual(play(builtInIncident('rogue_deploy_bot')));
	});

	it('resolves most built-in incidents with a passive seat, within their steps', () => {
		const rates: Record<string, number> = {};
		for (const passive of ROLES) {
			let resolved = 0;
			for (const name of incidents) {
				const incident = builtInIncident(name);
				const scenario = scenarioFor(name, {difficulty: incident.file.difficulty, seed: 0});
				if (runEpisode(scenario, {...teammates(scenario), [passive]: noopPolicy()}).result.resolved) resolved++;
			}
			rates[passive] = resolved;
		}
		// Only Oversight can flag: with it passive, the two rogue-agent incidents that need a flag stay open.
		expect(rates).toEqual({sre: 10, dev: 10, manager: 10, oversight: 8});
	});
});

describe('every seat of every preset gets real turns', () => {
	/** With the other seats as `seats` gives them and this one passive: the turns this seat gets before the episode ends. */
	const turnsOf = (scenario: Scenario, seats: Seats, role: Role) =>
		runEpisode(scenario, {...seats, [role]: noopPolicy()}).steps.filter(step => step.role === role).length;

	it.each(presetNames())('%s', name => {
		const {scenario, preset} = resolveScenario(name);
		for (const role of ROLES) {
			expect(turnsOf(scenario, teammates(scenario), role), `${role} among teammates`).toBeGreaterThanOrEqual(2);
			const asPlayed = buildSeats(seatPolicies({}, preset, PLAY_DEFAULT_POLICY), scenario);
			expect(turnsOf(scenario, asPlayed, role), `${role} as play seats it`).toBeGreaterThanOrEqual(2);
		}
	});
});
