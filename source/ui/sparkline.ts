// A chart of a series, oldest to newest from the left, on a scale that starts at zero so that a flat, healthy line
// sits low: one line of bars, or several stacked for a taller chart with finer steps, its headroom dotted so that
// a low line still reads as a chart.
const BLOCKS = '▁▂▃▄▅▆▇█';
const STEPS = BLOCKS.length;
/** A cell of a tall chart above the value drawn in its column. */
export const HEADROOM = '·';

/** The chart in `height` lines, top first, each `width` columns; every value shows at least the lowest bar. */
export function sparkRows(values: readonly number[], width: number, scaleMax: number, height = 1): string[] {
	const top = Math.max(scaleMax, ...values);
	const levels = height * STEPS;
	const eighths = values.slice(-width).map(value => 1 + Math.min(levels - 1, Math.max(0, Math.round((value / top) * (levels - 1)))));
	return Array.from({length: height}, (_, row) => {
		const floor = (height - 1 - row) * STEPS;
		const bars = eighths.map(filled => {
			const here = Math.min(STEPS, filled - floor);
			return here <= 0 ? HEADROOM : BLOCKS[here - 1];
		});
		return bars.join('').padEnd(width);
	});
}
