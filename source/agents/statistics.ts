// Order statistics of a group's figures (eval's median, lab's quantiles), on typed arrays: a group's rewards are
// kept as doubles, not as objects.

/** The values in increasing order, in a copy. */
export const sortedCopy = (values: Float64Array): Float64Array => values.slice().sort();

/** The median of sorted values: the middle one, or the mean of the middle two for an even count (as Python's statistics.median). */
export function medianOfSorted(sorted: Float64Array): number {
	const middle = sorted.length >> 1;
	return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The q-quantile (0 ≤ q ≤ 1) of sorted values, interpolated between the two nearest ranks (R's type 7, NumPy's default). */
export function quantileOfSorted(sorted: Float64Array, q: number): number {
	const rank = (sorted.length - 1) * q;
	const below = Math.floor(rank);
	const above = Math.min(sorted.length - 1, below + 1);
	return sorted[below]! + (rank - below) * (sorted[above]! - sorted[below]!);
}
