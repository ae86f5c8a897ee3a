// Flag values shared by the commands (run, play, eval): each parser names the flag, the bad value and what is accepted.
import * as z from 'zod';
import {POLICY_NAMES, type PolicyName} from '../agents/policies.js';
import type {AgentSeat, PolicyMap, SeatPolicy} from '../agents/runner.js';
import {DIFFICULTIES, type Difficulty, ROLES, type Role, SCORINGS, type Scoring, isOneOf} from '../env/vocabulary.js';
import {readActionsFile} from '../io/action-lines.js';
import {InputError} from '../io/errors.js';
import {maxStepsSchema, type ScenarioFile, seedSchema} from '../io/scenarios.js';
import {shellWords} from '../io/shell-words.js';
import {DEFAULT_POLICY} from './option-defaults.js';

export {DEFAULT_DELAY_MS, DEFAULT_POLICY, PLAY_DEFAULT_POLICY} from './option-defaults.js';

const INTEGER_FLAG = /^[+-]?\d+$/;
/** A drill's join code: what a person can read out and type, without spaces. */
const CODE_FORMAT = /^[\x21-\x7e]{1,64}$/;

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

/**
 * `--seed-offset K` (0 if absent) for seeds that go up to `span` above it (`played` says whose, for the error):
 * every seed must be one the RNG takes, |seed| < 2^53.
 */
export function parseSeedOffsetOption(value: string | undefined, span: number, played: string): number {
	const seedOffset = ifGiven(value, text => parseSeedOption('seed-offset', text)) ?? 0;
	if (seedOffset > Number.MAX_SAFE_INTEGER - span) {
		throw new InputError(
			`--seed-offset ${seedOffset} is too large: ${played} go up to ${span} above it, and a seed must be below 2^53; expected at most ${Number.MAX_SAFE_INTEGER - span}`,
		);
	}
	return seedOffset;
}

export const parseMaxStepsOption = (value: string): number =>
	parseFlag('max-steps', value, integerFlag(maxStepsSchema), 'an integer from 1 to 10000');

/** A whole count from 1 to `max` (`--episodes-per-type`, `--seeds`). */
export const parseCountOption = (flag: string, value: string, max = 1_000_000): number =>
	parseFlag(flag, value, integerFlag(z.int().min(1).max(max)), `an integer from 1 to ${max}`);

export const parseDelayOption = (value: string): number =>
	parseFlag('delay', value, integerFlag(z.int().min(0).max(60_000)), 'milliseconds from 0 to 60000');

/** `--misleading-logs true|false`. */
export const parseMisleadingLogsOption = (value: string): boolean => parseChoiceOption('misleading-logs', value, BOOLEAN_WORDS) === 'true';
const BOOLEAN_WORDS = ['true', 'false'] as const;

export const parseDifficultyOption = (value: string): Difficulty =>
	parseFlag('difficulty', value, z.enum(DIFFICULTIES), `one of ${DIFFICULTIES.join(', ')}`);

export const parseScoringOption = (value: string): Scoring =>
	parseFlag('scoring', value, z.enum(SCORINGS), `one of ${SCORINGS.join(', ')}`);

/** One of a closed set of words (`--format text|json`). */
export const parseChoiceOption = <T extends string>(flag: string, value: string, choices: readonly [T, ...T[]]): T =>
	parseFlag(flag, value, z.enum(choices), `one of ${choices.join(', ')}`);

/** `--code C`: a drill's join code (host, join). */
export function parseCodeOption(value: string): string {
	if (!CODE_FORMAT.test(value)) throw new InputError('--code is a join code of 1 to 64 printable characters, without spaces');
	return value;
}

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

/** What `--policy role=…` takes for a seat besides a policy's name: a fixed line of actions, read from a file. */
const LINE_PREFIX = 'actions:';
/** A seat played by a program: `cmd:` and its command line. */
const COMMAND_PREFIX = 'cmd:';
/** A seat played by a language model (--llm-model). */
const MODEL_SEAT = 'llm';

const AGENTS_ACCEPTED = `${MODEL_SEAT} (a language model) or ${COMMAND_PREFIX}PROGRAM (a program and its arguments, without commas)`;
const POLICY_ACCEPTED = `a policy (${POLICY_NAMES.join(', ')}) for every role, or role=policy pairs separated by commas, a policy being one of those or ${LINE_PREFIX}FILE (roles: ${ROLES.join(', ')}); an agent, for every role or in a pair: ${AGENTS_ACCEPTED}`;

/** `llm` or `cmd:PROGRAM` (its words checked as a shell splits them), else null. */
function agentSeat(text: string, flag: string): AgentSeat | null {
	if (text === MODEL_SEAT) return {kind: 'llm'};
	if (!text.startsWith(COMMAND_PREFIX)) return null;
	const command = text.slice(COMMAND_PREFIX.length).trim();
	let words: string[];
	try {
		words = shellWords(command);
	} catch (error) {
		if (!(error instanceof InputError)) throw error;
		throw new InputError(`--${flag} '${text}': ${error.message}`);
	}
	if (words.length === 0) throw new InputError(`--${flag} '${text}' names no program; expected ${COMMAND_PREFIX}PROGRAM [ARGUMENTS], such as ${COMMAND_PREFIX}python3 examples/agent.py`);
	return {kind: 'cmd', command};
}

/** A pair's policy: a name, an agent, or the line of actions in the file `actions:FILE` names; null when it is none. */
function pairPolicy(text: string): SeatPolicy | null {
	if (isOneOf(POLICY_NAMES, text)) return text;
	const agent = agentSeat(text, 'policy');
	if (agent !== null) return agent;
	const file = text.startsWith(LINE_PREFIX) ? text.slice(LINE_PREFIX.length).trim() : '';
	return file === '' ? null : readActionsFile(file);
}

function parsePolicyPairs(value: string): PolicyMap {
	const seats: PolicyMap = {};
	for (const pair of value.split(',')) {
		const refused = () => new InputError(`--policy '${value}' has '${pair}'; expected ${POLICY_ACCEPTED}`);
		// A file's path may hold `=`: only the first one ends the role.
		const at = pair.indexOf('=');
		const role = at < 0 ? '' : pair.slice(0, at).trim();
		if (!isOneOf(ROLES, role)) throw refused();
		const policy = pairPolicy(pair.slice(at + 1).trim());
		if (policy === null) throw refused();
		if (seats[role] !== undefined) throw new InputError(`--policy '${value}' names ${role} twice; expected ${POLICY_ACCEPTED}`);
		seats[role] = policy;
	}
	return seats;
}

/**
 * `--policy NAME` (every role) or `--policy role=NAME,role=actions:FILE` (roles not named play noop); NAME may be
 * an agent (llm, cmd:PROGRAM). Absent, every role plays `fallback`.
 */
export function parsePolicyOption(value: string | undefined, fallback: PolicyName = DEFAULT_POLICY): PolicyMap {
	const text = (value ?? fallback).trim();
	const everywhere = (policy: SeatPolicy) => Object.fromEntries(ROLES.map((role: Role) => [role, policy])) as PolicyMap;
	// A program's arguments may hold `=`: `cmd:` first.
	const agent = agentSeat(text, 'policy');
	if (agent !== null) return everywhere(agent);
	if (text.includes('=')) return parsePolicyPairs(text);
	return everywhere(parseFlag('policy', text, z.enum(POLICY_NAMES), POLICY_ACCEPTED));
}

/** `--teammates NAME`: the policy evaluated in every seat `--policy` leaves (eval, lab): a scripted one. */
export const parseTeammatesOption = (value: string): PolicyName =>
	parseFlag('teammates', value.trim(), z.enum(POLICY_NAMES), `a policy: ${POLICY_NAMES.join(', ')}`);

/** `--teammates NAME` where it seats a team (run, play, host): a scripted policy, or an agent (llm, cmd:PROGRAM). */
export const parseTeammatesSeat = (value: string): PolicyName | AgentSeat =>
	agentSeat(value.trim(), 'teammates') ?? parseFlag('teammates', value.trim(), z.enum(POLICY_NAMES), `a policy (${POLICY_NAMES.join(', ')}) or ${AGENTS_ACCEPTED}`);

/** The flags that say who holds the scripted seats (run, play, eval, and every command to come that seats a team). */
export type SeatFlags = {readonly policy?: string | undefined; readonly teammates?: string | undefined};

/**
 * The seats for an episode. With `--teammates`, the seats `--policy` names as it names them and every other seat the
 * teammates' policy; without, `--policy` if given (roles its pairs leave play noop), else the scenario file's
 * policies, else `fallback` everywhere (the command's default: play's is the teammate, run's the heuristic).
 */
export function seatPolicies({policy, teammates}: SeatFlags, preset: ScenarioFile | null, fallback: PolicyName = DEFAULT_POLICY): PolicyMap {
	if (teammates === undefined) return policy === undefined && preset?.policies !== undefined ? preset.policies : parsePolicyOption(policy, fallback);
	const named = policy === undefined ? {} : parsePolicyOption(policy);
	const others = parseTeammatesSeat(teammates);
	return Object.fromEntries(ROLES.map(role => [role, named[role] ?? others])) as PolicyMap;
}
