import { stringify } from 'csv-stringify/sync';
import writeExcelFile from 'write-excel-file/node';
import type { Format } from './formats';

/**
 * One table written as a file — CSV (UTF-8 with a BOM, so Excel shows Chinese) or an XLSX sheet —
 * for every export of the platform (the bureau's reports, an institution's orders).
 */

/**
 * A cell: text, a plain number, or a number, instant or day that needs its kind to be read right —
 * a rate (a share, shown as a percentage), a change of a rate (percentage points), yuan, integer
 * fen (shown as yuan with two decimals), a time (an instant, shown as the wall-clock time of the
 * reader's time zone), a calendar day (YYYY-MM-DD, the same in every time zone).
 */
export type Cell =
  | string
  | number
  | null
  | { kind: 'rate' | 'rateChange' | 'yuan' | 'fen'; value: number | null }
  | { kind: 'time' | 'day'; value: string | null };

export interface Table {
  title: string;
  header: string[];
  rows: Cell[][];
}

/** How the files show each kind: Excel number formats, and the same in CSV text. */
const NUMBER_FORMATS = {
  rate: '0.0%',
  rateChange: '+0.0%;-0.0%;0.0%',
  yuan: '#,##0',
  fen: '#,##0.00',
  time: 'yyyy-mm-dd hh:mm:ss',
  day: 'yyyy-mm-dd',
} as const;

export const rate = (value: number | null): Cell => ({ kind: 'rate', value });
export const rateChange = (value: number | null): Cell => ({ kind: 'rateChange', value });
export const yuan = (value: number | null): Cell => ({ kind: 'yuan', value });
export const fen = (value: number | null): Cell => ({ kind: 'fen', value });
export const time = (value: string | null): Cell => ({ kind: 'time', value });
export const day = (value: string | null): Cell => ({ kind: 'day', value });

/** An instant as the wall-clock time of `timeZone`, in UTC fields (how XLSX dates are read). */
function wallClock(iso: string, timeZone: string): Date {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, Number(p.value)]),
  ) as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>;
  return new Date(Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second));
}

/** The platform's own: China keeps one time zone. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** Whether `zone` is a time zone this runtime knows (IANA name). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Text typed by users (names, notes) goes into the files: a text cell starting with = + - @ tab or
 * CR gets a leading ' (OWASP's CSV-injection advice) so no spreadsheet runs it.
 */
function neutralised(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/**
 * A cell as CSV text: what Excel reads back as the same number, percentage or date. Only text
 * cells are neutralised: numbers, and the percentages and times written here, are not user text.
 */
function csvText(cell: Cell, timeZone: string): string | number {
  if (cell === null) return '';
  if (typeof cell === 'string') return neutralised(cell);
  if (typeof cell === 'number') return cell;
  if (cell.value === null) return '';
  switch (cell.kind) {
    case 'time':
      return wallClock(cell.value, timeZone).toISOString().slice(0, 19).replace('T', ' ');
    case 'rate':
    case 'rateChange': {
      const percent = (Math.round(cell.value * 1000) / 10).toFixed(1);
      return `${cell.kind === 'rateChange' && cell.value > 0 ? '+' : ''}${percent}%`;
    }
    case 'yuan':
      return cell.value;
    case 'fen':
      return (cell.value / 100).toFixed(2);
    case 'day':
      return cell.value;
  }
}

/** A cell for write-excel-file: typed, with its number format. */
function xlsxCell(cell: Cell, timeZone: string) {
  if (cell === null || typeof cell !== 'object') return cell;
  if (cell.value === null) return null;
  if (cell.kind === 'time') return { value: wallClock(cell.value, timeZone), type: Date, format: NUMBER_FORMATS.time };
  // A day at UTC midnight: XLSX dates have no zone, and are read in UTC fields.
  if (cell.kind === 'day')
    return { value: new Date(`${cell.value}T00:00:00Z`), type: Date, format: NUMBER_FORMATS.day };
  if (cell.kind === 'fen') return { value: cell.value / 100, type: Number, format: NUMBER_FORMATS.fen };
  return { value: cell.value, type: Number, format: NUMBER_FORMATS[cell.kind] };
}

/** Display width of text: CJK characters take two columns. */
function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u2e80-\uffef]/.test(ch) ? 2 : 1;
  return width;
}

/** Each column wide enough for its header and widest cell as shown, within reason. */
export function columnWidths(table: Table, timeZone: string): number[] {
  return table.header.map((header, i) => {
    const widest = Math.max(
      textWidth(header),
      ...table.rows.map((row) => {
        const cell = row[i] ?? null;
        if (cell !== null && typeof cell === 'object' && cell.kind === 'yuan' && cell.value !== null) {
          return cell.value.toLocaleString('en-US').length;
        }
        return textWidth(String(csvText(cell, timeZone))) + (cell !== null && typeof cell === 'object' ? 1 : 0);
      }),
    );
    return Math.min(Math.max(widest + 2, 8), 60);
  });
}

export async function render(table: Table, format: Format, timeZone = DEFAULT_TIME_ZONE): Promise<Buffer> {
  if (format === 'csv') {
    const rows = [table.header, ...table.rows.map((r) => r.map((c) => csvText(c, timeZone)))];
    // With a BOM, so Excel reads UTF-8 (Chinese) right.
    return Buffer.from(stringify(rows, { bom: true }));
  }
  // XLSX cells are typed: text is never read as a formula.
  // Excel limits sheet names to 31 characters.
  return writeExcelFile([table.header, ...table.rows.map((r) => r.map((c) => xlsxCell(c, timeZone)))], {
    sheet: table.title.slice(0, 31),
    columns: columnWidths(table, timeZone).map((width) => ({ width })),
    stickyRowsCount: 1,
  }).toBuffer();
}

export const CONTENT_TYPES: Record<Format, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
