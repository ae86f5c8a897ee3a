// Flag values shared by the commands (run, play, eval): each parser names the flag, the bad value and what is accepted.
import * as z from 'zod';
import {POLICY_NAMES, type PolicyName} from '../agents/policies.js';
import type {PolicyMap} from '../agents/runner.js';
import {DIFFICULTIES, type Difficulty, ROLES, type Role, isOneOf} from '../env/vocabulary.js';
import {InputError} from '../io/errors.js';
import {maxStepsSchema, type ScenarioFile, seedSchema} from '../io/scenarios.js';

/** The policy in every seat when neither `--policy` nor the scenario file names one (`run`, the reference's default). */
export const DEFAULT_POLICY: PolicyName = 'heuristic';
/** `play`'s: every seat a person does not hold is a teammate, who follows what the person says. */
export const PLAY_DEFAULT_POLICY: PolicyName = 'teammate';

const INTEGER_FLAG = /^[+-]?\d+$/;

/** A flag's value read by `parse`, or undefined when the flag was not given. */
export const ifGiven = <T>(value: string | undefined, parse: (value: string) => T): T | undefined =>
	value === undefined ? undefined : parse(value);

function parseFlag<T>(flag: string, value: string, schema: z.ZodType<T>, accepted: string): T {
	const parsed = schema.safeParse(value);
	if (!parsed.success) throw new InputError(`--${flag} '${value}' is not valid; expected ${accepted}`);
	return parsed.data;
}

const integerFlag = (range: z.ZodType<number, number>) => z.string().regex(INTEGER_FLAG).transform(Number).pipe(range);

/** An integer seed with |seed| < 2^53, as `--seed`, `--policy-seed` or `--seed-offset`. */
export const parseSeedOption = (flag: string, value: string): number =>
	parseFlag(flag, value, integerFlag(seedSchema), 'an integer with |n| < 2^53');

export const parseMaxStepsOption = (value: string): number =>
	parseFlag('max-steps', value, integerFlag(maxStepsSchema), 'an integer from 1 to 10000');

/** A whole count from 1 to `max` (`--episodes-per-type`, `--seeds`). */
export const parseCountOption = (flag: string, value: string, max = 1_000_000): number =>
	parseFlag(flag, value, integerFlag(z.int().min(1).max(max)), `an integer from 1 to ${max}`);

/** The pause before each scripted turn in the app, unless `--delay` says otherwise. */
export const DEFAULT_DELAY_MS = 350;

export const parseDelayOption = (value: string): number =>
	parseFlag('delay', value, integerFlag(z.int().min(0).max(60_000)), 'milliseconds from 0 to 60000');

export const parseDifficultyOption = (value: string): Difficulty =>
	parseFlag('difficulty', value, z.enum(DIFFICULTIES), `one of ${DIFFICULTIES.join(', ')}`);

/** One of a closed set of words (`--format text|json`). */
export const parseChoiceOption = <T extends string>(flag: string, value: string, choices: readonly [T, ...T[]]): T =>
	parseFlag(flag, value, z.enum(choices), `one of ${choices.join(', ')}`);

/**
 * A comma-separated list from a closed set, without repeats, in the order given (`--tiers easy,hard`); with
 * `anyCase`, its items are taken in any case (`--as SRE,Dev`).
 */
export function parseListOption<T extends string>(flag: string, value: string, choices: readonly [T, ...T[]], anyCase = false): T[] {
	const list: T[] = [];
	for (const typed of value.split(',').map(part => part.trim())) {
		const item = anyCase ? typed.toLowerCase() : typed;
		if (!isOneOf(choices, item) || list.includes(item)) {
			const problem = list.includes(item as T) ? `names '${typed}' twice` : `has '${typed}'`;
			throw new InputError(`--${flag} '${value}' ${problem}; expected a comma-separated list of ${choices.join(', ')}`);
		}
		list.push(item);
	}
	return list;
}

const POLICY_ACCEPTED = `a policy (${POLICY_NAMES.join(', ')}) for every role, or role=policy pairs separated by commas (roles: ${ROLES.join(', ')})`;

function parsePolicyPairs(value: string): PolicyMap {
	const seats: PolicyMap = {};
	for (const pair of value.split(',')) {
		const [role, name, ...rest] = pair.split('=').map(part => part.trim());
		if (rest.length > 0 || !isOneOf(ROLES, role) || !isOneOf(POLICY_NAMES, name)) {
			throw new InputError(`--policy '${value}' has '${pair}'; expected ${POLICY_ACCEPTED}`);
		}
		if (seats[role] !== undefined) throw new InputError(`--policy '${value}' names ${role} twice; expected ${POLICY_ACCEPTED}`);
		seats[role] = name;
	}
	return seats;
}

/**
 * `--policy NAME` (every role) or `--policy role=NAME,role=NAME` (roles not named play noop).
 * Absent, every role plays `fallback`.
 */
export function parsePolicyOption(value: string | undefined, fallback: PolicyName = DEFAULT_POLICY): PolicyMap {
	const text = value ?? fallback;
	if (text.includes('=')) return parsePolicyPairs(text);
	const name = parseFlag('policy', text.trim(), z.enum(POLICY_NAMES), POLICY_ACCEPTED);
	return Object.fromEntries(ROLES.map((role: Role) => [role, name])) as PolicyMap;
}

/** The seats for an episode: `--policy` if given, else the scenario file's policies, else `fallback` everywhere. */
export const policiesFor = (value: string | undefined, preset: ScenarioFile | null, fallback: PolicyName = DEFAULT_POLICY): PolicyMap =>
	value === undefined && preset?.policies !== undefined ? preset.policies : parsePolicyOption(value, fallback);
