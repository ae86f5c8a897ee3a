// CSV (RFC 4180) for reports: a header line of column names, then a line per row, streamed as rows come.
import {StreamedFile} from './streamed-file.js';

export type CsvValue = string | number | boolean | null | readonly string[];

export type CsvColumn<Row> = {readonly name: string; readonly value: (row: Row) => CsvValue};

/** A field: null empty, a list joined with ';', quoted when it holds a comma, a quote or a line break. */
export function csvField(value: CsvValue): string {
	const text = value === null ? '' : typeof value === 'object' ? value.join(';') : String(value);
	return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const csvLine = <Row>(columns: readonly CsvColumn<Row>[], row: Row): string => columns.map(column => csvField(column.value(row))).join(',') + '\r\n';

export const csvHeader = (columns: readonly CsvColumn<never>[]): string => columns.map(column => csvField(column.name)).join(',') + '\r\n';

/** A CSV file written row by row; the target is replaced only once it is complete. */
export class CsvReport<Row> {
	private readonly file: StreamedFile;

	constructor(
		target: string,
		what: string,
		private readonly columns: readonly CsvColumn<Row>[],
	) {
		this.file = new StreamedFile(target, what);
		this.file.text(csvHeader(columns));
	}

	add(row: Row): void {
		this.file.text(csvLine(this.columns, row));
	}

	commit(): void {
		this.file.commit();
	}

	discard(): void {
		this.file.discard();
	}
}

/** A whole table as CSV text. */
export const csvText = <Row>(columns: readonly CsvColumn<Row>[], rows: readonly Row[]): string =>
	csvHeader(columns) + rows.map(row => csvLine(columns, row)).join('');
