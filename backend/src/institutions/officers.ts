import { and, asc, eq } from 'drizzle-orm';
import { hashPassword } from '../auth/passwords';
import { assertActsForInstitution } from '../auth/scope';
import type { Actor } from '../access/roles';
import { recordAudit } from '../audit/service';
import { users } from '../auth/schema';
import { deleteTokensOf } from '../auth/service';
import type { Database } from '../db/client';
import { inTransaction } from '../db/transaction';
import { uniqueViolation } from '../db/errors';
import { AppError } from '../http/errors';
import { assertCountyCodes, assertServedByInstitution, getInstitution } from './service';
import type { NewOfficerInput } from './validation';
import type { Officers, OfficerView } from './views';

type UserRow = typeof users.$inferSelect;

export function officerView(u: UserRow): OfficerView {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    countiesServed: u.countiesServed,
    workPhone: u.workPhone,
    status: u.status,
  };
}

const officersOf = (institutionId: string) => and(eq(users.institutionId, institutionId), eq(users.role, 'officer'));

export async function listOfficers(db: Database, actor: Actor, institutionId: string): Promise<Officers> {
  assertActsForInstitution(actor, institutionId);
  const rows = await db.select().from(users).where(officersOf(institutionId)).orderBy(asc(users.username));
  return { items: rows.map(officerView) };
}

export async function createOfficer(db: Database, actor: Actor, institutionId: string, input: NewOfficerInput) {
  assertActsForInstitution(actor, institutionId);
  await getInstitution(db, institutionId);
  await assertCountyCodes(db, input.countiesServed, 'countiesServed');
  await assertServedByInstitution(db, institutionId, { counties: input.countiesServed }, 'countiesServed');
  const passwordHash = await hashPassword(input.password);
  try {
    return await inTransaction(db, async (tx) => {
      const [row] = await tx
        .insert(users)
        .values({
          username: input.username,
          passwordHash,
          role: 'officer',
          displayName: input.displayName,
          institutionId,
          countiesServed: input.countiesServed,
          workPhone: input.workPhone ?? null,
        })
        .returning();
      await recordAudit(tx, actor, 'officer.create', row!.id, { institutionId, countiesServed: input.countiesServed });
      return officerView(row!);
    });
  } catch (err) {
    if (uniqueViolation(err) === null) throw err;
    throw new AppError('ALREADY_EXISTS', [{ path: 'username', message: 'taken.username' }]);
  }
}

/** Disabling deletes the officer's tokens (re-enabling revives none); the caller ends its sessions and streams. */
export async function updateOfficer(
  db: Database,
  actor: Actor,
  institutionId: string,
  officerId: string,
  patch: {
    displayName?: string | undefined;
    countiesServed?: string[] | undefined;
    workPhone?: string | null | undefined;
    status?: 'active' | 'disabled' | undefined;
  },
) {
  assertActsForInstitution(actor, institutionId);
  await assertCountyCodes(db, patch.countiesServed, 'countiesServed');
  await assertServedByInstitution(db, institutionId, { counties: patch.countiesServed }, 'countiesServed');
  const officer = and(eq(users.id, officerId), officersOf(institutionId));
  // An empty patch changes nothing (and an UPDATE needs something to set).
  if (Object.values(patch).every((v) => v === undefined)) {
    const [row] = await db.select().from(users).where(officer);
    if (!row) throw new AppError('NOT_FOUND');
    return officerView(row);
  }
  return inTransaction(db, async (tx) => {
    const [row] = await tx.update(users).set(patch).where(officer).returning();
    if (!row) throw new AppError('NOT_FOUND');
    if (patch.status === 'disabled') await deleteTokensOf(tx, row.id);
    await recordAudit(tx, actor, 'officer.update', row.id, { changes: patch });
    return officerView(row);
  });
}
