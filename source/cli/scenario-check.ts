// `chaosops scenario check FILE…`: is each incident file valid, and does its own solution resolve it? A file is
// validated as every command reads it (the schema, then the cross-references), each problem a line with its JSON
// path; a valid one is played by the oracle, the heuristic and random over many seeds at every difficulty.
import {existsSync} from 'node:fs';
import type {Figures} from '../agents/evaluation.js';
import {type PolicyTrial, type TrialOptions, type Unresolved, trial} from '../agents/trial.js';
import {compileIncident} from '../env/incident.js';
import type {IncidentFile} from '../env/incident-format.js';
import {DEFAULT_MAX_STEPS} from '../env/scenario.js';
import {DIFFICULTIES} from '../env/vocabulary.js';
import {InputError} from '../io/errors.js';
import {builtInFile, builtInIncidentNames, incidentFileProblems, isBuiltInIncident, readIncidentValue, shadowNotice} from '../io/incidents.js';
import {terminalJson, visibleLine} from '../io/terminal-text.js';
import {readCommandArguments} from './command-line.js';
import {USAGE_STATUS} from './errors.js';
import {FIGURE_COLUMNS, POLICY_COLUMN} from './figure-columns.js';
import {ifGiven, parseCountOption, parseMaxStepsOption} from './options.js';
import {shellWord} from './shell-word.js';
import {type Column, formatTable} from './table.js';

const DEFAULT_SEEDS = 20;
const MAX_SEEDS = 1000;
/** The exit status when every file is valid but the oracle leaves an episode of one unresolved. */
const UNSOLVED_STATUS = 1;

const HELP = `
Usage: chaosops scenario check FILE… [options]

Checks incident files. Each FILE is an incident file's path, or a built-in incident's name. A file is first
validated: every problem is one line on stderr, \`FILE: json.path what is wrong\` (an unknown service, agent,
role or action type, a dependency cycle, a fix that can never happen, …). A valid file is then played by the
oracle (its own solution), the heuristic and random, each policy in all four seats, on seeds 0 to N-1 at each
difficulty (easy, medium, hard; hard mixes in the red herrings), and a table per file shows, per policy, the
episodes, mean reward, resolution rate and mean time to resolve (steps; a dash when none resolved).

Options
  --seeds N       seeds per difficulty, from 1 to ${MAX_SEEDS} (default: ${DEFAULT_SEEDS})
  --max-steps N   steps before an episode ends unresolved (default: ${DEFAULT_MAX_STEPS})
  --json          print one JSON document instead (docs/scenario-command.md)

Exit status: 2 if any file has a problem; else 1 if the oracle leaves any episode unresolved (each such
difficulty is named, with the command that plays it); else 0.

Examples
  chaosops scenario check printer_fire.json
  chaosops scenario check cascade rogue_deploy_bot --seeds 100
  chaosops scenario check incidents/*.json --json | jq '.files[] | select(.oracle_resolves_all | not) | .file'
`;

type FileReport = {
	/** As it was named on the command line. */
	readonly name: string;
	/** The file as read when the schema took it, whatever else is wrong with it. */
	readonly file: IncidentFile | null;
	/** Each `json.path what is wrong`, or what kept the file from being read. */
	readonly problems: readonly string[];
	/** The policies' play, for a file without problems. */
	readonly trial: readonly PolicyTrial[] | null;
	/** That the file shadows a built-in incident, or null. */
	readonly notice: string | null;
};

/** The path a FILE operand names: a file, else the built-in incident of that name, else null. */
const locate = (operand: string): string | null =>
	existsSync(operand) ? operand : isBuiltInIncident(operand) ? builtInFile(operand) : null;

/** A scenario file names its incident and has no format: the mistake of giving check the scenario, not its incident. */
const isScenarioFile = (value: unknown): boolean => typeof value === 'object' && value !== null && 'incident' in value && !('format' in value);
const SCENARIO_FILE = 'is a scenario file (it names an incident, and has no format), not an incident file; check the incident it names instead';

/** What is wrong with the file a FILE operand names. */
function read(operand: string): {file: IncidentFile | null; problems: string[]; path: string | null} {
	const path = locate(operand);
	if (path === null) {
		const problem = `no such file, and no built-in incident of that name; expected an incident file or one of ${builtInIncidentNames().join(', ')}`;
		return {file: null, problems: [problem], path};
	}
	try {
		const value = readIncidentValue(path, 'the file');
		if (isScenarioFile(value)) return {file: null, problems: [SCENARIO_FILE], path};
		return {...incidentFileProblems(value), path};
	} catch (error) {
		if (error instanceof InputError) return {file: null, problems: [error.message], path};
		throw error;
	}
}

function check(operand: string, options: TrialOptions): FileReport {
	const {file, problems, path} = read(operand);
	if (file === null || path === null || problems.length > 0) return {name: operand, file, problems, trial: null, notice: null};
	const incident = compileIncident(file);
	return {name: operand, file, problems, trial: trial(incident, options), notice: shadowNotice(path, incident)};
}

const oracleOf = (report: FileReport): PolicyTrial | undefined => report.trial?.find(({policy}) => policy === 'oracle');

type Row = Figures & {readonly policy: PolicyTrial['policy']};

const COLUMNS: readonly Column<Row>[] = [
	POLICY_COLUMN,
	FIGURE_COLUMNS.episodes,
	FIGURE_COLUMNS.meanReward,
	FIGURE_COLUMNS.resolved,
	FIGURE_COLUMNS.meanMttr,
];

/**
 * One line per difficulty on which the oracle left an episode unresolved: the first such seed, how many more, and
 * the `chaosops run` that plays it again.
 */
function unsolvedLines(name: string, unresolved: readonly Unresolved[], {seeds, maxSteps}: TrialOptions): string[] {
	return DIFFICULTIES.flatMap(difficulty => {
		const failed = unresolved.filter(episode => episode.difficulty === difficulty);
		const first = failed[0];
		if (first === undefined) return [];
		const more = failed.length === 1 ? "" : ` (nor ${failed.length - 1} more of the ${seeds} seeds on ${difficulty})`;
		const command = `chaosops run --scenario ${shellWord(name)} --difficulty ${difficulty} --seed ${first.seed} --max-steps ${maxSteps} --policy oracle`;
		return [`${name}: the oracle did not resolve seed ${first.seed} on ${difficulty} within ${maxSteps} steps${more}; to watch it: ${command}`];
	});
}

const seedRange = (seeds: number) => (seeds === 1 ? 'seed 0' : `seeds 0 to ${seeds - 1}`);

/** The text report: the table on stdout, problems and unresolved episodes on stderr. */
function printText(reports: readonly FileReport[], options: TrialOptions): void {
	const played = `${seedRange(options.seeds)} on ${DIFFICULTIES.join(', ')}, at most ${options.maxSteps} steps`;
	let first = true;
	for (const report of reports) {
		for (const problem of report.problems) process.stderr.write(`${visibleLine(`${report.name}: ${problem}`)}\n`);
		if (report.notice !== null) process.stderr.write(`chaosops: ${visibleLine(report.notice)}\n`);
		if (report.trial === null || report.file === null) continue;
		const rows = report.trial.map(({policy, figures}) => ({policy, ...figures}));
		const heading = `${report.name}: incident ${report.file.name}, "${report.file.title}"; ${played}`;
		process.stdout.write(`${first ? '' : '\n'}${visibleLine(heading)}\n${formatTable(COLUMNS, rows)}`);
		first = false;
		const unresolved = oracleOf(report)?.unresolved ?? [];
		if (unresolved.length === 0) process.stdout.write(`${visibleLine(`${report.name}: the oracle resolves all ${rows[0]!.episodes} episodes`)}\n`);
		for (const line of unsolvedLines(report.name, unresolved, options)) process.stderr.write(`${visibleLine(line)}\n`);
	}
}

/** The figures `--json` gives for each policy. */
const figuresJson = ({episodes, resolution_rate, mean_mttr, mean_reward}: Figures) => ({episodes, resolution_rate, mean_mttr, mean_reward});

function reportJson(report: FileReport) {
	const oracle = oracleOf(report);
	return {
		file: report.name,
		incident: report.file?.name ?? null,
		title: report.file?.title ?? null,
		problems: report.problems,
		policies: report.trial === null ? null : Object.fromEntries(report.trial.map(({policy, figures}) => [policy, figuresJson(figures)])),
		oracle_resolves_all: oracle !== undefined && oracle.unresolved.length === 0,
		oracle_unresolved: oracle?.unresolved ?? [],
	};
}

/** 2 for a file with problems, else 1 for an episode the oracle left unresolved, else 0. */
function exitStatus(reports: readonly FileReport[]): number {
	if (reports.some(report => report.problems.length > 0)) return USAGE_STATUS;
	return reports.some(report => (oracleOf(report)?.unresolved.length ?? 0) > 0) ? UNSOLVED_STATUS : 0;
}

export async function main(argv: string[]): Promise<number> {
	const line = await readCommandArguments('scenario check', HELP, argv, {flags: ['seeds', 'maxSteps'], switches: ['json'], operands: true});
	if (line === null) return 0;
	if (line.operands.length === 0) {
		throw new InputError(`scenario check needs at least one FILE: an incident file, or a built-in incident's name (see chaosops scenario check --help)`);
	}
	const options: TrialOptions = {
		seeds: ifGiven(line.flags.seeds, value => parseCountOption('seeds', value, MAX_SEEDS)) ?? DEFAULT_SEEDS,
		maxSteps: ifGiven(line.flags.maxSteps, parseMaxStepsOption) ?? DEFAULT_MAX_STEPS,
	};
	const reports = line.operands.map(operand => check(operand, options));
	if (line.switches.json) {
		for (const {notice} of reports) if (notice !== null) process.stderr.write(`chaosops: ${visibleLine(notice)}\n`);
		const document = {seeds: options.seeds, max_steps: options.maxSteps, difficulties: DIFFICULTIES, files: reports.map(reportJson)};
		process.stdout.write(`${terminalJson(document)}\n`);
	} else {
		printText(reports, options);
	}
	return exitStatus(reports);
}
