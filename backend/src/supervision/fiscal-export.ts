import { and, asc, eq, or } from 'drizzle-orm';
import type { Actor } from '../access/roles';
import type { ClaimStatus, ProgramKind } from '../fiscal/enums';
import { programClaims, programs } from '../fiscal/schema';
import type { Language } from '../http/messages';
import { day, fen, type Cell, type Table } from '../http/spreadsheet';
import { regions } from '../reference/schema';
import type { DayRange } from './figures';
import { inInstants, programsOf } from './fiscal';
import { assertOrdered, inDays, scopeOf, type PeriodQuery, type SupervisionContext } from './scope';

/**
 * The payment list a treasury pays from (财政资金拨付清单): every claim of the programs in scope
 * approved within the period and awaiting payment, or paid within it — whom to pay, into which
 * account, how much, under which program, and (once paid) when and by which voucher.
 */

/** A payment list holds every matching claim, up to this many. */
export const PAYMENT_LIST_MAX_ROWS = 50_000;

const WORDS = {
  title: { 'zh-CN': '财政资金拨付清单', en: 'Payment list' },
  region: { 'zh-CN': '出资区域', en: 'Funded by' },
  program: { 'zh-CN': '政策项目', en: 'Program' },
  kind: { 'zh-CN': '项目类型', en: 'Kind' },
  payee: { 'zh-CN': '收款人', en: 'Payee' },
  accountName: { 'zh-CN': '账户名称', en: 'Account name' },
  bankName: { 'zh-CN': '开户银行', en: 'Bank' },
  accountNo: { 'zh-CN': '银行账号', en: 'Account number' },
  amount: { 'zh-CN': '金额（元）', en: 'Amount (yuan)' },
  periodStart: { 'zh-CN': '补贴期间起', en: 'Period from' },
  periodEnd: { 'zh-CN': '补贴期间止', en: 'Period to' },
  status: { 'zh-CN': '状态', en: 'Status' },
  paidOn: { 'zh-CN': '拨付日期', en: 'Paid on' },
  voucherNo: { 'zh-CN': '凭证号', en: 'Voucher' },
  claim: { 'zh-CN': '申请编号', en: 'Claim' },
} as const satisfies Record<string, Record<Language, string>>;

const KIND_WORDS = {
  interest_subsidy: { 'zh-CN': '贴息', en: 'Interest subsidy' },
  guarantee_fee_subsidy: { 'zh-CN': '担保费补贴', en: 'Guarantee-fee subsidy' },
  risk_compensation: { 'zh-CN': '风险补偿', en: 'Risk compensation' },
} as const satisfies Record<ProgramKind, Record<Language, string>>;

const STATUS_WORDS = {
  approved: { 'zh-CN': '待拨付', en: 'To be paid' },
  paid: { 'zh-CN': '已拨付', en: 'Paid' },
} as const satisfies Partial<Record<ClaimStatus, Record<Language, string>>>;

/** `GET /supervision/fiscal/export`: the payment list of the programs in scope, as one table. */
export async function paymentList(
  ctx: SupervisionContext,
  actor: Actor,
  query: PeriodQuery,
  lang: Language,
): Promise<Table> {
  assertOrdered(query);
  const { db } = ctx;
  const scope = await scopeOf(db, actor, query.region);
  const range: DayRange = { from: query.from ?? null, to: query.to ?? null };
  const rows = await db
    .select({
      id: programClaims.id,
      regionName: regions.name,
      program: programs.name,
      kind: programs.kind,
      payee: programClaims.payee,
      amountFen: programClaims.amountFen,
      periodStart: programClaims.periodStart,
      periodEnd: programClaims.periodEnd,
      status: programClaims.status,
      paidOn: programClaims.paidOn,
      voucherNo: programClaims.voucherNo,
    })
    .from(programClaims)
    .innerJoin(programs, eq(programs.id, programClaims.programId))
    .innerJoin(regions, eq(regions.code, programs.region))
    .where(
      and(
        programsOf(scope, query),
        or(
          and(eq(programClaims.status, 'approved'), inInstants(programClaims.checkedAt, range)),
          and(eq(programClaims.status, 'paid'), inDays(programClaims.paidOn, range)),
        ),
      ),
    )
    .orderBy(
      asc(regions.sortOrder),
      asc(programs.name),
      asc(programClaims.status),
      asc(programClaims.paidOn),
      asc(programClaims.claimedAt),
      asc(programClaims.id),
    )
    .limit(PAYMENT_LIST_MAX_ROWS);
  return {
    title: `${WORDS.title[lang]} ${scope.regionName}`,
    header: [
      WORDS.region[lang],
      WORDS.program[lang],
      WORDS.kind[lang],
      WORDS.payee[lang],
      WORDS.accountName[lang],
      WORDS.bankName[lang],
      WORDS.accountNo[lang],
      WORDS.amount[lang],
      WORDS.periodStart[lang],
      WORDS.periodEnd[lang],
      WORDS.status[lang],
      WORDS.paidOn[lang],
      WORDS.voucherNo[lang],
      WORDS.claim[lang],
    ],
    rows: rows.map((r): Cell[] => [
      r.regionName,
      r.program,
      KIND_WORDS[r.kind][lang],
      r.payee.name,
      r.payee.accountName,
      r.payee.bankName,
      r.payee.accountNo,
      fen(r.amountFen),
      day(r.periodStart),
      day(r.periodEnd),
      STATUS_WORDS[r.status as keyof typeof STATUS_WORDS][lang],
      day(r.paidOn),
      r.voucherNo,
      r.id,
    ]),
  };
}
