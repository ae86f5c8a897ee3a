// eval --html: the reference evaluator's three charts as SVG (mean reward by tier per policy, the policies compared,
// rogue-catch rate beside MTTR), then the aggregates as a table, in one self-contained page.
import type {Aggregate} from '../agents/evaluation.js';
import {htmlPage, htmlTable} from '../io/html-report.js';
import {barChart, lineChart} from '../io/svg-charts.js';
import {percent} from './figure-columns.js';

/** A group's name in the charts: its scenario with --scenario, else its tier. */
const groupOf = (row: Aggregate): string => row.scenario ?? row.tier;

const unique = (values: readonly string[]): string[] => [...new Set(values)];

const find = (rows: readonly Aggregate[], policy: string, group: string) => rows.find(row => row.policy === policy && groupOf(row) === group);

const asPercent = (value: number) => `${Math.round(value)}%`;

/** The rows the head-to-head chart compares: the hard tier's, as the reference's, or else the last group's. */
function headToHead(rows: readonly Aggregate[], groups: readonly string[]): {group: string; rows: Aggregate[]} {
	const group = groups.includes('hard') && rows.some(row => row.scenario === undefined) ? 'hard' : groups.at(-1)!;
	return {group, rows: rows.filter(row => groupOf(row) === group)};
}

export function evalHtml(aggregates: readonly Aggregate[], meta: string): string {
	const policies = unique(aggregates.map(row => row.policy));
	const groups = unique(aggregates.map(groupOf));
	const byScenario = aggregates.some(row => row.scenario !== undefined);
	const rewardByGroup = lineChart({
		title: `Mean episode reward by ${byScenario ? 'scenario' : 'tier'}`,
		categories: groups,
		yLabel: 'mean cumulative reward',
		series: policies.map(policy => ({name: policy, values: groups.map(group => find(aggregates, policy, group)?.mean_reward ?? null)})),
	});
	// The policies compared on every episode they played: each group's rates weighted by its episodes.
	const pooled = (policy: string, figure: (row: Aggregate) => number) => {
		const rows = aggregates.filter(row => row.policy === policy);
		const episodes = rows.reduce((sum, row) => sum + row.episodes, 0);
		return episodes === 0 ? null : (100 * rows.reduce((sum, row) => sum + figure(row) * row.episodes, 0)) / episodes;
	};
	const comparison = barChart({
		title: 'Policies compared over all their episodes',
		categories: ['resolved', 'false flags'],
		yLabel: 'share of episodes (%)',
		yMax: 100,
		format: asPercent,
		series: policies.map(policy => ({name: policy, values: [pooled(policy, row => row.success_rate), pooled(policy, row => row.false_positive_rate)]})),
	});
	const head = headToHead(aggregates, groups);
	const rogueAndMttr = [
		barChart({
			title: `Rogue-catch rate on ${head.group}: higher is better`,
			categories: [head.group],
			yLabel: 'rogue agents caught (%)',
			yMax: 100,
			format: asPercent,
			series: head.rows.map(row => ({name: row.policy, values: [row.rogue_detection_rate * 100]})),
		}),
		barChart({
			title: `MTTR on ${head.group}: lower is better`,
			categories: [head.group],
			yLabel: 'mean steps to resolve',
			series: head.rows.map(row => ({name: row.policy, values: [row.mttr]})),
		}),
	].join('\n');
	const table = htmlTable(
		['policy', byScenario ? 'scenario' : 'tier', 'episodes', 'mean reward', 'median reward', 'resolved', 'MTTR', 'rogue caught', 'false flags', 'wrong fixes per episode'],
		aggregates.map(row => [
			row.policy,
			groupOf(row),
			String(row.episodes),
			row.mean_reward.toFixed(1),
			row.median_reward.toFixed(1),
			percent(row.success_rate),
			row.mttr === null ? '-' : row.mttr.toFixed(1),
			percent(row.rogue_detection_rate),
			percent(row.false_positive_rate),
			row.mean_wrong_fixes.toFixed(2),
		]),
		[0, 1],
	);
	return htmlPage('ChaosOps evaluation', meta, [
		{heading: 'Mean reward', body: rewardByGroup},
		{heading: 'Policies compared', body: comparison},
		{heading: 'Rogue detection and MTTR', body: `<p>No bar for MTTR means no episode resolved.</p>\n${rogueAndMttr}`},
		{heading: 'Aggregates', body: table},
	]);
}
