// A one-line chart of a series, oldest to newest from the left, on a scale that starts at zero so that a flat,
// healthy line sits low.
const BLOCKS = '▁▂▃▄▅▆▇█';

export function sparkline(values: readonly number[], width: number, scaleMax: number): string {
	const top = Math.max(scaleMax, ...values);
	const bars = values
		.slice(-width)
		.map(value => BLOCKS[Math.min(BLOCKS.length - 1, Math.max(0, Math.round((value / top) * (BLOCKS.length - 1))))]);
	return bars.join('').padEnd(width);
}
