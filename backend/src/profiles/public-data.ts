import { inArray, eq } from 'drizzle-orm';
import type { Actor } from '../access/roles';
import { recordAudit } from '../audit/service';
import { isValidUscc } from '../auth/identifiers';
import { enterpriseProfiles, users } from '../auth/schema';
import type { Database, Executor } from '../db/client';
import { inTransaction } from '../db/transaction';
import { AppError } from '../http/errors';
import { fieldMessage, type FieldMessageKey, type Language } from '../http/messages';
import {
  PUBLIC_DATA_COLUMNS,
  TAX_CREDIT_RATINGS,
  UTILITY_PAYMENT_RECORDS,
  type PublicDataField,
  type TaxCreditRating,
} from './enums';
import { publicDataImports, publicDataRecords } from './schema';
import type { ImportReportType } from './views';

/**
 * The bureau's public data (公共数据): periodic extracts of the big-data bureau (大数据局), keyed by
 * the enterprise's USCC. Where the rows come from is a `PublicDataSource` — today an uploaded file
 * (profiles/upload.ts); a live connector to the provincial credit platform is another implementation
 * and leaves validation and storage here unchanged.
 */

/** One row of an extract: the cells by column key, and the row's number as its provider shows it. */
export interface SourceRow {
  row: number;
  cells: Partial<Record<Column, string>>;
}

export interface PublicDataSource {
  /** The provider, stored with every record and shown on the profiles (聊城市大数据局). */
  readonly name: string;
  /** The file the rows came from, when they came from one. */
  readonly fileName: string | null;
  rows(): Promise<SourceRow[]>;
}

/** A column of an extract, by its key. */
export type Column = keyof typeof PUBLIC_DATA_COLUMNS;

const REQUIRED_COLUMNS: readonly Column[] = ['uscc', 'asOf'];

/** A header cell → its column key: the key itself or the Chinese header; null when it is neither. */
export function columnOf(header: string): Column | null {
  const text = header.trim();
  const entry = Object.entries(PUBLIC_DATA_COLUMNS).find(
    ([key, chinese]) => key.toLowerCase() === text.toLowerCase() || chinese === text,
  );
  return entry ? (entry[0] as Column) : null;
}

/** Refuses a header without the key columns or with a column nobody reads (a misspelt one would be lost). */
export function checkHeader(headers: readonly string[]): Column[] {
  const columns = headers.map((h) => {
    const column = columnOf(h);
    if (!column) throw fileProblem('import.unknownColumn', { column: h });
    return column;
  });
  for (const required of REQUIRED_COLUMNS) {
    if (!columns.includes(required)) throw fileProblem('import.missingColumn', { column: required });
  }
  return columns;
}

export const MAX_IMPORT_ROWS = 20_000;

export function fileProblem(message: FieldMessageKey, params?: Record<string, string>): AppError {
  return new AppError('VALIDATION_FAILED', [{ path: 'file', message, ...(params ? { params } : {}) }]);
}

interface Record_ {
  uscc: string;
  asOf: string;
  taxCreditRating: TaxCreditRating | null;
  socialInsuranceHeadcount: number | null;
  utilityPaymentRecord: (typeof UTILITY_PAYMENT_RECORDS)[number] | null;
  administrativePenalties: number | null;
  dishonestDebtor: boolean | null;
}

interface Rejection {
  row: number;
  field: string;
  reason: FieldMessageKey;
  params?: Record<string, string>;
}

const YES = new Set(['是', 'true', 'yes', 'y', '1']);
const NO = new Set(['否', 'false', 'no', 'n', '0']);
const UTILITY_WORDS: Record<string, Record_['utilityPaymentRecord']> = { 正常: 'on_time', 欠缴: 'arrears' };

function isRealDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const day = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === text;
}

/** One row checked on its own: the record it holds, or what is wrong with it (every bad cell named). */
function checkRow({ row, cells }: SourceRow, today: string): { record?: Record_; rejections: Rejection[] } {
  const rejections: Rejection[] = [];
  const reject = (field: Column | 'row', reason: FieldMessageKey) => rejections.push({ row, field, reason });
  const cell = (column: Column) => cells[column]?.trim() ?? '';

  const uscc = cell('uscc').toUpperCase();
  if (!isValidUscc(uscc)) reject('uscc', 'import.invalidUscc');
  const asOf = cell('asOf');
  if (!isRealDay(asOf)) reject('asOf', 'import.badDate');
  else if (asOf > today) reject('asOf', 'import.futureDate');

  const rating = cell('taxCreditRating').toUpperCase();
  if (rating && !(TAX_CREDIT_RATINGS as readonly string[]).includes(rating))
    reject('taxCreditRating', 'import.badRating');
  const count = (column: PublicDataField & Column) => {
    const text = cell(column);
    if (!text) return null;
    if (!/^\d{1,7}$/.test(text)) reject(column, 'import.badCount');
    return Number(text);
  };
  const socialInsuranceHeadcount = count('socialInsuranceHeadcount');
  const administrativePenalties = count('administrativePenalties');
  const utilityText = cell('utilityPaymentRecord');
  const utility = utilityText
    ? (UTILITY_PAYMENT_RECORDS as readonly string[]).includes(utilityText.toLowerCase())
      ? (utilityText.toLowerCase() as Record_['utilityPaymentRecord'])
      : (UTILITY_WORDS[utilityText] ?? undefined)
    : null;
  if (utility === undefined) reject('utilityPaymentRecord', 'import.badUtility');
  const debtorText = cell('dishonestDebtor').toLowerCase();
  const dishonestDebtor = !debtorText ? null : YES.has(debtorText) ? true : NO.has(debtorText) ? false : undefined;
  if (dishonestDebtor === undefined) reject('dishonestDebtor', 'import.badYesNo');

  const record: Record_ = {
    uscc,
    asOf,
    taxCreditRating: (rating || null) as TaxCreditRating | null,
    socialInsuranceHeadcount,
    utilityPaymentRecord: utility ?? null,
    administrativePenalties,
    dishonestDebtor: dishonestDebtor ?? null,
  };
  const hasData = [rating, socialInsuranceHeadcount, utilityText, administrativePenalties, debtorText].some(
    (v) => v !== null && v !== '',
  );
  if (!hasData) reject('row', 'import.noData');
  return rejections.length ? { rejections } : { record, rejections };
}

/** The platform's enterprises among `usccs`: their account and county, by USCC. */
async function enterprisesByUscc(
  db: Executor,
  usccs: readonly string[],
): Promise<Map<string, { userId: string; county: string | null }>> {
  if (usccs.length === 0) return new Map();
  const rows = await db
    .select({ uscc: enterpriseProfiles.uscc, userId: enterpriseProfiles.userId, county: users.regionCode })
    .from(enterpriseProfiles)
    .innerJoin(users, eq(users.id, enterpriseProfiles.userId))
    .where(inArray(enterpriseProfiles.uscc, [...usccs]));
  return new Map(rows.map(({ uscc, ...enterprise }) => [uscc, enterprise]));
}

/** Rows per INSERT: seven parameters each, far below PostgreSQL's 65,535. */
const INSERT_BATCH = 1_000;

/**
 * Validates every row of `source` (bad cells, duplicated enterprises, USCCs no enterprise of the
 * platform has) and stores all of them, or — if any row is refused — none: the report lists each
 * refused row's field and reason in `lang`. The city bureau imports for every enterprise, a county
 * bureau for those of its county (another county's row is refused like an unknown one).
 */
export async function importPublicData(
  db: Database,
  actor: Actor,
  source: PublicDataSource,
  today: string,
  lang: Language,
): Promise<ImportReportType> {
  const rows = await source.rows();
  if (rows.length === 0) throw fileProblem('import.noRows');
  if (rows.length > MAX_IMPORT_ROWS) throw fileProblem('import.tooManyRows', { max: String(MAX_IMPORT_ROWS) });

  const rejections: Rejection[] = [];
  const records: { row: number; record: Record_ }[] = [];
  const firstRowOf = new Map<string, number>();
  for (const sourceRow of rows) {
    const checked = checkRow(sourceRow, today);
    rejections.push(...checked.rejections);
    const uscc = checked.record?.uscc ?? sourceRow.cells.uscc?.trim().toUpperCase();
    const first = uscc ? firstRowOf.get(uscc) : undefined;
    if (uscc && first !== undefined) {
      rejections.push({
        row: sourceRow.row,
        field: 'uscc',
        reason: 'import.duplicateRow',
        params: { row: String(first) },
      });
    } else if (uscc) firstRowOf.set(uscc, sourceRow.row);
    if (checked.record && first === undefined) records.push({ row: sourceRow.row, record: checked.record });
  }
  const known = await enterprisesByUscc(
    db,
    records.map((r) => r.record.uscc),
  );
  for (const { row, record } of records) {
    const enterprise = known.get(record.uscc);
    if (!enterprise) rejections.push({ row, field: 'uscc', reason: 'import.unknownUscc' });
    else if (actor.county !== null && enterprise.county !== actor.county) {
      rejections.push({ row, field: 'uscc', reason: 'import.otherCounty' });
    }
  }
  if (rejections.length) {
    return {
      imported: 0,
      rejected: rejections
        .sort((a, b) => a.row - b.row)
        .map(({ row, field, reason, params }) => ({ row, field, reason: fieldMessage(reason, lang, params) })),
    };
  }

  await inTransaction(db, async (tx) => {
    const [created] = await tx
      .insert(publicDataImports)
      .values({ sourceName: source.name, importedBy: actor.id, fileName: source.fileName, rowCount: records.length })
      .returning({ id: publicDataImports.id });
    for (let i = 0; i < records.length; i += INSERT_BATCH) {
      await tx.insert(publicDataRecords).values(
        records.slice(i, i + INSERT_BATCH).map(({ record: { uscc, ...data } }) => ({
          importId: created!.id,
          userId: known.get(uscc)!.userId,
          ...data,
        })),
      );
    }
    await recordAudit(tx, actor, 'public_data.import', created!.id, {
      source: source.name,
      fileName: source.fileName,
      rows: records.length,
    });
  });
  return { imported: records.length, rejected: [] };
}
