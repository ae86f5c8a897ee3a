// Which lines of a long list a few rows show, and how many are left out above and below it: a list that does not
// fit says so with a marker line at each end that has more beyond it, so that the markers take rows of their own.

export type ScrollWindow = {
	/** The first line shown. */
	readonly start: number;
	/** How many lines are shown (markers apart). */
	readonly count: number;
	/** Lines left out above and below. */
	readonly above: number;
	readonly below: number;
};

/** Fewer rows than this leave no room for markers: the list is only cut. */
const MARKER_MIN_ROWS = 3;

/** The last start at which the list still fills the rows: its end shown under a top marker. */
const lastStart = (total: number, rows: number): number => Math.max(0, total - (rows >= MARKER_MIN_ROWS ? rows - 1 : rows));

/** The lines shown from `start` (kept within the list) in `rows` rows of `total` lines, with their markers. */
export function windowAt(total: number, rows: number, start: number): ScrollWindow {
	if (total <= rows) return {start: 0, count: total, above: 0, below: 0};
	const first = Math.min(Math.max(0, start), lastStart(total, rows));
	const markers = rows >= MARKER_MIN_ROWS;
	const top = markers && first > 0 ? 1 : 0;
	const fits = first + rows - top >= total;
	const count = Math.max(1, rows - top - (markers && !fits ? 1 : 0));
	const shown = Math.min(count, total - first);
	return {start: first, count: shown, above: first, below: total - first - shown};
}

/** The window that shows line `index`, moved as little as it can from the one at `start`. */
export function windowShowing(total: number, rows: number, index: number, start: number): ScrollWindow {
	let window = windowAt(total, rows, Math.min(start, index));
	while (index >= window.start + window.count && window.start < lastStart(total, rows)) window = windowAt(total, rows, window.start + 1);
	return window;
}
