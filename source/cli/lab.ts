// `chaosops lab`: how hard one scenario is, over many seeds, for each policy (or seat mix), and for variants of it
// side by side. The episodes are played on eval's batch path (evaluation.ts) and streamed into tallies, so memory
// stays flat; the extra figures come from the episodes' results, the first wrong move from the environment.
import {DifficultyTally, type DifficultyFigures} from '../agents/difficulty.js';
import {type Aggregate, type EpisodeRow, type NamedScenario} from '../agents/evaluation.js';
import {POLICY_NAMES, type PolicyName} from '../agents/policies.js';
import type {Action} from '../env/types.js';
import {DIFFICULTIES} from '../env/vocabulary.js';
import {type CsvColumn, csvText} from '../io/csv.js';
import {InputError} from '../io/errors.js';
import {resolveScenario} from '../io/scenarios.js';
import {StreamedFile} from '../io/streamed-file.js';
import {terminalJson, visibleLine} from '../io/terminal-text.js';
import {describeAction} from '../ui/format.js';
import {sparkRows} from '../ui/sparkline.js';
import {AGENT_FLAGS, AGENT_FLAGS_HELP, agentSeatsFrom} from './agent-flags.js';
import {kebab, readCommandLine} from './command-line.js';
import {evaluatedPolicies, playEvaluation, stoppedStatus} from './evaluation-run.js';
import {POLICY_COLUMN, percent} from './figure-columns.js';
import {labHtml} from './lab-html.js';
import {AS_IT_IS, parseSeedRange, parseVaryOption, type SeedRange, type Variant, VARIABLE_FIELDS} from './lab-variants.js';
import {ifGiven, parseDifficultyOption} from './options.js';
import {shellWord} from './shell-word.js';
import {type Column, formatTable} from './table.js';

const DEFAULT_POLICIES: readonly PolicyName[] = ['random', 'heuristic', 'oracle'];
const DEFAULT_SEEDS: SeedRange = {first: 0, last: 199};

const HELP = `
Usage: chaosops lab --scenario S [options]

How hard a scenario is: each policy plays it on every seed of a range, and the lab reports per policy the
resolution rate, the spread of rewards and of times to resolve, how often and how the team first goes wrong,
and the seeds that stand out, with the command that plays one of them again. --vary compares variants of the
scenario side by side.

Options
  --scenario S             a preset, a built-in incident, or the path of a scenario or incident file (required)
  --difficulty D           play it at ${DIFFICULTIES.join(', ')} rather than its own difficulty
  --seeds A..B             the seeds played, A to B inclusive (default: ${DEFAULT_SEEDS.first}..${DEFAULT_SEEDS.last})
  --policies LIST          policies, comma-separated, from ${POLICY_NAMES.join(', ')} (default: ${DEFAULT_POLICIES.join(',')});
                           each plays every seat --policy does not name
  --teammates NAME         one policy, as --policies NAME (give one or the other)
  --policy role=NAME,...   seats held alike in every episode (a seat mix); NAME may be actions:FILE, or an
                           agent: llm or cmd:PROGRAM (below)
  --vary KEY=V1,V2,...     variants side by side, KEY one of ${Object.keys(VARIABLE_FIELDS).join(', ')}
  --json FILE              also write the figures as JSON (docs/lab.md)
  --csv FILE               also write a line per policy and variant as CSV
  --html FILE              also write a self-contained page with SVG charts

Examples
  chaosops lab --scenario cascade-night-shift --seeds 0..999
  chaosops lab --scenario rogue_deploy_bot --policies heuristic,teammate --vary difficulty=easy,hard
  chaosops lab --scenario ./my_incident.json --vary max_steps=8,12,20 --html lab.html
  chaosops lab --scenario db_deadlock --seeds 0..9 --policy 'sre=cmd:python3 examples/agent.py' --teammates heuristic

${AGENT_FLAGS_HELP}

A dash means none: no episode resolved (MTTR), or no rogue agent in the incident (rogue caught).
`;

const FLAGS = ['scenario', 'difficulty', 'seeds', 'policies', 'teammates', 'policy', 'vary', 'json', 'csv', 'html', ...AGENT_FLAGS] as const;

/** One policy on one variant: eval's figures and the lab's own, and how to play an outlier again. */
export type LabEntry = {
	readonly policy: PolicyName;
	readonly variant: string | null;
	readonly difficulty: string;
	readonly max_steps: number;
	readonly episodes: number;
	readonly resolution_rate: number;
	readonly mean_reward: number;
	readonly median_reward: number;
	readonly mttr: number | null;
	readonly reward_quantiles: DifficultyFigures['reward_quantiles'];
	readonly mttr_histogram: readonly number[];
	readonly unresolved: number;
	readonly wrong_fix_rate: number;
	readonly mean_wrong_fixes: number;
	readonly false_flag_rate: number;
	readonly rogue_catch_rate: number | null;
	readonly first_wrong_move: {readonly move: string; readonly episodes: number; readonly share: number} | null;
	readonly outliers: ReadonlyArray<DifficultyFigures['outliers'][number] & {readonly rerun: string}>;
};

/** A first wrong move as the team made it: the role, then the action (`sre restart db`). */
const describeMove = (action: Action) => `${action.role} ${describeAction(action)}`;

type Played = {readonly variant: Variant; readonly named: NamedScenario};

function entry(aggregate: Aggregate, figures: DifficultyFigures, played: Played, rerun: (seed: number) => string): LabEntry {
	const {scenario} = played.named;
	const first = figures.first_wrong_move;
	return {
		policy: aggregate.policy,
		variant: played.variant.label,
		difficulty: scenario.difficulty,
		max_steps: scenario.max_steps,
		episodes: aggregate.episodes,
		resolution_rate: aggregate.resolution_rate,
		mean_reward: aggregate.mean_reward,
		median_reward: aggregate.median_reward,
		mttr: aggregate.mttr,
		reward_quantiles: figures.reward_quantiles,
		mttr_histogram: figures.mttr_histogram,
		unresolved: figures.unresolved,
		wrong_fix_rate: figures.wrong_fix_rate,
		mean_wrong_fixes: aggregate.mean_wrong_fixes,
		false_flag_rate: aggregate.false_positive_rate,
		rogue_catch_rate: scenario.incident.rogueAgent === null ? null : aggregate.rogue_detection_rate,
		first_wrong_move: first === null ? null : {...first, share: first.episodes / aggregate.episodes},
		outliers: figures.outliers.map(outlier => ({...outlier, rerun: rerun(outlier.seed)})),
	};
}

/**
 * A histogram in one line of blocks, at most `width` columns (neighbouring steps added together when longer); a
 * column with no episode is blank, where a sparkline would draw its lowest bar.
 */
function histogramLine(counts: readonly number[], width = 20): string {
	const per = Math.ceil(counts.length / width);
	const bins = Array.from({length: Math.ceil(counts.length / per)}, (_, bin) => counts.slice(bin * per, bin * per + per).reduce((a, b) => a + b, 0));
	if (bins.every(count => count === 0)) return '-';
	const bars = [...sparkRows(bins, bins.length, 0)[0]!];
	return bars.map((bar, bin) => (bins[bin] === 0 ? ' ' : bar)).join('');
}

const signed = (value: number) => value.toFixed(1);

function tableColumns(varied: boolean): Column<LabEntry>[] {
	return [
		...(varied ? [{heading: 'variant', align: 'left', cell: (row: LabEntry) => row.variant ?? ''} as const] : []),
		POLICY_COLUMN,
		{heading: 'episodes', align: 'right', cell: row => String(row.episodes)},
		{heading: 'resolved', align: 'right', cell: row => percent(row.resolution_rate)},
		{heading: 'mean reward', align: 'right', cell: row => signed(row.mean_reward)},
		{heading: 'reward p10 / median / p90', align: 'right', cell: ({reward_quantiles: q}) => `${signed(q.p10)} / ${signed(q.median)} / ${signed(q.p90)}`},
		{heading: 'MTTR', align: 'right', cell: row => (row.mttr === null ? '-' : row.mttr.toFixed(1))},
		{heading: 'resolved at step', align: 'left', cell: row => `${histogramLine(row.mttr_histogram)} 1-${row.max_steps}`},
		{heading: 'wrong fix', align: 'right', cell: row => percent(row.wrong_fix_rate)},
		{heading: 'false flag', align: 'right', cell: row => percent(row.false_flag_rate)},
		{heading: 'rogue caught', align: 'right', cell: row => (row.rogue_catch_rate === null ? '-' : percent(row.rogue_catch_rate))},
	];
}

/** Under the table, per entry: the first wrong move and the outliers, each with the command that plays it again. */
function notes(entries: readonly LabEntry[]): string {
	return entries
		.map(row => {
			const name = row.variant === null ? row.policy : `${row.policy}, ${row.variant}`;
			const first = row.first_wrong_move === null ? 'no wrong fix' : `first wrong move most often ${row.first_wrong_move.move} (${percent(row.first_wrong_move.share)} of episodes)`;
			const lines = [`${name}: ${first}`];
			if (row.outliers.length === 0) lines.push('  no outlying seeds');
			for (const outlier of row.outliers) {
				const how = outlier.resolved ? `resolved at step ${outlier.steps}` : 'unresolved';
				lines.push(`  seed ${outlier.seed}: reward ${signed(outlier.reward)}, ${how}; ${outlier.rerun}`);
			}
			return lines.join('\n');
		})
		.join('\n');
}

export const LAB_CSV_COLUMNS: readonly CsvColumn<LabEntry>[] = [
	{name: 'variant', value: row => row.variant},
	{name: 'policy', value: row => row.policy},
	{name: 'difficulty', value: row => row.difficulty},
	{name: 'max_steps', value: row => row.max_steps},
	{name: 'episodes', value: row => row.episodes},
	{name: 'resolution_rate', value: row => row.resolution_rate},
	{name: 'mean_reward', value: row => row.mean_reward},
	{name: 'median_reward', value: row => row.median_reward},
	...(['min', 'p10', 'p25', 'p75', 'p90', 'max'] as const).map(q => ({name: `reward_${q}`, value: (row: LabEntry) => row.reward_quantiles[q]})),
	{name: 'mttr', value: row => row.mttr},
	{name: 'mttr_histogram', value: row => row.mttr_histogram.map(String)},
	{name: 'unresolved', value: row => row.unresolved},
	{name: 'wrong_fix_rate', value: row => row.wrong_fix_rate},
	{name: 'mean_wrong_fixes', value: row => row.mean_wrong_fixes},
	{name: 'false_flag_rate', value: row => row.false_flag_rate},
	{name: 'rogue_catch_rate', value: row => row.rogue_catch_rate},
	{name: 'first_wrong_move', value: row => row.first_wrong_move?.move ?? null},
	{name: 'first_wrong_move_share', value: row => row.first_wrong_move?.share ?? null},
	{name: 'outlier_seeds', value: row => row.outliers.map(outlier => String(outlier.seed))},
];

export async function main(argv: string[]): Promise<number> {
	const flags = await readCommandLine('lab', HELP, argv, FLAGS);
	if (flags === null) return 0;
	const reference = flags.scenario;
	if (reference === undefined) throw new InputError('lab needs --scenario S: a preset, a built-in incident, or the path of a scenario or incident file (see chaosops lab --help)');
	const {policies, fixedSeats} = evaluatedPolicies('lab', flags, DEFAULT_POLICIES);
	const agents = await agentSeatsFrom(flags, Object.values(fixedSeats ?? {}), {stderr: true});
	const difficulty = ifGiven(flags.difficulty, parseDifficultyOption);
	const seeds = ifGiven(flags.seeds, parseSeedRange) ?? DEFAULT_SEEDS;
	const variants = ifGiven(flags.vary, parseVaryOption) ?? [AS_IT_IS];
	const played: Played[] = variants.map((variant, index) => {
		const {scenario, notice} = resolveScenario(reference, {difficulty, ...variant.overrides});
		if (index === 0 && notice !== null) process.stderr.write(`chaosops: ${visibleLine(notice)}\n`);
		return {variant, named: {name: variant.label ?? reference, scenario}};
	});
	const rerun = (variant: Variant, policy: PolicyName) => (seed: number) => {
		const words = ['chaosops', 'run', '--scenario', reference, '--seed', String(seed)];
		if (difficulty !== undefined && variant.overrides.difficulty === undefined) words.push('--difficulty', difficulty);
		words.push(...variant.runFlags);
		words.push(...(fixedSeats === undefined ? ['--policy', policy] : ['--policy', flags.policy!, '--teammates', policy]));
		// The agents' flags, so that the seed plays again with the same model or program.
		for (const name of AGENT_FLAGS) if (flags[name] !== undefined) words.push(`--${kebab(name)}`, flags[name]);
		return words.map(shellWord).join(' ');
	};

	const files = [
		ifGiven(flags.json, file => ({file: new StreamedFile(file, `--json ${file}`), write: (entries: readonly LabEntry[]) => `${terminalJson(labJson(reference, seeds, flags.vary, entries))}\n`})),
		ifGiven(flags.csv, file => ({file: new StreamedFile(file, `--csv ${file}`), write: (entries: readonly LabEntry[]) => csvText(LAB_CSV_COLUMNS, entries)})),
		ifGiven(flags.html, file => ({file: new StreamedFile(file, `--html ${file}`), write: (entries: readonly LabEntry[]) => labHtml(reference, seeds, entries)})),
	].filter(file => file !== undefined);
	try {
		const count = seeds.last - seeds.first + 1;
		// One tally per group, in the order evaluation plays them (variants outer, policies inner): a row belongs to
		// the last group started, or starts the next.
		const tallies: DifficultyTally[] = [];
		let group: {readonly scenario: string | undefined; readonly policy: PolicyName; readonly tally: DifficultyTally} | null = null;
		const tallyOf = (row: EpisodeRow) => {
			if (group === null || group.scenario !== row.scenario || group.policy !== row.policy) {
				const {scenario} = played.find(each => each.named.name === row.scenario)!.named;
				group = {scenario: row.scenario, policy: row.policy, tally: new DifficultyTally(count, scenario.max_steps, describeMove)};
				tallies.push(group.tally);
			}
			return group.tally;
		};
		const plan = {scenarios: played.map(each => each.named), policies, fixedSeats, agents, episodesPerType: count, seedOffset: seeds.first, seedStep: 1, firstWrongMoves: true};
		const outcome = await playEvaluation(plan, row => tallyOf(row).add(row));
		if ('stoppedBy' in outcome) {
			for (const {file} of files) file.discard();
			return stoppedStatus(outcome.stoppedBy, [flags.json, flags.csv, flags.html]);
		}
		const entries = outcome.aggregates.map((aggregate, index) => {
			const each = played.find(one => one.named.name === aggregate.scenario)!;
			const figures = tallies[index]!.figures();
			return entry(aggregate, figures, each, rerun(each.variant, aggregate.policy));
		});
		for (const {file, write} of files) {
			file.text(write(entries));
			file.commit();
		}
		const {scenario} = played[0]!.named;
		const about = `${visibleLine(reference)}: ${visibleLine(scenario.failure_type)}, seeds ${seeds.first}..${seeds.last} (${count} episodes per policy${variants.length > 1 ? ' and variant' : ''})`;
		const table = formatTable(tableColumns(flags.vary !== undefined), entries).split('\n').map(visibleLine).join('\n');
		process.stdout.write(`${about}\n\n${table}\n${notes(entries).split('\n').map(visibleLine).join('\n')}\n`);
		return 0;
	} catch (error) {
		for (const {file} of files) file.discard();
		throw error;
	}
}

/** The --json document (docs/lab.md). */
export const labJson = (scenario: string, seeds: SeedRange, vary: string | undefined, policies: readonly LabEntry[]) => ({
	scenario,
	seeds,
	vary: vary ?? null,
	policies,
});
