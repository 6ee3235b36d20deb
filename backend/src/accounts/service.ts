import { and, asc, count, eq, ilike, or, type SQL } from 'drizzle-orm';
import type { Actor } from '../access/roles';
import { recordAudit } from '../audit/service';
import { hashPassword } from '../auth/passwords';
import { users } from '../auth/schema';
import { assertCounty, deleteTokensOf } from '../auth/service';
import type { Database, Executor } from '../db/client';
import { uniqueViolation } from '../db/errors';
import { likePattern } from '../db/like';
import { inTransaction } from '../db/transaction';
import { AppError } from '../http/errors';
import { offsetOf, pageOf } from '../http/pagination';
import { institutions } from '../institutions/schema';
import { generateTemporaryPassword } from './password';
import type { AccountPatchBody, AccountQueryInput, NewStaffAccountInput } from './validation';
import type { AccountView, PasswordResetDone } from './views';

type UserRow = typeof users.$inferSelect;

export function accountView(user: UserRow, institutionName: string | null): AccountView {
  return {
    id: user.id,
    username: user.username,
    role: user.role,
    displayName: user.displayName,
    institutionId: user.institutionId,
    institutionName,
    county: user.regionCode,
    countiesServed: user.countiesServed,
    workPhone: user.workPhone,
    status: user.status,
    mustChangePassword: user.mustChangePassword,
    createdAt: user.createdAt.toISOString(),
  };
}

const withInstitution = { user: users, institutionName: institutions.name };

export async function listAccounts(db: Database, query: AccountQueryInput) {
  const filters: SQL[] = [];
  if (query.role) filters.push(eq(users.role, query.role));
  if (query.status) filters.push(eq(users.status, query.status));
  if (query.institutionId) filters.push(eq(users.institutionId, query.institutionId));
  if (query.q) {
    const pattern = likePattern(query.q);
    filters.push(or(ilike(users.username, pattern), ilike(users.displayName, pattern))!);
  }
  const where = filters.length ? and(...filters) : undefined;
  const [rows, [total]] = await Promise.all([
    db
      .select(withInstitution)
      .from(users)
      .leftJoin(institutions, eq(institutions.id, users.institutionId))
      .where(where)
      .orderBy(asc(users.username))
      .limit(query.pageSize)
      .offset(offsetOf(query)),
    db.select({ n: count() }).from(users).where(where),
  ]);
  return pageOf(
    rows.map((r) => accountView(r.user, r.institutionName)),
    total!.n,
    query,
  );
}

async function institutionNameOf(db: Executor, id: string | null): Promise<string | null> {
  if (!id) return null;
  const [row] = await db.select({ name: institutions.name }).from(institutions).where(eq(institutions.id, id));
  return row?.name ?? null;
}

export async function createStaffAccount(db: Database, actor: Actor, input: NewStaffAccountInput) {
  const county = input.county ?? input.region;
  if (county) await assertCounty(db, county, input.county ? 'county' : 'region');
  const institutionName = await institutionNameOf(db, input.institutionId ?? null);
  if (input.institutionId && institutionName === null) {
    throw new AppError('VALIDATION_FAILED', [{ path: 'institutionId', message: 'institution.unknown' }]);
  }
  const passwordHash = await hashPassword(input.password);
  try {
    return await inTransaction(db, async (tx) => {
      const [user] = await tx
        .insert(users)
        .values({
          username: input.username,
          passwordHash,
          role: input.role,
          displayName: (input.displayName ?? input.name)!,
          institutionId: input.institutionId ?? null,
          regionCode: input.role === 'bureau' ? (county ?? null) : null,
          mustChangePassword: input.mustChangePassword,
          workPhone: input.workPhone ?? null,
        })
        .returning();
      const { username, role, institutionId, regionCode, mustChangePassword } = user!;
      await recordAudit(tx, actor, 'account.create', user!.id, {
        username,
        role,
        institutionId,
        regionCode,
        mustChangePassword,
      });
      return accountView(user!, institutionName);
    });
  } catch (err) {
    if (uniqueViolation(err) === null) throw err;
    throw new AppError('ALREADY_EXISTS', [{ path: 'username', message: 'taken.username' }]);
  }
}

/** The admin acts on other accounts; its own it changes through the ordinary paths (a locked-out platform helps no one). */
function assertNotSelf(actor: Actor, id: string): void {
  if (id === actor.id) throw new AppError('FORBIDDEN', [{ path: 'id', message: 'account.self' }]);
}

/** Disabling deletes the account's tokens; the caller ends its sessions and streams. */
export async function setAccountStatus(db: Database, actor: Actor, id: string, status: 'active' | 'disabled') {
  assertNotSelf(actor, id);
  return inTransaction(db, async (tx) => {
    const [row] = await tx.update(users).set({ status }).where(eq(users.id, id)).returning();
    if (!row) throw new AppError('NOT_FOUND');
    if (status === 'disabled') await deleteTokensOf(tx, row.id);
    const action = status === 'disabled' ? 'account.disable' : 'account.enable';
    await recordAudit(tx, actor, action, row.id, { username: row.username });
    return accountView(row, await institutionNameOf(tx, row.institutionId));
  });
}

/** The admin sets any account's work phone (an officer's is what applicants call after a claim). */
export async function updateAccount(db: Database, actor: Actor, id: string, patch: AccountPatchBody) {
  return inTransaction(db, async (tx) => {
    const [row] = await tx.update(users).set({ workPhone: patch.workPhone }).where(eq(users.id, id)).returning();
    if (!row) throw new AppError('NOT_FOUND');
    await recordAudit(tx, actor, 'account.update', row.id, { username: row.username, changes: patch });
    return accountView(row, await institutionNameOf(tx, row.institutionId));
  });
}

/**
 * The admin sets a temporary password (or has one generated, returned this once): the account
 * must change it at its next sign-in, and its tokens die here; the caller ends its sessions.
 */
export async function resetPassword(
  db: Database,
  actor: Actor,
  id: string,
  chosen: string | undefined,
): Promise<PasswordResetDone> {
  assertNotSelf(actor, id);
  const password = chosen ?? generateTemporaryPassword();
  const passwordHash = await hashPassword(password);
  return inTransaction(db, async (tx) => {
    const [row] = await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: true })
      .where(eq(users.id, id))
      .returning();
    if (!row) throw new AppError('NOT_FOUND');
    await deleteTokensOf(tx, row.id);
    // Never the password itself: only who reset whom, and whether the admin chose it.
    await recordAudit(tx, actor, 'account.reset_password', row.id, { username: row.username, generated: !chosen });
    const account = accountView(row, await institutionNameOf(tx, row.institutionId));
    return chosen ? { account } : { account, generatedPassword: password };
  });
}
