// The top line: which incident, how far along (the step under way, numbered as the turn log numbers it), whose turn,
// who plays it and, in a drill with a deadline, the time left for it.
import {Box, Text} from 'ink';
import {memo} from 'react';
import {roleName, signed} from '../format.js';
import {fitSpans} from '../text-fit.js';
import type {SeatScreen} from '../seat-screen.js';

type Span = {
	readonly text: string;
	readonly color?: string | undefined;
	readonly bold?: boolean;
	readonly inverse?: boolean;
	readonly dim?: boolean;
};

/** The time left for a turn with a deadline: `0:42 left`. */
export type Clock = {readonly text: string; readonly color?: string | undefined};

type Props = {readonly screen: SeatScreen; readonly title: string; readonly width: number; readonly clock: Clock | null};

export const Header = memo(function Header({screen, title, width, clock}: Props) {
	const {pending, paused, steps} = screen;
	const cumulative = steps.at(-1)?.cumulative ?? 0;
	const turn =
		pending === null ? 'over' : screen.starting ? 'not started' : `${roleName(pending.role)}'s turn (${pending.yours ? 'you' : pending.by})`;
	const spans: Span[] = [
		{text: ' ChaosOps ', bold: true, inverse: true},
		{text: ` step ${screen.stepUnderWay}/${screen.maxSteps} · `},
		{text: turn, color: pending?.yours ? 'greenBright' : undefined},
		...(clock === null ? [] : [{text: ` · ${clock.text}`, color: clock.color, bold: true}]),
		{text: ` · reward ${signed(cumulative)}`},
		...(paused ? [{text: ' · ⏸ PAUSED', color: 'yellow', bold: true}] : []),
		{text: ` · ${title}`, bold: true},
		{text: ` · ${screen.setting}`, dim: true},
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
