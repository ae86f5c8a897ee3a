// The JSON of what a step or a reset returns (observation, breakdown, info), written for their fixed shapes: the
// protocol sends one per request, and JSON.stringify of ~1.6 KB at every step was most of its time. Every byte is
// what terminalJson writes for the same value, which is what the tests hold it to. Two things make it fast:
// - the keys are known, so only the values are written; a value of another kind, a key missing, added or out of
//   order, sends that object down the generic path (terminalJson), which writes any value exactly;
// - the arrays and records a view hands out are snapshots, never mutated (views.ts) and handed out again step after
//   step until they change, so each is written once and its JSON kept, by identity, for as long as it lives.
// Both rest on JSON being compositional: the JSON of an object is its keys' and values' JSON put together, and
// terminalJson's extra escapes apply character by character inside strings, so any part may be written apart.
import {type Observation, REWARD_COMPONENTS, type RewardBreakdown, type RewardComponent, type RoleView, type StepInfo} from '../env/types.js';
import type {JsonBytes} from './json-bytes.js';
import {terminalJson} from './terminal-text.js';

/**
 * Writes a value's JSON, or returns false when the value is not of the kind expected (or is one JSON leaves out,
 * such as undefined), perhaps having written part of it: `specialised` then writes it by the generic path instead.
 */
type Writer = (out: JsonBytes, value: unknown) => boolean;

const NULL = Buffer.from('null');
const TRUE = Buffer.from('true');
const FALSE = Buffer.from('false');
type Punctuation = '[' | ']' | '{' | '}' | ',' | ':';
/** The byte of each character JSON is punctuated with. */
const BYTE = Object.fromEntries(Array.from('[]{},:', character => [character, character.charCodeAt(0)])) as Record<Punctuation, number>;

/** The generic path: any value JSON.stringify writes, as terminalJson writes it. */
const json: Writer = (out, value) => {
	if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return false;
	out.text(terminalJson(value));
	return true;
};

type Primitives = {number: number; boolean: boolean; string: string};

/** A value of one primitive type, by `write`. */
const primitive =
	<Type extends keyof Primitives>(type: Type, write: (out: JsonBytes, value: Primitives[Type]) => void): Writer =>
	(out, value) => {
		if (typeof value !== type) return false;
		write(out, value as Primitives[Type]);
		return true;
	};

const number = primitive('number', (out, value) => out.number(value));
const boolean = primitive('boolean', (out, value) => out.bytes(value ? TRUE : FALSE));
const string = primitive('string', (out, value) => out.string(value));

const stringOrNull: Writer = (out, value) => {
	if (value !== null) return string(out, value);
	out.bytes(NULL);
	return true;
};

/** The first of `writers` that takes the value, or else the generic path: a value of any kind is written exactly. */
const specialised =
	(...writers: readonly Writer[]): Writer =>
	(out, value) => {
		const start = out.length;
		for (const write of writers) {
			if (write(out, value)) return true;
			out.rewind(start);
		}
		return json(out, value);
	};

/** Whether JSON.stringify writes `value` as an object or array of its own: it has no toJSON, its own or inherited. */
const isPlain = (value: object): boolean => !('toJSON' in value);

/** The JSON of every snapshot written, encoded, by identity; an entry goes when its snapshot does. */
const written = new WeakMap<object, Buffer>();

/**
 * A snapshot (an array or a record a view hands out, or an object in one: never mutated) written by `write` the
 * first time it is met, and its JSON kept for the next.
 */
const kept =
	(write: Writer): Writer =>
	(out, value) => {
		if (typeof value !== 'object' || value === null) return write(out, value);
		const json = written.get(value);
		if (json !== undefined) {
			out.bytes(json);
			return true;
		}
		const start = out.length;
		if (!write(out, value)) return false;
		written.set(value, out.copy(start));
		return true;
	};

/** An array, each item by `item`. */
const array =
	(item: Writer): Writer =>
	(out, value) => {
		if (!Array.isArray(value) || !isPlain(value)) return false;
		out.byte(BYTE['[']);
		for (let index = 0; index < value.length; index++) {
			if (index > 0) out.byte(BYTE[',']);
			if (!item(out, value[index])) return false;
		}
		out.byte(BYTE[']']);
		return true;
	};

/** An object of any keys (all its own), each value by `entry`. */
const record =
	(entry: Writer): Writer =>
	(out, value) => {
		if (typeof value !== 'object' || value === null || Array.isArray(value) || !isPlain(value)) return false;
		out.byte(BYTE['{']);
		let first = true;
		for (const key in value) {
			if (!Object.hasOwn(value, key)) return false;
			if (!first) out.byte(BYTE[',']);
			first = false;
			out.string(key);
			out.byte(BYTE[':']);
			if (!entry(out, (value as Record<string, unknown>)[key])) return false;
		}
		out.byte(BYTE['}']);
		return true;
	};

/**
 * An object with exactly these fields in this order: the keys for-in meets (those JSON.stringify writes, when all
 * are its own) are these. The keys are checked as the values are written, in one pass: V8 reads `value[key]` for
 * the key of a for-in over `value` from the enumeration itself, where a read by any other key is a lookup.
 */
function shape<T extends object>(fields: {readonly [Key in keyof Required<T>]: Writer}): Writer {
	const keys = Object.keys(fields);
	const writers = Object.values(fields) as Writer[];
	const openings = keys.map((key, index) => Buffer.from(`${index === 0 ? '{' : ','}${terminalJson(key)}:`));
	return (out, value) => {
		if (typeof value !== 'object' || value === null || !isPlain(value)) return false;
		let index = 0;
		for (const key in value) {
			if (key !== keys[index]) return false;
			out.bytes(openings[index]!);
			if (!writers[index]!(out, value[key as keyof typeof value])) return false;
			index++;
		}
		if (index !== keys.length) return false;
		out.byte(BYTE['}']);
		return true;
	};
}

const strings = kept(specialised(array(string)));

const view = specialised(
	shape<RoleView>({
		role: string,
		// A step changes a service or two; the others' metrics are the objects they were.
		visible_metrics: kept(specialised(record(kept(json)))),
		// A new line moves the window on by one; the others are the lines they were.
		visible_logs: kept(specialised(array(kept(json)))),
		visible_alerts: kept(json),
		visible_fleet_actions: kept(json),
		shared_chat: strings,
		private_note: stringOrNull,
		private_inbox: strings,
	}),
);

const observation = specialised(shape<Observation>({done: boolean, reward: number, view, step: number, turn_role: string, message: string}));

const components = Object.fromEntries(REWARD_COMPONENTS.map(component => [component, number])) as Record<RewardComponent, Writer>;
const totals = {team_reward: number, oversight_reward: number, total: number};

const breakdown = specialised(
	// The reference's breakdown, and the drill's, whose unresolved-at-the-end penalty follows the reference's components.
	shape<Omit<RewardBreakdown, 'unresolved_penalty'>>({...components, ...totals}),
	shape<RewardBreakdown>({...components, unresolved_penalty: number, ...totals}),
);

const info = specialised(
	shape<StepInfo>({
		step_count: number,
		resolved: boolean,
		cumulative_reward: number,
		wrong_fixes: number,
		miscommunications: number,
		oversight_flags: strings,
		declared_root_cause: stringOrNull,
	}),
);

/** Writes `value` by `write`, which takes a value of any kind JSON writes. */
const writeBy = (write: Writer) => (out: JsonBytes, value: unknown) => {
	if (!write(out, value)) throw new TypeError(`no JSON for ${typeof value}`);
};

/** Writes an observation's JSON, as terminalJson writes it. */
export const writeObservation: (out: JsonBytes, value: Observation) => void = writeBy(observation);

/** Writes a reward breakdown's JSON, as terminalJson writes it. */
export const writeBreakdown: (out: JsonBytes, value: RewardBreakdown) => void = writeBy(breakdown);

/** Writes a step's running figures' JSON, as terminalJson writes them. */
export const writeInfo: (out: JsonBytes, value: StepInfo) => void = writeBy(info);
