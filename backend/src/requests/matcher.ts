import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import { users } from '../auth/schema';
import type { CatalogSnapshot } from '../catalog/snapshot';
import type { SlaContext } from '../clock/clock';
import type { Database, Executor } from '../db/client';
import { inTransaction } from '../db/transaction';
import { institutions } from '../institutions/schema';
import { outbox } from '../outbox/schema';
import { matchCandidates, poolMembers, type Candidate } from './matching';
import { loanRequests, requestCandidates } from './schema';
import type { PoolTier } from '../lifecycle/state-machine';
import { transition } from './transitions';

/**
 * Each active institution with an active officer, mapped to the request's county when one of its
 * officers serves it (matching.ts looks at no other county): one row per institution. A suspended
 * institution is left out here, read now, even while a catalog snapshot loaded before its
 * suspension still lists its products.
 */
async function officerCountiesFor(db: Executor, county: string): Promise<Map<string, string[]>> {
  const rows = await db
    .select({
      institutionId: users.institutionId,
      servesCounty: sql<boolean>`bool_or(${county} = any(${users.countiesServed}))`,
    })
    .from(users)
    .innerJoin(institutions, eq(institutions.id, users.institutionId))
    .where(and(eq(users.role, 'officer'), eq(users.status, 'active'), eq(institutions.status, 'active')))
    .groupBy(users.institutionId);
  return new Map(rows.map((r) => [r.institutionId!, r.servesCounty ? [county] : []]));
}

/**
 * Opens a submitted request in the pool: computes its candidates (matching.ts) from the catalog
 * snapshot and the officers, then opens it at the first tier — a directed order's institution
 * alone, otherwise the county (the `open` transition). The matching is done before the transaction,
 * so the request row is locked only for the writes; a conditional update decides, so a redelivered
 * event, or a request cancelled meanwhile, changes nothing (idempotent).
 */
export async function openInPool(
  { db, catalog, sla }: { db: Database; catalog: CatalogSnapshot; sla: SlaContext },
  requestId: string,
): Promise<boolean> {
  const [request] = await db.select().from(loanRequests).where(eq(loanRequests.id, requestId));
  if (!request || request.status !== 'submitted') return false;
  const [listed, officerCounties] = await Promise.all([catalog.listed(), officerCountiesFor(db, request.county)]);
  const candidates = matchCandidates({ need: request, products: listed.map((e) => e.terms), officerCounties });
  const directed = request.productId ? listed.find((e) => e.terms.id === request.productId) : undefined;
  const tier: PoolTier = directed ? 'exclusive' : 'county';
  const exclusiveInstitutionId = directed?.terms.institutionId ?? null;

  return inTransaction(db, async (tx) => {
    const opened = await transition(tx, sla, 'open', requestId, {
      actor: null,
      entryTier: tier,
      set: { exclusiveInstitutionId },
      offeredTo: poolMembers(tier, exclusiveInstitutionId, candidates),
      data: { tier, candidates: candidates.length },
    });
    if (!opened || !candidates.length) return opened !== null;
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
    return true;
  });
}

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
        eq(outbox.eventType, 'loan_request.submitted'),
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
