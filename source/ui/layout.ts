// Fitting the screen to the terminal: the minimum size, and how many lines each section of a column gets.
export const MIN_COLUMNS = 80;
export const MIN_ROWS = 24;

export type TerminalSize = {readonly columns: number; readonly rows: number};

/** The lines and columns a part of the screen is given. */
export type Room = {readonly lines: number; readonly width: number};

export const fitsMinimum = ({columns, rows}: TerminalSize): boolean => columns >= MIN_COLUMNS && rows >= MIN_ROWS;

/** A section of a column: at least `min` lines, more up to `want` when there is room. */
export type Section<Name extends string> = {readonly name: Name; readonly min: number; readonly want: number};

/** Lines per section: every minimum first, then the rest in the order given, each up to what it wants. */
export function allocate<Name extends string>(rows: number, sections: ReadonlyArray<Section<Name>>): Record<Name, number> {
	const lines = Object.fromEntries(sections.map(section => [section.name, section.min])) as Record<Name, number>;
	let left = rows - sections.reduce((sum, section) => sum + section.min, 0);
	for (const section of sections) {
		const extra = Math.max(0, Math.min(left, section.want - section.min));
		lines[section.name] += extra;
		left -= extra;
	}
	return lines;
}
