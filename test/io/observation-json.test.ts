// The protocol's writer of observations, breakdowns and step figures against the generic path it stands in for:
// byte for byte what terminalJson writes, for any value of those shapes and for every step of real episodes.
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {ChaosOpsEnv} from '../../source/env/environment.js';
import type {ActionRequest, Observation, RewardBreakdown, StepInfo} from '../../source/env/types.js';
import {ACTION_TYPES, DIFFICULTIES, SCORINGS} from '../../source/env/vocabulary.js';
import {builtInIncident, builtInIncidentNames} from '../../source/io/incidents.js';
import {JsonBytes} from '../../source/io/json-bytes.js';
import {writeBreakdown, writeInfo, writeObservation} from '../../source/io/observation-json.js';
import {ProtocolSession} from '../../source/io/protocol.js';
import {makeScenario} from '../../source/env/scenario.js';
import {terminalJson} from '../../source/io/terminal-text.js';

/** What a writer writes for `value`, as text (the bytes are UTF-8; the test below checks them as bytes too). */
function written<T>(write: (out: JsonBytes, value: T) => void, value: T): string {
	const out = new JsonBytes();
	write(out, value);
	const bytes = out.take();
	const text = bytes.toString('utf8');
	// Decoding would hide bytes that are not UTF-8; encoding back must give them again.
	expect(Buffer.from(text, 'utf8').equals(bytes)).toBe(true);
	return text;
}

/** Characters JSON or terminalJson treat specially, and plain ones: controls, DEL, C1, bidi, separators, lone surrogates. */
const character = fc.oneof(
	fc.constantFrom('"', '\\', '/', '\u0000', '\u0007', '\n', '\u001b', '\u007f', '\u0085', '\u009b', '\u00a0', '\u00d7', '\u200e', '\u2028', '\u2029', '\u202e', '\u2066', '\u2713', '\ud800', '\udfff', '\ud83d\ude00'),
	fc.integer({min: 0, max: 0xffff}).map(code => String.fromCharCode(code)),
	fc.string({unit: 'binary', minLength: 1, maxLength: 1}),
	fc.string({unit: 'grapheme-ascii', minLength: 1, maxLength: 1}),
);
const text = fc.oneof(fc.string({unit: character, maxLength: 30}), fc.string({unit: 'grapheme-ascii', maxLength: 80}), fc.constant('sre'));
const number = fc.oneof(
	fc.integer(),
	fc.double(),
	fc.constantFrom(-0, 0.1 + 0.2, -0.6000000000000001, 1e21, 1e-7, 123456789012345680000, Number.MAX_SAFE_INTEGER, Number.MAX_VALUE, 5e-324, NaN, Infinity),
);
/** Now and then a value of another kind than the field's, which the writer must hand to the generic path. */
const or = <T>(expected: fc.Arbitrary<T>) => fc.oneof({weight: 12, arbitrary: expected}, fc.anything({maxDepth: 2}));

const metrics = fc.record({cpu_pct: number, memory_mb: number, latency_ms: number, error_rate: number, replicas: number, health: text});
const view = fc.record({
	role: or(text),
	visible_metrics: or(fc.dictionary(text, or(metrics), {maxKeys: 5})),
	visible_logs: or(fc.array(or(fc.record({timestamp: number, service: text, level: text, message: text})), {maxLength: 6})),
	visible_alerts: or(fc.array(fc.record({service: text, severity: text, message: text, triggered_at_step: number}), {maxLength: 3})),
	visible_fleet_actions: or(fc.array(fc.record({agent_name: text, action: text, target: text, step: number}), {maxLength: 3})),
	shared_chat: or(fc.array(or(text), {maxLength: 8})),
	private_note: or(fc.option(text, {nil: null})),
	private_inbox: or(fc.array(text, {maxLength: 3})),
});
const observation = fc.record({done: or(fc.boolean()), reward: or(number), view: or(view), step: or(number), turn_role: or(text), message: or(text)});

const COMPONENTS = ['resolved_bonus', 'mttr_penalty', 'wrong_fix_penalty', 'miscommunication_penalty', 'early_root_cause_bonus', 'rogue_caught_bonus', 'rogue_false_positive_penalty', 'cascade_penalty', 'under_budget_bonus'];
const breakdown = fc
	.tuple(fc.array(or(number), {minLength: 12, maxLength: 12}), fc.option(or(number), {nil: undefined}))
	.map(([values, unresolved]) => {
		const keys = [...COMPONENTS, ...(unresolved === undefined ? [] : ['unresolved_penalty']), 'team_reward', 'oversight_reward', 'total'];
		const all = unresolved === undefined ? values : [...values.slice(0, 9), unresolved, ...values.slice(9)];
		return Object.fromEntries(keys.map((key, index) => [key, all[index]]));
	});
const info = fc.record({
	step_count: or(number),
	resolved: or(fc.boolean()),
	cumulative_reward: or(number),
	wrong_fixes: or(number),
	miscommunications: or(number),
	oversight_flags: or(fc.array(text, {maxLength: 4})),
	declared_root_cause: or(fc.option(text, {nil: null})),
});

/** The object as it is, or with its keys reversed, one dropped, or one added: shapes the writer must not take for its own. */
const reshaped = <T extends object>(value: fc.Arbitrary<T>) =>
	fc.tuple(value, fc.constantFrom('as is', 'as is', 'as is', 'reversed', 'one key less', 'one key more'), fc.nat(), text).map(([object, how, at, extra]) => {
		const entries = Object.entries(object);
		if (how === 'reversed') return Object.fromEntries(entries.reverse());
		if (how === 'one key less') return Object.fromEntries(entries.filter((_, index) => index !== at % entries.length));
		if (how === 'one key more') return {...object, [extra]: 1};
		return object;
	});

describe('the protocol writer, against terminalJson', () => {
	it('writes any observation as terminalJson does: strings with controls, bidi and lone surrogates, any number, odd shapes', () => {
		fc.assert(
			fc.property(reshaped(observation), value => {
				expect(written(writeObservation, value as unknown as Observation)).toBe(terminalJson(value));
			}),
			{numRuns: 1000},
		);
	});

	it('writes an observation whose view has another shape as terminalJson does', () => {
		fc.assert(
			fc.property(observation, reshaped(view), (outer, inner) => {
				const value = {...outer, view: inner};
				expect(written(writeObservation, value as unknown as Observation)).toBe(terminalJson(value));
			}),
		);
	});

	it('writes any breakdown, the reference’s or the drill’s, and any step figures as terminalJson does', () => {
		fc.assert(
			fc.property(reshaped(breakdown), reshaped(info), (scores, figures) => {
				expect(written(writeBreakdown, scores as unknown as RewardBreakdown)).toBe(terminalJson(scores));
				expect(written(writeInfo, figures as unknown as StepInfo)).toBe(terminalJson(figures));
			}),
			{numRuns: 500},
		);
	});

	it('writes a snapshot met again as it wrote it the first time', () => {
		fc.assert(
			fc.property(observation, value => {
				const first = written(writeObservation, value as unknown as Observation);
				expect(written(writeObservation, {...value} as unknown as Observation)).toBe(first);
			}),
		);
	});

	it('writes objects and arrays that inherit a toJSON, or keys, as terminalJson does', () => {
		const withToJson = <T extends object>(value: T): T => {
			const prototype = Object.create(Object.getPrototypeOf(value));
			Object.defineProperty(prototype, 'toJSON', {value: () => 'custom', enumerable: false});
			return Object.setPrototypeOf(value, prototype);
		};
		const inheriting = <T extends object>(value: T): T => Object.setPrototypeOf(value, Object.assign(Object.create(Object.getPrototypeOf(value)), {inherited: 1}));
		/** The object with its last key inherited rather than its own, out of JSON's sight. */
		const hidingLast = (value: object): object => {
			const entries = Object.entries(value);
			const [key, last] = entries.pop()!;
			const prototype = Object.defineProperty(Object.create(Object.prototype), key, {value: last, enumerable: false});
			return Object.assign(Object.create(prototype), Object.fromEntries(entries));
		};
		fc.assert(
			fc.property(observation, view, metrics, fc.array(text, {maxLength: 3}), (outer, inner, service, chat) => {
				for (const value of [
					withToJson({...outer}),
					{...outer, view: withToJson({...inner})},
					{...outer, view: {...inner, shared_chat: withToJson([...chat])}},
					{...outer, view: {...inner, visible_metrics: withToJson({db: service})}},
					{...outer, view: {...inner, visible_metrics: {db: withToJson({...service})}}},
					{...outer, view: {...inner, visible_metrics: inheriting({db: service})}},
					inheriting({...outer}),
					hidingLast(outer),
				]) {
					expect(written(writeObservation, value as unknown as Observation)).toBe(terminalJson(value));
				}
			}),
			{numRuns: 200},
		);
	});
});

/** An action for one step: the incident's own moves (fixes, flags, diagnoses that work), anything else it could be sent, or junk. */
function actionArbitrary(incidentName: string): fc.Arbitrary<ActionRequest> {
	const incident = builtInIncident(incidentName);
	const solution = Object.values(incident.solution).flat() as ActionRequest[];
	const names = [...incident.serviceNames, ...incident.fleetAgents, ...incident.rootCauses, 'nowhere', 'db \u001b[2J \u202e'];
	return fc.oneof(
		fc.constantFrom(...solution),
		fc.record(
			{
				action_type: fc.constantFrom(...ACTION_TYPES),
				target: fc.constantFrom(...names),
				args: fc.record(
					{
						message: fc.constantFrom('checking metrics', '', 'all healthy \u2713 now', 'bad \u0085 news \u2028'),
						to: fc.constantFrom('dev', 'all', 'manager'),
						replicas: fc.integer({min: 0, max: 6}),
						failure_type: fc.constantFrom(...names),
						agent_name: fc.constantFrom(...names),
					},
					{requiredKeys: []},
				),
			},
			{requiredKeys: ['action_type']},
		),
	);
}

describe('the protocol writer, on real episodes of every built-in incident', () => {
	it.each(builtInIncidentNames())('%s: every reset and step writes as terminalJson does, and so does every whole reply', name => {
		fc.assert(
			fc.property(
				fc.constantFrom(...DIFFICULTIES),
				fc.constantFrom(...SCORINGS),
				fc.integer({min: 0, max: 10_000}),
				fc.integer({min: 1, max: 25}),
				fc.array(actionArbitrary(name), {minLength: 1, maxLength: 30}),
				(difficulty, scoring, seed, maxSteps, actions) => {
					const scenario = makeScenario(builtInIncident(name), {difficulty, seed, maxSteps, scoring});
					const env = new ChaosOpsEnv();
					const session = new ProtocolSession();
					const out = new JsonBytes();
					const reset = env.reset(scenario);
					expect(written(writeObservation, reset)).toBe(terminalJson(reset));
					session.reply(JSON.stringify({op: 'reset', id: 'r', scenario: {incident: name, difficulty, seed, max_steps: maxSteps, scoring}}), out);
					expect(out.take().toString()).toBe(`${terminalJson({id: 'r', ok: true, observation: reset})}\n`);
					for (const [turn, action] of actions.entries()) {
						if (env.done) break;
						const {observation, breakdown, info} = env.step(action);
						expect(written(writeObservation, observation)).toBe(terminalJson(observation));
						expect(written(writeBreakdown, breakdown)).toBe(terminalJson(breakdown));
						expect(written(writeInfo, info)).toBe(terminalJson(info));
						session.reply(JSON.stringify({op: 'step', id: turn, action}), out);
						expect(out.take().toString()).toBe(`${terminalJson({id: turn, ok: true, observation, breakdown, info})}\n`);
					}
				},
			),
			{numRuns: 40},
		);
	});
});
