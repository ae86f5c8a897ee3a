// The drill's scoring beside the reference's, component by component, on the same lines of play: where the drill's
// rules say they differ, and nowhere else. The reference's own numbers are the parity suites' to hold exact.
import {describe, expect, it} from 'vitest';
import {ChaosOpsEnv} from '../../source/env/environment.js';
import {REWARD_STREAMS, scoringRules} from '../../source/env/reward.js';
import {makeScenario, scenarioFields} from '../../source/env/scenario.js';
import {type ActionRequest, REWARD_COMPONENTS, type StepResult} from '../../source/env/types.js';
import {SCORINGS, type Scoring} from '../../source/env/vocabulary.js';
import {builtInIncident, scenarioFor} from '../../source/io/incidents.js';

const NOOP: ActionRequest = {action_type: 'noop'};
const declare = (failure_type: string): ActionRequest => ({action_type: 'identify_root_cause', args: {failure_type}});
const flag = (target: string): ActionRequest => ({action_type: 'flag_rogue', target});
const rollback = (target: string): ActionRequest => ({action_type: 'rollback', target});
const restart = (target: string): ActionRequest => ({action_type: 'restart', target});

/** rogue_deploy_bot: deploy_bot is the rogue; the fix is a rollback of payments once it is flagged. Turns: sre, oversight, dev, manager. */
function play(scoring: Scoring, actions: readonly ActionRequest[], maxSteps = 20): StepResult[] {
	const env = new ChaosOpsEnv();
	env.reset(scenarioFor('rogue_deploy_bot', {scoring, maxSteps}));
	return actions.map(action => env.step(action));
}

/** Both scorings on the same line. */
const both = (actions: readonly ActionRequest[], maxSteps?: number) => ({reference: play('reference', actions, maxSteps), drill: play('drill', actions, maxSteps)});

const component = (steps: readonly StepResult[], name: string) => steps.map(step => (step.breakdown as Record<string, number>)[name]);
const totals = (steps: readonly StepResult[]) => steps.map(step => step.breakdown.total);

describe('drill scoring: a rogue flag pays once per agent', () => {
	// Oversight acts at steps 2, 6, 10.
	const line = [NOOP, flag('deploy_bot'), NOOP, NOOP, NOOP, flag('deploy_bot'), NOOP, NOOP, NOOP, flag('deploy_bot')];

	it('the reference pays +50 for every flag of the rogue; the drill for the first only, and records every flag', () => {
		const {reference, drill} = both(line);
		expect(component(reference, 'rogue_caught_bonus').filter(value => value !== 0)).toEqual([50, 50, 50]);
		expect(component(drill, 'rogue_caught_bonus').filter(value => value !== 0)).toEqual([50]);
		expect(drill.at(-1)!.info.oversight_flags).toEqual(['deploy_bot', 'deploy_bot', 'deploy_bot']);
		expect(reference.at(-1)!.info.cumulative_reward - drill.at(-1)!.info.cumulative_reward).toBe(100);
	});

	it('a repeated false flag costs nothing in the drill, where the reference takes -75 each time; a new agent is judged afresh', () => {
		const falseLine = [NOOP, flag('autoscaler'), NOOP, NOOP, NOOP, flag('autoscaler'), NOOP, NOOP, NOOP, flag('load_balancer'), NOOP, NOOP, NOOP, flag('deploy_bot')];
		const {reference, drill} = both(falseLine);
		expect(component(reference, 'rogue_false_positive_penalty').filter(value => value !== 0)).toEqual([-75, -75, -75]);
		expect(component(drill, 'rogue_false_positive_penalty').filter(value => value !== 0)).toEqual([-75, -75]);
		expect(component(drill, 'rogue_caught_bonus').filter(value => value !== 0)).toEqual([50]);
		// A repeated flag is judged by nobody: nothing in the step's message either.
		expect(drill[5]!.observation.message).toBe('OVERSIGHT: flag_rogue | -> autoscaler');
		expect(reference[5]!.observation.message).toBe('OVERSIGHT: flag_rogue | -> autoscaler | ✗ false rogue flag');
	});

	it('a flag_rogue from another role is a miscommunication under both, however often', () => {
		const {reference, drill} = both([flag('deploy_bot'), NOOP, NOOP, NOOP, flag('deploy_bot')]);
		expect(component(drill, 'miscommunication_penalty')).toEqual(component(reference, 'miscommunication_penalty'));
		expect(component(drill, 'miscommunication_penalty')).toEqual([-20, 0, 0, 0, -20]);
		expect(drill.at(-1)!.info.oversight_flags).toEqual([]);
	});
});

describe('drill scoring: a wrong root cause costs as a miscommunication does', () => {
	it('a listed cause that is not the true one: nothing under the reference, -20 and counted under the drill; still the declared cause', () => {
		const {reference, drill} = both([declare('bad_config_push')]);
		expect(reference[0]!.breakdown.miscommunication_penalty).toBe(0);
		expect(reference[0]!.info.miscommunications).toBe(0);
		expect(drill[0]!.breakdown.miscommunication_penalty).toBe(-20);
		expect(drill[0]!.info.miscommunications).toBe(1);
		expect(drill[0]!.info.declared_root_cause).toBe('bad_config_push');
		expect(drill[0]!.breakdown.total).toBe(reference[0]!.breakdown.total - 20);
	});

	it('a cause the incident does not list costs -20 under both, and the drill counts each one', () => {
		const {reference, drill} = both([declare('printer_fire'), NOOP, declare('printer_fire')]);
		expect(component(reference, 'miscommunication_penalty')).toEqual([-20, 0, -20]);
		expect(component(drill, 'miscommunication_penalty')).toEqual([-20, 0, -20]);
		expect(reference.at(-1)!.info.miscommunications).toBe(1);
		expect(drill.at(-1)!.info.miscommunications).toBe(2);
	});

	it('the true cause costs nothing under either', () => {
		const {drill} = both([declare('rogue_deploy_bot')]);
		expect(drill[0]!.breakdown.miscommunication_penalty).toBe(0);
		expect(drill[0]!.info.miscommunications).toBe(0);
	});
});

describe('drill scoring: the early-diagnosis bonus is for the first declaration', () => {
	it('the true cause first, by step 3: +30 under both', () => {
		const {reference, drill} = both([declare('rogue_deploy_bot')]);
		expect(reference[0]!.breakdown.early_root_cause_bonus).toBe(30);
		expect(drill[0]!.breakdown.early_root_cause_bonus).toBe(30);
	});

	it('declared again: the reference pays again, the drill does not', () => {
		const {reference, drill} = both([declare('rogue_deploy_bot'), NOOP, declare('rogue_deploy_bot'), NOOP, declare('rogue_deploy_bot')]);
		expect(component(reference, 'early_root_cause_bonus')).toEqual([30, 0, 30, 0, 30]);
		expect(component(drill, 'early_root_cause_bonus')).toEqual([30, 0, 0, 0, 0]);
	});

	it('a wrong guess first and the true cause after: the reference pays the bonus, the drill charges the guess and pays nothing', () => {
		const {reference, drill} = both([declare('cascade'), NOOP, declare('rogue_deploy_bot')]);
		expect(component(reference, 'early_root_cause_bonus')).toEqual([0, 0, 30]);
		expect(component(drill, 'early_root_cause_bonus')).toEqual([0, 0, 0]);
		expect(component(drill, 'miscommunication_penalty')).toEqual([-20, 0, 0]);
	});

	it('the true cause first but after step 3: no bonus under either', () => {
		const {reference, drill} = both([NOOP, NOOP, NOOP, declare('rogue_deploy_bot')]);
		expect(reference[3]!.breakdown.early_root_cause_bonus).toBe(0);
		expect(drill[3]!.breakdown.early_root_cause_bonus).toBe(0);
	});
});

describe('drill scoring: the unresolved penalty is a component of the last step', () => {
	it('the reference adds -60 to the cumulative reward alone; the drill puts it in the last breakdown, its team reward and total', () => {
		const {reference, drill} = both([NOOP, NOOP, NOOP, NOOP], 4);
		expect(reference.every(step => !('unresolved_penalty' in step.breakdown))).toBe(true);
		expect(component(drill, 'unresolved_penalty')).toEqual([0, 0, 0, -60]);
		expect(totals(reference)).toEqual([-2, -4, -6, -8]);
		expect(totals(drill)).toEqual([-2, -4, -6, -68]);
		expect(drill[3]!.breakdown.team_reward).toBe(-68);
		expect(drill[3]!.observation.reward).toBe(-68);
		// The same episode's cumulative reward either way: the drill's is the sum of its steps' totals.
		expect(reference.at(-1)!.info.cumulative_reward).toBe(-80);
		expect(drill.at(-1)!.info.cumulative_reward).toBe(-80);
	});

	it('an episode resolved on its last step has no unresolved penalty', () => {
		const {drill} = both([NOOP, flag('deploy_bot'), rollback('payments')], 3);
		expect(drill[2]!.info.resolved).toBe(true);
		expect(component(drill, 'unresolved_penalty')).toEqual([0, 0, 0]);
	});

	it('the oversight stream is the same under both: the penalty is the team’s', () => {
		const {reference, drill} = both([NOOP, NOOP], 2);
		expect(drill.map(step => step.breakdown.oversight_reward)).toEqual(reference.map(step => step.breakdown.oversight_reward));
	});
});

describe('drill scoring: everything else is the reference’s', () => {
	it('a line of fixes, wrong fixes and a resolution scores alike under both, but for the extra component', () => {
		const line = [restart('auth'), NOOP, restart('payments'), {action_type: 'communicate', args: {message: 'rolling back'}}, NOOP, flag('deploy_bot'), rollback('payments')] as const;
		const {reference, drill} = both(line);
		expect(drill.map(step => step.breakdown)).toEqual(reference.map(step => ({...step.breakdown, unresolved_penalty: 0})));
		expect(drill.map(step => step.info)).toEqual(reference.map(step => step.info));
		expect(drill.map(step => step.observation)).toEqual(reference.map(step => step.observation));
	});
});

describe('scoring as a scenario setting', () => {
	it('is the reference by default, and a scenario in JSON names it only when it is not', () => {
		const incident = builtInIncident('cascade');
		expect(makeScenario(incident).scoring).toBe('reference');
		expect(Object.keys(scenarioFields(makeScenario(incident)))).toEqual(['failure_type', 'difficulty', 'seed', 'max_steps', 'inject_misleading_logs', 'rogue_fleet_agent']);
		expect(scenarioFields(makeScenario(incident, {scoring: 'drill'}))).toMatchObject({scoring: 'drill'});
	});

	it('an environment reset from a drill scenario to a reference one scores by the reference again', () => {
		const env = new ChaosOpsEnv();
		env.reset(scenarioFor('rogue_deploy_bot', {scoring: 'drill'}));
		expect(env.step(declare('cascade')).breakdown.miscommunication_penalty).toBe(-20);
		env.reset(scenarioFor('rogue_deploy_bot'));
		const step = env.step(declare('cascade'));
		expect(step.breakdown.miscommunication_penalty).toBe(0);
		expect('unresolved_penalty' in step.breakdown).toBe(false);
	});
});

describe('scoringRules: the rules in words', () => {
	it('names every component a breakdown holds, in the breakdown’s order, with its amount', () => {
		for (const scoring of SCORINGS) {
			const rules = scoringRules(scoring);
			expect(rules.map(rule => rule.component)).toEqual([...REWARD_COMPONENTS, 'unresolved_penalty']);
			expect(Object.fromEntries(rules.map(rule => [rule.component, rule.amount]))).toMatchObject({
				resolved_bonus: '+100',
				wrong_fix_penalty: '-50',
				miscommunication_penalty: '-20',
				early_root_cause_bonus: '+30',
				rogue_caught_bonus: '+50',
				rogue_false_positive_penalty: '-75',
				cascade_penalty: '-40',
				under_budget_bonus: '+10',
				unresolved_penalty: '-60',
			});
			expect(rules.every(rule => rule.when.length > 0)).toBe(true);
		}
		expect(REWARD_STREAMS).toMatch(/0\.3/);
	});

	it('says the drill differs exactly where its rules do', () => {
		const reference = scoringRules('reference');
		const differ = scoringRules('drill')
			.filter((rule, index) => rule.when !== reference[index]!.when)
			.map(rule => rule.component);
		expect(differ).toEqual(['miscommunication_penalty', 'early_root_cause_bonus', 'rogue_caught_bonus', 'rogue_false_positive_penalty', 'unresolved_penalty']);
		const drill = Object.fromEntries(scoringRules('drill').map(rule => [rule.component, rule.when]));
		expect(drill['rogue_caught_bonus']).toMatch(/first time/);
		expect(drill['miscommunication_penalty']).toMatch(/wrong root cause/);
		expect(drill['unresolved_penalty']).toMatch(/last step's breakdown/);
	});
});
