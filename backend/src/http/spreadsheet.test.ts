import { parse } from 'csv-parse/sync';
import readXlsxFile from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import { render, type Table } from './spreadsheet';

/**
 * What users typed (institution names, notes) goes into the bureau's files: a spreadsheet must
 * never read it as a formula (OWASP "CSV Injection").
 */
const TYPED = ['=HYPERLINK("http://evil.example","点我")', '+86-635', '-2+3', '@SUM(A1:A9)', '\tcmd', '\r=1+1'];
const table: Table = {
  title: '超时清单',
  header: ['机构', '变化'],
  rows: [...TYPED.map((name) => [name, -5]), ['聊城农商银行', 3]],
};

describe('exported files', () => {
  it('neutralise a CSV cell that starts like a formula, and keep numbers (negative ones too) as numbers', async () => {
    const csv = (await render(table, 'csv')).toString('utf8');
    const rows = parse(csv.slice(1), { relax_quotes: true }) as string[][];
    expect(rows.slice(1).map((r) => r[0])).toEqual([...TYPED.map((name) => `'${name}`), '聊城农商银行']);
    expect(rows.slice(1).map((r) => r[1])).toEqual([...TYPED.map(() => '-5'), '3']);
  });

  it('keep XLSX cells as typed text, exactly as entered', async () => {
    const [sheet] = await readXlsxFile(await render(table, 'xlsx'), { trim: false });
    expect(sheet!.data.slice(1).map((r) => r[0])).toEqual([...TYPED, '聊城农商银行']);
    expect(sheet!.data.slice(1).map((r) => r[1])).toEqual([...TYPED.map(() => -5), 3]);
  });
});
