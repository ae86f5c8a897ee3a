// The top line: which incident, how far along, whose turn and who plays it.
import {Box, Text} from 'ink';
import {roleName, signed} from '../format.js';
import {HUMAN, type PlaySession} from '../session.js';

type Props = {readonly session: PlaySession; readonly title: string; readonly width: number};

export function Header({session, title, width}: Props) {
	const {scenario, pending, paused, played} = session;
	const cumulative = played.at(-1)?.step.info.cumulative_reward ?? 0;
	const turn =
		pending === null
			? 'over'
			: `${roleName(pending.role)}'s turn (${session.holder(pending.role) === HUMAN ? 'you' : session.holder(pending.role)})`;
	return (
		<Box width={width}>
			<Text wrap="truncate-end">
				<Text bold inverse>
					{' ChaosOps '}
				</Text>
				{` step ${session.stepCount}/${scenario.max_steps} · `}
				<Text color={pending?.human ? 'greenBright' : undefined}>{turn}</Text>
				{` · reward ${signed(cumulative)}`}
				{paused ? <Text color="yellow" bold>{' · ⏸ PAUSED'}</Text> : null}
				<Text bold>{` · ${title}`}</Text>
				<Text dimColor>{` · ${scenario.difficulty} · seed ${scenario.seed}`}</Text>
			</Text>
		</Box>
	);
}
