// The top line: which incident, how far along (the step under way, numbered as the turn log numbers it), whose turn
// and who plays it.
import {Box, Text} from 'ink';
import {memo} from 'react';
import {roleName, signed} from '../format.js';
import {fitSpans} from '../text-fit.js';
import {stepUnderWay} from '../role-view.js';
import type {PlaySnapshot} from '../session.js';

type Span = {
	readonly text: string;
	readonly color?: string | undefined;
	readonly bold?: boolean;
	readonly inverse?: boolean;
	readonly dim?: boolean;
};

type Props = {readonly play: PlaySnapshot; readonly title: string; readonly width: number};

export const Header = memo(function Header({play, title, width}: Props) {
	const {scenario, pending, paused, played} = play;
	const cumulative = played.at(-1)?.info.cumulative_reward ?? 0;
	const turn = pending === null ? 'over' : `${roleName(pending.role)}'s turn (${pending.human ? 'you' : pending.by})`;
	const spans: Span[] = [
		{text: ' ChaosOps ', bold: true, inverse: true},
		{text: ` step ${stepUnderWay(play)}/${scenario.max_steps} · `},
		{text: turn, color: pending?.human ? 'greenBright' : undefined},
		{text: ` · reward ${signed(cumulative)}`},
		...(paused ? [{text: ' · ⏸ PAUSED', color: 'yellow', bold: true}] : []),
		{text: ` · ${title}`, bold: true},
		{text: ` · ${scenario.difficulty} · seed ${scenario.seed}`, dim: true},
	];
	// One text per span: only the spans with non-ASCII characters take Ink's slow path for measuring text.
	return (
		<Box width={width}>
			{fitSpans(spans, width).map((span, index) => (
				<Text key={index} bold={span.bold} inverse={span.inverse} color={span.color} dimColor={span.dim}>
					{span.text}
				</Text>
			))}
		</Box>
	);
});
