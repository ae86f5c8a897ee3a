// An aligned plain-text table: text columns to the left, figures to the right.
export type Column<Row> = {
	readonly heading: string;
	readonly cell: (row: Row) => string;
	readonly align: 'left' | 'right';
};

export function formatTable<Row>(columns: readonly Column<Row>[], rows: readonly Row[]): string {
	const cells = [columns.map(column => column.heading), ...rows.map(row => columns.map(column => column.cell(row)))];
	const widths = columns.map((_, index) => Math.max(...cells.map(line => line[index]!.length)));
	const pad = (text: string, index: number) =>
		columns[index]!.align === 'left' ? text.padEnd(widths[index]!) : text.padStart(widths[index]!);
	return cells.map(line => line.map(pad).join('  ').trimEnd()).join('\n') + '\n';
}
