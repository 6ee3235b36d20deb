/**
 * What must hold of the fiscal programs' rows whoever wrote them (the seed's tests check the demo's
 * and the history's with it): every enrolled loan meets its program's rule in its period; a
 * program's committed and paid money are exactly its claims' and within its budget; each claim
 * names a report of its own enrolled loan, was checked by someone other than its reviewer, and has
 * the ledger rows of its money. Returns the breaches found, in words (none: all holds).
 */
import { eq, sql } from 'drizzle-orm';
import type { ProductKind } from '../catalog/enums';
import { products } from '../catalog/schema';
import type { Executor } from '../db/client';
import { compensationFen, eligibilityMisfits } from '../fiscal/rules';
import { programClaims, programEnrollments, programLedger, programs, servicingReports } from '../fiscal/schema';
import { loanRequests } from '../requests/schema';
import { fiscalLoan } from './fiscal';

export async function fiscalBreaches(db: Executor): Promise<string[]> {
  const breaches: string[] = [];
  const all = new Map((await db.select().from(programs)).map((p) => [p.id, p]));
  const loans = new Map(
    (
      await db
        .select({
          request: loanRequests,
          productKind: sql<ProductKind>`coalesce(${products.kind}, ${loanRequests.collateral})`,
          firstLoan: sql<boolean>`row_number() over (partition by ${loanRequests.applicantId}
            order by ${loanRequests.valueDate}, ${loanRequests.updatedAt}, ${loanRequests.id}) = 1`,
        })
        .from(loanRequests)
        .leftJoin(products, eq(products.id, loanRequests.productId))
        .where(eq(loanRequests.status, 'disbursed'))
    ).map((r) => [r.request.id, r]),
  );
  const enrolments = await db.select().from(programEnrollments);
  const enrolled = new Set(enrolments.map((e) => `${e.programId}/${e.requestId}`));
  for (const e of enrolments) {
    const program = all.get(e.programId)!;
    const loan = loans.get(e.requestId);
    if (!loan) {
      breaches.push(`enrolment ${e.requestId} in ${program.name}: not a disbursed loan`);
      continue;
    }
    const { request, productKind, firstLoan } = loan;
    const facts = fiscalLoan(request, {
      productKind,
      firstLoan: Boolean(firstLoan),
      institutionName: '',
      disbursedAt: request.updatedAt,
      pace: { periodMonths: 1, claimChance: 0, overdueChance: 0, defaultChance: 0 },
    }).facts;
    const misfits = eligibilityMisfits(program.eligibility, facts);
    if (misfits.length) breaches.push(`enrolment ${e.requestId} in ${program.name} breaks ${misfits.join(', ')}`);
    if (e.valueDate !== request.valueDate || e.principal !== request.disbursedAmount) {
      breaches.push(`enrolment ${e.requestId} in ${program.name}: not the loan's value date and principal`);
    }
    if (e.valueDate < program.startsOn || e.valueDate > program.endsOn) {
      breaches.push(`enrolment ${e.requestId} in ${program.name}: value date ${e.valueDate} outside the program`);
    }
  }

  const reports = new Map((await db.select().from(servicingReports)).map((r) => [r.id, r]));
  for (const r of reports.values()) {
    const valueDate = loans.get(r.requestId)?.request.valueDate;
    if (!valueDate || r.periodStart < valueDate) breaches.push(`report ${r.id} starts before its loan's value date`);
  }
  const ledger = new Map<string, number>();
  for (const l of await db.select().from(programLedger)) {
    const key = `${l.claimId}/${l.kind}`;
    ledger.set(key, (ledger.get(key) ?? 0) + l.amountFen);
  }
  const money = (claimId: string, kind: string) => ledger.get(`${claimId}/${kind}`) ?? 0;
  const charged = new Map([...all.keys()].map((id) => [id, { committedFen: 0, paidFen: 0 }]));
  for (const c of await db.select().from(programClaims)) {
    const program = all.get(c.programId)!;
    const report = reports.get(c.reportId);
    if (!enrolled.has(`${c.programId}/${c.requestId}`)) breaches.push(`claim ${c.id}: its loan is not enrolled`);
    if (!report || report.requestId !== c.requestId) breaches.push(`claim ${c.id}: not a report of its loan`);
    else if (program.kind === 'risk_compensation') {
      if (
        report.status !== 'default' ||
        c.amountFen !== compensationFen({ kind: program.kind, ...program.terms }, report.lossFen!)
      ) {
        breaches.push(`claim ${c.id}: not the compensation of a default`);
      }
    } else if (c.periodStart !== report.periodStart || c.periodEnd !== report.periodEnd) {
      breaches.push(`claim ${c.id}: not the period reported`);
    }
    if (c.checkedBy !== null && c.checkedBy === c.reviewedBy) breaches.push(`claim ${c.id}: checked by its reviewer`);
    const approved = c.status === 'approved' || c.status === 'paid';
    if (approved !== (c.checkedBy !== null) || money(c.id, 'commit') !== (approved ? c.amountFen : 0)) {
      breaches.push(`claim ${c.id} (${c.status}): its approval is not what was committed`);
    }
    if (money(c.id, 'pay') !== (c.status === 'paid' ? c.amountFen : 0) || money(c.id, 'recovery') !== -c.returnedFen) {
      breaches.push(`claim ${c.id} (${c.status}): its payment and recoveries are not the ledger's`);
    }
    const totals = charged.get(c.programId)!;
    if (c.status === 'approved') totals.committedFen += c.amountFen;
    if (c.status === 'paid') totals.paidFen += c.amountFen - c.returnedFen;
  }
  for (const [id, p] of all) {
    const { committedFen, paidFen } = charged.get(id)!;
    if (p.committedFen !== committedFen || p.paidFen !== paidFen) {
      breaches.push(
        `${p.name}: committed ${p.committedFen} and paid ${p.paidFen}, its claims ${committedFen} and ${paidFen}`,
      );
    }
    if (p.committedFen + p.paidFen > p.budgetFen) breaches.push(`${p.name}: spends more than its budget`);
  }
  return breaches;
}
