// A model's reply parsed into an action: the reference's 16 recorded cases (test/fixtures/parse.json), and more,
// each expected text being what the reference's parser gave (its action_to_training_target, and _is_usable_action).
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {ChaosOpsEnv} from '../../source/env/environment.js';
import {ACTION_TYPES, type Role} from '../../source/env/vocabulary.js';
import {scenarioFor} from '../../source/io/incidents.js';
import {actionRequestOf, isUsableReply, parseAction} from '../../source/io/model/parse-action.js';
import {trainingTarget} from '../../source/io/model/training-target.js';
import {readJsonFixture} from '../support/fixtures.js';

type ParseCase = {text: string; role: Role; action: {action_type: string; target: string | null; args: Record<string, unknown>}};

describe("parseAction, on the reference's recorded cases", () => {
	const cases = readJsonFixture<ParseCase[]>('parse.json');

	it('has the 16 cases', () => {
		expect(cases).toHaveLength(16);
	});

	it.each(cases.map(c => [c.text, c] as const))('%j', (_text, {text, role, action}) => {
		expect(parseAction(text, role)).toEqual(action);
	});
});

/** [reply, the reference's training target of the action it parsed, whether the reply was usable]. */
const REFERENCE_PARSES: ReadonlyArray<readonly [string, string, boolean]> = [
	["", "{\"action_type\": \"noop\", \"args\": {}, \"target\": null}", false],
	["   ", "{\"action_type\": \"noop\", \"args\": {}, \"target\": null}", false],
	["{}", "{\"action_type\": \"noop\", \"args\": {}, \"target\": null}", true],
	["{\"action_type\": \"noop\"}", "{\"action_type\": \"noop\", \"args\": {}, \"target\": null}", true],
	["  {\"action_type\": \" Restart \", \"target\": \"db\"}  ", "{\"action_type\": \"restart\", \"args\": {}, \"target\": \"db\"}", true],
	["```json\n{\"action_type\": \"restart\", \"target\": \"db\"}\n```", "{\"action_type\": \"restart\", \"args\": {}, \"target\": \"db\"}", true],
	["```\n{\"action_type\": \"rollback\", \"target\": \"auth\"}```", "{\"action_type\": \"rollback\", \"args\": {}, \"target\": \"auth\"}", true],
	["```json {\"a\": 1} ``` then {\"action_type\": \"scale\"}", "{\"action_type\": \"noop\", \"args\": {}, \"target\": null}", true],
	["text ```json\n{bad}\n``` {\"action_type\": \"escalate\"}", "{\"action_type\": \"escalate\", \"args\": {}, \"target\": null}", true],
	["{\"action_type\": \"scale\", \"target\": \"db\", \"args\": {\"replicas\": true}}", "{\"action_type\": \"scale\", \"args\": {\"replicas\": 1}, \"target\": \"db\"}", true],
	["{\"action_type\": \"scale\", \"target\": \"db\", \"args\": {\"replicas\": 2.9}}", "{\"action_type\": \"scale\", \"args\": {\"replicas\": 2}, \"target\": \"db\"}", true],
	["{\"action_type\": \"scale\", \"target\": \"db\", \"args\": {\"replicas\": -2.9}}", "{\"action_type\": \"scale\", \"args\": {\"replicas\": -2}, \"target\": \"db\"}", true],
	["{\"action_type\": \"scale\", \"target\": \"db\", \"args\": {\"replicas\": \" 7 \"}}", "{\"action_type\": \"scale\", \"args\": {\"replicas\": 7}, \"target\": \"db\"}", true],
	["{\"action_type\": \"scale\", \"target\": \"db\", \"args\": {\"replicas\": \"1_000\"}}", "{\"action_type\": \"scale\", \"args\": {\"replicas\": 1000}, \"target\": \"db\"}", true],
	["{\"action_type\": \"scale\", \"target\": \"db\", \"args\": {\"replicas\": \"4.0\"}}", "{\"action_type\": \"scale\", \"args\": {}, \"target\": \"db\"}", true],
	["{\"action_type\": \"scale\", \"target\": \"db\", \"args\": {\"replicas\": null}}", "{\"action_type\": \"scale\", \"args\": {}, \"target\": \"db\"}", true],
	["{\"action_type\": \"scale\", \"target\": \"db\", \"args\": {\"replicas\": [3]}}", "{\"action_type\": \"scale\", \"args\": {}, \"target\": \"db\"}", true],
	["{\"action_type\": \"scale\", \"target\": \"db\", \"args\": {\"replicas\": NaN}}", "{\"action_type\": \"scale\", \"args\": {}, \"target\": \"db\"}", true],
	["{\"action_type\": \"scale\", \"target\": \"db\", \"args\": {\"replicas\": 12345678901234567890}}", "{\"action_type\": \"scale\", \"args\": {\"replicas\": 12345678901234567890}, \"target\": \"db\"}", true],
	["{\"action_type\": \"scale\", \"target\": \"db\", \"args\": {\"replicas\": \"12345678901234567890\"}}", "{\"action_type\": \"scale\", \"args\": {\"replicas\": 12345678901234567890}, \"target\": \"db\"}", true],
	["{\"action_type\": \"scale\", \"target\": \"db\", \"args\": {\"replicas\": 1e20}}", "{\"action_type\": \"scale\", \"args\": {\"replicas\": 100000000000000000000}, \"target\": \"db\"}", true],
	["{\"action_type\": \"scale\", \"target\": \"db\", \"args\": {\"replicas\": \"\u0663\"}}", "{\"action_type\": \"scale\", \"args\": {\"replicas\": 3}, \"target\": \"db\"}", true],
	["{\"action_type\": \"identify_root_cause\", \"args\": {\"failure_type\": \" cascade\"}}", "{\"action_type\": \"identify_root_cause\", \"args\": {}, \"target\": null}", true],
	["{\"action_type\": \"identify_root_cause\", \"args\": {\"failure_type\": \"Cascade\"}}", "{\"action_type\": \"identify_root_cause\", \"args\": {}, \"target\": null}", true],
	["{\"action_type\": \"identify_root_cause\", \"args\": {\"failure_type\": \"cache_stampede\"}}", "{\"action_type\": \"identify_root_cause\", \"args\": {}, \"target\": null}", true],
	["{\"action_type\": \"identify_root_cause\", \"args\": {\"failure_type\": [\"cascade\"]}}", "{\"action_type\": \"identify_root_cause\", \"args\": {}, \"target\": null}", true],
	["{\"action_type\": 7}", "{\"action_type\": \"noop\", \"args\": {}, \"target\": null}", true],
	["{\"action_type\": null}", "{\"action_type\": \"noop\", \"args\": {}, \"target\": null}", true],
	["{\"action_type\": [\"restart\"]}", "{\"action_type\": \"noop\", \"args\": {}, \"target\": null}", true],
	["{\"action_type\": \"RESTART\u3000\"}", "{\"action_type\": \"restart\", \"args\": {}, \"target\": null}", true],
	["{\"action_type\": \"restart\", \"target\": 1.0}", "{\"action_type\": \"restart\", \"args\": {}, \"target\": \"1.0\"}", true],
	["{\"action_type\": \"restart\", \"target\": true}", "{\"action_type\": \"restart\", \"args\": {}, \"target\": \"True\"}", true],
	["{\"action_type\": \"restart\", \"target\": null}", "{\"action_type\": \"restart\", \"args\": {}, \"target\": null}", true],
	["{\"action_type\": \"restart\", \"target\": {\"b\": 1, \"1\": [1.5, null, \"x'y\"]}}", "{\"action_type\": \"restart\", \"args\": {}, \"target\": \"{'b': 1, '1': [1.5, None, \\\"x'y\\\"]}\"}", true],
	["{\"action_type\": \"restart\", \"target\": \"\"}", "{\"action_type\": \"restart\", \"args\": {}, \"target\": \"\"}", true],
	["{\"action_type\": \"noop\", \"target\": \"\"}", "{\"action_type\": \"noop\", \"args\": {}, \"target\": \"\"}", true],
	["{\"action_type\": \"noop\", \"args\": {\"note\": null}}", "{\"action_type\": \"noop\", \"args\": {}, \"target\": null}", true],
	["{\"action_type\": \"communicate\", \"args\": {\"message\": \"hi\", \"to\": \"dev\", \"extra\": 1.0, \"big\": 12345678901234567890}}", "{\"action_type\": \"communicate\", \"args\": {\"big\": 12345678901234567890, \"extra\": 1.0, \"message\": \"hi\", \"to\": \"dev\"}, \"target\": null}", true],
	["{\"action_type\": \"communicate\", \"args\": {\"message\": \"caf\u00e9 \ud83d\ude00\"}}", "{\"action_type\": \"communicate\", \"args\": {\"message\": \"caf\\u00e9 \\ud83d\\ude00\"}, \"target\": null}", true],
	["{\"action_type\": \"restart\", \"target\": \"db\", \"action_type\": \"rollback\"}", "{\"action_type\": \"rollback\", \"args\": {}, \"target\": \"db\"}", true],
	["chatter {\"action_type\": \"restart\", \"target\": \"x}\"} more", "{\"action_type\": \"restart\", \"args\": {}, \"target\": \"x}\"}", true],
	["{\"action_type\": \"restart\", \"target\": \"a\\\"}\"}", "{\"action_type\": \"restart\", \"args\": {}, \"target\": \"a\\\"}\"}", true],
	["{\"note\": \"{\\\"action_type\\\": \\\"resolve\\\"}\"}", "{\"action_type\": \"noop\", \"args\": {}, \"target\": null}", true],
	["see { \"action_type\" : \"resolve\" , } and {\"action_type\": \"escalate\"}", "{\"action_type\": \"escalate\", \"args\": {}, \"target\": null}", true],
	["{\"action_type\": \"restart\", \"target\": \"db\"", "{\"action_type\": \"noop\", \"args\": {}, \"target\": null}", false],
	["prefix {\"action_type\": \"escalate\"} {\"action_type\": \"resolve\"}", "{\"action_type\": \"escalate\", \"args\": {}, \"target\": null}", true],
	["{{\"action_type\": \"resolve\"}}", "{\"action_type\": \"resolve\", \"args\": {}, \"target\": null}", true],
	["[{\"action_type\": \"resolve\"}]", "{\"action_type\": \"resolve\", \"args\": {}, \"target\": null}", true],
	["{\"action_type\": \"resolve\"}\u001c", "{\"action_type\": \"resolve\", \"args\": {}, \"target\": null}", true],
	["```json\u00a0{\"action_type\": \"resolve\"}\u001c```", "{\"action_type\": \"resolve\", \"args\": {}, \"target\": null}", true],
	["```json\ufeff{\"action_type\": \"resolve\"}```", "{\"action_type\": \"resolve\", \"args\": {}, \"target\": null}", true],
	["{\"args\": \"x\", \"action_type\": \"escalate\"}", "{\"action_type\": \"escalate\", \"args\": {}, \"target\": null}", true],
	["{\"action_type\": \"escalate\", \"args\": {\"to\": null, \"message\": null}}", "{\"action_type\": \"escalate\", \"args\": {}, \"target\": null}", true],
	["{\"action_type\": \"resolve\", \"target\": \"a\tb\"}", "{\"action_type\": \"noop\", \"args\": {}, \"target\": null}", true],
	["{\"action_type\": \"resolve\", \"target\": \"a\\tb\"}", "{\"action_type\": \"resolve\", \"args\": {}, \"target\": \"a\\tb\"}", true],
	["nothing here { but } braces", "{\"action_type\": \"noop\", \"args\": {}, \"target\": null}", true],
	["{\"action_type\": \"scale\", \"args\": {\"replicas\": 0}}", "{\"action_type\": \"scale\", \"args\": {\"replicas\": 0}, \"target\": null}", true],
	["{\"action_type\": \"scale\", \"args\": {\"replicas\": -0.0}}", "{\"action_type\": \"scale\", \"args\": {\"replicas\": 0}, \"target\": null}", true],
	["{\"action_type\": \"scale\", \"args\": {\"replicas\": \"-5\"}}", "{\"action_type\": \"scale\", \"args\": {\"replicas\": -5}, \"target\": null}", true],
	["{\"action_type\": \"scale\", \"args\": {\"replicas\": false}}", "{\"action_type\": \"scale\", \"args\": {\"replicas\": 0}, \"target\": null}", true],
];

describe("parseAction and isUsableReply, as the reference's parser", () => {
	it.each(REFERENCE_PARSES)('%j', (text, target, usable) => {
		const parsed = parseAction(text, 'sre');
		expect(trainingTarget(parsed)).toBe(target);
		expect(isUsableReply(text, parsed)).toBe(usable);
	});

	it("drops an infinite replicas (where the reference's own parser raises OverflowError)", () => {
		expect(parseAction('{"action_type": "scale", "target": "db", "args": {"replicas": Infinity}}', 'sre').args).toEqual({});
	});

	it('skips a candidate Python cannot read for a reason other than bad JSON, and tries the next', () => {
		const text = `{"action_type": "restart", "args": {"n": ${'9'.repeat(4301)}}} {"action_type": "escalate"}`;
		expect(parseAction(text, 'sre').action_type).toBe('escalate');
	});

	it('never throws, and always gives an action type there is', () => {
		const fenced = fc.jsonValue().map(value => `noise \`\`\`json ${JSON.stringify({action_type: 'scale', args: value})} \`\`\``);
		fc.assert(
			fc.property(fc.oneof(fc.string(), fc.string({unit: 'binary'}), fc.json(), fenced), text => {
				const parsed = parseAction(text, 'dev');
				expect(ACTION_TYPES).toContain(parsed.action_type);
				expect(typeof isUsableReply(text, parsed)).toBe('boolean');
				expect(typeof trainingTarget(parsed)).toBe('string');
			}),
			{numRuns: 2000},
		);
	});
});

describe('actionRequestOf', () => {
	it("steps text args as Python's str() of them, as the reference's handlers read them", () => {
		const parsed = parseAction('{"action_type": "communicate", "args": {"message": 5, "to": "dev"}}', 'sre');
		expect(parsed.args).toEqual({message: 5, to: 'dev'});
		expect(actionRequestOf(parsed)).toEqual({action_type: 'communicate', target: null, args: {message: '5', to: 'dev'}});
		const env = new ChaosOpsEnv({recordMetrics: false});
		env.reset(scenarioFor('db_deadlock'));
		env.step(actionRequestOf(parsed));
		expect(env.viewOf('dev').private_inbox).toEqual(['[sre -> dev] 5']);
	});

	it('steps an integer-valued float as the number it is', () => {
		const parsed = parseAction('{"action_type": "scale", "target": "db", "args": {"replicas": 3.0, "x": 1.0}}', 'sre');
		expect(actionRequestOf(parsed).args).toEqual({replicas: 3, x: 1});
	});
});
