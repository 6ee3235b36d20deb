import { stringify } from 'csv-stringify/sync';
import writeExcelFile from 'write-excel-file/node';
import type { Format } from './formats';

/**
 * One table written as a file — CSV (UTF-8 with a BOM, so Excel shows Chinese) or an XLSX sheet —
 * for every export of the platform (the bureau's reports, an institution's orders).
 */

export type Cell = string | number | null;
export interface Table {
  title: string;
  header: string[];
  rows: Cell[][];
}

export async function render(table: Table, format: Format): Promise<Buffer> {
  if (format === 'csv') {
    // Names and notes are whatever users typed: a text cell starting with = + - @ tab or CR gets a
    // leading ' (OWASP's CSV-injection advice) so no spreadsheet runs it; numbers stay numbers.
    const rows = [table.header, ...table.rows.map((r) => r.map((c) => c ?? ''))];
    return Buffer.from(stringify(rows, { bom: true, escape_formulas: true }));
  }
  // XLSX cells are typed: text is never read as a formula.
  // Excel limits sheet names to 31 characters.
  return writeExcelFile([table.header, ...table.rows], { sheet: table.title.slice(0, 31) }).toBuffer();
}

export const CONTENT_TYPES: Record<Format, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
