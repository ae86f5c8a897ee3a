// The action as a JSON Schema, for servers that constrain a model's output to it (structured output, tool calling):
// the reference's schema, field for field, and its OpenAI tools entry (named chaosops_action).
import {ACTION_TYPES, ROLES} from '../../env/vocabulary.js';
import {REFERENCE_INCIDENTS} from '../reference-incidents.js';

export const ACTION_JSON_SCHEMA = {
	type: 'object',
	additionalProperties: false,
	required: ['action_type'],
	properties: {
		action_type: {type: 'string', enum: [...ACTION_TYPES], description: 'The action to take on this turn.'},
		target: {
			type: ['string', 'null'],
			description: "The service or fleet agent acted on (such as 'db' or 'autoscaler'); null or left out for noop and communicate.",
		},
		args: {
			type: 'object',
			description:
				'What the action needs: communicate takes message, and to (a role) to send it privately; scale takes replicas (an integer); identify_root_cause takes failure_type.',
			additionalProperties: true,
			properties: {
				to: {type: 'string', enum: [...ROLES], description: 'The one role a communicate is sent to privately.'},
				message: {type: 'string'},
				replicas: {type: 'integer', minimum: 0},
				failure_type: {type: 'string', enum: [...REFERENCE_INCIDENTS]},
			},
		},
	},
} as const;

/** The OpenAI `tools[]` entry: a function whose parameters are the action. */
export const ACTION_TOOL = {
	type: 'function',
	function: {
		name: 'chaosops_action',
		description: 'Take exactly one ChaosOps incident-response action for this turn.',
		parameters: ACTION_JSON_SCHEMA,
	},
} as const;
