// lab --html: the difficulty report as one self-contained page: resolution and rewards per policy and variant, the
// spread of rewards, when episodes resolve, then the figures and the outlying seeds as tables.
import {htmlPage, htmlTable} from '../io/html-report.js';
import {barChart, figureOrGap, lineChart} from '../io/svg-charts.js';
import {percent} from './figure-columns.js';
import type {LabEntry} from './lab.js';
import type {SeedRange} from './lab-variants.js';

const unique = <T>(values: readonly T[]): T[] => [...new Set(values)];
const nameOf = (row: LabEntry) => (row.variant === null ? row.policy : `${row.policy}, ${row.variant}`);
const QUANTILES = ['min', 'p10', 'p25', 'median', 'p75', 'p90', 'max'] as const;

export function labHtml(scenario: string, seeds: SeedRange, entries: readonly LabEntry[]): string {
	const policies = unique(entries.map(row => row.policy));
	const variants = unique(entries.map(row => row.variant));
	const variantName = (variant: string | null) => variant ?? scenario;
	const find = (policy: string, variant: string | null) => entries.find(row => row.policy === policy && row.variant === variant);
	const byVariant = (title: string, yLabel: string, figure: (row: LabEntry) => number | null, percentages = false) =>
		barChart({
			title,
			yLabel,
			categories: variants.map(variantName),
			series: policies.map(policy => ({name: policy, values: variants.map(variant => figureOrGap(find(policy, variant), figure))})),
			...(percentages ? {yMax: 100, format: (value: number) => `${Math.round(value)}%`} : {}),
		});
	const resolution = byVariant('Episodes resolved', 'resolved (%)', row => row.resolution_rate * 100, true);
	const wrongFixes = byVariant('Episodes with a wrong fix', 'with a wrong fix (%)', row => row.wrong_fix_rate * 100, true);
	// Per variant, a policy's colour the same in every chart.
	const perVariant = (chart: (rows: LabEntry[], suffix: string) => string) =>
		variants.map(variant => chart(entries.filter(row => row.variant === variant), variant === null ? '' : ` (${variant})`)).join('\n');
	const rewards = perVariant((rows, suffix) =>
		lineChart({
			title: `Reward distribution${suffix}`,
			yLabel: 'cumulative reward',
			categories: [...QUANTILES],
			series: rows.map(row => ({name: row.policy, values: QUANTILES.map(q => row.reward_quantiles[q])})),
		}),
	);
	const histograms = perVariant((rows, suffix) => {
			const steps = rows[0]!.max_steps;
			return barChart({
				title: `Resolved at step${suffix}`,
				yLabel: 'episodes',
				categories: Array.from({length: steps}, (_, step) => String(step + 1)),
				series: rows.map(row => ({name: row.policy, values: row.mttr_histogram})),
			});
		});
	const figures = htmlTable(
		['policy', 'variant', 'episodes', 'resolved', 'mean reward', 'median reward', 'MTTR', 'wrong fix', 'false flag', 'rogue caught', 'first wrong move'],
		entries.map(row => [
			row.policy,
			row.variant ?? '',
			String(row.episodes),
			percent(row.resolution_rate),
			row.mean_reward.toFixed(1),
			row.median_reward.toFixed(1),
			row.mttr === null ? '-' : row.mttr.toFixed(1),
			percent(row.wrong_fix_rate),
			percent(row.false_flag_rate),
			row.rogue_catch_rate === null ? '-' : percent(row.rogue_catch_rate),
			row.first_wrong_move === null ? '-' : `${row.first_wrong_move.move} (${percent(row.first_wrong_move.share)})`,
		]),
		[0, 1, 10],
	);
	const outliers = entries.flatMap(row => row.outliers.map(outlier => [nameOf(row), String(outlier.seed), outlier.reward.toFixed(1), outlier.resolved ? `step ${outlier.steps}` : 'unresolved', outlier.rerun]));
	return htmlPage(`ChaosOps lab: ${scenario}`, `seeds ${seeds.first}..${seeds.last}, ${entries[0]?.episodes ?? 0} episodes per policy${variants.length > 1 ? ' and variant' : ''}`, [
		{heading: 'Resolution', body: `${resolution}\n${wrongFixes}`},
		{heading: 'Rewards', body: rewards},
		{heading: 'Time to resolve', body: histograms},
		{heading: 'Figures', body: figures},
		{heading: 'Outlying seeds', body: outliers.length === 0 ? '<p>None: every reward lies within 1.5 interquartile ranges of the quartiles.</p>' : htmlTable(['policy', 'seed', 'reward', 'resolved', 'play it again'], outliers, [0, 4])},
	]);
}
