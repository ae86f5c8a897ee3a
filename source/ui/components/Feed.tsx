// The situation as one feed: each kind of entry (alerts, logs, chat, …) under a label in the margin, the newest
// entries of each kind that fit in its lines, each on one line or, given room, wrapped onto several.
import {Box, Text} from 'ink';
import {memo} from 'react';
import {cutShort, fit, wrapParagraphs} from '../text-fit.js';

export type Entry = {readonly text: string; readonly color?: string | undefined; readonly bold?: boolean};

export type FeedSection = {readonly label: string; readonly entries: readonly Entry[]; readonly lines: number};

export const LABEL_WIDTH = 8;

/** The newest entries' lines, wrapped to the width, as many as fit in `room`; an entry too long for the room left shows its beginning. */
export function newestLines(entries: readonly Entry[], room: number, width: number): Entry[] {
	const lines: Entry[] = [];
	for (let index = entries.length - 1; index >= 0 && lines.length < room; index--) {
		const entry = entries[index]!;
		const wrapped = wrapParagraphs(entry.text, width);
		const left = room - lines.length;
		const shown = wrapped.length <= left ? wrapped : [...wrapped.slice(0, left - 1), cutShort(wrapped[left - 1]!, width)];
		lines.unshift(...shown.map(text => ({text, color: entry.color, bold: entry.bold})));
	}
	return lines;
}

/** Lines the entries take wrapped to `width`. */
export const wrappedLines = (entries: readonly Entry[], width: number): number =>
	entries.reduce((sum, entry) => sum + wrapParagraphs(entry.text, width).length, 0);

type Props = {
	readonly sections: readonly FeedSection[];
	readonly width: number;
	/** Entries wrap onto the lines under their first instead of being cut at the edge. */
	readonly wrap?: boolean;
};

export const Feed = memo(function Feed({sections, width, wrap = false}: Props) {
	return (
		<Box flexDirection="column" width={width}>
			{sections.map(({label, entries, lines}) => {
				if (lines <= 0) return null;
				const shown: readonly Entry[] =
					entries.length === 0 ? [{text: '—', color: 'gray'}] : wrap ? newestLines(entries, lines, width - LABEL_WIDTH) : entries.slice(-lines);
				return shown.map((entry, index) => (
					<Text key={`${label}-${index}`} wrap="truncate-end">
						<Text bold color="cyan">
							{(index === 0 ? label : '').padEnd(LABEL_WIDTH)}
						</Text>
						<Text color={entry.color} bold={entry.bold}>
							{fit(entry.text, width - LABEL_WIDTH)}
						</Text>
					</Text>
				));
			})}
		</Box>
	);
});
