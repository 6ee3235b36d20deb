import { and, eq, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import { users } from '../auth/schema';
import type { CatalogSnapshot } from '../catalog/snapshot';
import type { SlaContext } from '../sla/stages';
import type { Database, Executor, Tx } from '../db/client';
import { inTransaction } from '../db/transaction';
import { recordEvent, type DomainEvent } from '../outbox/outbox';
import { outbox } from '../outbox/schema';
import { matchCandidates, poolMembers, type Candidate } from './matching';
import { loanRequests, requestCandidates, requestEvents, type PoolTier } from './schema';

type RequestRow = typeof loanRequests.$inferSelect;

/**
 * Each institution with an active officer, mapped to the request's county when one of its
 * officers serves it (matching.ts looks at no other county): one row per institution.
 */
async function officerCountiesFor(db: Executor, county: string): Promise<Map<string, string[]>> {
  const rows = await db
    .select({
      institutionId: users.institutionId,
      servesCounty: sql<boolean>`bool_or(${county} = any(${users.countiesServed}))`,
    })
    .from(users)
    .where(and(eq(users.role, 'officer'), eq(users.status, 'active'), isNotNull(users.institutionId)))
    .groupBy(users.institutionId);
  return new Map(rows.map((r) => [r.institutionId!, r.servesCounty ? [county] : []]));
}

/**
 * Opens a submitted request in the pool: computes its candidates (matching.ts) from the catalog
 * snapshot and the officers, then opens it at the first tier — a directed order's institution
 * alone, otherwise the county. The matching is done before the transaction, so the request row is
 * locked only for the writes; a conditional update decides, so a redelivered event, or a request
 * cancelled meanwhile, changes nothing (idempotent).
 */
export async function openInPool(
  { db, catalog, sla }: { db: Database; catalog: CatalogSnapshot; sla: Pick<SlaContext, 'now'> },
  requestId: string,
): Promise<boolean> {
  const [request] = await db.select().from(loanRequests).where(eq(loanRequests.id, requestId));
  if (!request || request.status !== 'submitted') return false;
  const [listed, officerCounties] = await Promise.all([catalog.listed(), officerCountiesFor(db, request.county)]);
  const candidates = matchCandidates({ need: request, products: listed.map((e) => e.terms), officerCounties });
  const directed = request.productId ? listed.find((e) => e.terms.id === request.productId) : undefined;
  const tier: PoolTier = directed ? 'exclusive' : 'county';
  const exclusiveInstitutionId = directed?.terms.institutionId ?? null;

  const at = sla.now();
  return inTransaction(db, async (tx) => {
    const [opened] = await tx
      .update(loanRequests)
      .set({ status: 'open', poolTier: tier, tierStartedAt: at, exclusiveInstitutionId, updatedAt: sql`now()` })
      .where(and(eq(loanRequests.id, requestId), eq(loanRequests.status, 'submitted')))
      .returning();
    if (!opened) return false;
    if (candidates.length) {
      // One array per column: drizzle takes longer to build a VALUES list of dozens of rows than
      // PostgreSQL takes to run it. The columns are the table's, in its order.
      const column = <K extends keyof Candidate>(key: K) => sql.param(candidates.map((c) => c[key]));
      await tx
        .insert(requestCandidates)
        .select(
          sql`select ${requestId}::uuid, c.institution_id, c.product_id, c.serves_county, c.rank, false
            from unnest(${column('institutionId')}::uuid[], ${column('productId')}::uuid[],
              ${column('servesCounty')}::boolean[], ${column('rank')}::int[])
            as c(institution_id, product_id, serves_county, rank)`,
        )
        .onConflictDoNothing();
    }
    await tx.insert(requestEvents).values({
      requestId,
      fromStatus: 'submitted',
      toStatus: 'open',
      data: { tier, candidates: candidates.length },
      at,
    });
    await recordEvent(tx, openedEvent(opened, poolMembers(tier, exclusiveInstitutionId, candidates)));
    return true;
  });
}

/** The institutions that may claim an open request at its current tier. */
export async function poolInstitutionIds(tx: Executor, request: RequestRow): Promise<string[]> {
  const candidates = await tx.select().from(requestCandidates).where(eq(requestCandidates.requestId, request.id));
  return poolMembers(request.poolTier, request.exclusiveInstitutionId, candidates);
}

/**
 * `loan_request.opened` with the institutions that may claim the request at its tier, so the
 * stream can tell exactly those officers (stream/audience.ts).
 */
function openedEvent(request: RequestRow, institutionIds: string[]): DomainEvent {
  return {
    type: 'loan_request.opened',
    aggregateId: request.id,
    payload: {
      requestId: request.id,
      applicantId: request.applicantId,
      county: request.county,
      tier: request.poolTier,
      institutionIds,
    },
  };
}

/** Records `loan_request.opened` for a request (re)entering the pool at its current tier. */
export async function announceOpen(tx: Tx, request: RequestRow): Promise<void> {
  await recordEvent(tx, openedEvent(request, await poolInstitutionIds(tx, request)));
}

/** The event that starts the matcher; requests.service records it with every submission. */
export const SUBMITTED_EVENT = 'loan_request.submitted';

/**
 * A request still `submitted` `graceMs` after it was placed lost its matcher job — Redis flushed
 * or failed over after the relay had sent it. Marking its event's outbox row unsent makes the
 * relay send it again; BullMQ ignores the re-send if the job was only slow (same job id). Returns
 * how many rows were marked.
 */
export async function resendLostSubmissions(db: Database, graceMs: number): Promise<number> {
  const olderThanGrace = sql`now() - ${graceMs} * interval '1 millisecond'`;
  const stuck = await db
    .select({ id: loanRequests.id })
    .from(loanRequests)
    .where(and(eq(loanRequests.status, 'submitted'), lt(loanRequests.createdAt, olderThanGrace)));
  if (!stuck.length) return 0;
  const resent = await db
    .update(outbox)
    .set({ publishedAt: null })
    .where(
      and(
        eq(outbox.eventType, SUBMITTED_EVENT),
        inArray(
          outbox.aggregateId,
          stuck.map((r) => r.id),
        ),
        // Once per grace period, however long the request stays stuck.
        lt(outbox.publishedAt, olderThanGrace),
      ),
    )
    .returning({ id: outbox.id });
  return resent.length;
}
