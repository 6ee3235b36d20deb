/**
 * The fiscal programs' side of disbursed loans, pure: which programs cover each loan (rules.ts
 * eligibilityMisfits, the rule the platform enrols by), what its bank reports of each interest
 * period, the claims the borrower or the bank makes on those reports, their review (初审), check
 * (复核) and payment by two different people of the funding region's bureau, the budget each
 * approval is charged against, and the ledger of every movement — as the rows the platform would
 * have written, cut at `until`. Every amount comes from rules.ts. Nothing here touches a database
 * (demo.ts and fiscal-load.ts write the rows).
 */
import type { ProductKind } from '../catalog/enums';
import type { ProgramKind } from '../fiscal/enums';
import {
  accruedFen,
  compensationFen,
  daysBetween,
  eligibilityMisfits,
  guaranteeFeeSubsidyFen,
  interestSubsidyFen,
  recoveryReturnFen,
  type LoanFacts,
  type ProgramEligibility,
} from '../fiscal/rules';
import type { programClaims, programEnrollments, programLedger, servicingReports, StoredTerms } from '../fiscal/schema';
import { shanghaiDay } from '../requests/stage-rules';
import { addDays } from '../supervision/figures';
import type { AuditedAction } from './history';
import { keyedRng, Rng } from './random';

export type EnrolmentRow = typeof programEnrollments.$inferInsert;
export type ReportRow = typeof servicingReports.$inferInsert & { id: string; reportedAt: Date };
export type ClaimRow = typeof programClaims.$inferInsert & { id: string };
export type LedgerRow = Omit<typeof programLedger.$inferInsert, 'id'> & { at: Date };

export interface FiscalProgram {
  id: string;
  kind: ProgramKind;
  /** The funding region: the city's code or a county's. */
  region: string;
  startsOn: string;
  endsOn: string;
  budgetFen: number;
  /** Charged to the budget before these loans (committed and paid): approvals only spend what is left. */
  spentFen: number;
  eligibility: ProgramEligibility;
  terms: StoredTerms;
  /** The funding region's bureau staff who review, check and pay; with fewer than two, claims wait for their check. */
  staff: readonly string[];
}

/** How a loan's life after disbursement goes. */
export interface LoanPace {
  /** Months per reported interest period (结息期), counted from the value date. */
  periodMonths: number;
  /** The chance that a subsidy is claimed for a reported period. */
  claimChance: number;
  /** The chance that one of its periods is overdue, and that it defaults (overdue first, then default). */
  overdueChance: number;
  defaultChance: number;
}

export interface FiscalLoan {
  id: string;
  applicantId: string;
  applicantName: string;
  institutionName: string;
  /** The lending institution's officer who reports and claims. */
  officerId: string;
  facts: LoanFacts;
  /** Yuan disbursed; the loan is repaid at term, its interest paid each period. */
  principal: number;
  rateBp: number;
  termMonths: number;
  valueDate: string;
  disbursedAt: Date;
  pace: LoanPace;
}

/** A disbursed request, as the loan tables keep it. */
export interface DisbursedRequest {
  id: string;
  applicantId: string;
  applicantName: string;
  customerType: LoanFacts['customerType'];
  industry: string;
  county: string;
  productId?: string | null;
  claimedInstitutionId?: string | null;
  claimedOfficerId?: string | null;
  disbursedAmount?: number | null;
  approvedRateBp?: number | null;
  approvedTermMonths?: number | null;
  termMonths: number;
  valueDate?: string | null;
}

/**
 * A disbursed request as the programs see it (the enrolment rule's facts: the term approved, else
 * asked; `productKind` the product's, else the collateral's; `firstLoan` no earlier disbursed loan
 * of the applicant), with its lender's name, when it was disbursed and how its life goes.
 */
export function fiscalLoan(
  r: DisbursedRequest,
  how: { productKind: ProductKind; firstLoan: boolean; institutionName: string; disbursedAt: Date; pace: LoanPace },
): FiscalLoan {
  const termMonths = r.approvedTermMonths ?? r.termMonths;
  return {
    id: r.id,
    applicantId: r.applicantId,
    applicantName: r.applicantName,
    institutionName: how.institutionName,
    officerId: r.claimedOfficerId!,
    facts: {
      customerType: r.customerType,
      industry: r.industry,
      county: r.county,
      productKind: how.productKind,
      productId: r.productId ?? null,
      institutionId: r.claimedInstitutionId!,
      amount: r.disbursedAmount!,
      termMonths,
      firstLoan: how.firstLoan,
    },
    principal: r.disbursedAmount!,
    rateBp: r.approvedRateBp!,
    termMonths,
    valueDate: r.valueDate!,
    disbursedAt: how.disbursedAt,
    pace: how.pace,
  };
}

/** Days (calendar) each step takes after the one before: [least, most]. */
export interface FiscalLags {
  report: readonly [number, number];
  claim: readonly [number, number];
  review: readonly [number, number];
  check: readonly [number, number];
  pay: readonly [number, number];
}

export interface FiscalHistory {
  enrolments: EnrolmentRow[];
  reports: ReportRow[];
  claims: ClaimRow[];
  /** In the order the movements happened. */
  ledger: LedgerRow[];
  audits: AuditedAction[];
  /** What the new claims leave committed and paid, per program id (fen). */
  charged: Map<string, { committedFen: number; paidFen: number }>;
}

/** Annual guarantee fees (basis points) the guarantee companies charge. */
const GUARANTEE_FEES = [80, 100, 120, 150];
const REVIEW_NOTES = [null, '材料齐全，同意', '经核对还款记录，同意'];

/** The same day `months` later (the month's last day when it has no such day), YYYY-MM-DD. */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const [year, month] = [Math.floor(index / 12), index % 12];
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${year}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** A moment in office hours some days (a lag's least to most) after the Shanghai day of `from`; a weekend moves to Monday. */
function officeTime(rng: Rng, from: Date | string, [least, most]: readonly [number, number]): Date {
  const start = typeof from === 'string' ? from : shanghaiDay(from);
  let day = addDays(start, rng.int(least, most));
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  if (weekday === 6) day = addDays(day, 2);
  if (weekday === 0) day = addDays(day, 1);
  const at = new Date(`${day}T09:00:00+08:00`).getTime() + rng.int(0, 8 * 60) * 60_000;
  // Never before what it follows (a step the same day comes a little later).
  return new Date(Math.max(at, typeof from === 'string' ? 0 : from.getTime() + rng.int(10, 120) * 60_000));
}

/** A settlement account number as a bank prints it: 19 digits. */
const accountNo = (rng: Rng) => `6${Array.from({ length: 18 }, () => rng.int(0, 9)).join('')}`;

/** A claim as drawn, before its amount is known (the cap depends on the borrower's earlier claims). */
interface DraftClaim {
  rng: Rng;
  program: FiscalProgram;
  loan: FiscalLoan;
  report: ReportRow;
  claimedBy: string;
  claimedAt: Date;
}

/**
 * The programs' rows for these disbursed loans, as they stood at `until`. `seed` makes each loan's
 * life its own (the same loan gets the same life whatever else is generated); a loan is enrolled in
 * every program whose rule it meets and whose period contains its value date.
 */
export function simulateFiscal(
  seed: number,
  programs: readonly FiscalProgram[],
  loans: readonly FiscalLoan[],
  until: Date,
  lags: FiscalLags,
): FiscalHistory {
  const enrolments: EnrolmentRow[] = [];
  const reports: ReportRow[] = [];
  const audits: AuditedAction[] = [];
  const drafts: DraftClaim[] = [];
  for (const loan of loans) {
    const covering = programs.filter(
      (p) =>
        p.startsOn <= loan.valueDate &&
        loan.valueDate <= p.endsOn &&
        eligibilityMisfits(p.eligibility, loan.facts).length === 0,
    );
    if (!covering.length) continue;
    const rng = keyedRng(seed, loan.id);
    for (const program of covering) {
      enrolments.push({
        programId: program.id,
        requestId: loan.id,
        principal: loan.principal,
        valueDate: loan.valueDate,
        // The workers enrol it on the disbursement's event, a moment later.
        enrolledAt: new Date(loan.disbursedAt.getTime() + 2_000),
      });
    }
    const own = servicing(rng, loan, until, lags);
    reports.push(...own);
    for (const report of own) {
      audits.push({
        action: 'servicing.report',
        actorId: loan.officerId,
        subjectId: report.id,
        at: report.reportedAt,
        details: {
          requestId: loan.id,
          periodStart: report.periodStart,
          periodEnd: report.periodEnd,
          status: report.status,
        },
      });
      for (const program of covering) {
        const compensation = program.kind === 'risk_compensation';
        if (compensation !== (report.status === 'default')) continue;
        if (!compensation && (report.periodStart < program.startsOn || report.periodEnd > program.endsOn)) continue;
        if (!compensation && !rng.chance(loan.pace.claimChance)) continue;
        // Subsidies are claimed by the borrower or, on their behalf, by the bank; compensation by the bank.
        const claimedBy = !compensation && rng.chance(0.6) ? loan.applicantId : loan.officerId;
        const claimedAt = officeTime(rng, report.reportedAt, lags.claim);
        if (claimedAt < until)
          drafts.push({ rng: new Rng(rng.int(0, 2 ** 31)), program, loan, report, claimedBy, claimedAt });
      }
    }
  }
  const { claims, ledger, charged } = decide(drafts, programs, until, lags, audits);
  return { enrolments, reports, claims, ledger, audits, charged };
}

/**
 * A loan's interest periods (结息期) up to its maturity: banks settle interest on the 20th of every
 * month (按月结息) or of the last month of every quarter (按季结息, `periodMonths` 3), so a period
 * runs from the value date, or the last settlement, to the 21st (excluded) after the next one —
 * the first one short — and the last to the maturity.
 */
export function interestPeriods(valueDate: string, termMonths: number, periodMonths: number) {
  const maturity = addMonths(valueDate, termMonths);
  const periods: { periodStart: string; periodEnd: string }[] = [];
  let start = valueDate;
  for (let settled = `${valueDate.slice(0, 7)}-21`; start < maturity; settled = addMonths(settled, 1)) {
    if (Number(settled.slice(5, 7)) % periodMonths !== 0 || settled <= start) continue;
    const end = settled < maturity ? settled : maturity;
    periods.push({ periodStart: start, periodEnd: end });
    start = end;
  }
  return periods;
}

/**
 * What the bank reports of each interest period up to the maturity (the last one 'repaid') or the
 * report not yet due at `until`: the interest paid in full, but in an overdue period only up to the
 * day it fell due unpaid, and nothing in the period it defaults in.
 */
function servicing(rng: Rng, loan: FiscalLoan, until: Date, lags: FiscalLags): ReportRow[] {
  const { periodMonths, overdueChance, defaultChance } = loan.pace;
  const schedule = interestPeriods(loan.valueDate, loan.termMonths, periodMonths);
  const periods = schedule.length;
  const termEnd = schedule.at(-1)!.periodEnd;
  const principalFen = loan.principal * 100;
  const feeBp = loan.facts.productKind === ('guarantee' satisfies ProductKind) ? rng.pick(GUARANTEE_FEES) : null;
  const defaults = periods > 1 && rng.chance(defaultChance);
  const troubled = defaults || rng.chance(overdueChance) ? rng.int(0, periods - (defaults ? 2 : 1)) : -1;
  const rows: ReportRow[] = [];
  for (const [k, { periodStart, periodEnd }] of schedule.entries()) {
    const reportedAt = officeTime(rng, periodEnd, lags.report);
    if (reportedAt >= until) break;
    const days = daysBetween(periodStart, periodEnd);
    // Days overdue at the period's end: at most the period's (a short first period is short of money too).
    const overdueDays = k === troubled ? rng.int(1, Math.max(1, Math.min(89, days - 1))) : null;
    const defaulted = defaults && k === troubled + 1;
    const paidDays = defaulted ? 0 : days - (overdueDays ?? 0);
    const row: ReportRow = {
      id: rng.uuid(),
      requestId: loan.id,
      periodStart,
      periodEnd,
      outstandingPrincipal: loan.principal,
      interestPaidFen: accruedFen(principalFen, loan.rateBp, paidDays),
      guaranteeFeePaidFen: feeBp !== null && !defaulted ? accruedFen(principalFen, feeBp, days) : null,
      status: defaulted ? 'default' : overdueDays !== null ? 'overdue' : periodEnd === termEnd ? 'repaid' : 'normal',
      overdueDays,
      // What the bank could not recover: 30–80 % of the principal, in whole yuan.
      lossFen: defaulted ? Math.round(loan.principal * (0.3 + rng.float() * 0.5)) * 100 : null,
      reportedBy: loan.officerId,
      reportedAt,
    };
    rows.push(row);
    if (defaulted) break;
  }
  return rows;
}

/**
 * Amounts, review, check, payment and recoveries, in the order they happened: the amount when the
 * claim is made (the per-borrower cap counts the borrower's earlier claims that year), the approval
 * only while the budget holds it (else the claim waits, reviewed, for money), the payment after it.
 */
function decide(
  drafts: DraftClaim[],
  programs: readonly FiscalProgram[],
  until: Date,
  lags: FiscalLags,
  audits: AuditedAction[],
) {
  drafts.sort((a, b) => a.claimedAt.getTime() - b.claimedAt.getTime() || a.report.id.localeCompare(b.report.id));
  const claimedThisYear = new Map<string, number>();
  const made: { draft: DraftClaim; claim: ClaimRow; checkedAt: Date | null }[] = [];
  for (const draft of drafts) {
    const { rng, program, loan, report, claimedAt, claimedBy } = draft;
    const yearKey = `${program.id}/${loan.applicantId}/${report.periodStart.slice(0, 4)}`;
    const amountFen = claimAmount(program, report, claimedThisYear.get(yearKey) ?? 0);
    if (amountFen <= 0) continue;
    claimedThisYear.set(yearKey, (claimedThisYear.get(yearKey) ?? 0) + amountFen);
    const compensation = program.kind === 'risk_compensation';
    const payee = compensation ? loan.institutionName : loan.applicantName;
    const claim: ClaimRow = {
      id: rng.uuid(),
      programId: program.id,
      requestId: loan.id,
      reportId: report.id,
      periodStart: compensation ? null : report.periodStart,
      periodEnd: compensation ? null : report.periodEnd,
      amountFen,
      returnedFen: 0,
      status: 'submitted',
      payee: { name: payee, accountName: payee, bankName: loan.institutionName, accountNo: accountNo(rng) },
      claimedBy,
      claimedAt,
    };
    audits.push({
      action: 'claim.submit',
      actorId: claimedBy,
      subjectId: claim.id,
      at: claimedAt,
      details: { programId: program.id, requestId: loan.id, amountFen },
    });
    const [reviewer, checker] = program.staff.length > 1 ? rng.shuffle(program.staff) : program.staff;
    const reviewedAt = officeTime(rng, claimedAt, lags.review);
    let checkedAt: Date | null = null;
    if (reviewer && reviewedAt < until) {
      Object.assign(claim, {
        status: 'reviewed',
        reviewedBy: reviewer,
        reviewedAt,
        reviewNote: rng.pick(REVIEW_NOTES),
      });
      audits.push({
        action: 'claim.review',
        actorId: reviewer,
        subjectId: claim.id,
        at: reviewedAt,
        details: { decision: 'approve' },
      });
      const at = officeTime(rng, reviewedAt, lags.check);
      if (checker && at < until) checkedAt = at;
      claim.checkedBy = checker ?? null;
    }
    made.push({ draft, claim, checkedAt });
  }

  // Approvals in the order they were made: each is charged to what its program has left.
  const left = new Map(programs.map((p) => [p.id, p.budgetFen - p.spentFen]));
  const charged = new Map(programs.map((p) => [p.id, { committedFen: 0, paidFen: 0 }]));
  const ledger: LedgerRow[] = [];
  const checkOrder = (m: (typeof made)[number]) => m.checkedAt?.getTime() ?? Number.MAX_SAFE_INTEGER;
  made.sort((a, b) => checkOrder(a) - checkOrder(b));
  let vouchers = 0;
  for (const { draft, claim, checkedAt } of made) {
    const amount = claim.amountFen;
    if (!checkedAt || left.get(claim.programId)! < amount) {
      claim.checkedBy = null;
      continue;
    }
    const { rng, program, loan } = draft;
    left.set(claim.programId, left.get(claim.programId)! - amount);
    const checker = claim.checkedBy!;
    Object.assign(claim, { status: 'approved', checkedAt, checkNote: null });
    audits.push({
      action: 'claim.check',
      actorId: checker,
      subjectId: claim.id,
      at: checkedAt,
      details: { decision: 'approve' },
    });
    ledger.push({
      programId: program.id,
      claimId: claim.id,
      kind: 'commit',
      amountFen: amount,
      on: shanghaiDay(checkedAt),
      actorId: checker,
      at: checkedAt,
    });
    const paidAt = officeTime(rng, checkedAt, lags.pay);
    const totals = charged.get(program.id)!;
    if (paidAt >= until) {
      totals.committedFen += amount;
      continue;
    }
    const payer = claim.reviewedBy!;
    const paidOn = shanghaiDay(paidAt);
    const voucherNo = `GK${paidOn.replaceAll('-', '')}${String(++vouchers).padStart(5, '0')}`;
    Object.assign(claim, { status: 'paid', paidOn, voucherNo, paidBy: payer });
    audits.push({
      action: 'claim.pay',
      actorId: payer,
      subjectId: claim.id,
      at: paidAt,
      details: { paidOn, voucherNo },
    });
    ledger.push({
      programId: program.id,
      claimId: claim.id,
      kind: 'pay',
      amountFen: amount,
      on: paidOn,
      actorId: payer,
      at: paidAt,
    });
    totals.paidFen += amount;
    if (program.kind !== 'risk_compensation' || !rng.chance(0.3)) continue;
    // Some of a defaulted loan is recovered later, and the program's share of it flows back to the pool.
    const recoveredAt = officeTime(rng, paidAt, [30, 240]);
    const recoveredFen = Math.round((draft.report.lossFen! / 100) * (0.1 + rng.float() * 0.4)) * 100;
    const returnedFen = recoveryReturnFen({ kind: program.kind, ...program.terms }, recoveredFen, amount);
    if (recoveredAt >= until || returnedFen <= 0) continue;
    claim.returnedFen = returnedFen;
    totals.paidFen -= returnedFen;
    const recoveredOn = shanghaiDay(recoveredAt);
    audits.push({
      action: 'claim.recovery',
      actorId: loan.officerId,
      subjectId: claim.id,
      at: recoveredAt,
      details: { recoveredFen, returnedFen, recoveredOn },
    });
    ledger.push({
      programId: program.id,
      claimId: claim.id,
      kind: 'recovery',
      amountFen: -returnedFen,
      on: recoveredOn,
      actorId: loan.officerId,
      at: recoveredAt,
    });
  }
  ledger.sort((a, b) => a.at.getTime() - b.at.getTime());
  return { claims: made.map((m) => m.claim), ledger, charged };
}

/** What a claim on this report is worth under the program (0: nothing due), as the platform computes it. */
function claimAmount(program: FiscalProgram, report: ReportRow, claimedThisYearFen: number): number {
  const outstandingPrincipalFen = report.outstandingPrincipal * 100;
  const { periodStart, periodEnd } = report;
  switch (program.kind) {
    case 'interest_subsidy': {
      const cap = program.terms.perBorrowerCapPerYearFen;
      return interestSubsidyFen(program.terms.subsidyRateBp!, {
        outstandingPrincipalFen,
        interestPaidFen: report.interestPaidFen,
        periodStart,
        periodEnd,
        capLeftFen: cap === undefined ? null : Math.max(0, cap - claimedThisYearFen),
      });
    }
    case 'guarantee_fee_subsidy':
      return report.guaranteeFeePaidFen == null
        ? 0
        : guaranteeFeeSubsidyFen(
            { kind: program.kind, ...program.terms },
            { outstandingPrincipalFen, feePaidFen: report.guaranteeFeePaidFen, periodStart, periodEnd },
          );
    case 'risk_compensation':
      return compensationFen({ kind: program.kind, ...program.terms }, report.lossFen ?? 0);
  }
}
