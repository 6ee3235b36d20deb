import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { users } from '../auth/schema';
import { products } from '../catalog/schema';
import type { Database, Executor, Tx } from '../db/client';
import { inTransaction } from '../db/transaction';
import { recordEvent } from '../outbox/outbox';
import { matchCandidates } from './matching';
import { loanRequests, requestCandidates, requestEvents, type PoolTier } from './schema';

/**
 * Opens a submitted request in the pool: computes its candidates (matching.ts) and the first
 * tier — a directed order's institution alone, otherwise the county. Idempotent: a request
 * that is no longer `submitted` is left as it is, so a redelivered event changes nothing.
 */
export async function openInPool(db: Database, requestId: string): Promise<boolean> {
  return inTransaction(db, async (tx) => {
    const [request] = await tx.select().from(loanRequests).where(eq(loanRequests.id, requestId)).for('update');
    if (!request || request.status !== 'submitted') return false;

    const listed = await tx.select().from(products).where(eq(products.status, 'listed'));
    const officers = await tx
      .select({ institutionId: users.institutionId, counties: users.countiesServed })
      .from(users)
      .where(and(eq(users.role, 'officer'), eq(users.status, 'active'), isNotNull(users.institutionId)));
    const officerCounties = new Map<string, string[]>();
    for (const o of officers) {
      officerCounties.set(o.institutionId!, [...(officerCounties.get(o.institutionId!) ?? []), ...o.counties]);
    }
    const candidates = matchCandidates({
      need: request,
      products: listed,
      officerCounties,
    });
    if (candidates.length) {
      await tx
        .insert(requestCandidates)
        .values(candidates.map((c) => ({ requestId, ...c })))
        .onConflictDoNothing();
    }

    const directed = request.productId ? listed.find((p) => p.id === request.productId) : undefined;
    const tier: PoolTier = directed ? 'exclusive' : 'county';
    await tx
      .update(loanRequests)
      .set({
        status: 'open',
        poolTier: tier,
        tierStartedAt: sql`now()`,
        exclusiveInstitutionId: directed?.institutionId ?? null,
        updatedAt: sql`now()`,
      })
      .where(eq(loanRequests.id, requestId));
    await tx.insert(requestEvents).values({
      requestId,
      fromStatus: 'submitted',
      toStatus: 'open',
      data: { tier, candidates: candidates.length },
    });
    await announceOpen(tx, { ...request, poolTier: tier, exclusiveInstitutionId: directed?.institutionId ?? null });
    return true;
  });
}

/** The institutions that may claim an open request at its current tier. */
export async function poolInstitutionIds(tx: Executor, request: typeof loanRequests.$inferSelect): Promise<string[]> {
  if (request.poolTier === 'exclusive') return [request.exclusiveInstitutionId!];
  const candidates = await tx
    .select()
    .from(requestCandidates)
    .where(and(eq(requestCandidates.requestId, request.id), eq(requestCandidates.excluded, false)));
  return candidates.filter((c) => request.poolTier === 'city' || c.servesCounty).map((c) => c.institutionId);
}

/**
 * Records `loan_request.opened` with the institutions that may claim the request at its tier,
 * so the stream can tell exactly those officers (stream/audience.ts).
 */
export async function announceOpen(tx: Tx, request: typeof loanRequests.$inferSelect): Promise<void> {
  await recordEvent(tx, {
    type: 'loan_request.opened',
    aggregateId: request.id,
    payload: {
      requestId: request.id,
      applicantId: request.applicantId,
      county: request.county,
      tier: request.poolTier,
      institutionIds: await poolInstitutionIds(tx, request),
    },
  });
}
