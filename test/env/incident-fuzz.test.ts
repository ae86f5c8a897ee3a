// Random valid incidents, played with random actions: whatever a file describes (any services, dependencies, agents,
// rules, drift and injects whose names agree), the engine never fails on it. Every action is taken or refused, every
// observation is plain JSON with metrics in their ranges, and the episode ends by max_steps.
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {POLICY_NAMES} from '../../source/agents/policies.js';
import {buildSeats, runEpisode} from '../../source/agents/runner.js';
import {ActionRejected} from '../../source/env/action.js';
import {ChaosOpsEnv} from '../../source/env/environment.js';
import {EnvError} from '../../source/env/errors.js';
import {compileIncident} from '../../source/env/incident.js';
import {METRICS} from '../../source/env/incident-format.js';
import {makeScenario} from '../../source/env/scenario.js';
import type {ActionRequest, ServiceMetrics} from '../../source/env/types.js';
import {ACTION_OWNER, ACTION_TYPES, type ActionType, DIFFICULTIES, HEALTHS, ROLES} from '../../source/env/vocabulary.js';
import {incidentFileProblems, incidentFromValue} from '../../source/io/incidents.js';

// Names a plain object already has a property of ('constructor', 'valueof') are among them on purpose.
const SERVICE_NAMES = ['api', 'store', 'mailer', 'gateway', 'ledger', 'constructor', 'prototype', 'db', 'cache', 's2'];
const AGENT_NAMES = ['janitor', 'pager_bot', 'valueof', 'deploy_bot', 'tostring'];
const SERVICE_ACTIONS = ['restart', 'rollback', 'scale'] as const;

type Json = Record<string, unknown>;
const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, {nil: undefined});
/** A record without the keys whose value came out undefined: the file as a person would write it. */
const defined = (record: Json): Json => Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
const subset = <T>(items: readonly T[], maxLength = items.length) => fc.subarray([...items], {maxLength: Math.min(maxLength, items.length)});

const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const line = fc.oneof(
	fc.constantFrom('deadlock detected', 'heap at 95%', '[pager] still paging', 'Ünïcödé 🚨 ok', 'a'),
	fc.string({unit: 'grapheme', minLength: 1, maxLength: 30}).filter(text => !INVISIBLE.test(text)),
);
const health = fc.constantFrom(...HEALTHS);
const RANGES = {cpu_pct: [0, 100], memory_mb: [0, 1_000_000], latency_ms: [0, 1_000_000], error_rate: [0, 1], replicas: [0, 1000]} as const;
const metricValue = (metric: (typeof METRICS)[number]) =>
	metric === 'replicas' ? fc.integer({min: 0, max: 1000}) : fc.double({min: RANGES[metric][0], max: RANGES[metric][1], noNaN: true});

/** Everything generated for one incident is drawn from its own names, so that every reference resolves. */
function incidentArbitrary(): fc.Arbitrary<Json> {
	return fc
		.record({
			services: fc.uniqueArray(fc.constantFrom(...SERVICE_NAMES), {minLength: 1, maxLength: 7}),
			agents: fc.uniqueArray(fc.constantFrom(...AGENT_NAMES), {maxLength: 4}),
			causes: fc.uniqueArray(fc.constantFrom('slow_disk', 'bad_dns', 'cosmic_ray', 'db_deadlock'), {minLength: 1, maxLength: 3}),
		})
		.chain(({services, agents, causes}) => {
			const name = 'fuzz_fault';
			const rootCauses = [name, ...causes];
			const service = fc.constantFrom(...services);
			const source = fc.constantFrom(...services, ...agents);
			const agent = agents.length === 0 ? null : fc.constantFrom(...agents);

			const metricsChange = fc
				.record(Object.fromEntries([...METRICS.map(metric => [metric, maybe(metricValue(metric))]), ['health', maybe(health)]]))
				.map(defined);
			const changes = subset(services, 3).chain(names => fc.tuple(...names.map(() => metricsChange)).map(values => Object.fromEntries(names.map((n, i) => [n, values[i]]))));
			const threshold = fc
				.record({metric: fc.constantFrom(...METRICS), above: maybe(fc.double({min: -10, max: 5000, noNaN: true})), below: maybe(fc.double({min: -10, max: 5000, noNaN: true}))})
				.map(({metric, above, below}) => defined({metric, above, below: above === undefined && below === undefined ? 100 : below}));
			const condition = fc
				.record({
					health: maybe(subset(services, 2).chain(names => fc.tuple(...names.map(() => fc.oneof(health, fc.uniqueArray(health, {minLength: 1})))).map(values => Object.fromEntries(names.map((n, i) => [n, values[i]]))))),
					flagged: maybe(subset(agents, 2)),
					metrics: maybe(fc.array(fc.tuple(service, threshold).map(([s, t]) => ({service: s, ...t})), {maxLength: 2})),
					root_cause_declared: maybe(fc.boolean()),
				})
				.map(defined);
			const happening = fc
				.record({
					metrics: maybe(changes),
					logs: maybe(fc.array(fc.record({service: source, level: fc.constantFrom('INFO', 'WARN', 'ERROR', 'FATAL'), message: line}), {maxLength: 3})),
					alerts: maybe(fc.array(fc.record({service: source, severity: fc.constantFrom('page', 'warn', 'info'), message: line}), {maxLength: 2})),
					chat: maybe(fc.array(line, {maxLength: 2})),
					fleet_actions:
						agent === null
							? fc.constant(undefined)
							: maybe(fc.array(fc.record({agent, action: fc.constantFrom('scale_down', 'push_config'), target: service, malicious: maybe(fc.boolean())}).map(defined), {maxLength: 2})),
				})
				.map(defined);
			/** An action as a rule or a note matches it, its parts consistent with the action type. */
			const match = (types: readonly ActionType[]) =>
				fc.constantFrom(...types).chain(action => {
					const owner = ACTION_OWNER[action];
					const target = (SERVICE_ACTIONS as readonly string[]).includes(action) ? maybe(service) : action === 'flag_rogue' && agent !== null ? maybe(agent) : fc.constant(undefined);
					const replicas =
						action === 'scale'
							? maybe(fc.tuple(maybe(fc.integer({min: 0, max: 10})), maybe(fc.integer({min: 0, max: 10}))).map(([a, b]) => defined(a !== undefined && b !== undefined ? {min: Math.min(a, b), max: Math.max(a, b)} : {min: a, max: b})))
							: fc.constant(undefined);
					const by = owner === undefined ? maybe(fc.constantFrom(...ROLES)) : maybe(fc.constant(owner));
					return fc.record({action: fc.constant(action), target, replicas, by}).map(defined);
				});
			const rule = (types: readonly ActionType[], withEffect: boolean) =>
				fc
					.record({match: match(types), when: maybe(condition), effect: withEffect ? maybe(changes) : fc.constant(undefined)})
					.map(({match, when, effect}) => defined({...match, when, effect: (SERVICE_ACTIONS as readonly string[]).includes(match['action'] as string) ? effect : undefined}));
			const growth = (metric: (typeof METRICS)[number]) => {
				// Replicas are whole numbers, their growth and its bounds too.
				const amount = (min: number, max: number) => (metric === 'replicas' ? fc.integer({min, max}) : fc.double({min, max, noNaN: true}));
				return fc
					.record({by: amount(-500, 500), a: maybe(amount(-100, 5000)), b: maybe(amount(-100, 5000))})
					.map(({by, a, b}) => defined(a !== undefined && b !== undefined ? {by, min: Math.min(a, b), max: Math.max(a, b)} : {by, min: a, max: b}));
			};
			const drift = fc
				.record({
					service,
					when: maybe(condition),
					grow: maybe(subset(METRICS, 3).chain(metrics => fc.tuple(...metrics.map(growth)).map(values => Object.fromEntries(metrics.map((m, i) => [m, values[i]]))))),
					thresholds: maybe(fc.array(fc.tuple(threshold, health).map(([t, h]) => ({...t, health: h})), {maxLength: 2})),
				})
				.map(defined);
			const inject = fc
				.record({at_step: maybe(fc.integer({min: 1, max: 12})), when: maybe(condition), then: happening})
				.map(({at_step, when, then}) => defined({at_step: at_step === undefined && when === undefined ? 1 : at_step, when, then}));
			/** What a step of the oracle's plan must give to do anything at all (incidentProblems refuses one without it). */
			const needed = (action_type: ActionType): fc.Arbitrary<Json> => {
				if (action_type === 'scale') return fc.record({target: service, replicas: fc.integer({min: 1, max: 1000})});
				if ((SERVICE_ACTIONS as readonly string[]).includes(action_type)) return fc.record({target: service});
				if (action_type === 'flag_rogue') return fc.record({target: agent!});
				if (action_type === 'identify_root_cause') return fc.record({failure_type: fc.constantFrom(...rootCauses)});
				if (action_type === 'communicate') return fc.record({message: line});
				return fc.constant({});
			};
			const solutionAction = (role: (typeof ROLES)[number]) =>
				fc
					.constantFrom(...ACTION_TYPES.filter(type => (ACTION_OWNER[type] ?? role) === role && (type !== 'flag_rogue' || agent !== null)))
					.chain(action_type =>
						fc
							.record({
								needs: needed(action_type),
								extra: fc.record({to: maybe(fc.constantFrom('all', ...ROLES)), agent_name: action_type === 'flag_rogue' ? fc.constant(undefined) : maybe(fc.constantFrom('janitor', 'nobody'))}).map(defined),
							})
							.map(({needs: {target, ...args}, extra}) => {
								const allArgs = {...extra, ...args};
								return defined({action_type, target, args: Object.keys(allArgs).length === 0 ? undefined : allArgs});
							}),
					);
			const plan = (role: (typeof ROLES)[number]) => fc.oneof(solutionAction(role), fc.array(solutionAction(role), {minLength: 1, maxLength: 3}));
			const solution = fc
				.record(Object.fromEntries(ROLES.map(role => [role, maybe(plan(role))])))
				.map(defined)
				.map(roles => (Object.keys(roles).length === 0 ? {manager: {action_type: 'resolve'}} : roles));
			const hasBeneficial = fc.boolean();

			return fc
				.record({
					servicesSpec: fc.tuple(
						...services.map((_, i) =>
							fc
								.record({
									replicas: fc.integer({min: 0, max: 1000}),
									cpu_pct: maybe(metricValue('cpu_pct')),
									latency_ms: maybe(metricValue('latency_ms')),
									// Only on services listed before this one: the dependencies stay acyclic.
									depends_on: maybe(subset(services.slice(0, i))),
								})
								.map(defined),
						),
					),
					rogue: agent === null ? fc.constant(null) : fc.option(agent, {nil: null}),
					start: happening,
					redHerrings: maybe(fc.record({draw: fc.integer({min: 0, max: 5}), logs: fc.array(fc.record({service: source, level: fc.constantFrom('INFO', 'WARN'), message: line}), {minLength: 1, maxLength: 3})})),
					hasBeneficial,
					difficulty: maybe(fc.constantFrom(...DIFFICULTIES)),
				})
				.chain(parts =>
					fc
						.record({
							resolved_by: fc.array(rule(ACTION_TYPES, !parts.hasBeneficial), {minLength: 1, maxLength: 3}),
							beneficial: parts.hasBeneficial ? fc.array(rule(SERVICE_ACTIONS, true), {maxLength: 3}) : fc.constant(undefined),
							secondary_failures: maybe(fc.array(fc.record({after: fc.uniqueArray(fc.constantFrom(...SERVICE_ACTIONS), {minLength: 1}), when: maybe(condition), then: happening}).map(defined), {maxLength: 2})),
							drift: maybe(fc.array(drift, {maxLength: 3})),
							injects: maybe(fc.array(inject, {maxLength: 4})),
							solution,
							notes: maybe(fc.array(fc.record({match: match(ACTION_TYPES), verdict: fc.constantFrom('helps', 'hurts', 'neutral'), note: line}).map(({match, ...rest}) => ({...match, ...rest})), {maxLength: 2})),
						})
						.map(({resolved_by, beneficial, secondary_failures, drift, injects, solution, notes}) =>
							defined({
								format: 1,
								name,
								title: 'A random fault',
								briefing: 'Something random is wrong.\nSecond line.',
								difficulty: parts.difficulty,
								root_causes: rootCauses,
								system: {services: Object.fromEntries(services.map((s, i) => [s, parts.servicesSpec[i]])), fleet_agents: agents},
								rogue_agent: parts.rogue,
								start: defined({...parts.start, red_herrings: parts.redHerrings}),
								rules: defined({resolved_by: reachable(resolved_by, parts.start, beneficial !== undefined), beneficial, secondary_failures, drift}),
								injects,
								solution,
								trainer: defined({root_cause: 'Chance.', notes, hints: ['Look around.']}),
							}),
						),
				);
		});
}

/**
 * A fix must be able to happen (incidentProblems refuses one asking for a health its service can never have): each
 * health a resolved_by rule asks for also takes the health the service starts with. Without rules.beneficial, a repair
 * rule asks nothing of its own target's health (it would be judged before the repair too, which incidentProblems refuses).
 */
function reachable(rules: Json[], start: Json, hasBeneficial: boolean): Json[] {
	const startHealth = (service: string) => ((start['metrics'] as Record<string, Json> | undefined)?.[service]?.['health'] as string | undefined) ?? 'healthy';
	return rules.map(rule => {
		const when = rule['when'] as Json | undefined;
		const wanted = when?.['health'] as Record<string, string | string[]> | undefined;
		if (wanted === undefined) return rule;
		const ownTarget = !hasBeneficial && (SERVICE_ACTIONS as readonly string[]).includes(rule['action'] as string) ? rule['target'] : undefined;
		const health = Object.fromEntries(Object.entries(wanted).filter(([service]) => service !== ownTarget).map(([service, h]) => [service, [...new Set([...(typeof h === 'string' ? [h] : h), startHealth(service)])]]));
		return {...rule, when: {...when, health}};
	});
}

/** Actions a careless or hostile player sends: real and made-up types, targets and args. */
const actionArbitrary: fc.Arbitrary<Json> = fc
	.record({
		action_type: fc.oneof({weight: 9, arbitrary: fc.constantFrom(...ACTION_TYPES)}, fc.constantFrom('reboot', '', 'RESTART')),
		role: maybe(fc.constantFrom(...ROLES)),
		target: maybe(fc.oneof(fc.constantFrom(...SERVICE_NAMES, ...AGENT_NAMES, '', 'DB', '__proto__', 'hasOwnProperty'), fc.constant(null), fc.string({maxLength: 6}), fc.integer())),
		args: maybe(
			fc
				.record({
					message: maybe(fc.oneof(line, fc.constant(''), fc.integer())),
					to: maybe(fc.constantFrom('all', 'dev', ' Oversight ', 'ceo', '')),
					replicas: maybe(fc.oneof(fc.integer({min: -3, max: 1200}), fc.constantFrom('4', ' 2 ', 'x', '2.5', 2.5, 1e20, null, '9'.repeat(30)))),
					failure_type: maybe(fc.constantFrom('fuzz_fault', 'slow_disk', 'db_deadlock', 'bogus', ' fuzz_fault ', '')),
					agent_name: maybe(fc.constantFrom(...AGENT_NAMES, 'api', '', 'x')),
				})
				.map(defined),
		),
	})
	.map(defined);

const inRange = (metrics: ServiceMetrics): boolean =>
	METRICS.every(metric => {
		const value = metrics[metric];
		const [min, max] = RANGES[metric];
		return Number.isFinite(value) && value >= min && (metric === 'replicas' ? Number.isInteger(value) : value <= max);
	});

describe('random valid incidents under random actions', () => {
	it('compiles every one, and plays it to the end taking or refusing each action', () => {
		fc.assert(
			fc.property(
				incidentArbitrary(),
				fc.array(actionArbitrary, {minLength: 1, maxLength: 40}),
				fc.record({seed: fc.integer({min: -1000, max: 1000}), maxSteps: fc.integer({min: 1, max: 30}), difficulty: fc.constantFrom(...DIFFICULTIES)}),
				(value, actions, options) => {
					const {file, problems} = incidentFileProblems(value);
					expect(problems).toEqual([]);
					const incident = compileIncident(file!);
					const env = new ChaosOpsEnv({episodeId: () => 'fuzz'});
					const observations = [env.reset(makeScenario(incident, options))];
					let accepted = 0;
					for (let turn = 0; !env.done; turn++) {
						// Once every action has been offered, noops play out the rest of the episode.
						const action = turn < actions.length ? actions[turn]! : {action_type: 'noop'};
						try {
							const {observation, info} = env.step(action as unknown as ActionRequest);
							accepted++;
							observations.push(observation);
							expect(info.step_count).toBe(accepted);
						} catch (error) {
							if (!(error instanceof ActionRejected || error instanceof EnvError)) throw error;
						}
					}
					const state = env.state();
					expect(state.step_count).toBeLessThanOrEqual(options.maxSteps);
					if (!state.resolved) expect(state.step_count).toBe(options.maxSteps);
					expect(() => env.step({action_type: 'noop'})).toThrow(EnvError);
					for (const observation of observations) {
						expect(JSON.parse(JSON.stringify(observation))).toEqual(observation);
						for (const metrics of Object.values(observation.view.visible_metrics)) expect(inRange(metrics), JSON.stringify(metrics)).toBe(true);
					}
					expect(Object.keys(state.services)).toEqual(incident.serviceNames);
				},
			),
			{numRuns: 150},
		);
	});

	it('is played to the end by every scripted policy, its own oracle included', () => {
		fc.assert(
			fc.property(incidentArbitrary(), fc.constantFrom(...POLICY_NAMES), fc.integer({min: 1, max: 25}), (value, policy, maxSteps) => {
				const scenario = makeScenario(incidentFromValue(value, 'random incident'), {maxSteps, difficulty: 'hard'});
				const policies = Object.fromEntries(ROLES.map(role => [role, policy]));
				const {steps, result} = runEpisode(scenario, buildSeats(policies, scenario));
				expect(steps.length).toBe(result.resolved ? result.final_step : maxSteps);
			}),
			{numRuns: 100},
		);
	});
});
