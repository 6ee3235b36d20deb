import { and, count, desc, eq, gt, isNull, lt, ne, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Actor } from '../access/roles';
import { recordAudit } from '../audit/service';
import { users } from '../auth/schema';
import type { SlaContext } from '../clock/clock';
import type { Database, Executor, Tx } from '../db/client';
import { inTransaction } from '../db/transaction';
import { AppError, type ErrorDetail } from '../http/errors';
import { offsetOf, pageOf } from '../http/pagination';
import type { z } from '../http/zod';
import { institutions } from '../institutions/schema';
import { loanRequests } from '../requests/schema';
import { shanghaiDay } from '../requests/stage-rules';
import { commitToBudget, payCommitment, returnToPool } from './ledger';
import {
  compensationFen,
  eligibilityMisfits,
  guaranteeFeeSubsidyFen,
  interestSubsidyFen,
  recoveryReturnFen,
} from './rules';
import { programClaims, programEnrollments, programs, servicingReports } from './schema';
import { loanFactsOf, selectLoanFacts } from './enrolment';
import { assertManages, cityCodeOf, programRule, programTerms, type ProgramRow } from './program-scope';
import { findProgram, programsReadBy } from './read-scope';
import { currentReports } from './servicing';
import type { ClaimDecisionInput, ClaimInput, ClaimQuery, ClaimViewType, PaymentInput, RecoveryInput } from './views';

/**
 * Claims on a program (issue 17 item 4): a subsidy for a reported period, by the borrower or the
 * lending bank, or compensation for a default, by the bank; the platform computes the amount from
 * the program's terms and the loan's current servicing reports. Two different bureau users of the
 * funding region review (初审) and check (复核) it; the check charges the budget; then it is paid.
 * Every step is one transaction with its audit entry, and a refusal writes nothing.
 */

type RequestRow = typeof loanRequests.$inferSelect;
type ClaimRow = typeof programClaims.$inferSelect;

const claimant = alias(users, 'claimant');
const reviewer = alias(users, 'reviewer');
const checker = alias(users, 'checker');

function selectClaims(db: Executor) {
  return db
    .select({
      claim: programClaims,
      program: { name: programs.name, kind: programs.kind, region: programs.region },
      applicantName: loanRequests.applicantName,
      institutionName: institutions.name,
      disbursedAmount: loanRequests.disbursedAmount,
      claimedBy: claimant.displayName,
      reviewedBy: reviewer.displayName,
      checkedBy: checker.displayName,
    })
    .from(programClaims)
    .innerJoin(programs, eq(programs.id, programClaims.programId))
    .innerJoin(loanRequests, eq(loanRequests.id, programClaims.requestId))
    .leftJoin(institutions, eq(institutions.id, loanRequests.claimedInstitutionId))
    .innerJoin(claimant, eq(claimant.id, programClaims.claimedBy))
    .leftJoin(reviewer, eq(reviewer.id, programClaims.reviewedBy))
    .leftJoin(checker, eq(checker.id, programClaims.checkedBy));
}

type ClaimDetails = Awaited<ReturnType<typeof selectClaims>>[number];

const step = (by: string | null, at: Date | null, note: string | null) =>
  by !== null && at !== null ? { by, at: at.toISOString(), note } : null;

function present(d: ClaimDetails): ClaimViewType {
  const c = d.claim;
  return {
    id: c.id,
    program: { id: c.programId, ...d.program },
    request: {
      id: c.requestId,
      applicantName: d.applicantName,
      institutionName: d.institutionName,
      disbursedAmount: d.disbursedAmount,
    },
    periodStart: c.periodStart,
    periodEnd: c.periodEnd,
    amountFen: c.amountFen,
    returnedFen: c.returnedFen,
    status: c.status,
    payee: c.payee,
    claimedBy: d.claimedBy,
    claimedAt: c.claimedAt.toISOString(),
    review: step(d.reviewedBy, c.reviewedAt, c.reviewNote),
    check: step(d.checkedBy, c.checkedAt, c.checkNote),
    payment: c.paidOn !== null && c.voucherNo !== null ? { paidOn: c.paidOn, voucherNo: c.voucherNo } : null,
  };
}

/** The claims an actor reads: a bureau its programs' (scope.ts), a bank its loans', a borrower their own. */
function claimsReadBy(actor: Actor): SQL | undefined {
  switch (actor.role) {
    case 'admin':
      return undefined;
    case 'bureau':
      return programsReadBy(actor);
    case 'officer':
    case 'institution_admin':
      return eq(loanRequests.claimedInstitutionId, actor.institutionId!);
    case 'enterprise':
    case 'individual':
      return eq(loanRequests.applicantId, actor.id);
  }
}

export async function listClaims(db: Database, actor: Actor, query: z.output<typeof ClaimQuery>) {
  const where = and(
    claimsReadBy(actor),
    query.programId ? eq(programClaims.programId, query.programId) : undefined,
    query.status ? eq(programClaims.status, query.status) : undefined,
    query.loanRequestId ? eq(programClaims.requestId, query.loanRequestId) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    selectClaims(db)
      .where(where)
      .orderBy(desc(programClaims.claimedAt), desc(programClaims.id))
      .limit(query.pageSize)
      .offset(offsetOf(query)),
    db
      .select({ n: count() })
      .from(programClaims)
      .innerJoin(programs, eq(programs.id, programClaims.programId))
      .innerJoin(loanRequests, eq(loanRequests.id, programClaims.requestId))
      .where(where),
  ]);
  return pageOf(rows.map(present), total!.n, query);
}

/** One claim, to whoever reads it (404 to anyone else: a claim names a borrower). */
export async function getClaim(db: Database, actor: Actor, id: string): Promise<ClaimViewType> {
  const [row] = await selectClaims(db).where(and(eq(programClaims.id, id), claimsReadBy(actor)));
  if (!row) throw new AppError('NOT_FOUND');
  return present(row);
}

const invalid = (path: string, message: string, params?: Record<string, string>): AppError =>
  new AppError('VALIDATION_FAILED', [detail(path, message, params)]);
const refused = (path: string, message: string, params?: Record<string, string>): AppError =>
  new AppError('INVALID_STATE', [detail(path, message, params)]);
const detail = (path: string, message: string, params?: Record<string, string>): ErrorDetail =>
  params ? { path, message, params } : { path, message };

/** The day after `day`: a claimed period's end is exclusive, so one ending the day after the program's last day is within it. */
const dayAfter = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * The rules of the program the loan breaks, for a loan that is not enrolled: those of its rule
 * (enrolment's facts of the loan), or else the program's period (its value date lies outside it).
 */
async function misfitsOf(tx: Tx, program: ProgramRow, requestId: string): Promise<string[]> {
  const [loan] = await selectLoanFacts(tx).where(eq(loanRequests.id, requestId));
  const misfits = eligibilityMisfits(programRule(program, await cityCodeOf(tx)), loanFactsOf(loan!));
  return misfits.length ? misfits : ['startsOn', 'endsOn'];
}

/**
 * Locks the borrower's enrolments in the program, this loan's among them (ordered, so concurrent
 * claims lock in one order): overlaps and the borrower's yearly cap are then judged on claims no
 * concurrent submission can add to. Whether this loan is enrolled.
 */
async function lockEnrolments(tx: Tx, programId: string, request: RequestRow): Promise<boolean> {
  const rows = await tx
    .select({ requestId: programEnrollments.requestId })
    .from(programEnrollments)
    .innerJoin(loanRequests, eq(loanRequests.id, programEnrollments.requestId))
    .where(and(eq(programEnrollments.programId, programId), eq(loanRequests.applicantId, request.applicantId)))
    .orderBy(programEnrollments.requestId)
    .for('update', { of: programEnrollments });
  return rows.some((r) => r.requestId === request.id);
}

interface Computed {
  reportId: string;
  amountFen: number;
  /** What the borrower could still get this year, when a cap applies: 0 means the cap is reached. */
  capLeftFen: number | null;
}

/** Compensation: the loan's latest current report is a default; the program pays its share of the loss. */
async function compensationOf(tx: Tx, program: ProgramRow, request: RequestRow, input: ClaimBody) {
  if (input.periodStart !== undefined) throw invalid('periodStart', 'claim.periodNotForCompensation');
  const [live] = await tx
    .select({ id: programClaims.id })
    .from(programClaims)
    .where(
      and(
        eq(programClaims.programId, program.id),
        eq(programClaims.requestId, request.id),
        isNull(programClaims.periodStart),
        ne(programClaims.status, 'rejected'),
      ),
    );
  if (live) throw refused('loanRequestId', 'claim.compensationClaimed');
  const latest = (await currentReports(tx, request.id)).at(-1);
  if (latest?.status !== 'default') throw refused('loanRequestId', 'claim.notDefault');
  return { reportId: latest.id, amountFen: compensationFen(programTerms(program), latest.lossFen!), capLeftFen: null };
}

/** A subsidy: the period lies in the loan's and the program's time, is claimed once, and is reported exactly. */
async function subsidyOf(
  tx: Tx,
  today: string,
  program: ProgramRow,
  request: RequestRow,
  input: ClaimBody,
): Promise<Computed> {
  const { periodStart, periodEnd } = input;
  if (periodStart === undefined || periodEnd === undefined) throw invalid('periodStart', 'claim.periodRequired');
  if (periodEnd > today) throw invalid('periodEnd', 'claim.periodFuture');
  if (periodStart < request.valueDate!) {
    throw invalid('periodStart', 'claim.periodBeforeValueDate', { valueDate: request.valueDate! });
  }
  if (periodStart < program.startsOn || periodEnd > dayAfter(program.endsOn)) {
    throw invalid('periodStart', 'claim.periodOutsideProgram', { startsOn: program.startsOn, endsOn: program.endsOn });
  }
  const [overlap] = await tx
    .select({ periodStart: programClaims.periodStart, periodEnd: programClaims.periodEnd })
    .from(programClaims)
    .where(
      and(
        eq(programClaims.programId, program.id),
        eq(programClaims.requestId, request.id),
        ne(programClaims.status, 'rejected'),
        lt(programClaims.periodStart, periodEnd),
        gt(programClaims.periodEnd, periodStart),
      ),
    )
    .limit(1);
  if (overlap) {
    throw refused('periodStart', 'claim.periodOverlaps', { period: `${overlap.periodStart}–${overlap.periodEnd}` });
  }
  const [report] = await currentReports(
    tx,
    request.id,
    and(eq(servicingReports.periodStart, periodStart), eq(servicingReports.periodEnd, periodEnd)),
  );
  if (!report) throw refused('periodStart', 'claim.periodNotReported');
  const terms = programTerms(program);
  const outstandingPrincipalFen = report.outstandingPrincipal * 100;
  if (program.kind === 'guarantee_fee_subsidy') {
    if (report.guaranteeFeePaidFen === null) throw refused('periodStart', 'claim.noGuaranteeFee');
    const amountFen = guaranteeFeeSubsidyFen(terms, {
      outstandingPrincipalFen,
      feePaidFen: report.guaranteeFeePaidFen,
      periodStart,
      periodEnd,
    });
    return { reportId: report.id, amountFen, capLeftFen: null };
  }
  const capLeftFen =
    terms.perBorrowerCapPerYearFen == null
      ? null
      : terms.perBorrowerCapPerYearFen - (await claimedThisYear(tx, program.id, request.applicantId, periodStart));
  const amountFen = interestSubsidyFen(terms.subsidyRateBp!, {
    outstandingPrincipalFen,
    interestPaidFen: report.interestPaidFen,
    periodStart,
    periodEnd,
    capLeftFen,
  });
  return { reportId: report.id, amountFen, capLeftFen };
}

/** Fen the borrower has claimed (not rejected) in the program for periods starting in the year of `day`. */
async function claimedThisYear(tx: Tx, programId: string, applicantId: string, day: string): Promise<number> {
  const [row] = await tx
    .select({ fen: sql<number>`coalesce(sum(${programClaims.amountFen}), 0)`.mapWith(Number) })
    .from(programClaims)
    .innerJoin(loanRequests, eq(loanRequests.id, programClaims.requestId))
    .where(
      and(
        eq(programClaims.programId, programId),
        eq(loanRequests.applicantId, applicantId),
        ne(programClaims.status, 'rejected'),
        sql`extract(year from ${programClaims.periodStart}) = ${Number(day.slice(0, 4))}`,
      ),
    );
  return row!.fen;
}

type ClaimBody = z.output<typeof ClaimInput>;

/** `POST /program-claims`. */
export async function submitClaim(db: Database, sla: SlaContext, actor: Actor, input: ClaimBody) {
  const id = await inTransaction(db, async (tx) => {
    const [program] = await tx.select().from(programs).where(eq(programs.id, input.programId));
    if (!program) throw invalid('programId', 'program.unknown');
    const [request] = await tx.select().from(loanRequests).where(eq(loanRequests.id, input.loanRequestId));
    if (!request) throw invalid('loanRequestId', 'claim.loanUnknown');
    const byLender = actor.institutionId !== null && request.claimedInstitutionId === actor.institutionId;
    if (!byLender && request.applicantId !== actor.id) {
      throw new AppError('FORBIDDEN', [detail('loanRequestId', 'claim.notYourLoan')]);
    }
    const compensation = program.kind === 'risk_compensation';
    if (compensation && !byLender) {
      throw new AppError('FORBIDDEN', [detail('loanRequestId', 'claim.compensationByBank')]);
    }
    if (program.status !== 'active') {
      throw refused('programId', program.status === 'closed' ? 'program.closed' : 'program.notActive');
    }
    if (request.status !== 'disbursed' || request.valueDate === null) {
      throw refused('loanRequestId', 'servicing.notDisbursed');
    }
    if (!(await lockEnrolments(tx, program.id, request))) {
      const rules = await misfitsOf(tx, program, request.id);
      throw refused('loanRequestId', 'claim.notEnrolled', { rules: rules.join(', ') });
    }
    const today = shanghaiDay(sla.now());
    const computed = compensation
      ? await compensationOf(tx, program, request, input)
      : await subsidyOf(tx, today, program, request, input);
    if (computed.amountFen <= 0) {
      throw refused(
        'amountFen',
        computed.capLeftFen !== null && computed.capLeftFen <= 0 ? 'claim.capReached' : 'claim.nothingDue',
      );
    }
    const [institution] = compensation
      ? await tx
          .select({ name: institutions.name })
          .from(institutions)
          .where(eq(institutions.id, request.claimedInstitutionId!))
      : [];
    const [claim] = await tx
      .insert(programClaims)
      .values({
        programId: program.id,
        requestId: request.id,
        reportId: computed.reportId,
        periodStart: input.periodStart ?? null,
        periodEnd: input.periodEnd ?? null,
        amountFen: computed.amountFen,
        payee: {
          // Subsidies go to the borrower, compensation to the lending bank.
          name: institution?.name ?? request.applicantName,
          accountName: input.payee?.accountName ?? null,
          bankName: input.payee?.bankName ?? null,
          accountNo: input.payee?.accountNo ?? null,
        },
        claimedBy: actor.id,
        claimedAt: sla.now(),
      })
      .returning({ id: programClaims.id });
    await recordAudit(tx, actor, 'claim.submit', claim!.id, {
      programId: program.id,
      requestId: request.id,
      amountFen: computed.amountFen,
    });
    return claim!.id;
  });
  return getClaim(db, actor, id);
}

/** Locks the claim and finds its program; the bureau acting must be its funding region's. */
async function lockForBureau(tx: Tx, actor: Actor, id: string): Promise<{ claim: ClaimRow; program: ProgramRow }> {
  const [claim] = await tx.select().from(programClaims).where(eq(programClaims.id, id)).for('update');
  if (!claim) throw new AppError('NOT_FOUND');
  const program = await findProgram(tx, claim.programId);
  assertManages(actor, program, await cityCodeOf(tx));
  return { claim, program };
}

function assertStatus(claim: ClaimRow, status: ClaimRow['status']): void {
  if (claim.status !== status) throw refused('status', claim.status);
}

/** A bureau step, then the claim as the acting bureau reads it. */
async function bureauStep(
  db: Database,
  actor: Actor,
  id: string,
  work: (tx: Tx, found: { claim: ClaimRow; program: ProgramRow }) => Promise<void>,
) {
  await inTransaction(db, async (tx) => work(tx, await lockForBureau(tx, actor, id)));
  return getClaim(db, actor, id);
}

/** `POST /program-claims/:id/review` (初审): submitted → reviewed or rejected. A closed program's claims still finish. */
export function reviewClaim(
  db: Database,
  sla: SlaContext,
  actor: Actor,
  id: string,
  input: z.output<typeof ClaimDecisionInput>,
) {
  return bureauStep(db, actor, id, async (tx, { claim }) => {
    assertStatus(claim, 'submitted');
    await tx
      .update(programClaims)
      .set({
        status: input.decision === 'approve' ? 'reviewed' : 'rejected',
        reviewedBy: actor.id,
        reviewedAt: sla.now(),
        reviewNote: input.note ?? null,
      })
      .where(eq(programClaims.id, id));
    await recordAudit(tx, actor, 'claim.review', id, { decision: input.decision });
  });
}

/**
 * `POST /program-claims/:id/check` (复核): reviewed → approved or rejected, by another person than
 * the reviewer (the database holds that too); an approval charges the budget.
 */
export function checkClaim(
  db: Database,
  sla: SlaContext,
  actor: Actor,
  id: string,
  input: z.output<typeof ClaimDecisionInput>,
) {
  return bureauStep(db, actor, id, async (tx, { claim }) => {
    assertStatus(claim, 'reviewed');
    if (claim.reviewedBy === actor.id) throw new AppError('FORBIDDEN', [detail('reviewedBy', 'claim.selfCheck')]);
    const now = sla.now();
    if (input.decision === 'approve') {
      await commitToBudget(tx, {
        programId: claim.programId,
        claimId: id,
        amountFen: claim.amountFen,
        on: shanghaiDay(now),
        actor,
      });
    }
    await tx
      .update(programClaims)
      .set({
        status: input.decision === 'approve' ? 'approved' : 'rejected',
        checkedBy: actor.id,
        checkedAt: now,
        checkNote: input.note ?? null,
      })
      .where(eq(programClaims.id, id));
    await recordAudit(tx, actor, 'claim.check', id, { decision: input.decision, amountFen: claim.amountFen });
  });
}

/** `POST /program-claims/:id/pay`: approved → paid, the commitment turned into money paid. */
export function payClaim(
  db: Database,
  sla: SlaContext,
  actor: Actor,
  id: string,
  input: z.output<typeof PaymentInput>,
) {
  return bureauStep(db, actor, id, async (tx, { claim }) => {
    assertStatus(claim, 'approved');
    if (input.paidOn > shanghaiDay(sla.now())) throw invalid('paidOn', 'claim.paidOnFuture');
    const approvedOn = shanghaiDay(claim.checkedAt!);
    if (input.paidOn < approvedOn) throw invalid('paidOn', 'claim.paidBeforeApproval', { approvedOn });
    await payCommitment(tx, {
      programId: claim.programId,
      claimId: id,
      amountFen: claim.amountFen,
      on: input.paidOn,
      actor,
    });
    await tx
      .update(programClaims)
      .set({ status: 'paid', paidOn: input.paidOn, voucherNo: input.voucherNo, paidBy: actor.id })
      .where(eq(programClaims.id, id));
    await recordAudit(tx, actor, 'claim.pay', id, {
      paidOn: input.paidOn,
      voucherNo: input.voucherNo,
      amountFen: claim.amountFen,
    });
  });
}

/**
 * `POST /program-claims/:id/recoveries`, by the lending bank after its compensation was paid: the
 * program's share of what it recovered returns to the pool, never more than the program paid.
 */
export async function recordRecovery(
  db: Database,
  sla: SlaContext,
  actor: Actor,
  id: string,
  input: z.output<typeof RecoveryInput>,
) {
  await inTransaction(db, async (tx) => {
    const [found] = await tx
      .select({ claim: programClaims, lender: loanRequests.claimedInstitutionId })
      .from(programClaims)
      .innerJoin(loanRequests, eq(loanRequests.id, programClaims.requestId))
      .where(eq(programClaims.id, id))
      .for('update', { of: programClaims });
    if (!found) throw new AppError('NOT_FOUND');
    const { claim } = found;
    if (found.lender !== actor.institutionId) throw new AppError('FORBIDDEN', [detail('id', 'claim.notYourLoan')]);
    if (claim.periodStart !== null || claim.status !== 'paid') throw refused('status', 'claim.recoveryNotCompensation');
    if (input.recoveredOn > shanghaiDay(sla.now())) throw invalid('recoveredOn', 'claim.recoveredOnFuture');
    if (input.recoveredOn < claim.paidOn!) {
      throw invalid('recoveredOn', 'claim.recoveryBeforePayment', { paidOn: claim.paidOn! });
    }
    const program = await findProgram(tx, claim.programId);
    const returnedFen = recoveryReturnFen(
      programTerms(program),
      input.recoveredFen,
      claim.amountFen - claim.returnedFen,
    );
    if (returnedFen === 0) throw refused('recoveredFen', 'claim.nothingDue');
    await returnToPool(tx, {
      programId: claim.programId,
      claimId: id,
      amountFen: returnedFen,
      on: input.recoveredOn,
      actor,
    });
    await tx
      .update(programClaims)
      .set({ returnedFen: sql`${programClaims.returnedFen} + ${returnedFen}` })
      .where(eq(programClaims.id, id));
    await recordAudit(tx, actor, 'claim.recovery', id, {
      recoveredFen: input.recoveredFen,
      recoveredOn: input.recoveredOn,
      returnedFen,
    });
  });
  return getClaim(db, actor, id);
}
