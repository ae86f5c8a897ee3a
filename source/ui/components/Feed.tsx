// The situation as one full-width feed: each kind of entry (alerts, logs, chat, …) under a label in the margin,
// the newest entries of each kind that fit in its lines.
import {Box, Text} from 'ink';
import {memo} from 'react';
import {fit} from '../text-fit.js';

export type Entry = {readonly text: string; readonly color?: string | undefined; readonly bold?: boolean};

export type FeedSection = {readonly label: string; readonly entries: readonly Entry[]; readonly lines: number};

const LABEL_WIDTH = 8;

export const Feed = memo(function Feed({sections, width}: {readonly sections: readonly FeedSection[]; readonly width: number}) {
	return (
		<Box flexDirection="column" width={width}>
			{sections.map(({label, entries, lines}) => {
				if (lines <= 0) return null;
				const shown: readonly Entry[] = entries.length === 0 ? [{text: '—', color: 'gray'}] : entries.slice(-lines);
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
