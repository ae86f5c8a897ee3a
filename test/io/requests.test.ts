// The checks by hand of common requests against the schemas they run ahead of: whatever a check takes, the schema
// takes and reads the same; whatever else, the check leaves to the schema.
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import * as z from 'zod';
import {ACTION_TYPES, DIFFICULTIES, ROLES, SCORINGS} from '../../source/env/vocabulary.js';
import {actionSchema, idSchema, isPlainId, plainAction, plainReset, plainStep, scenarioSchema} from '../../source/io/requests.js';
import {closedObject} from '../../source/io/validation.js';

const stepSchema = closedObject({op: z.string(), id: idSchema, action: actionSchema});
const resetSchema = closedObject({op: z.string(), id: idSchema, scenario: scenarioSchema});

/** Values of every kind, some of them right for some field. */
const oddValue = fc.oneof(
	fc.anything({maxDepth: 1}),
	fc.constantFrom(null, undefined, '', 'x', 2.5, '2.5', '4', ' 2 ', '9'.repeat(30), 1e300, -0, 2 ** 53, Infinity, NaN, true, [], {}),
	fc.constantFrom(...ACTION_TYPES, ...ROLES, 'reboot', 'SRE'),
);
const id = fc.oneof(fc.string(), fc.integer(), fc.constantFrom(-0, 2 ** 53 - 1, -(2 ** 53 - 1)), oddValue);
const args = fc.oneof(
	fc.constant(null),
	fc.record(
		{
			message: fc.oneof(fc.string(), fc.constant(null)),
			to: fc.oneof(fc.string(), fc.constant(null)),
			replicas: fc.oneof(fc.integer({min: -3, max: 9}), fc.constantFrom('4', ' 2 ', null, -0)),
			failure_type: fc.string(),
			agent_name: fc.string(),
		},
		{requiredKeys: []},
	),
);
/** An action the schema takes. */
const goodAction = fc.record(
	{
		action_type: fc.constantFrom(...ACTION_TYPES),
		target: fc.oneof(fc.string({maxLength: 8}), fc.constant(null)),
		args,
		role: fc.constantFrom(...ROLES),
	},
	{requiredKeys: ['action_type']},
);

/** The value with one field (a dotted path) set to another value, or removed for undefined. */
function withField(value: Record<string, unknown>, path: string, field: unknown): Record<string, unknown> {
	const [head, ...rest] = path.split('.');
	const inner = value[head!];
	const next = rest.length === 0 ? field : withField(typeof inner === 'object' && inner !== null ? (inner as Record<string, unknown>) : {}, rest.join('.'), field);
	const copy = {...value};
	if (next === undefined) delete copy[head!];
	else copy[head!] = next;
	return copy;
}

const ACTION_FIELDS = ['action_type', 'target', 'args', 'role', 'extra', 'args.message', 'args.to', 'args.replicas', 'args.failure_type', 'args.agent_name', 'args.replica'];
/** Mostly an action the schema takes, or one with a single field off: each check the hand check makes is met alone. */
const anAction = fc.oneof(
	goodAction,
	fc.tuple(goodAction, fc.constantFrom(...ACTION_FIELDS), oddValue).map(([action, field, value]) => withField(action, field, value)),
);
const goodStep = fc.record({op: fc.constant('step'), id, action: goodAction}, {requiredKeys: ['op', 'action']});
const REQUEST_FIELDS = ['op', 'id', 'action', 'scenario', ...ACTION_FIELDS.map(field => `action.${field}`)];
const aRequest = fc.oneof(
	goodStep,
	fc.tuple(goodStep, fc.constantFrom(...REQUEST_FIELDS), oddValue).map(([request, field, value]) => withField(request, field, value)),
);

/** A scenario the schema takes, its incident named. */
const goodScenario = fc.record(
	{
		incident: fc.constantFrom('cascade', 'db_deadlock', 'nonesuch'),
		failure_type: fc.constantFrom('cascade', 'disk_full'),
		difficulty: fc.constantFrom(...DIFFICULTIES),
		seed: fc.oneof(fc.integer(), fc.constantFrom(-0, 2 ** 53 - 1, -(2 ** 53 - 1))),
		max_steps: fc.oneof(fc.integer({min: 1, max: 10_000}), fc.constantFrom(1, 10_000)),
		inject_misleading_logs: fc.boolean(),
		rogue_fleet_agent: fc.oneof(fc.string(), fc.constant(null)),
		scoring: fc.constantFrom(...SCORINGS),
	},
	{requiredKeys: ['difficulty', 'seed']},
);
const SCENARIO_FIELDS = ['incident', 'failure_type', 'difficulty', 'seed', 'max_steps', 'inject_misleading_logs', 'rogue_fleet_agent', 'scoring', 'extra'];
const oddScenarioValue = fc.oneof(oddValue, fc.constantFrom(0, 10_001, 1e4, 9.5, {name: 'x'}, 'hard', 'drill'));
const goodReset = fc.record({op: fc.constant('reset'), id, scenario: goodScenario}, {requiredKeys: ['op', 'scenario']});
const aReset = fc.oneof(
	goodReset,
	fc.tuple(goodReset, fc.constantFrom('op', 'id', 'scenario', 'action', ...SCENARIO_FIELDS.map(field => `scenario.${field}`)), oddScenarioValue).map(([request, field, value]) =>
		withField(request, field, value),
	),
);

/** Re-made from its JSON, as every request is. */
const asParsed = (value: unknown): unknown => (value === undefined ? undefined : JSON.parse(JSON.stringify(value) ?? 'null'));

/** A check of requests run on any value: the protocol hands it only what parses as a JSON object. */
const onRequests =
	(check: (request: Record<string, unknown>) => unknown) =>
	(value: unknown): unknown =>
		typeof value === 'object' && value !== null && !Array.isArray(value) ? check(value as Record<string, unknown>) : undefined;

/**
 * Runs `check` on generated values, each as generated and as JSON reads it back: whatever it takes, the schema
 * takes and reads the same. How many it took, and how many it left to the schema.
 */
function agreement(values: fc.Arbitrary<unknown>, check: (value: unknown) => unknown, schema: z.ZodType): {taken: number; left: number} {
	let taken = 0;
	let left = 0;
	fc.assert(
		fc.property(values, generated => {
			for (const value of [generated, asParsed(generated)]) {
				const plain = check(value);
				if (plain === undefined) {
					left++;
					continue;
				}
				taken++;
				const parsed = schema.safeParse(value);
				expect(parsed.success).toBe(true);
				expect(plain).toEqual(parsed.data);
			}
		}),
		{numRuns: 3000},
	);
	return {taken, left};
}

describe('the checks by hand, against the schemas', () => {
	it('takes an id only when the schema takes it, and reads it as the schema does', () => {
		fc.assert(
			fc.property(id, value => {
				if (!isPlainId(value)) return;
				const parsed = idSchema.safeParse(value);
				expect(parsed.success).toBe(true);
				expect(Object.is(parsed.data, value)).toBe(true);
			}),
			{numRuns: 2000},
		);
	});

	it('takes an action only when the schema takes it, and as the schema reads it', () => {
		const {taken, left} = agreement(anAction, plainAction, actionSchema);
		// Both paths were taken, many times each: the check is neither everything nor nothing.
		expect(taken).toBeGreaterThan(500);
		expect(left).toBeGreaterThan(500);
	});

	it('takes a step request only when the schema takes it, and as the schema reads it', () => {
		const {taken, left} = agreement(aRequest, onRequests(plainStep), stepSchema);
		expect(taken).toBeGreaterThan(500);
		expect(left).toBeGreaterThan(500);
	});

	it('takes a reset request only when the schema takes it, and as the schema reads it', () => {
		const {taken, left} = agreement(aReset, onRequests(plainReset), resetSchema);
		expect(taken).toBeGreaterThan(500);
		expect(left).toBeGreaterThan(500);
	});

	it('leaves a scenario with an inline incident file to the schema', () => {
		const request = {op: 'reset', scenario: {incident: {format: 1, name: 'x'}, difficulty: 'easy', seed: 1}};
		expect(plainReset(request)).toBeUndefined();
		expect(resetSchema.safeParse(request).success).toBe(true);
	});

	it('takes every action the random policy sends', () => {
		const sent = [
			{action_type: 'noop'},
			{action_type: 'communicate', args: {message: 'standing by'}},
			{action_type: 'restart', target: 'db'},
			{action_type: 'rollback', target: 'auth'},
			{action_type: 'scale', target: 'payments', args: {replicas: 3}},
		];
		for (const value of sent) expect(plainStep({op: 'step', id: 7, action: value})).toEqual({op: 'step', id: 7, action: value});
	});

	it('leaves to the schema an own "__proto__" key, which JSON.parse makes and the schema refuses', () => {
		for (const line of ['{"op":"step","action":{"action_type":"noop"},"__proto__":1}', '{"op":"step","action":{"action_type":"noop","__proto__":{}}}', '{"op":"step","action":{"action_type":"communicate","args":{"__proto__":"x"}}}']) {
			const value = JSON.parse(line) as Record<string, unknown>;
			expect(plainStep(value)).toBeUndefined();
			expect(stepSchema.safeParse(value).success).toBe(false);
		}
	});
});
