// lab's --seeds A..B and --vary KEY=V1,V2: the seeds played, and the variants of the scenario compared side by side,
// each a scenario field set to one value. A table keyed by field: how its values read, and the run flag that sets it.
import {DIFFICULTIES, SCORINGS} from '../env/vocabulary.js';
import {InputError} from '../io/errors.js';
import {MAX_STEPS_RANGE, type ScenarioOverrides} from '../io/scenarios.js';

export type SeedRange = {readonly first: number; readonly last: number};

/** At most this many seeds: a million episodes per policy and variant. */
export const MAX_SEEDS = 1_000_000;

export function parseSeedRange(value: string): SeedRange {
	const accepted = `expected A..B, whole numbers with A ≤ B and at most ${MAX_SEEDS} seeds (0..99 plays seeds 0 to 99)`;
	const match = /^(\d{1,16})\.\.(\d{1,16})$/.exec(value);
	const [first, last] = match === null ? [NaN, NaN] : [Number(match[1]), Number(match[2])];
	if (!(first <= last) || last > Number.MAX_SAFE_INTEGER || last - first + 1 > MAX_SEEDS) throw new InputError(`--seeds '${value}' is not valid; ${accepted}`);
	return {first, last};
}

type VariableField = {
	/** What its values are, for the message that refuses one. */
	readonly accepted: string;
	/** The overrides one value makes, or null for a value it does not take. */
	readonly overrides: (value: string) => ScenarioOverrides | null;
	/** `chaosops run`'s flag that plays the same variant. */
	readonly runFlag: string;
};

const integerIn = ({min, max}: {min: number; max: number}) => (value: string) => (/^\d+$/.test(value) && Number(value) >= min && Number(value) <= max ? Number(value) : null);
const maxSteps = integerIn(MAX_STEPS_RANGE);
const oneOf = <T extends string>(choices: readonly T[]) => (value: string) => (choices.includes(value as T) ? (value as T) : null);
const difficulty = oneOf(DIFFICULTIES);
const scoring = oneOf(SCORINGS);
const flag = oneOf(['true', 'false'] as const);

/** The scenario fields --vary takes (the seed is --seeds' to vary). */
export const VARIABLE_FIELDS: Record<string, VariableField> = {
	difficulty: {accepted: DIFFICULTIES.join(', '), runFlag: '--difficulty', overrides: value => ifTaken(difficulty(value), difficulty => ({difficulty}))},
	max_steps: {
		accepted: `integers from ${MAX_STEPS_RANGE.min} to ${MAX_STEPS_RANGE.max}`,
		runFlag: '--max-steps',
		overrides: value => ifTaken(maxSteps(value), maxSteps => ({maxSteps})),
	},
	scoring: {accepted: SCORINGS.join(', '), runFlag: '--scoring', overrides: value => ifTaken(scoring(value), scoring => ({scoring}))},
	inject_misleading_logs: {
		accepted: 'true, false',
		runFlag: '--misleading-logs',
		overrides: value => ifTaken(flag(value), injectMisleadingLogs => ({injectMisleadingLogs: injectMisleadingLogs === 'true'})),
	},
};

const ifTaken = <T, R>(value: T | null, make: (value: T) => R): R | null => (value === null ? null : make(value));

export type Variant = {
	/** `max_steps=8`, or null for the scenario as it is. */
	readonly label: string | null;
	readonly overrides: ScenarioOverrides;
	/** The run flags that play it: ['--max-steps', '8']. */
	readonly runFlags: readonly string[];
};

export const AS_IT_IS: Variant = {label: null, overrides: {}, runFlags: []};

export function parseVaryOption(value: string): Variant[] {
	const keys = Object.keys(VARIABLE_FIELDS).join(', ');
	const equals = value.indexOf('=');
	const key = equals < 0 ? value : value.slice(0, equals);
	const field = VARIABLE_FIELDS[key];
	if (equals < 0 || field === undefined) throw new InputError(`--vary '${value}' varies '${key}'; expected KEY=V1,V2,… with KEY one of ${keys}`);
	const values = value.slice(equals + 1).split(',');
	return values.map((text, index) => {
		const overrides = field.overrides(text);
		if (overrides === null) throw new InputError(`--vary '${value}' has '${text}'; expected ${key} values from ${field.accepted}`);
		if (values.indexOf(text) !== index) throw new InputError(`--vary '${value}' names '${text}' twice; expected each value once`);
		return {label: `${key}=${text}`, overrides, runFlags: [field.runFlag, text]};
	});
}
