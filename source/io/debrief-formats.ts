// A debrief written out: JSON (docs/debrief.md), text for the terminal, and Markdown for a postmortem. The HTML
// report is debrief-html.ts. Whatever came from the recording (names, actions, messages, the incident's notes) has its
// control characters made visible before it reaches a terminal.
import type {Role} from '../env/vocabulary.js';
import type {Debrief, Departure, Moment, Score, TimelineEntry} from './debrief.js';
import {pythonFixed} from './python-format.js';
import {describeAction} from './step-words.js';
import {terminalJson, visibleLine} from './terminal-text.js';
import {BREAKDOWN_LABELS, ROLE_TAG} from './transcript.js';

export const DEBRIEF_FORMATS = ['text', 'md', 'html', 'json'] as const;
export type DebriefFormat = (typeof DEBRIEF_FORMATS)[number];

/** The debrief as docs/debrief.md documents it: what the reports draw from, less what only the drawing needs. */
export const debriefJson = ({scenario, timeline, moments, departure, totals, compare, disagreement, complete}: Debrief) => ({
	scenario,
	timeline: timeline.map(({health: _health, ...entry}) => entry),
	moments,
	departure,
	totals,
	compare,
	disagreement,
	complete,
});

export const signedReward = (value: number): string => pythonFixed(value, 1, true);
export const roleTag = (role: Role): string => ROLE_TAG[role];

/** Who decided a step: the drill's player by name, else the seat's holder. */
export const deciderOf = ({by, player}: Pick<TimelineEntry, 'by' | 'player'>): string => player ?? by;

export const MOMENT_LABELS = {
	first_correct_diagnosis: 'First correct diagnosis',
	first_beneficial_action: 'First beneficial action',
	resolution: 'Resolution',
} as const satisfies Record<keyof Debrief['moments'], string>;

/** `step 3 (DEV), 41.2 s in` (the seconds to a tenth); `not reached`. */
export const momentWords = (moment: Moment | null): string =>
	moment === null ? 'not reached' : `step ${moment.step} (${roleTag(moment.role)})${moment.seconds === null ? '' : `, ${moment.seconds.toFixed(1)} s in`}`;

export const departureWords = (departure: Departure | null): string =>
	departure === null
		? 'The team played the oracle’s plan throughout.'
		: `At step ${departure.step}, ${roleTag(departure.role)} (${departure.by}) played ${describeAction(departure.action)}; the oracle would have played ${describeAction(departure.oracle)}.`;

export const scoreWords = ({resolved, cumulative_reward, mttr_steps}: Score): string =>
	`${resolved ? `resolved at step ${mttr_steps}` : 'unresolved'}, ${signedReward(cumulative_reward)}`;

export const COMPARED_TEAMS = [
	['team', 'This team'],
	['oracle', 'Oracle team'],
	['heuristic', 'Heuristic team'],
] as const satisfies ReadonlyArray<readonly [keyof Debrief['compare'], string]>;

/** The comparison as table rows: team, resolved, cumulative reward, MTTR in steps (— when unresolved). */
export const compareRows = ({compare}: Debrief): string[][] =>
	COMPARED_TEAMS.map(([key, label]) => {
		const {resolved, cumulative_reward, mttr_steps} = compare[key];
		return [label, resolved ? 'yes' : 'no', signedReward(cumulative_reward), resolved ? String(mttr_steps) : '—'];
	});
export const COMPARE_HEAD = ['Team', 'Resolved', 'Cumulative reward', 'MTTR (steps)'] as const;

/** Each component the episode scored (not 0), short-named as the transcript names them, with its total. */
export const componentRows = ({totals}: Debrief): Array<readonly [string, number]> =>
	BREAKDOWN_LABELS.filter(([component]) => (totals.components[component] ?? 0) !== 0).map(([component, label]) => [label, totals.components[component]!] as const);

export const helpWords = ({totals: {hints, undos, revealed_at_turn}}: Debrief): string =>
	[
		`${hints.ladder} hint${hints.ladder === 1 ? '' : 's'} from the incident`,
		`${hints.oracle} oracle move${hints.oracle === 1 ? '' : 's'}`,
		...(hints.facilitator === 0 ? [] : [`${hints.facilitator} hint${hints.facilitator === 1 ? '' : 's'} from the facilitator`]),
		`${undos} undo${undos === 1 ? '' : 's'}`,
		revealed_at_turn === null ? 'ground truth not revealed' : `ground truth revealed after ${revealed_at_turn} steps`,
	].join(', ');

export const headline = (debrief: Debrief): string =>
	`${debrief.title} (${debrief.scenario.failure_type}, ${debrief.scenario.difficulty}, seed ${debrief.scenario.seed})`;

/** What a reader must know before trusting the rest: the recording stops early, or today's engine disagrees with it. */
export const caveats = ({complete, disagreement}: Debrief): string[] => [
	...(complete ? [] : ['The recording stops before the episode was over.']),
	...(disagreement === null ? [] : [`Today's environment no longer agrees with the recording: ${disagreement}`]),
];

/** The widest an action's column gets in the terminal; a longer action (a long message) is cut with an ellipsis. */
const ACTION_COLUMN = 48;
const fitted = (text: string, width: number): string => (text.length <= width ? text.padEnd(width) : `${text.slice(0, width - 1)}…`);

function textReport(debrief: Debrief): string {
	const {timeline, moments, compare} = debrief;
	const width = Math.min(ACTION_COLUMN, Math.max(6, ...timeline.map(entry => describeAction(entry.action).length)));
	const byWidth = Math.max(2, ...timeline.map(entry => deciderOf(entry).length));
	const lines = [
		`Debrief: ${headline(debrief)}`,
		...caveats(debrief),
		'',
		'Timeline',
		`  step role ${'by'.padEnd(byWidth)} ${'action'.padEnd(width)}  reward  verdicts`,
		...timeline.flatMap(entry => [
			`  ${String(entry.step).padStart(4)} ${roleTag(entry.role)}  ${deciderOf(entry).padEnd(byWidth)} ${fitted(describeAction(entry.action), width)} ${signedReward(entry.reward).padStart(7)}  ${entry.verdicts.join(', ')}`.trimEnd(),
			...(entry.note === null ? [] : [`       note: ${entry.note}`]),
		]),
		'',
		'Key moments',
		...Object.entries(MOMENT_LABELS).map(([key, label]) => `  ${label.padEnd(24)} ${momentWords(moments[key as keyof typeof moments])}`),
		'',
		'Departure from the oracle’s plan',
		`  ${departureWords(debrief.departure)}`,
		'',
		'Reward',
		`  by component: ${componentRows(debrief).map(([label, value]) => `${label} ${pythonFixed(value, 1, true)}`).join(', ') || 'nothing'}`,
		`  by stream:    team ${signedReward(debrief.totals.streams.team)}, oversight ${signedReward(debrief.totals.streams.oversight)}`,
		`  cumulative:   ${signedReward(debrief.totals.cumulative_reward)}`,
		`  help used:    ${helpWords(debrief)}`,
		'',
		'On the same scenario and seed',
		...COMPARED_TEAMS.map(([key, label]) => `  ${label.padEnd(15)} ${scoreWords(compare[key])}`),
	];
	return `${lines.map(visibleLine).join('\n')}\n`;
}

/** Text in Markdown: its syntax characters escaped, so that a name or a message reads as written. */
const md = (text: string): string => visibleLine(text).replace(/[\\`*_[\]<>|#~]/g, '\\$&');

function markdownReport(debrief: Debrief): string {
	const {timeline, moments, compare} = debrief;
	const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
	const lines = [
		`# Debrief: ${md(headline(debrief))}`,
		'',
		...caveats(debrief).map(caveat => `> ${md(caveat)}\n`),
		`**Outcome:** ${md(scoreWords(compare.team))} in ${debrief.totals.steps} steps.`,
		'',
		'## Timeline',
		'',
		row(['Step', 'Role', 'By', 'Action', 'Reward', 'Verdicts', 'Note']),
		row(['---:', '---', '---', '---', '---:', '---', '---']),
		...timeline.map(entry =>
			row([String(entry.step), roleTag(entry.role), md(deciderOf(entry)), md(describeAction(entry.action)), signedReward(entry.reward), entry.verdicts.map(md).join(', '), md(entry.note ?? '')]),
		),
		'',
		'## Key moments',
		'',
		...Object.entries(MOMENT_LABELS).map(([key, label]) => `- **${label}:** ${md(momentWords(moments[key as keyof typeof moments]))}`),
		'',
		'## Departure from the oracle’s plan',
		'',
		md(departureWords(debrief.departure)),
		'',
		'## Reward',
		'',
		row(['Component', 'Total']),
		row(['---', '---:']),
		...componentRows(debrief).map(([label, value]) => row([md(label), pythonFixed(value, 1, true)])),
		row(['**team stream**', signedReward(debrief.totals.streams.team)]),
		row(['**oversight stream**', signedReward(debrief.totals.streams.oversight)]),
		row(['**cumulative**', signedReward(debrief.totals.cumulative_reward)]),
		'',
		`Help used: ${md(helpWords(debrief))}.`,
		'',
		'## On the same scenario and seed',
		'',
		row(COMPARE_HEAD),
		row(['---', '---', '---:', '---:']),
		...compareRows(debrief).map(row),
	];
	return `${lines.join('\n')}\n`;
}

/** Each format's writer; the HTML report is loaded only when asked for. */
export const DEBRIEF_WRITERS: Record<DebriefFormat, (debrief: Debrief) => Promise<string>> = {
	text: async debrief => textReport(debrief),
	md: async debrief => markdownReport(debrief),
	json: async debrief => `${terminalJson(debriefJson(debrief))}\n`,
	html: async debrief => (await import('./debrief-html.js')).htmlReport(debrief),
};
