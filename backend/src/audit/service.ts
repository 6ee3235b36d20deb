import { and, count, desc, eq, gte, lt } from 'drizzle-orm';
import type { Actor } from '../access/roles';
import type { Database, Tx } from '../db/client';
import { writeAtCommit } from '../db/transaction';
import { offsetOf, pageOf } from '../http/pagination';
import { auditLog, type AuditAction } from './schema';

/**
 * Records a privileged action inside the transaction that performs it: the entry commits with
 * the action or not at all. `details` says what changed, never personal data or secrets.
 */
export async function recordAudit(
  tx: Tx,
  actor: Actor,
  action: AuditAction,
  subjectId: string,
  details: Record<string, unknown> = {},
): Promise<void> {
  await writeAtCommit(
    tx,
    tx.insert(auditLog).values({
      actorId: actor.id,
      actorUsername: actor.username,
      actorRole: actor.role,
      action,
      subjectId,
      details,
    }),
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface AuditQuery {
  /** A username or an account id. */
  actor?: string | undefined;
  action?: AuditAction | undefined;
  /** From this instant (included) to that one (excluded). */
  from?: Date | undefined;
  to?: Date | undefined;
  page: number;
  pageSize: number;
}

/** The log, newest first, for the platform admin. */
export async function listAudit(db: Database, query: AuditQuery) {
  const where = and(
    query.actor === undefined
      ? undefined
      : UUID.test(query.actor)
        ? eq(auditLog.actorId, query.actor)
        : eq(auditLog.actorUsername, query.actor.toLowerCase()),
    query.action ? eq(auditLog.action, query.action) : undefined,
    query.from ? gte(auditLog.at, query.from) : undefined,
    query.to ? lt(auditLog.at, query.to) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db.select().from(auditLog).where(where).orderBy(desc(auditLog.id)).limit(query.pageSize).offset(offsetOf(query)),
    db.select({ n: count() }).from(auditLog).where(where),
  ]);
  return pageOf(
    rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actor: { id: r.actorId, username: r.actorUsername, role: r.actorRole },
      action: r.action,
      subjectId: r.subjectId,
      details: r.details,
    })),
    total!.n,
    query,
  );
}
