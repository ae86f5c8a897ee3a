// eval --html: the reference evaluator's three charts as SVG (mean reward by tier per policy, the policies compared,
// rogue-catch rate beside MTTR), then the aggregates as a table, in one self-contained page.
import type {Aggregate} from '../agents/evaluation.js';
import {htmlPage, htmlTable} from '../io/html-report.js';
import {barChart, figureOrGap, lineChart} from '../io/svg-charts.js';
import {percent} from './figure-columns.js';

/** A group's name in the charts: its scenario with --scenario, else its tier. */
const groupOf = (row: Aggregate): string => row.scenario ?? row.tier;

const unique = (values: readonly string[]): string[] => [...new Set(values)];

const find = (rows: readonly Aggregate[], policy: string, group: string) => rows.find(row => row.policy === policy && groupOf(row) === group);

const asPercent = (value: number) => `${Math.round(value)}%`;

/** The groups the head-to-head charts compare: the hard tier, as the reference's (or else the last tier), or every scenario. */
function headToHead(rows: readonly Aggregate[], groups: readonly string[]): string[] {
	if (rows.some(row => row.scenario !== undefined)) return [...groups];
	return [groups.includes('hard') ? 'hard' : groups.at(-1)!];
}

/** `hasRogues` tells a group whose incidents have a rogue agent: there is no rogue-catch bar for the others. */
export function evalHtml(aggregates: readonly Aggregate[], meta: string, hasRogues: (row: Aggregate) => boolean): string {
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
	const compared = headToHead(aggregates, groups);
	const on = compared.length === 1 ? compared[0]! : byScenario ? 'each scenario' : 'each tier';
	const headToHeadChart = (title: string, yLabel: string, figure: (row: Aggregate) => number | null, percentages: boolean) =>
		barChart({
			title,
			categories: compared,
			yLabel,
			...(percentages ? {yMax: 100, format: asPercent} : {}),
			series: policies.map(policy => ({name: policy, values: compared.map(group => figureOrGap(find(aggregates, policy, group), figure))})),
		});
	const rogueAndMttr = [
		headToHeadChart(`Rogue-catch rate on ${on}: higher is better`, 'rogue agents caught (%)', row => (hasRogues(row) ? row.rogue_detection_rate * 100 : null), true),
		headToHeadChart(`MTTR on ${on}: lower is better`, 'mean steps to resolve', row => row.mttr, false),
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
			hasRogues(row) ? percent(row.rogue_detection_rate) : '-',
			percent(row.false_positive_rate),
			row.mean_wrong_fixes.toFixed(2),
		]),
		[0, 1],
	);
	return htmlPage('ChaosOps evaluation', meta, [
		{heading: 'Mean reward', body: rewardByGroup},
		{heading: 'Policies compared', body: comparison},
		{heading: 'Rogue detection and MTTR', body: `<p>No rogue-catch bar means no rogue agent in the incidents; no MTTR bar, no episode resolved.</p>\n${rogueAndMttr}`},
		{heading: 'Aggregates', body: table},
	]);
}
