// The end screen's review: the timeline one step at a time (←/→ or ↑/↓, Home/End), Esc, r or q back to the summary.
import {Box, Text, useInput} from 'ink';
import {useState} from 'react';
import type {TimelineEntry} from '../../io/debrief.js';
import type {TerminalSize} from '../layout.js';
import {REVIEW_KEY, type ReviewMove, movedTo, reviewLines} from '../review.js';
import {fit} from '../text-fit.js';
import {Sheet} from './Sheet.js';

type Props = {
	readonly timeline: readonly TimelineEntry[];
	readonly title: string;
	readonly size: TerminalSize;
	/** Back to the summary. */
	readonly onClose: () => void;
};

type Key = {leftArrow: boolean; rightArrow: boolean; upArrow: boolean; downArrow: boolean; home: boolean; end: boolean; escape: boolean};

/** The move a key makes, if any. */
const moveFor = (key: Key): ReviewMove | null =>
	key.leftArrow || key.upArrow ? 'back' : key.rightArrow || key.downArrow ? 'on' : key.home ? 'first' : key.end ? 'last' : null;

export function Review({timeline, title, size, onClose}: Props) {
	const [index, setIndex] = useState(0);
	useInput((input, key) => {
		const move = moveFor(key);
		if (move !== null) setIndex(movedTo(index, move, timeline.length));
		else if (key.escape || input === REVIEW_KEY || input === 'q') onClose();
	});
	const entry = timeline[index];
	// The heading and the keys take a line each; the step has the rest.
	const body = entry === undefined ? [] : reviewLines(entry, timeline.length, size.rows - 2, size.columns);
	return (
		<Box flexDirection="column" width={size.columns} height={size.rows}>
			<Text bold inverse wrap="truncate-end">
				{fit(` REVIEW · ${title} `, size.columns)}
			</Text>
			{entry === undefined ? <Text dimColor>No step was played.</Text> : <Sheet lines={body} />}
			<Box flexGrow={1} />
			<Text dimColor>{fit('←→ or ↑↓ step · Home End first/last · Esc, r or q back to the summary', size.columns)}</Text>
		</Box>
	);
}
