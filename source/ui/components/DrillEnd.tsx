// The end of a drill, for a seat that joined it: why it ended, the team's result, the seat's part in it, and the
// turn log in the lines left. q quits. (The baselines, the debrief and the ground truth are the facilitator's.)
import {Box, Text, useInput} from 'ink';
import type {EpisodeResult} from '../../agents/runner.js';
import {HUMAN} from '../../agents/person.js';
import type {EndReason} from '../../net/drill-protocol.js';
import type {Ending, SeatSnapshot} from '../../net/seat-state.js';
import {componentsText, plural, roleName, signed, sumBreakdowns} from '../format.js';
import type {TerminalSize} from '../layout.js';
import {TURN_LOG_WORDS_WIDTH, turnLog} from '../role-view.js';
import type {SeatScreen} from '../seat-screen.js';
import {fit} from '../text-fit.js';
import {Panel} from './Panel.js';
import {LABEL_WIDTH, RESULT_ROWS} from './Summary.js';

/** How the drill ended, for the title line. */
const ENDED: Record<EndReason, (result: EpisodeResult, maxSteps: number) => string> = {
	resolved: result => `resolved in ${plural(result.final_step, 'step')}`,
	out_of_steps: (_result, maxSteps) => `not resolved: the ${plural(maxSteps, 'step')} ran out`,
	ended: result => `ended by the facilitator${result.resolved ? '' : ', not resolved'}`,
};

/** The seat's part: how many of the team's steps its player decided. */
function partText(seat: SeatSnapshot): string {
	if (seat.role === null) return 'you watched as a spectator';
	const yours = seat.steps.filter(step => step.role === seat.role && step.by === HUMAN && step.player === seat.name).length;
	return `your seat: ${roleName(seat.role)} · you decided ${plural(yours, 'step')} of the team's ${seat.steps.length}`;
}

type Props = {
	readonly seat: SeatSnapshot;
	readonly ending: Ending;
	readonly screen: SeatScreen;
	readonly size: TerminalSize;
	readonly onQuit: () => void;
};

export function DrillEnd({seat, ending: {reason, result}, screen, size, onQuit}: Props) {
	useInput(input => {
		if (input === 'q') onQuit();
	});
	const width = size.columns;
	const totals = sumBreakdowns(screen.steps.map(step => step.breakdown));
	// The part of the reward no step's breakdown holds: the reference scoring's unresolved penalty.
	const apart = result.cumulative_reward - screen.steps.reduce((sum, step) => sum + step.reward, 0);
	const lines = [
		`reward by component: ${componentsText(totals)}${Math.abs(apart) < 1e-9 ? '' : ` unresolved${signed(apart)}`}`,
		`streams: team ${signed(totals.team_reward)} · oversight ${signed(totals.oversight_reward)}`,
		partText(seat),
	];
	// Title, gap, table, gap, the lines above, gap and the keys: the rest is the turn log's.
	const logLines = size.rows - (2 + RESULT_ROWS.length + 1 + lines.length + 2);
	return (
		<Box flexDirection="column" width={width} height={size.rows}>
			<Text bold inverse>
				{fit(` DRILL OVER · ${seat.drill?.title ?? ''} · ${ENDED[reason](result, screen.maxSteps)} `, width)}
			</Text>
			<Text> </Text>
			{RESULT_ROWS.map(([label, cell]) => (
				<Text key={label}>{fit(`${label.padEnd(LABEL_WIDTH)}${cell(result)}`, width)}</Text>
			))}
			<Text> </Text>
			{lines.map(text => (
				<Text key={text}>{fit(text, width)}</Text>
			))}
			<Text> </Text>
			<Panel title="TURN LOG" lines={logLines} width={width} entries={turnLog(screen, null, width >= TURN_LOG_WORDS_WIDTH)} />
			<Box flexGrow={1} />
			<Text dimColor>{fit('q quits', width)}</Text>
		</Box>
	);
}
