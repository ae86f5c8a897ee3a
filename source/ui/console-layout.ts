// Fitting the facilitator console to the terminal: how many views stand side by side and how wide, and how many
// lines the seats, the turn log and the views get. At 80×24 it shows two columns (one role's view and the ground
// truth) and a short turn log; from about 200 columns, all four views and the truth, the turn log beside the seats.
import {TURN_ORDER} from '../env/vocabulary.js';
import type {TerminalSize} from './layout.js';

/** A view column's narrowest: the services' names, health, latency and errors, and a feed line that says something. */
export const PANEL_MIN_WIDTH = 39;
/** The seats table's columns, heading and width: the role, player, link, holder, time taken and the turn's clock. */
export const SEAT_COLUMNS: ReadonlyArray<readonly [string, number]> = [
	['SEAT', 12],
	['PLAYER', 16],
	['LINK', 8],
	['HOLDER', 19],
	['TAKEN', 7],
	['TURN', 16],
];
export const SEATS_WIDTH = SEAT_COLUMNS.reduce((sum, [, width]) => sum + width, 0);
/** The seats table's heading and a line per seat. */
export const SEATS_LINES = 1 + TURN_ORDER.length;
const FRAME_LINES = 2; // header, footer
/** From this width the seats and the turn log stand side by side above the views. */
const WIDE_COLUMNS = SEATS_WIDTH + 1 + 60;
const VIEWS_MIN_LINES = 8;
const TURN_LOG_MIN_LINES = 3;
const TURN_LOG_MAX_LINES = 10;
/** On a wide terminal the band of seats and turn log takes up to this share of the body. */
const BAND_SHARE = 4;

export type ConsoleLayout = {
	/** The seats and the turn log side by side (a wide terminal), or one above the other. */
	readonly wide: boolean;
	/** Lines for the join commands and the seats (and, wide, for the turn log beside them). */
	readonly top: number;
	readonly turnLog: {readonly lines: number; readonly width: number};
	/** The view columns: the roles' views, then the ground truth. */
	readonly views: {readonly lines: number; readonly columns: number; readonly width: number};
};

/** The layout for a terminal of `size`, with `joinLines` of join commands and `promptLines` for the prompt or status line. */
export function consoleLayout({columns, rows}: TerminalSize, joinLines: number, promptLines: number): ConsoleLayout {
	const body = rows - FRAME_LINES - promptLines;
	const panels = Math.max(2, Math.min(TURN_ORDER.length + 1, Math.floor((columns + 1) / (PANEL_MIN_WIDTH + 1))));
	const views = {columns: panels, width: Math.floor((columns - (panels - 1)) / panels)};
	const seats = joinLines + SEATS_LINES;
	if (columns >= WIDE_COLUMNS) {
		const top = Math.max(seats, Math.min(Math.floor(body / BAND_SHARE), body - VIEWS_MIN_LINES));
		return {wide: true, top, turnLog: {lines: top, width: columns - SEATS_WIDTH - 1}, views: {...views, lines: Math.max(0, body - top)}};
	}
	const rest = Math.max(0, body - seats);
	const turnLog = Math.min(Math.max(TURN_LOG_MIN_LINES, Math.floor(rest / BAND_SHARE)), TURN_LOG_MAX_LINES, Math.max(0, rest - VIEWS_MIN_LINES));
	return {wide: false, top: seats, turnLog: {lines: turnLog, width: columns}, views: {...views, lines: rest - turnLog}};
}
