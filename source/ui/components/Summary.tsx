// The end of an episode: how it went, next to what the oracle and heuristic teams score on the same scenario and seed.
import {Box, Text, useInput} from 'ink';
import SelectInput from 'ink-select-input';
import type {EpisodeResult} from '../../agents/runner.js';
import {UNRESOLVED_PENALTY} from '../../env/reward.js';
import {visibleLine} from '../../io/terminal-text.js';
import {BASELINE_TEAMS, type BaselineTeam} from '../baselines.js';
import {componentsText, signed, sumBreakdowns} from '../format.js';
import type {TerminalSize} from '../layout.js';
import {fit} from '../text-fit.js';
import type {PlaySnapshot} from '../session.js';

export type SummaryChoice = 'again' | 'new-seed' | 'quit';

const ROWS: ReadonlyArray<readonly [string, (result: EpisodeResult) => string]> = [
	['resolved', result => (result.resolved ? 'yes' : 'no')],
	['MTTR (steps)', result => (result.mttr_steps >= 0 ? String(result.mttr_steps) : '—')],
	['cumulative reward', result => signed(result.cumulative_reward)],
	['wrong fixes', result => String(result.wrong_fixes)],
	['oversight flags', result => flagsText(result.oversight_flags)],
	['root cause declared', result => result.declared_root_cause ?? '—'],
];
const LABEL_WIDTH = 22;

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
	/** Undoes the last decision of the person playing; null in a replay. */
	readonly onUndo: (() => void) | null;
};

export function Summary({play, result, baselines, title, size, onChoose, onUndo}: Props) {
	const {scenario, readOnly} = play;
	useInput(input => {
		if (input === 'q') onChoose('quit');
		else if (input === 'u') onUndo?.();
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
	return (
		<Box flexDirection="column" width={size.columns} height={size.rows}>
			<Text bold inverse wrap="truncate-end">
				{` EPISODE OVER · ${visibleLine(title)} · ${result.resolved ? `resolved in ${result.final_step} step${result.final_step === 1 ? '' : 's'}` : 'not resolved'} `}
			</Text>
			<Text> </Text>
			<Text bold wrap="truncate-end">
				{''.padEnd(LABEL_WIDTH)}
				{columns.map(([name]) => name.padEnd(column)).join('')}
			</Text>
			{ROWS.map(([label, cell]) => (
				<Text key={label} wrap="truncate-end">
					{label.padEnd(LABEL_WIDTH)}
					{columns.map(([, outcome]) => fit(cell(outcome), column - 1).padEnd(column)).join('')}
				</Text>
			))}
			<Text> </Text>
			<Text wrap="truncate-end">{`reward by component: ${componentsText(totals)}${result.resolved ? '' : ` unresolved${UNRESOLVED_PENALTY}`}`}</Text>
			<Text wrap="truncate-end">{`streams: team ${signed(totals.team_reward)} · oversight ${signed(totals.oversight_reward)}`}</Text>
			<Text wrap="truncate-end" color="magenta">
				{`true failure: ${scenario.failure_type} · rogue agent: ${scenario.rogue_fleet_agent ?? 'none (infra fault)'}`}
			</Text>
			{play.revealedAtStep === null ? null : (
				<Text wrap="truncate-end" color="yellow">{`ground truth revealed during play at step ${play.revealedAtStep}`}</Text>
			)}
			{/* A replay that no longer agrees says so here too, whole, not only on the play screen's one status line. */}
			{play.notice === null ? null : (
				<Text color="red" bold>
					{visibleLine(play.notice)}
				</Text>
			)}
			<Text> </Text>
			<SelectInput items={items} onSelect={item => onChoose(item.value)} />
			<Text dimColor>{readOnly ? 'q quits' : 'u undoes your last decision · q quits'}</Text>
		</Box>
	);
}
