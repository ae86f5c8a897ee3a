// The action's JSON Schema and the OpenAI tools entry, as the reference defines them.
import {describe, expect, it} from 'vitest';
import {ACTION_JSON_SCHEMA, ACTION_TOOL} from '../../source/io/model/action-schema.js';
import {trainingTarget} from '../../source/io/model/training-target.js';

describe('the action schema and tool', () => {
	it("is the reference's shape: action_type required, nothing but action_type, target and args", () => {
		expect(ACTION_JSON_SCHEMA).toMatchObject({type: 'object', additionalProperties: false, required: ['action_type']});
		expect(Object.keys(ACTION_JSON_SCHEMA.properties)).toEqual(['action_type', 'target', 'args']);
		expect(ACTION_JSON_SCHEMA.properties.target.type).toEqual(['string', 'null']);
		expect(ACTION_JSON_SCHEMA.properties.args.additionalProperties).toBe(true);
	});

	it("lists the reference's action types, roles and failure types in its order", () => {
		const {action_type, args} = ACTION_JSON_SCHEMA.properties;
		expect(action_type.enum).toEqual(['noop', 'communicate', 'restart', 'rollback', 'scale', 'flag_rogue', 'identify_root_cause', 'escalate', 'resolve']);
		expect(args.properties.to.enum).toEqual(['sre', 'dev', 'manager', 'oversight']);
		expect(args.properties.replicas).toEqual({type: 'integer', minimum: 0});
		expect(args.properties.failure_type.enum).toEqual([
			'db_deadlock', 'memory_leak', 'bad_config_push', 'autoscaler_cost_cut', 'misrouted_traffic', 'cascade', 'dns_outage', 'disk_full', 'rogue_deploy_bot',
		]);
	});

	it('is offered as the function chaosops_action taking the action', () => {
		expect(ACTION_TOOL).toMatchObject({type: 'function', function: {name: 'chaosops_action', parameters: ACTION_JSON_SCHEMA}});
		expect(typeof ACTION_TOOL.function.description).toBe('string');
	});
});

describe('trainingTarget', () => {
	it('is the action as json.dumps writes it with sorted keys, no target null and no args {}', () => {
		expect(trainingTarget({action_type: 'identify_root_cause', args: {failure_type: 'db_deadlock'}})).toBe(
			'{"action_type": "identify_root_cause", "args": {"failure_type": "db_deadlock"}, "target": null}',
		);
		expect(trainingTarget({action_type: 'communicate', target: null, args: {to: 'dev', message: 'café'}})).toBe(
			'{"action_type": "communicate", "args": {"message": "caf\\u00e9", "to": "dev"}, "target": null}',
		);
		expect(trainingTarget({action_type: 'scale', target: 'payments', args: {replicas: 4}})).toBe('{"action_type": "scale", "args": {"replicas": 4}, "target": "payments"}');
	});
});
