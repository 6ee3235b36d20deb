import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { Actor } from '../access/roles';
import { users } from '../auth/schema';
import type { Database, Tx } from '../db/client';
import { writeAtCommit } from '../db/transaction';
import { AppError } from '../http/errors';
import { offsetOf, pageOf } from '../http/pagination';
import type { LedgerKind } from './enums';
import { programLedger, programs } from './schema';
import { cityCodeOf } from './program-scope';
import { findProgram, readsProgram } from './read-scope';

/**
 * A program's money (fiscal-design.md): an approval commits part of the budget, a payment turns
 * the commitment into money paid, a recovery after compensation returns money to the pool. Each
 * movement is one statement on the program's row and one ledger row, in the caller's transaction.
 */

/** Fen as yuan with two decimals, as the messages and the treasury read money. */
export const yuanText = (fen: number) => (fen / 100).toFixed(2);

interface Movement {
  programId: string;
  claimId: string;
  amountFen: number;
  /** The day it happened. */
  on: string;
  actor: Actor;
}

async function appendLedger(tx: Tx, kind: LedgerKind, m: Movement): Promise<void> {
  await writeAtCommit(
    tx,
    tx.insert(programLedger).values({
      programId: m.programId,
      claimId: m.claimId,
      kind,
      amountFen: m.amountFen,
      on: m.on,
      actorId: m.actor.id,
    }),
  );
}

/**
 * 复核 approval: charges the budget in one guarded UPDATE. Concurrent approvals queue on the
 * program's row and each re-checks the guard once it holds it, so of any number competing for the
 * last of a budget exactly those that fit succeed; the others get 422 with what remains.
 */
export async function commitToBudget(tx: Tx, m: Movement): Promise<void> {
  const charged = await tx
    .update(programs)
    .set({ committedFen: sql`${programs.committedFen} + ${m.amountFen}` })
    .where(
      and(
        eq(programs.id, m.programId),
        sql`${programs.committedFen} + ${programs.paidFen} + ${m.amountFen} <= ${programs.budgetFen}`,
      ),
    )
    .returning({ id: programs.id });
  if (charged.length === 0) {
    const [left] = await tx
      .select({
        fen: sql<number>`${programs.budgetFen} - ${programs.committedFen} - ${programs.paidFen}`.mapWith(Number),
      })
      .from(programs)
      .where(eq(programs.id, m.programId));
    throw new AppError('INVALID_STATE', [
      { path: 'budget', message: 'claim.budgetExceeded', params: { remaining: yuanText(left!.fen) } },
    ]);
  }
  await appendLedger(tx, 'commit', m);
}

/** Payment: the commitment becomes money paid (the budget's use does not change). */
export async function payCommitment(tx: Tx, m: Movement): Promise<void> {
  await tx
    .update(programs)
    .set({
      committedFen: sql`${programs.committedFen} - ${m.amountFen}`,
      paidFen: sql`${programs.paidFen} + ${m.amountFen}`,
    })
    .where(eq(programs.id, m.programId));
  await appendLedger(tx, 'pay', m);
}

/** A recovery after compensation: the program's share flows back to the pool (a negative ledger row). */
export async function returnToPool(tx: Tx, m: Movement): Promise<void> {
  await tx
    .update(programs)
    .set({ paidFen: sql`${programs.paidFen} - ${m.amountFen}` })
    .where(eq(programs.id, m.programId));
  await appendLedger(tx, 'recovery', { ...m, amountFen: -m.amountFen });
}

/** `GET /programs/:id/ledger`: every movement, in the order it happened. */
export async function ledgerPage(
  db: Database,
  actor: Actor,
  programId: string,
  query: { page: number; pageSize: number },
) {
  const program = await findProgram(db, programId);
  if (!readsProgram(actor, program, await cityCodeOf(db))) {
    throw new AppError('FORBIDDEN', [{ path: 'region', message: 'program.regionOutOfScope' }]);
  }
  const where = eq(programLedger.programId, programId);
  const [rows, [total]] = await Promise.all([
    db
      .select({ entry: programLedger, actor: users.displayName })
      .from(programLedger)
      .innerJoin(users, eq(users.id, programLedger.actorId))
      .where(where)
      .orderBy(asc(programLedger.id))
      .limit(query.pageSize)
      .offset(offsetOf(query)),
    db.select({ n: count() }).from(programLedger).where(where),
  ]);
  return pageOf(
    rows.map(({ entry, actor: name }) => ({
      id: entry.id,
      kind: entry.kind,
      claimId: entry.claimId,
      amountFen: entry.amountFen,
      on: entry.on,
      actor: name,
      at: entry.at.toISOString(),
    })),
    total!.n,
    query,
  );
}
