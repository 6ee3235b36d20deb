import { and, asc, eq, gt, isNull, lt, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Actor } from '../access/roles';
import { recordAudit } from '../audit/service';
import { users } from '../auth/schema';
import type { SlaContext } from '../clock/clock';
import type { Database, Executor } from '../db/client';
import { inTransaction } from '../db/transaction';
import { AppError } from '../http/errors';
import type { z } from '../http/zod';
import { visibilityOf } from '../requests/access';
import { selectRequestDetails } from '../requests/details';
import { loanRequests } from '../requests/schema';
import { shanghaiDay } from '../requests/stage-rules';
import { servicingReports } from './schema';
import type { ServicingInput, ServicingReportView } from './views';

/**
 * What the lending institution reports of a disbursed loan, period by period (issue 17 item 3):
 * append-only, a correction being a newer report that supersedes one. A report is current while
 * nothing supersedes it; claims are computed from current reports only.
 */

type ServicingReport = typeof servicingReports.$inferSelect;
type ReportView = z.output<typeof ServicingReportView>;

const successor = alias(servicingReports, 'successor');

/** A loan's reports with who reported them and what corrected them, oldest period first. */
function selectReports(db: Executor) {
  return db
    .select({ report: servicingReports, reportedBy: users.displayName, supersededBy: successor.id })
    .from(servicingReports)
    .innerJoin(users, eq(users.id, servicingReports.reportedBy))
    .leftJoin(successor, eq(successor.supersedes, servicingReports.id));
}

function present(r: ServicingReport, reportedBy: string, supersededBy: string | null): ReportView {
  return {
    id: r.id,
    requestId: r.requestId,
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    outstandingPrincipal: r.outstandingPrincipal,
    interestPaidFen: r.interestPaidFen,
    guaranteeFeePaidFen: r.guaranteeFeePaidFen,
    status: r.status,
    overdueDays: r.overdueDays,
    lossFen: r.lossFen,
    supersedes: r.supersedes,
    supersededBy,
    reason: r.reason,
    reportedBy,
    reportedAt: r.reportedAt.toISOString(),
  };
}

/** The loan's current reports (those no other report supersedes), narrowed by `where`. */
export async function currentReports(db: Executor, requestId: string, where?: SQL): Promise<ServicingReport[]> {
  const rows = await db
    .select({ report: servicingReports })
    .from(servicingReports)
    .leftJoin(successor, eq(successor.supersedes, servicingReports.id))
    .where(and(eq(servicingReports.requestId, requestId), isNull(successor.id), where))
    .orderBy(asc(servicingReports.periodStart));
  return rows.map((r) => r.report);
}

const invalid = (path: string, message: string, params?: Record<string, string>) =>
  new AppError('VALIDATION_FAILED', [{ path, message, ...(params ? { params } : {}) }]);

/**
 * `POST /loan-requests/:id/servicing`, by the lending institution's staff. The loan's row is locked
 * first, so reports of one loan are written one at a time and each is checked against the others.
 */
export function reportServicing(
  db: Database,
  sla: SlaContext,
  actor: Actor,
  requestId: string,
  input: z.output<typeof ServicingInput>,
): Promise<ReportView> {
  return inTransaction(db, async (tx) => {
    const [request] = await tx.select().from(loanRequests).where(eq(loanRequests.id, requestId)).for('update');
    if (!request) throw new AppError('NOT_FOUND');
    if (!actor.institutionId || request.claimedInstitutionId !== actor.institutionId) throw new AppError('FORBIDDEN');
    if (request.status !== 'disbursed' || !request.valueDate) {
      throw new AppError('INVALID_STATE', [{ path: 'status', message: 'servicing.notDisbursed' }]);
    }
    if (input.periodEnd > shanghaiDay(sla.now())) throw invalid('periodEnd', 'servicing.future');
    if (input.periodStart < request.valueDate) {
      throw invalid('periodStart', 'servicing.beforeValueDate', { valueDate: request.valueDate });
    }
    const overlapping = await currentReports(
      tx,
      requestId,
      and(lt(servicingReports.periodStart, input.periodEnd), gt(servicingReports.periodEnd, input.periodStart)),
    );
    if (input.supersedes !== undefined) await assertCorrectable(tx, requestId, input.supersedes);
    // Two current reports of one day would leave a claim two truths to choose from: a report
    // that covers days already reported corrects that report, or is refused.
    const clash = overlapping.find((report) => report.id !== input.supersedes);
    if (clash) {
      throw invalid('periodStart', 'servicing.periodOverlaps', { period: `${clash.periodStart}–${clash.periodEnd}` });
    }
    const [report] = await tx
      .insert(servicingReports)
      .values({
        requestId,
        periodStart: input.periodStart,
        periodEnd: input.periodEnd,
        outstandingPrincipal: input.outstandingPrincipal,
        interestPaidFen: input.interestPaidFen,
        guaranteeFeePaidFen: input.guaranteeFeePaidFen ?? null,
        status: input.status,
        overdueDays: input.overdueDays ?? null,
        lossFen: input.lossFen ?? null,
        supersedes: input.supersedes ?? null,
        reason: input.reason ?? null,
        reportedBy: actor.id,
      })
      .returning();
    await recordAudit(tx, actor, 'servicing.report', requestId, {
      reportId: report!.id,
      periodStart: input.periodStart,
      periodEnd: input.periodEnd,
      status: input.status,
      ...(input.supersedes ? { supersedes: input.supersedes } : {}),
    });
    return present(report!, actor.displayName, null);
  });
}

/** A correction names a current report of the same loan. */
async function assertCorrectable(tx: Executor, requestId: string, supersedes: string): Promise<void> {
  const [target] = await selectReports(tx).where(
    and(eq(servicingReports.id, supersedes), eq(servicingReports.requestId, requestId)),
  );
  if (!target) throw invalid('supersedes', 'servicing.supersedesUnknown');
  if (target.supersededBy !== null) {
    throw new AppError('INVALID_STATE', [{ path: 'supersedes', message: 'servicing.alreadySuperseded' }]);
  }
}

/** `GET /loan-requests/:id/servicing`: to whoever sees the loan in full, corrections included. */
export async function listServicing(db: Database, actor: Actor, requestId: string): Promise<{ items: ReportView[] }> {
  const [details] = await selectRequestDetails(db).where(eq(loanRequests.id, requestId));
  if (!details || (await visibilityOf(db, actor, details)) !== 'full') throw new AppError('NOT_FOUND');
  const rows = await selectReports(db)
    .where(eq(servicingReports.requestId, requestId))
    .orderBy(asc(servicingReports.periodStart), asc(servicingReports.reportedAt), asc(servicingReports.id));
  return { items: rows.map((r) => present(r.report, r.reportedBy, r.supersededBy)) };
}
