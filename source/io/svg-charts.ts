// The charts of the HTML reports, as inline SVG text: a line chart and a grouped bar chart (a histogram is a bar chart
// of counts). Every label is escaped; a missing value (null) is left out of a line and drawn as no bar.
import {escapeHtml} from './html-report.js';

/** One colour per series, in order; the reference's colours for random, heuristic and oracle come first. */
const PALETTE = ['#c0392b', '#2980b9', '#27ae60', '#8e44ad', '#d35400', '#16a085', '#7f8c8d', '#2c3e50'];
export const seriesColour = (index: number): string => PALETTE[index % PALETTE.length]!;

/** A row's figure for a chart, or a gap (null) where there is no row or no figure. */
export const figureOrGap = <T>(row: T | undefined, figure: (row: T) => number | null): number | null => (row === undefined ? null : figure(row));

export type Series = {readonly name: string; readonly values: ReadonlyArray<number | null>};

export type ChartSpec = {
	readonly title: string;
	/** The categories along the x axis. */
	readonly categories: readonly string[];
	readonly series: readonly Series[];
	readonly yLabel: string;
	/** The top of the y axis; the largest value (and 0) otherwise. */
	readonly yMax?: number;
	/** How the figures on the axis and bars read: 12.5 by default. */
	readonly format?: (value: number) => string;
};

const WIDTH = 760;
const HEIGHT = 340;
const MARGIN = {left: 70, right: 20, top: 40, bottom: 70};
const PLOT_WIDTH = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_HEIGHT = HEIGHT - MARGIN.top - MARGIN.bottom;
const TICKS = 5;

const defaultFormat = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(1));

/** The y scale: from the lowest value (or 0) to the highest (or 0), with round ticks. */
function yScale(spec: ChartSpec) {
	const values = spec.series.flatMap(series => series.values.filter((value): value is number => value !== null));
	let low = Math.min(0, ...values);
	let high = spec.yMax ?? Math.max(0, ...values);
	if (high === low) high = low + 1;
	const step = niceStep((high - low) / TICKS);
	low = Math.floor(low / step) * step;
	high = Math.ceil(high / step) * step;
	const y = (value: number) => MARGIN.top + PLOT_HEIGHT - ((value - low) / (high - low)) * PLOT_HEIGHT;
	const ticks: number[] = [];
	for (let tick = low; tick <= high + step / 2; tick += step) ticks.push(Math.round(tick * 1e6) / 1e6);
	return {y, ticks};
}

function niceStep(rough: number): number {
	const power = 10 ** Math.floor(Math.log10(rough));
	const fraction = rough / power;
	return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
}

const text = (x: number, y: number, content: string, attributes = '') =>
	`<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" ${attributes}>${escapeHtml(content)}</text>`;

/** The legend's entries laid out in rows that fit the width: each entry's x and row. */
function legendLayout(names: readonly string[]): {placed: Array<{x: number; row: number}>; rows: number} {
	let x = MARGIN.left;
	let row = 0;
	const placed = names.map(name => {
		const width = 30 + 7 * name.length;
		if (x > MARGIN.left && x + width > WIDTH - MARGIN.right) {
			x = MARGIN.left;
			row++;
		}
		const at = {x, row};
		x += width;
		return at;
	});
	return {placed, rows: row + 1};
}

const LEGEND_ROW = 18;

/** The frame every chart shares: title, y axis with grid lines and label, x labels, legend (as many rows as it needs). */
function frame(spec: ChartSpec, y: (value: number) => number, ticks: readonly number[], xCentre: (index: number) => number, marks: string): string {
	const format = spec.format ?? defaultFormat;
	const legendAt = legendLayout(spec.series.map(series => series.name));
	const height = HEIGHT + (legendAt.rows - 1) * LEGEND_ROW;
	const grid = ticks
		.map(tick => `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y(tick).toFixed(1)}" y2="${y(tick).toFixed(1)}" stroke="${tick === 0 ? '#888' : '#e4e4e4'}"/>` + text(MARGIN.left - 6, y(tick) + 4, format(tick), 'text-anchor="end"'))
		.join('');
	const labels = spec.categories.map((category, index) => text(xCentre(index), HEIGHT - MARGIN.bottom + 18, category, 'text-anchor="middle"')).join('');
	const legend = spec.series
		.map((series, index) => {
			const {x, row} = legendAt.placed[index]!;
			const top = HEIGHT - 28 + row * LEGEND_ROW;
			return `<rect x="${x}" y="${top}" width="12" height="12" fill="${seriesColour(index)}"/>` + text(x + 17, top + 10, series.name);
		})
		.join('');
	const yLabelY = MARGIN.top + PLOT_HEIGHT / 2;
	return [
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" font-family="system-ui, sans-serif" font-size="12" role="img" aria-label="${escapeHtml(spec.title)}">`,
		text(WIDTH / 2, 22, spec.title, 'text-anchor="middle" font-size="15" font-weight="600"'),
		text(16, yLabelY, spec.yLabel, `text-anchor="middle" transform="rotate(-90 16 ${yLabelY})"`),
		grid,
		labels,
		marks,
		legend,
		'</svg>',
	].join('\n');
}

/** Each series a line with a dot at each category; a gap where a value is missing. */
export function lineChart(spec: ChartSpec): string {
	const {y, ticks} = yScale(spec);
	const slot = PLOT_WIDTH / Math.max(1, spec.categories.length);
	const x = (index: number) => MARGIN.left + slot * (index + 0.5);
	const marks = spec.series
		.map((series, index) => {
			const colour = seriesColour(index);
			const points = series.values.flatMap((value, at) => (value === null ? [] : [[x(at), y(value)] as const]));
			const path = points.map(([px, py], at) => `${at === 0 ? 'M' : 'L'}${px.toFixed(1)},${py.toFixed(1)}`).join(' ');
			const dots = points.map(([px, py]) => `<circle cx="${px.toFixed(1)}" cy="${py.toFixed(1)}" r="4" fill="${colour}"/>`).join('');
			return `<path d="${path}" fill="none" stroke="${colour}" stroke-width="2"/>${dots}`;
		})
		.join('\n');
	return frame(spec, y, ticks, x, marks);
}

/** Per category a group of bars, one per series, each with its figure above it. */
export function barChart(spec: ChartSpec): string {
	const {y, ticks} = yScale(spec);
	const format = spec.format ?? defaultFormat;
	const slot = PLOT_WIDTH / Math.max(1, spec.categories.length);
	const barWidth = Math.min(48, (slot * 0.8) / Math.max(1, spec.series.length));
	const x = (index: number) => MARGIN.left + slot * (index + 0.5);
	const small = barWidth < 28;
	const marks = spec.categories
		.map((_, at) =>
			spec.series
				.map((series, index) => {
					const value = series.values[at] ?? null;
					if (value === null) return '';
					const left = x(at) - (barWidth * spec.series.length) / 2 + index * barWidth;
					const top = Math.min(y(value), y(0));
					const height = Math.abs(y(value) - y(0));
					const label = small ? '' : text(left + barWidth / 2, top - 4, format(value), 'text-anchor="middle" font-size="11"');
					return `<rect x="${left.toFixed(1)}" y="${top.toFixed(1)}" width="${(barWidth - 2).toFixed(1)}" height="${height.toFixed(1)}" fill="${seriesColour(index)}"><title>${escapeHtml(`${series.name}: ${format(value)}`)}</title></rect>${label}`;
				})
				.join(''),
		)
		.join('\n');
	return frame(spec, y, ticks, x, marks);
}
