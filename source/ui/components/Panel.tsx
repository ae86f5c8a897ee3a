// A titled block of entries that shows the newest ones that fit in its lines; long entries wrap at spaces, and at
// their own line breaks (a briefing from an incident file may have some).
import {Box, Text} from 'ink';
import {memo} from 'react';
import {fit} from '../text-fit.js';
import {type Entry, newestLines} from './Feed.js';

/** Wrapped lines of an entry line up under its first. */
const INDENT = 1;

type Props = {
	readonly title: string;
	/** Lines the panel may take, its title included. */
	readonly lines: number;
	readonly width: number;
	readonly entries: readonly Entry[];
};

export const Panel = memo(function Panel({title, lines, width, entries}: Props) {
	if (lines <= 0) return null;
	return (
		<Box flexDirection="column" width={width} height={lines}>
			<Text bold color="cyan">
				{fit(title, width)}
			</Text>
			{newestLines(entries, lines - 1, width - INDENT).map((line, index) => (
				<Box key={index} paddingLeft={INDENT}>
					<Text color={line.color} bold={line.bold}>
						{line.text}
					</Text>
				</Box>
			))}
		</Box>
	);
});
