// A titled block of entries that shows the newest ones that fit in its lines; long entries wrap.
import {Box, Text} from 'ink';
import type {Entry} from './Feed.js';

type Props = {
	readonly title: string;
	/** Lines the panel may take, its title included. */
	readonly lines: number;
	readonly width: number;
	readonly entries: readonly Entry[];
};


/** The newest entries whose wrapped lines fit in `room`. */
function newestThatFit(entries: readonly Entry[], room: number, width: number): Entry[] {
	const shown: Entry[] = [];
	let left = room;
	for (let index = entries.length - 1; index >= 0 && left > 0; index--) {
		const entry = entries[index]!;
		const height = Math.max(1, Math.ceil([...entry.text].length / (width - 1)));
		if (height > left) break;
		shown.unshift(entry);
		left -= height;
	}
	return shown;
}

export function Panel({title, lines, width, entries}: Props) {
	if (lines <= 0) return null;
	return (
		<Box flexDirection="column" width={width} height={lines} overflow="hidden">
			<Text bold color="cyan" wrap="truncate-end">
				{title}
			</Text>
			{newestThatFit(entries, lines - 1, width).map((entry, index) => (
				<Box key={index} paddingLeft={1}>
					<Text color={entry.color} bold={entry.bold}>
						{entry.text}
					</Text>
				</Box>
			))}
		</Box>
	);
}
