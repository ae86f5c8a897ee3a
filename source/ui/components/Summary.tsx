// The end of an episode: how it went, next to what the oracle and heuristic teams score on the same scenario and
// seed, the help the player took, and the incident author's debrief: what happened and notes on the actions taken.
import {Box, Text, useInput} from 'ink';
import type {EpisodeResult} from '../../agents/runner.js';
import {SCORING_RULES} from '../../env/scoring.js';
import {visibleLine} from '../../io/terminal-text.js';
import {BASELINE_TEAMS, type BaselineTeam} from '../../agents/baselines.js';
import {debriefBlocks} from '../debrief.js';
import {REVIEW_KEY} from '../review.js';
import {componentsText, plural, signed, sumBreakdowns} from '../format.js';
import {type TerminalSize, allocate} from '../layout.js';
import {fit, wrapWords} from '../text-fit.js';
import type {HelpTaken, PlaySnapshot} from '../session.js';
import {fitBlocks} from '../sheet.js';
import {Menu} from './Menu.js';
import {Sheet} from './Sheet.js';

export type SummaryChoice = 'again' | 'new-seed' | 'quit';

/** The summary's own keys, and why u does nothing when it can undo nothing. */
const keysText = (readOnly: boolean, canUndo: boolean): string =>
	`${REVIEW_KEY} reviews each step · ${readOnly ? 'q quits' : canUndo ? 'u undoes your last decision · q quits' : 'q quits (nothing to undo: you made no decision)'}`;

/** The result's table: each row's label, and its cell for a result. */
export const RESULT_ROWS: ReadonlyArray<readonly [string, (result: EpisodeResult) => string]> = [
	['resolved', result => (result.resolved ? 'yes' : 'no')],
	['MTTR (steps)', result => (result.mttr_steps >= 0 ? String(result.mttr_steps) : '—')],
	['cumulative reward', result => signed(result.cumulative_reward)],
	['wrong fixes', result => String(result.wrong_fixes)],
	['oversight flags', result => flagsText(result.oversight_flags)],
	['root cause declared', result => result.declared_root_cause ?? '—'],
];
export const LABEL_WIDTH = 22;
/** Lines the debrief gets before the blank lines between sections do; any left over go to it too. */
const DEBRIEF_FIRST_LINES = 6;
/** The blank lines between sections, in the order they are given room: before the menu first. */
const GAPS = ['menu', 'debrief', 'title', 'table'] as const;

/** The help the player took: hints, the oracle's moves, the ground truth. */
function helpText({hints, ladder, oracleMoves, revealedAtStep}: HelpTaken): string | null {
	const parts = [
		...(hints === 0 ? [] : [`${hints} of ${ladder} hints`]),
		...(oracleMoves === 0 ? [] : [plural(oracleMoves, 'oracle move')]),
		...(revealedAtStep === null ? [] : [`ground truth revealed at step ${revealedAtStep}`]),
	];
	return parts.length === 0 ? null : parts.join(' · ');
}

/** Flags in the order first raised, repeats counted: `deploy_bot (2), autoscaler`. */
function flagsText(flags: readonly string[]): string {
	const counts = new Map<string, number>();
	for (const flag of flags) counts.set(flag, (counts.get(flag) ?? 0) + 1);
	const parts = [...counts].map(([flag, count]) => (count === 1 ? flag : `${flag} (${count})`));
	return parts.join(', ') || '—';
}

type Props = {
	readonly play: PlaySnapshot;
	readonly result: EpisodeResult;
	/** What the oracle and heuristic teams score on the same scenario and seed. */
	readonly baselines: Readonly<Record<BaselineTeam, EpisodeResult>>;
	readonly title: string;
	readonly size: TerminalSize;
	readonly onChoose: (choice: SummaryChoice) => void;
	/** Undoes the last decision of the person playing; null in a replay, or when they made none. */
	readonly onUndo: (() => void) | null;
	/** Opens the review: the timeline step by step, with each step's verdicts and note. */
	readonly onReview: () => void;
};

export function Summary({play, result, baselines, title, size, onChoose, onUndo, onReview}: Props) {
	const {scenario, readOnly, incident} = play;
	const width = size.columns;
	useInput(input => {
		if (input === 'q') onChoose('quit');
		else if (input === 'u') onUndo?.();
		else if (input === REVIEW_KEY) onReview();
	});
	const column = Math.max(12, Math.floor((size.columns - LABEL_WIDTH - 2) / 3));
	const totals = sumBreakdowns(play.played.map(step => step.breakdown));
	const columns: Array<readonly [string, EpisodeResult]> = [
		[readOnly ? 'recording' : 'your team', result],
		...BASELINE_TEAMS.map(team => [`${team} team`, baselines[team]] as const),
	];
	const items = readOnly
		? [
				{label: 'watch again', value: 'again' as const},
				{label: 'quit', value: 'quit' as const},
			]
		: [
				{label: 'play again (same seed)', value: 'again' as const},
				{label: `new seed (${scenario.seed + 1})`, value: 'new-seed' as const},
				{label: 'quit', value: 'quit' as const},
			];
	// The part of the reward no step's breakdown holds: the reference's unresolved penalty (a drill's is in its last step).
	const apart = result.resolved ? 0 : SCORING_RULES[scenario.scoring].unresolvedAtEnd;
	const help = helpText(play.helpTaken);
	const notice = play.notice === null ? [] : wrapWords(play.notice, width);
	// Title, table, reward lines, true failure, help taken, the notice, the menu and its keys: the rest is the debrief's and the gaps'.
	const fixed = 1 + (1 + RESULT_ROWS.length) + 2 + 1 + 1 + notice.length + items.length + 1;
	const free = size.rows - fixed;
	const room = allocate(free, [
		{name: 'debrief', min: 0, want: DEBRIEF_FIRST_LINES},
		{name: 'gaps', min: 0, want: GAPS.length},
		{name: 'more', min: 0, want: free},
	]);
	const gap = (name: (typeof GAPS)[number]) => (GAPS.indexOf(name) < room.gaps ? <Text> </Text> : null);
	const debrief = play.trainer === null ? [] : fitBlocks(debriefBlocks(play.trainer, play.played, width), room.debrief + room.more, width);
	return (
		<Box flexDirection="column" width={size.columns} height={size.rows}>
			<Text bold inverse wrap="truncate-end">
				{` EPISODE OVER · ${visibleLine(title)} · ${result.resolved ? `resolved in ${plural(result.final_step, 'step')}` : 'not resolved'} `}
			</Text>
			{gap('title')}
			<Text bold wrap="truncate-end">
				{''.padEnd(LABEL_WIDTH)}
				{columns.map(([name]) => name.padEnd(column)).join('')}
			</Text>
			{RESULT_ROWS.map(([label, cell]) => (
				<Text key={label} wrap="truncate-end">
					{label.padEnd(LABEL_WIDTH)}
					{columns.map(([, outcome]) => fit(cell(outcome), column - 1).padEnd(column)).join('')}
				</Text>
			))}
			{gap('table')}
			<Text wrap="truncate-end">{`reward by component: ${componentsText(totals)}${apart === 0 ? '' : ` unresolved${apart}`}`}</Text>
			<Text wrap="truncate-end">{`streams: team ${signed(totals.team_reward)} · oversight ${signed(totals.oversight_reward)}`}</Text>
			<Text color="magenta">
				{fit(`true failure: ${incident.name} (${incident.title}) · rogue agent: ${scenario.rogue_fleet_agent ?? 'none (infra fault)'}`, width)}
			</Text>
			<Text color={help === null ? undefined : 'yellow'} dimColor={help === null}>
				{fit(`help taken${readOnly ? ' in the recording' : ''}: ${help ?? 'none'}`, width)}
			</Text>
			{/* A replay that no longer agrees says so here too, whole, not only on the play screen's status line. */}
			{notice.map((text, index) => (
				<Text key={index} color="red" bold>
					{text}
				</Text>
			))}
			{gap('debrief')}
			<Sheet lines={debrief} />
			{gap('menu')}
			{/* Not numbered: a number key pressed for the last turn's action must not start the next episode. */}
			<Menu items={items} numbered={false} onSelect={onChoose} />
			<Text dimColor>{fit(`↑↓ ⏎ choose · ${keysText(readOnly, onUndo !== null)}`, width)}</Text>
		</Box>
	);
}
