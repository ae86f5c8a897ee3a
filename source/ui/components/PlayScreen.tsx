// The screen during an episode, for one role: only what that role sees (spec §10), the team's turn log and reward,
// and the action picker when it is a human's turn. It draws a seat's data (seat-screen.ts), from play's session or
// from a drill joined over the network alike.
import {Box, Text} from 'ink';
import {type ReactNode, memo, useMemo} from 'react';
import type {ActionRequest} from '../../env/types.js';
import type {KeySet} from '../controls.js';
import {roleName, signed, sumBreakdowns} from '../format.js';
import {type Room, type TerminalSize, allocate} from '../layout.js';
import {keysPanelLines} from '../keys-panel.js';
import {FEED, type FeedKind, ROLE_SCREENS, TURN_LOG_WORDS_WIDTH, stepWords, turnLog} from '../role-view.js';
import type {SeatLine, SeatScreen} from '../seat-screen.js';
import {type SheetLine, line} from '../sheet.js';
import {cutShort, fit, wrapAtMost, wrapWords} from '../text-fit.js';
import {ActionPicker} from './ActionPicker.js';
import {Footer} from './Footer.js';
import {Sheet} from './Sheet.js';
import {type Clock, Header} from './Header.js';
import {type Entry, Feed} from './Feed.js';
import {Panel} from './Panel.js';
import {ServicesTable, chartRowsFor, servicesLines} from './ServicesTable.js';
import {SPINNER_COLUMNS, Spinner, type StatusEntry} from './Spinner.js';

/** The feed kinds that come before the action picker when lines are short; the rest come after it. */
const BEFORE_PICKER: ReadonlySet<FeedKind> = new Set(['alerts', 'fleet', 'logs']);

const FRAME_LINES = 2; // header, footer
/** A long status (a hint from the incident) wraps to this many lines, taken from the feed. */
const STATUS_MAX_LINES = 3;
/** The services table never gets fewer lines than this when it has more services (heading and "+N" line included). */
const SERVICES_MIN_LINES = 5;
const BOTTOM_MIN_LINES = 6;
/** The last step's reward in words wraps to at most this many lines of the reward panel. */
const REWARD_WORDS_MAX_LINES = 2;
/** The picker's widest line; beyond it the room goes to the turn log. */
const PICKER_MAX_WIDTH = 44;
const SEAT_NAME_WIDTH = 10;

/** The seats list under the waiting line: a heading, then who holds each seat. */
const seatsLines = (seats: readonly SeatLine[], width: number): SheetLine[] => [
	line('SEATS', width, {bold: true, color: 'cyan'}),
	...seats.map(({role, holder, color}) => line(` ${roleName(role).padEnd(SEAT_NAME_WIDTH)}${holder}`, width, {color})),
];

/** A line of the status; on a spinner's, the text comes after the lead space and the spinner. */
type StatusLine = Entry & {readonly spinner: boolean};

/** The status as lines: one, or a few for long entries, the last cut short if even they do not hold them. */
function statusLines(status: readonly StatusEntry[], columns: number): StatusLine[] {
	if (status.length === 0) return [{text: ' ', spinner: false}];
	const lines = status.flatMap(({spinning = false, brief = false, ...entry}) => {
		const indent = spinning ? 1 + SPINNER_COLUMNS : 1;
		return (brief ? [fit(entry.text, columns - indent)] : wrapWords(entry.text, columns - indent)).map((text, index) =>
			spinning && index === 0 ? {...entry, spinner: true, text} : {...entry, spinner: false, text: `${' '.repeat(indent)}${text}`},
		);
	});
	if (lines.length <= STATUS_MAX_LINES) return lines;
	const last = lines[STATUS_MAX_LINES - 1]!;
	return [...lines.slice(0, STATUS_MAX_LINES - 1), {...last, text: cutShort(last.text, columns - (last.spinner ? 1 + SPINNER_COLUMNS : 0))}];
}

type Props = {
	readonly screen: SeatScreen;
	/** The keys the footer and the keys panel list. */
	readonly keys: KeySet<string, never>;
	readonly title: string;
	/** The scenario's briefing, first in the turn log until turns push it out. */
	readonly briefing: string | null;
	readonly size: TerminalSize;
	/** The time left for the pending turn, where it has a deadline. */
	readonly clock?: Clock | null;
	/** Drawn over everything between the header and the status line: help, the seat picker, the ground truth, the detail view, the quit prompt. */
	readonly overlay: ((room: Room) => ReactNode) | null;
	/** What the status line says: a notice, what was just said, or whose turn it is (one entry or a few). */
	readonly status: readonly StatusEntry[];
	/** The pending turn is the viewer's to take: the action picker is shown. */
	readonly picking: boolean;
	readonly pickerActive: boolean;
	readonly onChoose: (action: ActionRequest) => void;
	readonly onTyping: (typing: boolean) => void;
};

export function PlayScreen({screen, keys: keySet, title, briefing, size, clock = null, overlay, status, picking, pickerActive, onChoose, onTyping}: Props) {
	const {columns, rows} = size;
	const {pending, viewer, observation, view, actions} = screen;
	const holds = ROLE_SCREENS[viewer];
	const showServices = holds.metrics && observation !== null;
	const statusText = statusLines(status, columns);
	const body = rows - FRAME_LINES - statusText.length;
	// The table takes up to half the body, never less than its minimum; what it cannot show it counts. On a tall
	// terminal its sparklines grow taller.
	const serviceCount = screen.vocabulary.services.length;
	const chartRows = chartRowsFor(body, serviceCount);
	const servicesWant = showServices ? Math.min(servicesLines(serviceCount, chartRows), Math.max(SERVICES_MIN_LINES, Math.floor(body / 2))) : 1;
	const leftWidth = Math.min(PICKER_MAX_WIDTH, Math.floor(columns / 2));
	const rightWidth = columns - leftWidth - 1;

	// What is worked out of the seat's data is kept while the data and the size stay, and the panels are memos: a frame
	// drawn for another reason (the status line, a key) rebuilds none of them.
	const feed = useMemo(() => holds.feed.map(kind => ({kind, entries: view === null ? [] : FEED[kind].entries(view)})), [holds, view]);
	const feedSection = ({kind, entries}: (typeof feed)[number]) => ({name: kind, min: 1, want: Math.max(1, entries.length)});
	const lines = allocate<FeedKind | 'bottom' | 'services' | 'picker' | 'more'>(body, [
		{name: 'bottom', min: BOTTOM_MIN_LINES, want: BOTTOM_MIN_LINES},
		{name: 'services', min: Math.min(servicesWant, SERVICES_MIN_LINES), want: servicesWant},
		...feed.filter(({kind}) => BEFORE_PICKER.has(kind)).map(feedSection),
		{name: 'picker', min: 0, want: picking ? 1 + actions.length - BOTTOM_MIN_LINES : 0},
		...feed.filter(({kind}) => !BEFORE_PICKER.has(kind)).map(feedSection),
		{name: 'more', min: 0, want: body},
	]);
	const bottom = lines.bottom + lines.picker + lines.more;

	// Under the picker (or the waiting line and the seats, where the screen lists them), the keys, when the column holds
	// them whole below the action list; a longer list of choices scrolls in the rows left above them.
	const keys = useMemo(() => keysPanelLines(keySet, leftWidth), [keySet, leftWidth]);
	const seats = useMemo(() => (screen.seats === null ? [] : seatsLines(screen.seats, leftWidth)), [screen.seats, leftWidth]);
	const leftNeeds = picking ? 1 + actions.length : 1 + seats.length;
	const keysShown = bottom >= leftNeeds + keys.length;
	const leftLines = keysShown ? bottom - keys.length : bottom;
	const seatsShown = !picking && leftLines >= 1 + seats.length;
	const servicesRoom = useMemo(() => ({lines: lines.services, width: columns}), [lines.services, columns]);
	// Keyed on the lines each kind gets, not on the allocation they come in, which is new each frame.
	const feedLines = feed.map(({kind}) => lines[kind]).join();
	const sections = useMemo(() => feed.map(({kind, entries}) => ({label: FEED[kind].label, entries, lines: lines[kind]})), [feed, feedLines]);

	return (
		<Box flexDirection="column" width={columns} height={rows}>
			<Header screen={screen} title={title} width={columns} clock={clock} />
			{overlay === null ? (
				<>
					{showServices ? (
						<ServicesTable
							metrics={observation.view.visible_metrics}
							services={screen.vocabulary.services}
							room={servicesRoom}
							chartRows={chartRows}
							series={screen.series}
						/>
					) : (
						<Text dimColor>
							{fit(
								observation === null
									? ` ${roleName(viewer)}: your view appears at your first turn.`
									: ` ${roleName(viewer)} sees no metrics and no logs: alerts, the chat and your inbox.`,
								columns,
							)}
						</Text>
					)}
					<Feed sections={sections} width={columns} />
					<Box height={bottom}>
						<Box width={leftWidth} flexDirection="column">
							{picking ? (
								<ActionPicker
									key={pending?.turn}
									role={viewer}
									actions={actions}
									vocabulary={screen.vocabulary}
									active={pickerActive}
									lines={leftLines}
									width={leftWidth}
									onChoose={onChoose}
									onTyping={onTyping}
								/>
							) : (
								<Text dimColor>
									{pending === null
										? ' '
										: fit(screen.starting ? 'Waiting for every seat to be taken...' : `Waiting for ${roleName(pending.role)} (${pending.by})...`, leftWidth)}
								</Text>
							)}
							{seatsShown ? <Sheet lines={seats} /> : null}
							{keysShown ? <Sheet lines={keys} /> : null}
						</Box>
						<Box width={1} />
						<RewardColumn screen={screen} briefing={briefing} width={rightWidth} lines={bottom} />
					</Box>
				</>
			) : (
				<Box height={body} width={columns} flexDirection="column" overflow="hidden">
					{overlay({lines: body, width: columns})}
				</Box>
			)}
			{statusText.map(({text, color, bold, spinner}, index) => (
				<Text key={index} color={color} bold={bold}>
					{spinner ? (
						<>
							{' '}
							<Spinner color={color} />
							{` ${text}`}
						</>
					) : (
						text
					)}
				</Text>
			))}
			<Footer keys={keySet} width={columns} />
		</Box>
	);
}

/** The right of the bottom: the reward, the last step's in words and the team's, then the turn log in the lines left. */
const RewardColumn = memo(function RewardColumn({screen, briefing, width, lines}: {readonly screen: SeatScreen; readonly briefing: string | null; readonly width: number; readonly lines: number}) {
	const last = screen.steps.at(-1);
	const totals = sumBreakdowns(screen.steps.map(step => step.breakdown));
	const rewardWords = last === undefined ? ['no step played yet'] : wrapAtMost(stepWords(last), width - 2, REWARD_WORDS_MAX_LINES);
	const rewardLines = 2 + rewardWords.length;
	return (
		<Box width={width} flexDirection="column">
			<Text>
				<Text bold color="cyan">
					{'REWARD '}
				</Text>
				{fit(`${signed(last?.cumulative ?? 0)}${last === undefined ? '' : `  step ${last.number}: ${signed(last.reward)}`}`, width - 'REWARD '.length)}
			</Text>
			{rewardWords.map((text, index) => (
				<Text key={index} dimColor={last === undefined}>
					{`  ${text}`}
				</Text>
			))}
			<Text dimColor>{fit(`team ${signed(totals.team_reward)}  oversight ${signed(totals.oversight_reward)}`, width)}</Text>
			<Panel title="TURN LOG" lines={lines - rewardLines} width={width} entries={turnLog(screen, briefing, width >= TURN_LOG_WORDS_WIDTH)} />
		</Box>
	);
});
