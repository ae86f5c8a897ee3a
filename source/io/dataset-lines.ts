// What each line of `chaosops dataset` holds, per format, as zod schemas: docs/dataset-line.schema.json is generated
// from them, and the tests read the command's lines by them. Writing the lines uses none of this (io/dataset.ts).
import * as z from 'zod';
import {DIFFICULTIES, ROLES} from '../env/vocabulary.js';
import {stepShape} from './recording.js';
import {closedObject} from './validation.js';

const role = z.enum(ROLES);

/** The reference's GRPO row. */
export const grpoLineSchema = closedObject({
	prompt: z.string().describe("The acting role's system prompt, a blank line, and the rendered observation"),
	scenario_json: z.string().describe("The scenario as the reference's json.dumps writes it"),
	action_history_json: z.string().describe('The actions taken before this turn, each {role, action_type, target, args}, as json.dumps writes them'),
	role,
	turn_idx: z.number().int().nonnegative(),
});

/** A prompt and the action taken, as the canonical training target. */
export const sftLineSchema = closedObject({
	prompt: z.string(),
	completion: z.string().describe('json.dumps({"action_type", "target", "args"}, sort_keys=True) of the action taken'),
});

const {kind: _kind, ...stepFields} = stepShape;

/** A step as the runner records it, after what groups the lines into episodes. */
export const trajectoryLineSchema = closedObject({
	episode: z.number().int().nonnegative().describe("The episode's number in the file, from 0"),
	scenario: closedObject({
		failure_type: z.string(),
		difficulty: z.enum(DIFFICULTIES),
		seed: z.number().int(),
		max_steps: z.number().int().positive(),
		inject_misleading_logs: z.boolean(),
		rogue_fleet_agent: z.string().nullable(),
	}),
	...stepFields,
});

/** Any line of a dataset file, whichever its format. */
export const datasetLineSchema = z.union([grpoLineSchema, sftLineSchema, trajectoryLineSchema]);
