// What each action type asks for before it can be taken, in the order the picker asks it.
import type {ActionRequest} from '../env/types.js';
import {type ActionType, ROLES, type Role} from '../env/vocabulary.js';

/** The names an incident's actions choose among: its services, its fleet agents and the root causes it accepts. */
export type Vocabulary = {
	readonly services: readonly string[];
	readonly fleetAgents: readonly string[];
	readonly rootCauses: readonly string[];
};

export type Choice = {readonly label: string; readonly value: string};
export type FieldName = 'target' | 'replicas' | 'failure_type' | 'message' | 'to';

export type Field =
	| {readonly kind: 'choice'; readonly name: FieldName; readonly prompt: string; readonly options: (role: Role, vocabulary: Vocabulary) => Choice[]}
	| {readonly kind: 'text'; readonly name: FieldName; readonly prompt: string};

const choices = (values: readonly string[]): Choice[] => values.map(value => ({label: value, value}));

const service: Field = {kind: 'choice', name: 'target', prompt: 'which service?', options: (_role, {services}) => choices(services)};
const fleetAgent: Field = {kind: 'choice', name: 'target', prompt: 'which fleet agent?', options: (_role, {fleetAgents}) => choices(fleetAgents)};
const replicas: Field = {kind: 'choice', name: 'replicas', prompt: 'how many replicas?', options: () => choices(['1', '2', '3', '4', '5', '6'])};
const failureType: Field = {kind: 'choice', name: 'failure_type', prompt: 'what is the root cause?', options: (_role, {rootCauses}) => choices(rootCauses)};
const message: Field = {kind: 'text', name: 'message', prompt: 'type a message, then Enter'};
const recipient: Field = {
	kind: 'choice',
	name: 'to',
	prompt: 'to whom?',
	options: role => [{label: 'everyone (shared chat)', value: 'all'}, ...choices(ROLES.filter(other => other !== role))],
};

export const ACTION_FIELDS: Record<ActionType, readonly Field[]> = {
	noop: [],
	communicate: [message, recipient],
	restart: [service],
	rollback: [service],
	scale: [service, replicas],
	flag_rogue: [fleetAgent],
	identify_root_cause: [failureType],
	escalate: [],
	resolve: [],
};

/** A few words on each action type; short enough to sit beside the name and its number in an 80-column picker. */
export const ACTION_SUMMARIES: Record<ActionType, string> = {
	noop: 'wait a turn',
	communicate: 'talk to the team',
	restart: 'restart service',
	rollback: 'undo a deploy',
	scale: 'set replicas',
	flag_rogue: 'flag fleet agent',
	identify_root_cause: 'name the cause',
	escalate: 'call for help',
	resolve: 'declare it fixed',
};

export type Answers = Partial<Record<FieldName, string>>;

export function toRequest(actionType: ActionType, answers: Answers): ActionRequest {
	const {target, replicas: count, failure_type, message: text, to} = answers;
	const args = Object.fromEntries(
		Object.entries({message: text, to, failure_type, replicas: count === undefined ? undefined : Number(count)}).filter(
			([, value]) => value !== undefined,
		),
	);
	return {action_type: actionType, target: target ?? null, args};
}
