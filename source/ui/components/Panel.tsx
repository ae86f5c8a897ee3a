// A titled block of entries that shows the newest ones that fit in its lines; long entries wrap at spaces, and at
// their own line breaks (a briefing from an incident file may have some).
import {Box, Text} from 'ink';
import {memo} from 'react';
import {cutShort, fit, wrapParagraphs} from '../text-fit.js';
import type {Entry} from './Feed.js';

/** Wrapped lines of an entry line up under its first. */
const INDENT = 1;

type Props = {
	readonly title: string;
	/** Lines the panel may take, its title included. */
	readonly lines: number;
	readonly width: number;
	readonly entries: readonly Entry[];
};

type Line = {readonly text: string; readonly color?: string | undefined; readonly bold?: boolean | undefined};

/** The newest entries' lines, wrapped to the width, as many as fit in `room`; an entry too long for the room left shows its beginning. */
function newestLines(entries: readonly Entry[], room: number, width: number): Line[] {
	const lines: Line[] = [];
	for (let index = entries.length - 1; index >= 0 && lines.length < room; index--) {
		const entry = entries[index]!;
		const wrapped = wrapParagraphs(entry.text, width);
		const left = room - lines.length;
		const shown = wrapped.length <= left ? wrapped : [...wrapped.slice(0, left - 1), cutShort(wrapped[left - 1]!, width)];
		lines.unshift(...shown.map(text => ({text, color: entry.color, bold: entry.bold})));
	}
	return lines;
}

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
