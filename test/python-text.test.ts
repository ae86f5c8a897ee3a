// Text as the reference reads it: Python's str.strip(), str.lower() and int(), checked against Python's own answers
// (test/fixtures/python_text.json, made by scripts/python-text-table.py), and what that means in an episode.
import {describe, expect, it} from 'vitest';
import {ChaosOpsEnv} from '../source/env/environment.js';
import {EnvError} from '../source/env/errors.js';
import {isPythonSpace, pythonInt, pythonLower, pythonStrip} from '../source/env/python-text.js';
import {scenarioFor} from '../source/io/incidents.js';
import type {ActionRequest} from '../source/env/types.js';
import {readJsonFixture} from './support/fixtures.js';

type PythonText = {
	whitespace: number[];
	strip: Array<[string, string]>;
	int: Array<[string, number | null]>;
	lower: Record<string, string>;
	roles_and_all: string[];
};
const python = readJsonFixture<PythonText>('python_text.json');

describe("Python's text rules", () => {
	it('has the same whitespace as str.isspace(), over every code point', () => {
		const ours: number[] = [];
		for (let code = 0; code <= 0x10ffff; code++) if (isPythonSpace(code)) ours.push(code);
		expect(ours).toEqual(python.whitespace);
	});

	it.each(python.strip)('strips %j as str.strip() does', (text, stripped) => {
		expect(pythonStrip(text)).toBe(stripped);
	});

	it.each(python.int)('reads %j as int() does', (text, value) => {
		const ours = pythonInt(text);
		if (value === null || Number.isSafeInteger(value)) expect(ours).toBe(value);
		// Beyond 2^53 JSON cannot carry Python's value exactly; ours must be seen as too large.
		else expect(Number.isSafeInteger(ours)).toBe(false);
	});

	it('lowers text as str.lower() does wherever it could matter: nothing else lowers to a role name or "all"', () => {
		const differing = Object.entries(python.lower).filter(([code, lowered]) => pythonLower(String.fromCodePoint(Number(code))) !== lowered);
		for (const [code, lowered] of differing) {
			const ours = pythonLower(String.fromCodePoint(Number(code)));
			// A character whose lower case differs between the two is never ASCII either way, so it can never complete
			// a role name or "all".
			expect(/[\u0000-\u007f]/.test(ours) || /[\u0000-\u007f]/.test(lowered), code).toBe(false);
		}
		for (const name of python.roles_and_all) expect(pythonLower(name.toUpperCase())).toBe(name);
	});
});

describe('in an episode', () => {
	/** The first step's breakdown and the env after it, as the SRE. */
	function sreTakes(action: ActionRequest) {
		const env = new ChaosOpsEnv();
		env.reset(scenarioFor('db_deadlock', {seed: 1}));
		const {breakdown} = env.step(action);
		return {breakdown, state: env.state()};
	}

	it('a message of only \\x1c is empty, as in the reference: a miscommunication (−20)', () => {
		expect(sreTakes({action_type: 'communicate', args: {message: '\u001c'}}).breakdown.miscommunication_penalty).toBe(-20);
		expect(sreTakes({action_type: 'communicate', args: {message: '\u0085\u001f '}}).breakdown.miscommunication_penalty).toBe(-20);
	});

	it('\\ufeff is not whitespace: a message of it is sent, and kept as it is', () => {
		const {breakdown, state} = sreTakes({action_type: 'communicate', args: {message: '\ufeffhi\ufeff'}});
		expect(breakdown.miscommunication_penalty).toBe(0);
		expect(state.chat_history.at(-1)).toBe('[sre] \ufeffhi\ufeff');
	});

	it('a recipient wrapped in \\x85 and upper-cased reaches that role', () => {
		const {state} = sreTakes({action_type: 'communicate', args: {message: 'look at db', to: ' \u0085DEV\u0085 '}});
		expect(state.private_chat.dev).toEqual(['[sre -> dev] look at db']);
	});

	it('a root cause wrapped in \\x1e is declared', () => {
		const {state} = sreTakes({action_type: 'identify_root_cause', args: {failure_type: '\u001edb_deadlock\u001e'}});
		expect(state.declared_root_cause).toBe('db_deadlock');
	});

	it.each([['\u0663'], ['1_000'], ['\u00853'], ['\uff13']])('replicas %j scale as int() reads them', replicas => {
		const env = new ChaosOpsEnv();
		env.reset(scenarioFor('autoscaler_cost_cut', {seed: 1}));
		const observation = env.step({action_type: 'scale', target: 'payments', args: {replicas}}).observation;
		expect(observation.message).toContain('incident resolved');
	});

	it.each([['\ufeff3'], ['1__0'], ['\u001c3'], ['1e3']])('replicas %j are refused, as int() refuses them', replicas => {
		const env = new ChaosOpsEnv();
		env.reset(scenarioFor('autoscaler_cost_cut', {seed: 1}));
		expect(() => env.step({action_type: 'scale', target: 'payments', args: {replicas}})).toThrow(
			'args.replicas must be an integer or an integer-valued string',
		);
	});

	it('replicas beyond 2^53 are refused as too large, not read as Infinity', () => {
		const env = new ChaosOpsEnv();
		env.reset(scenarioFor('autoscaler_cost_cut', {seed: 1}));
		const step = () => env.step({action_type: 'scale', target: 'payments', args: {replicas: '9'.repeat(400)}});
		expect(step).toThrow(EnvError);
		expect(step).toThrow('args.replicas is too large; expected an integer with |n| < 2^53');
	});
});
