// `chaosops eval`: the baseline table, policies by tier, or by scenario with --scenario. Episodes stream through:
// memory stays flat however many run, and with --json each episode's row goes to the file as it finishes.
import {TIERS, TIER_SPECS, seedSpan} from '../agents/curriculum.js';
import {type Aggregate, type EpisodeRow, type EvaluationPlan, type NamedScenario} from '../agents/evaluation.js';
import {POLICY_NAMES, type PolicyName} from '../agents/policies.js';
import {InputError} from '../io/errors.js';
import {type CsvColumn, CsvReport} from '../io/csv.js';
import {StreamedFile} from '../io/streamed-file.js';
import {terminalJson, visibleLine} from '../io/terminal-text.js';
import {DIFFICULTIES, type Difficulty, type Scoring} from '../env/vocabulary.js';
import {builtInIncident} from '../io/incidents.js';
import {resolveScenario} from '../io/scenarios.js';
import {AGENT_FLAGS, AGENT_FLAGS_HELP, agentSeatsFrom} from './agent-flags.js';
import {readCommandLine} from './command-line.js';
import {evalHtml} from './eval-html.js';
import {evaluatedPolicies, playEvaluation, stoppedStatus} from './evaluation-run.js';
import {FIGURE_COLUMNS, POLICY_COLUMN, percent} from './figure-columns.js';
import {ifGiven, parseCountOption, parseListOption, parseScoringOption, parseSeedOffsetOption} from './options.js';
import {type Column, formatTable} from './table.js';

const DEFAULT_POLICIES: readonly PolicyName[] = ['random', 'heuristic', 'oracle'];
const DEFAULT_EPISODES_PER_TYPE = 3;

const HELP = `
Usage: chaosops eval [options]

Plays every policy on every scenario of each tier and prints the baseline table: mean and median reward,
resolution rate, mean time to resolve (steps) and the rate at which rogue fleet agents are caught.
With --scenario, plays the scenarios named instead of the tiers, each as it is (its difficulty and step budget)
but for its seed, and prints a row per policy and scenario.

Options
  --policies LIST          policies, comma-separated, from ${POLICY_NAMES.join(', ')} (default: ${DEFAULT_POLICIES.join(',')});
                           each plays every seat --policy does not name
  --teammates NAME         one policy evaluated, as --policies NAME (give one or the other)
  --policy role=NAME,...   seats held alike in every episode, whichever policy is evaluated; NAME may be
                           actions:FILE, a fixed line of actions (docs/actions-files.md), or an agent:
                           llm or cmd:PROGRAM (below), whose episodes are played one after another
  --scoring S              reference or drill (default: reference for the tiers, a scenario's own for --scenario)
  --tiers LIST             tiers, comma-separated, from ${TIERS.join(', ')} (default: all)
  --scenario LIST          scenarios instead of tiers, comma-separated: presets, built-in incidents, or paths of
                           scenario or incident files
  --episodes-per-type N    episodes for each failure type of a tier, or of each scenario (default: ${DEFAULT_EPISODES_PER_TYPE})
  --seed-offset K          the tier's seeds are K + 97·i + 31·rep, a scenario's K + 31·rep (default: 0)
  --json FILE              also write {"per_episode":[…],"aggregates":[…]} to FILE; FILE is replaced only
                           once the document is complete (Ctrl+C or a failure leaves it as it was)
  --csv FILE               also write a line per episode to FILE, as CSV (columns in docs/outputs.md)
  --html FILE              also write a report to FILE: one self-contained page with the reference's charts
                           (mean reward by tier, the policies compared, rogue-catch rate and MTTR)

Examples
  chaosops eval
  chaosops eval --policies heuristic --tiers hard --episodes-per-type 50 --json hard.json
  chaosops eval --scenario cascade-night-shift,./my_incident.json --policies heuristic,oracle --episodes-per-type 20
  chaosops eval --scenario starter --policy sre=actions:my-line.json --teammates heuristic
  chaosops eval --episodes-per-type 20 --csv episodes.csv --html eval.html
  chaosops eval --tiers easy --episodes-per-type 1 --policy sre=llm --teammates heuristic --llm-model gpt-4o-mini

${AGENT_FLAGS_HELP}

A dash means none: no episode resolved (mean MTTR), or no rogue agent in the tier (rogue caught).
`;

const FLAGS = ['policies', 'tiers', 'episodesPerType', 'seedOffset', 'json', 'csv', 'html', 'scenario', 'policy', 'teammates', 'scoring', ...AGENT_FLAGS] as const;

const TIER_COLUMN: Column<Aggregate> = {heading: 'tier', align: 'left', cell: row => row.tier};

/** The figures, the rogue rate a dash for a group whose incidents have no rogue agent. */
const figureColumns = (hasRogues: (row: Aggregate) => boolean): Column<Aggregate>[] => [
	FIGURE_COLUMNS.episodes,
	FIGURE_COLUMNS.meanReward,
	FIGURE_COLUMNS.medianReward,
	FIGURE_COLUMNS.resolved,
	FIGURE_COLUMNS.meanMttr,
	{heading: 'rogue caught', align: 'right', cell: row => (hasRogues(row) ? percent(row.rogue_catch_rate) : '-')},
];

const tierHasRogues = (tier: Difficulty) => TIER_SPECS[tier].pool.some(name => builtInIncident(name).rogueAgent !== null);

const tierRowHasRogues = (row: Aggregate) => tierHasRogues(row.tier);

const TIER_TABLE: readonly Column<Aggregate>[] = [POLICY_COLUMN, TIER_COLUMN, ...figureColumns(tierRowHasRogues)];

/** Whether a --scenario group's incident has a rogue agent. */
function scenarioHasRogues(scenarios: readonly NamedScenario[]): (row: Aggregate) => boolean {
	const withRogues = new Set(scenarios.filter(({scenario}) => scenario.incident.rogueAgent !== null).map(({name}) => name));
	return row => withRogues.has(row.scenario ?? '');
}

/** With --scenario: the scenario's name, then its difficulty in the tier column. */
const scenarioTable = (hasRogues: (row: Aggregate) => boolean): Column<Aggregate>[] => [
	POLICY_COLUMN,
	{heading: 'scenario', align: 'left', cell: row => visibleLine(row.scenario ?? '')},
	TIER_COLUMN,
	...figureColumns(hasRogues),
];

/**
 * The scenarios --scenario names, each resolved (any notice about it said on stderr). A name is the text between
 * commas as given, and a scenario is played once however it is named.
 */
function namedScenarios(value: string, scoring: Scoring | undefined): NamedScenario[] {
	const names = value.split(',').map(part => part.trim());
	const accepted = 'expected a comma-separated list of presets, built-in incidents or paths of scenario or incident files';
	return names.map((name, index) => {
		if (name === '') throw new InputError(`--scenario '${value}' has an empty name; ${accepted}`);
		if (names.indexOf(name) !== index) throw new InputError(`--scenario '${value}' names '${name}' twice; ${accepted}`);
		const {scenario, notice} = resolveScenario(name, {scoring});
		if (notice !== null) process.stderr.write(`chaosops: ${visibleLine(notice)}\n`);
		return {name, scenario};
	});
}

/** Where the rows go as they come and the aggregates once all are in: --json, --csv, --html. */
type Report = {add(row: EpisodeRow): void; finish(aggregates: readonly Aggregate[]): void; discard(): void};

/** --json: the rows written as they come (StreamedFile), the aggregates after them. */
function jsonReport(target: string): Report {
	const file = new StreamedFile(target, `--json ${target}`);
	file.text('{"per_episode":[');
	let first = true;
	return {
		add(row) {
			file.text(first ? terminalJson(row) : `,${terminalJson(row)}`);
			first = false;
		},
		finish(aggregates) {
			file.text(`],"aggregates":${terminalJson(aggregates)}}\n`);
			file.commit();
		},
		discard: () => file.discard(),
	};
}

/** --csv: a line per episode; the columns are the --json rows' (docs/outputs.md). */
export const EPISODE_CSV_COLUMNS: readonly CsvColumn<EpisodeRow>[] = [
	{name: 'policy', value: row => row.policy},
	{name: 'scenario', value: row => row.scenario ?? null},
	{name: 'tier', value: row => row.tier},
	{name: 'failure_type', value: row => row.failure_type},
	{name: 'seed', value: row => row.seed},
	{name: 'resolved', value: row => row.resolved},
	{name: 'steps', value: row => row.steps},
	{name: 'cumulative_reward', value: row => row.cumulative_reward},
	{name: 'wrong_fixes', value: row => row.wrong_fixes},
	{name: 'oversight_flags', value: row => row.oversight_flags},
	{name: 'had_rogue', value: row => row.had_rogue},
	{name: 'rogue_caught', value: row => row.rogue_caught},
	{name: 'false_positive', value: row => row.false_positive},
];

function csvReport(target: string): Report {
	const file = new CsvReport(target, `--csv ${target}`, EPISODE_CSV_COLUMNS);
	return {add: row => file.add(row), finish: () => file.commit(), discard: () => file.discard()};
}

/** --html: the charts, made from the aggregates once all are in; the target is opened at once, so a bad path is said before any episode. */
function htmlReport(target: string, meta: string, hasRogues: (row: Aggregate) => boolean): Report {
	const file = new StreamedFile(target, `--html ${target}`);
	return {
		add() {},
		finish(aggregates) {
			file.text(evalHtml(aggregates, meta, hasRogues));
			file.commit();
		},
		discard: () => file.discard(),
	};
}

export async function main(argv: string[]): Promise<number> {
	const flags = await readCommandLine('eval', HELP, argv, FLAGS);
	if (flags === null) return 0;
	if (flags.scenario !== undefined && flags.tiers !== undefined) {
		throw new InputError('--scenario and --tiers cannot be given together: --scenario plays its scenarios instead of the tiers (see chaosops eval --help)');
	}
	const {policies, fixedSeats} = evaluatedPolicies('eval', flags, DEFAULT_POLICIES);
	const agents = await agentSeatsFrom(flags, Object.values(fixedSeats ?? {}), {stderr: true});
	const scoring = ifGiven(flags.scoring, parseScoringOption);
	const tiers = ifGiven(flags.tiers, value => parseListOption('tiers', value, DIFFICULTIES)) ?? TIERS;
	const episodesPerType = ifGiven(flags.episodesPerType, value => parseCountOption('episodes-per-type', value)) ?? DEFAULT_EPISODES_PER_TYPE;
	// The largest seed is the offset plus the span; a scenario is one type of its own, so its span is the repetitions' alone.
	const span = seedSpan(flags.scenario === undefined ? tiers : [], episodesPerType);
	const seedOffset = parseSeedOffsetOption(flags.seedOffset, span, flags.scenario === undefined ? "these tiers' seeds" : "the scenarios' seeds");
	const scenarios = ifGiven(flags.scenario, value => namedScenarios(value, scoring));
	const options: EvaluationPlan =
		scenarios === undefined
			? {load: builtInIncident, policies, fixedSeats, agents, tiers, episodesPerType, seedOffset, scoring}
			: {scenarios, policies, fixedSeats, agents, episodesPerType, seedOffset};
	const hasRogues = scenarios === undefined ? tierRowHasRogues : scenarioHasRogues(scenarios);
	const columns = scenarios === undefined ? TIER_TABLE : scenarioTable(hasRogues);

	const meta = `${policies.join(', ')} on ${flags.scenario === undefined ? `tiers ${tiers.join(', ')}` : `scenarios ${flags.scenario}`}, ${episodesPerType} episodes per type, seed offset ${seedOffset}`;
	const reports: Report[] = [];
	const report: Report = {
		add: row => {
			for (const each of reports) each.add(row);
		},
		finish: aggregates => {
			for (const each of reports) each.finish(aggregates);
		},
		discard: () => {
			for (const each of reports) each.discard();
		},
	};
	try {
		if (flags.json !== undefined) reports.push(jsonReport(flags.json));
		if (flags.csv !== undefined) reports.push(csvReport(flags.csv));
		if (flags.html !== undefined) reports.push(htmlReport(flags.html, meta, hasRogues));
		// With no file asked for, a row goes nowhere: the batch path pays for no call.
		const outcome = await playEvaluation(options, reports.length === 0 ? undefined : row => report.add(row));
		if ('stoppedBy' in outcome) {
			report.discard();
			return stoppedStatus(outcome.stoppedBy, [flags.json, flags.csv, flags.html]);
		}
		report.finish(outcome.aggregates);
		process.stdout.write(formatTable(columns, outcome.aggregates));
		return 0;
	} catch (error) {
		report.discard();
		throw error;
	}
}
