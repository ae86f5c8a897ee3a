// The help's "how scoring works" page: the rules in play, scrolled with the arrow keys when they do not fit, with a
// last line that says how much is above and below.
import {useInput} from 'ink';
import {useState} from 'react';
import type {Scenario} from '../../env/types.js';
import type {Room} from '../layout.js';
import {scoringLines} from '../scoring-page.js';
import {type SheetLine, line} from '../sheet.js';
import {Sheet} from './Sheet.js';

/** The key that turns the help between its pages. */
export const SCORING_PAGE_KEY = 's';

type Props = {
	readonly scenario: Scenario;
	readonly room: Room;
	/** Back to the controls. */
	readonly onBack: () => void;
	readonly onClose: () => void;
};

/** The lines from `offset` that fit in `rows`, and the line saying what is above and below when not all of them do. */
function scrolled(lines: readonly SheetLine[], rows: number, offset: number, width: number) {
	if (lines.length <= rows) return {shown: lines, marker: null, last: 0};
	const room = Math.max(1, rows - 1);
	const last = lines.length - room;
	const top = Math.min(offset, last);
	const parts = [...(top > 0 ? [`↑ ${top} more lines above`] : []), ...(top < last ? [`↓ ${last - top} more lines below`] : [])];
	return {shown: lines.slice(top, top + room), marker: line(`  ${parts.join(' · ')} (↑↓ PgUp PgDn scroll)`, width, {dim: true}), last};
}

export function ScoringPage({scenario, room: {lines: rows, width}, onBack, onClose}: Props) {
	const [offset, setOffset] = useState(0);
	const body = scoringLines(scenario, width);
	// The heading takes a line; the rest is the page's, scrolled if it must be.
	const {shown, marker, last} = scrolled(body, rows - 1, offset, width);
	const page = Math.max(1, rows - 2);
	useInput((input, key) => {
		const move = key.upArrow ? -1 : key.downArrow ? 1 : key.pageUp ? -page : key.pageDown ? page : 0;
		if (move !== 0) setOffset(Math.max(0, Math.min(last, Math.min(offset, last) + move)));
		else if (input === SCORING_PAGE_KEY) onBack();
		else onClose();
	});
	const heading = line(`HOW SCORING WORKS: ${scenario.scoring.toUpperCase()} RULES (${SCORING_PAGE_KEY}: controls · any other key closes)`, width, {
		bold: true,
		color: 'cyan',
	});
	return <Sheet lines={[heading, ...shown, ...(marker === null ? [] : [marker])]} />;
}
