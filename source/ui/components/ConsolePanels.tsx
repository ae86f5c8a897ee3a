// The facilitator console's panels: the seats table, a role's view as that role last saw it, and the ground truth,
// each fitted to the lines and columns it is given. What the ground truth marks (red herrings, malicious fleet
// actions) is marked wherever it shows, in the truth and in the views that show it.
import {Box, Text} from 'ink';
import {memo} from 'react';
import type {GroundTruthState} from '../../env/environment.js';
import type {Observation, Services} from '../../env/types.js';
import type {Role} from '../../env/vocabulary.js';
import type {DrillSeat} from '../../net/drill.js';
import {SEAT_COLUMNS} from '../console-layout.js';
import {type SeatRow, type TruthMarks, markedFeed, truthFacts, truthFeed} from '../console-view.js';
import {roleName} from '../format.js';
import {allocate} from '../layout.js';
import {ROLE_SCREENS} from '../role-view.js';
import {type SheetLine, line} from '../sheet.js';
import {fit, fitSpans} from '../text-fit.js';
import {type Entry, type FeedSection, Feed, LABEL_WIDTH, wrappedLines} from './Feed.js';
import {ServicesTable, servicesLines} from './ServicesTable.js';
import {Sheet} from './Sheet.js';

const cell = (text: string, column: number): string => fit(text, SEAT_COLUMNS[column]![1] - 1).padEnd(SEAT_COLUMNS[column]![1]);

/** The seats table as lines: who is in each seat, connected or not, who holds it, the time taken and the turn's clock. */
export function seatLines(rows: readonly SeatRow[], width: number): SheetLine[] {
	const heading = line(SEAT_COLUMNS.map(([title], index) => cell(title, index)).join(''), width, {bold: true, color: 'cyan'});
	const seat = (row: SeatRow): SheetLine =>
		fitSpans(
			[
				{text: cell(`${row.deciding ? '>' : ' '} ${roleName(row.role)}`, 0), bold: row.deciding},
				{text: cell(row.player, 1), dim: row.player === 'teammate seat'},
				{text: cell(row.link.text, 2), color: row.link.color},
				{text: cell(row.holder, 3)},
				{text: cell(row.taken, 4)},
				{text: cell(row.turn.text, 5), color: row.turn.color, bold: row.turn.text !== ''},
			],
			width,
		);
	return [heading, ...rows.map(seat)];
}

/** The services table never gets fewer lines than this with services to show: its heading and two rows. */
const SERVICES_MIN_LINES = 3;

type Section = {readonly name: string; readonly min: number; readonly want: number};

/**
 * Lines for a column's services (if shown) and feed sections, in that order, out of `lines`; entries wrap when the
 * column has room to spare with each on one line.
 */
function columnLines(lines: number, services: number, sections: readonly FeedSection[], width: number): {services: number; sections: FeedSection[]; wrap: boolean} {
	const servicesWant = services === 0 ? 0 : servicesLines(services);
	const wanted = (lengthOf: (entries: readonly Entry[]) => number): Section[] => [
		{name: 'services', min: Math.min(services === 0 ? 0 : SERVICES_MIN_LINES, servicesWant), want: servicesWant},
		...sections.map(({label, entries}) => ({name: label, min: entries.length === 0 ? 0 : 1, want: Math.max(1, lengthOf(entries))})),
	];
	const oneLineEach = wanted(entries => entries.length);
	const wrap = oneLineEach.reduce((sum, section) => sum + section.want, 0) < lines;
	const given = allocate(Math.max(0, lines), wrap ? wanted(entries => wrappedLines(entries, width - LABEL_WIDTH)) : oneLineEach);
	return {services: given['services'] ?? 0, sections: sections.map(section => ({...section, lines: given[section.label] ?? 0})), wrap};
}

const countOf = (metrics: Services, services: readonly string[]): number => services.filter(name => metrics[name] !== undefined).length;

type ColumnBodyProps = {
	readonly metrics: Services;
	readonly services: readonly string[];
	readonly sections: readonly FeedSection[];
	readonly lines: number;
	readonly width: number;
};

/** The services (when any are seen), then the feed, in the lines left under a column's title. */
function ColumnBody({metrics, services, sections, lines, width}: ColumnBodyProps) {
	const given = columnLines(lines, countOf(metrics, services), sections, width);
	return (
		<>
			{given.services > 0 ? <ServicesTable metrics={metrics} services={services} room={{lines: given.services, width}} chartRows={1} /> : null}
			<Feed sections={given.sections} width={width} wrap={given.wrap} />
		</>
	);
}

type ViewProps = {
	readonly role: Role;
	readonly seat: DrillSeat;
	readonly observation: Observation | null;
	/** The pending turn is this role's. */
	readonly deciding: boolean;
	/** The spectators' screens show this view. */
	readonly watched: boolean;
	readonly services: readonly string[];
	readonly marks: TruthMarks;
	readonly lines: number;
	readonly width: number;
};

/** A role's view as it last saw it (its pending observation, else the one it acted on), headed by who is in the seat. */
export const ViewColumn = memo(function ViewColumn({role, seat, observation, deciding, watched, services, marks, lines, width}: ViewProps) {
	const who = seat.open ? (seat.player ?? 'nobody yet') : seat.holder;
	const title: SheetLine = fitSpans(
		[
			{text: `${deciding ? '> ' : ''}${roleName(role)}`, bold: true, color: deciding ? 'greenBright' : 'cyan'},
			{text: ` ${who}`},
			...(watched ? [{text: ' (spectators)', dim: true}] : []),
		],
		width,
	);
	const screen = ROLE_SCREENS[role];
	const sections: FeedSection[] =
		observation === null ? [] : screen.feed.map(kind => ({label: kind, entries: markedFeed(kind, observation.view, marks), lines: 0}));
	return (
		<Box flexDirection="column" width={width} height={lines} overflow="hidden">
			<Sheet lines={[title]} />
			{observation === null ? (
				<Text dimColor>{fit('Its view comes with its first turn.', width)}</Text>
			) : (
				<ColumnBody metrics={observation.view.visible_metrics} services={services} sections={sections} lines={lines - 1} width={width} />
			)}
		</Box>
	);
});

type TruthProps = {readonly truth: GroundTruthState; readonly services: readonly string[]; readonly lines: number; readonly width: number};

/** The ground truth as it stands, the facilitator's alone: the cause, what the team named, the true services, every log line and fleet action marked. */
export const TruthColumn = memo(function TruthColumn({truth, services, lines, width}: TruthProps) {
	const facts = truthFacts(truth).map(section => ({...section, lines: 1}));
	const feed = truthFeed(truth).map(section => ({...section, lines: 0}));
	return (
		<Box flexDirection="column" width={width} height={lines} overflow="hidden">
			<Text bold color="magenta">
				{fit('GROUND TRUTH (yours alone)', width)}
			</Text>
			<Feed sections={facts} width={width} />
			<ColumnBody metrics={truth.services} services={services} sections={feed} lines={lines - 1 - facts.length} width={width} />
		</Box>
	);
});
