// The debrief as one self-contained HTML page: inline CSS and SVG, no script, nothing fetched, and it prints. Every
// text from the recording is escaped (and its control characters made visible) before it goes into the page.
import type {Health} from '../env/vocabulary.js';
import type {Debrief} from './debrief.js';
import {
	COMPARE_HEAD,
	MOMENT_LABELS,
	caveats,
	compareRows,
	componentRows,
	deciderOf,
	departureWords,
	headline,
	helpWords,
	momentWords,
	roleTag,
	scoreWords,
	signedReward,
} from './debrief-formats.js';
import {pythonFixed} from './python-format.js';
import {describeAction} from './step-words.js';
import {escapeHtml} from './html-report.js';


const HEALTH_COLOURS: Record<Health, string> = {healthy: '#3a9d5d', degraded: '#e0b03a', critical: '#e0703a', down: '#b3261e'};

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1b1f24;margin:2rem auto;max-width:60rem;padding:0 1rem}
h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.1rem;margin:1.75rem 0 .5rem;border-bottom:1px solid #d0d7de;padding-bottom:.2rem}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{border:1px solid #d0d7de;padding:.25rem .45rem;text-align:left;vertical-align:top}
th{background:#f3f5f7}td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.verdict{display:inline-block;border-radius:.6rem;padding:0 .45rem;margin:0 .15rem .1rem 0;font-size:12px;background:#eef1f4}
.verdict.fix,.verdict.helped,.verdict.rogue_caught,.verdict.root_cause_correct{background:#dcf3e3;color:#135c2c}
.verdict.wrong_fix,.verdict.cascade,.verdict.false_flag,.verdict.miscommunication,.verdict.root_cause_wrong,.verdict.red_herring{background:#fbe2e0;color:#8a1c14}
.note{color:#57606a;font-size:12px}.caveat{background:#fff4d6;border:1px solid #e0b03a;padding:.4rem .6rem}
svg{display:block;max-width:100%;height:auto}svg text{font:11px system-ui,sans-serif;fill:#57606a}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}tr,svg{break-inside:avoid}}
`;

const CHART = {width: 720, height: 280, left: 56, right: 16, top: 32, bottom: 32} as const;

/** The team's cumulative reward after each step against the oracle team's, from 0 before the first step. */
function rewardChart({timeline, oracle_curve}: Debrief): string {
	const team = [0, ...timeline.map(entry => entry.cumulative_reward)];
	const oracle = [0, ...oracle_curve];
	const steps = Math.max(team.length, oracle.length) - 1 || 1;
	const values = [...team, ...oracle];
	const [low, high] = [Math.min(0, ...values), Math.max(0, ...values)];
	const span = high - low || 1;
	const x = (step: number) => CHART.left + (step / steps) * (CHART.width - CHART.left - CHART.right);
	const y = (value: number) => CHART.top + ((high - value) / span) * (CHART.height - CHART.top - CHART.bottom);
	const line = (points: readonly number[], style: string) =>
		`<polyline fill="none" ${style} points="${points.map((value, step) => `${x(step).toFixed(1)},${y(value).toFixed(1)}`).join(' ')}"/>`;
	const ticks = [low, 0, high].filter((value, index, all) => all.indexOf(value) === index);
	return `<svg viewBox="0 0 ${CHART.width} ${CHART.height}" role="img" aria-label="Cumulative reward by step, this team against the oracle team">
<rect x="${CHART.left}" y="${CHART.top}" width="${CHART.width - CHART.left - CHART.right}" height="${CHART.height - CHART.top - CHART.bottom}" fill="#fafbfc" stroke="#d0d7de"/>
${ticks.map(value => `<line x1="${CHART.left}" x2="${CHART.width - CHART.right}" y1="${y(value).toFixed(1)}" y2="${y(value).toFixed(1)}" stroke="#d0d7de"${value === 0 ? '' : ' stroke-dasharray="2 3"'}/><text x="${CHART.left - 6}" y="${(y(value) + 4).toFixed(1)}" text-anchor="end">${pythonFixed(value, 0, true)}</text>`).join('\n')}
${stepTicks(steps).map(step => `<text x="${x(step).toFixed(1)}" y="${CHART.height - 16}" text-anchor="middle">${step}</text>`).join('')}<text x="${(CHART.left + CHART.width) / 2}" y="${CHART.height - 4}" text-anchor="middle">step</text>
${line(oracle, 'stroke="#8c959f" stroke-width="2" stroke-dasharray="6 4"')}
${line(team, 'stroke="#0969da" stroke-width="2.5"')}
${timeline
	.filter(entry => entry.verdicts.includes('wrong_fix') || entry.verdicts.includes('fix'))
	.map(entry => `<circle cx="${x(entry.step).toFixed(1)}" cy="${y(entry.cumulative_reward).toFixed(1)}" r="4" fill="${entry.verdicts.includes('fix') ? HEALTH_COLOURS.healthy : HEALTH_COLOURS.down}"><title>step ${entry.step}: ${entry.verdicts.join(', ')}</title></circle>`)
	.join('\n')}
<g transform="translate(${CHART.left},${CHART.top - 12})"><line x1="0" x2="22" y1="-4" y2="-4" stroke="#0969da" stroke-width="2.5"/><text x="28" y="0">this team</text><line x1="100" x2="122" y1="-4" y2="-4" stroke="#8c959f" stroke-width="2" stroke-dasharray="6 4"/><text x="128" y="0">oracle team</text></g>
</svg>`;
}

/** The steps an axis labels: every one for a short episode, else every fifth, and the last. */
const stepTicks = (steps: number): number[] => {
	const every = steps <= 20 ? 1 : 5;
	return Array.from({length: steps + 1}, (_, step) => step).filter(step => step % every === 0 || step === steps);
};

const HEALTH_ROW = 18;
const HEALTH_LABEL = 120;

/** Each service's health after each step: a row per service, a cell per step. */
function healthTimeline({timeline, services}: Debrief): string {
	const cell = Math.max(6, Math.min(28, (CHART.width - HEALTH_LABEL - CHART.right) / Math.max(1, timeline.length)));
	const height = services.length * HEALTH_ROW + 56;
	const rows = services.map((service, row) => {
		const top = row * HEALTH_ROW + 4;
		const cells = timeline.map(
			(entry, column) =>
				`<rect x="${(HEALTH_LABEL + column * cell).toFixed(1)}" y="${top}" width="${(cell - 1).toFixed(1)}" height="${HEALTH_ROW - 3}" fill="${HEALTH_COLOURS[entry.health[service]!]}"><title>${escapeHtml(service)} after step ${entry.step}: ${entry.health[service]}</title></rect>`,
		);
		return `<text x="${HEALTH_LABEL - 6}" y="${top + 12}" text-anchor="end">${escapeHtml(service)}</text>${cells.join('')}`;
	});
	const labels = stepTicks(timeline.length)
		.filter(step => step > 0)
		.map(step => `<text x="${(HEALTH_LABEL + (step - 0.5) * cell).toFixed(1)}" y="${services.length * HEALTH_ROW + 18}" text-anchor="middle">${step}</text>`);
	const legend = (Object.entries(HEALTH_COLOURS) as Array<[Health, string]>).map(
		([health, colour], index) => `<rect x="${HEALTH_LABEL + index * 90}" y="${height - 22}" width="12" height="12" fill="${colour}"/><text x="${HEALTH_LABEL + index * 90 + 16}" y="${height - 12}">${health}</text>`,
	);
	return `<svg viewBox="0 0 ${CHART.width} ${height}" role="img" aria-label="Service health after each step">\n${rows.join('\n')}\n${labels.join('')}${legend.join('')}\n</svg>`;
}

const table = (head: readonly string[], rows: ReadonlyArray<readonly string[]>, numeric: ReadonlySet<number> = new Set()): string =>
	`<table><thead><tr>${head.map(cell => `<th>${cell}</th>`).join('')}</tr></thead><tbody>${rows
		.map(row => `<tr>${row.map((cell, index) => `<td${numeric.has(index) ? ' class="num"' : ''}>${cell}</td>`).join('')}</tr>`)
		.join('\n')}</tbody></table>`;

export function htmlReport(debrief: Debrief): string {
	const {timeline, moments, compare} = debrief;
	const timelineRows = timeline.map(entry => [
		String(entry.step),
		roleTag(entry.role),
		escapeHtml(deciderOf(entry)),
		escapeHtml(describeAction(entry.action)),
		signedReward(entry.reward),
		`${entry.verdicts.map(verdict => `<span class="verdict ${verdict}">${verdict}</span>`).join('')}${entry.note === null ? '' : `<div class="note">${escapeHtml(entry.note)}</div>`}`,
	]);
	return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Debrief: ${escapeHtml(headline(debrief))}</title><style>${CSS}</style></head>
<body>
<h1>Debrief: ${escapeHtml(headline(debrief))}</h1>
<p>${escapeHtml(scoreWords(compare.team))} in ${debrief.totals.steps} steps · oracle team ${escapeHtml(scoreWords(compare.oracle))} · heuristic team ${escapeHtml(scoreWords(compare.heuristic))}</p>
${caveats(debrief).map(caveat => `<p class="caveat">${escapeHtml(caveat)}</p>`).join('\n')}
<h2>Cumulative reward</h2>
${rewardChart(debrief)}
<h2>Service health</h2>
${healthTimeline(debrief)}
<h2>Key moments</h2>
<ul>${Object.entries(MOMENT_LABELS).map(([key, label]) => `<li><strong>${label}:</strong> ${escapeHtml(momentWords(moments[key as keyof typeof moments]))}</li>`).join('')}</ul>
<h2>Departure from the oracle’s plan</h2>
<p>${escapeHtml(departureWords(debrief.departure))}</p>
<h2>Timeline</h2>
${table(['Step', 'Role', 'By', 'Action', 'Reward', 'Verdicts and notes'], timelineRows, new Set([0, 4]))}
<h2>Reward</h2>
${table(
	['Component', 'Total'],
	[
		...componentRows(debrief).map(([label, value]) => [escapeHtml(label), pythonFixed(value, 1, true)]),
		['<strong>team stream</strong>', signedReward(debrief.totals.streams.team)],
		['<strong>oversight stream</strong>', signedReward(debrief.totals.streams.oversight)],
		['<strong>cumulative</strong>', signedReward(debrief.totals.cumulative_reward)],
	],
	new Set([1]),
)}
<p>Help used: ${escapeHtml(helpWords(debrief))}.</p>
<h2>On the same scenario and seed</h2>
${table(COMPARE_HEAD, compareRows(debrief), new Set([2, 3]))}
</body></html>
`;
}
