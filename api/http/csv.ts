import type { Request, Response } from 'express';
import { stringify } from 'csv-stringify/sync';

export type CsvCell = string | number | null;

export interface CsvTable {
  columns: string[];
  rows: CsvCell[][];
}

/**
 * A text cell a spreadsheet would run as a formula (it starts with =, +, -, @, a tab or a carriage return) gets
 * a leading apostrophe, so it opens as the text it is (OWASP's advice against CSV injection). Numbers are left
 * alone: they are ours, and a minus sign there is a number.
 */
export function neutraliseCsvCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function toCsv(table: CsvTable): string {
  return stringify(table.rows, { header: true, columns: table.columns, cast: { string: neutraliseCsvCell } });
}

/** CSV when the query says format=csv, or (no format given) when the caller prefers text/csv to JSON. */
export function wantsCsv(req: Request, format: 'json' | 'csv' | undefined): boolean {
  if (format) return format === 'csv';
  return req.accepts(['application/json', 'text/csv']) === 'text/csv';
}

/** Answers with a CSV file to download, named in Content-Disposition. */
export function sendCsv(res: Response, filename: string, table: CsvTable): void {
  res.attachment(filename);
  res.type('text/csv; charset=utf-8').send(toCsv(table));
}
