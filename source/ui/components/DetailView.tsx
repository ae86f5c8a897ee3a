// The detail view: the viewing role's whole view in full text, scrolled with ↑↓ PgUp PgDn Home End; Esc or d closes.
import {Box, Text, useInput} from 'ink';
import {type DetailSection, detailLines} from '../detail.js';
import {roleName} from '../format.js';
import {useScrollState} from '../hooks.js';
import type {Room} from '../layout.js';
import type {SeatScreen} from '../seat-screen.js';
import {fit} from '../text-fit.js';
import {Marker} from './Marker.js';
import {Sheet} from './Sheet.js';

type Props = {
	readonly screen: SeatScreen;
	readonly briefing: string | null;
	/** Sections after the turn log. */
	readonly more?: readonly DetailSection[];
	readonly room: Room;
	readonly onClose: () => void;
};

/** The heading's line. */
const HEADING_LINES = 1;

export function DetailView({screen, briefing, more, room: {lines, width}, onClose}: Props) {
	const text = detailLines(screen, briefing, width, more);
	const rows = Math.max(1, lines - HEADING_LINES);
	const {window, by, home, end} = useScrollState(text.length, rows);
	const page = Math.max(1, window.count - 1);
	useInput((input, key) => {
		if (key.escape || input === 'd') onClose();
		else if (key.upArrow) by(-1);
		else if (key.downArrow) by(1);
		else if (key.pageUp) by(-page);
		else if (key.pageDown) by(page);
		else if (key.home) home();
		else if (key.end) end();
	});
	const heading = `DETAIL: ${roleName(screen.viewer)}'s view in full · ↑↓ PgUp PgDn Home End · Esc or d closes`;
	return (
		<Box flexDirection="column">
			<Text bold color="cyan">
				{fit(heading, width)}
			</Text>
			<Marker count={window.above} where="above" what="lines" />
			<Sheet lines={text.slice(window.start, window.start + window.count)} />
			<Marker count={window.below} where="below" what="lines" />
		</Box>
	);
}
