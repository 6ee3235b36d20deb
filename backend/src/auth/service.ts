import { createHash, randomBytes } from 'node:crypto';
import { and, count, desc, eq, gt, lte } from 'drizzle-orm';
import type { Database, Executor, Tx } from '../db/client';
import { uniqueViolation } from '../db/errors';
import { inTransaction } from '../db/transaction';
import { AppError } from '../http/errors';
import { recordEvent } from '../outbox/outbox';
import { recordAudit } from '../audit/service';
import { regions } from '../reference/schema';
import { hashPassword, UNKNOWN_USER_HASH, verifyPassword } from './passwords';
import type { Actor } from '../access/roles';
import { agreementConsents, apiTokens, enterpriseProfiles, individualProfiles, users } from './schema';
import type { Registration } from './validation';
import type { ActorView } from './views';

type UserRow = typeof users.$inferSelect;

export type RegistrationConsumer = (tx: Tx, user: UserRow) => Promise<void>;
const registrationConsumers = new Set<RegistrationConsumer>();

/**
 * Runs `consumer` in the transaction of every self-registration, after the account is written — so
 * that a module keeping figures of the accounts (supervision's registrations) keeps them in step
 * without this module knowing it. Registered once per process, by the platform core.
 */
export function consumeRegistrations(consumer: RegistrationConsumer): void {
  registrationConsumers.add(consumer);
}

export function toActor(user: UserRow): Actor {
  return {
    id: user.id,
    username: user.username,
    role: user.role,
    displayName: user.displayName,
    institutionId: user.institutionId,
    county: user.regionCode,
    countiesServed: user.countiesServed,
    mustChangePassword: user.mustChangePassword,
  };
}

/** The signed-in account as the API shows it: the actor, and an enterprise's industry. */
export async function accountView(db: Executor, actor: Actor): Promise<ActorView> {
  if (actor.role !== 'enterprise') return { ...actor, industry: null };
  const [profile] = await db
    .select({ industry: enterpriseProfiles.industry })
    .from(enterpriseProfiles)
    .where(eq(enterpriseProfiles.userId, actor.id));
  return { ...actor, industry: profile?.industry ?? null };
}

/** Loads the current actor for a session; a disabled account has none. */
export async function findActiveActor(db: Executor, userId: string): Promise<Actor | null> {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  return user && user.status === 'active' ? toActor(user) : null;
}

/** Checks a username and password; the same work is done whether or not the user exists. */
export async function authenticate(db: Database, username: string, password: string): Promise<Actor> {
  const [user] = await db.select().from(users).where(eq(users.username, username.trim().toLowerCase()));
  const ok = await verifyPassword(password, user?.passwordHash ?? UNKNOWN_USER_HASH);
  if (!user || !ok) throw new AppError('INVALID_CREDENTIALS');
  if (user.status !== 'active') throw new AppError('ACCOUNT_DISABLED');
  return toActor(user);
}

/**
 * Self-registration of an applicant: the account, its profile and the `account.registered` event.
 * The cheap refusals (a bad county, a taken username, credit code or ID) come before the costly
 * password hash, and so does `admit` (the per-address cap on registrations).
 */
export async function registerApplicant(db: Database, input: Registration, admit: () => Promise<void>): Promise<Actor> {
  if (input.password.toLowerCase() === input.username) {
    throw new AppError('VALIDATION_FAILED', [{ path: 'password', message: 'password.sameAsUsername' }]);
  }
  await assertCounty(db, input.county);
  await assertNotTaken(db, input);
  await admit();
  const passwordHash = await hashPassword(input.password);
  return inTransaction(db, async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({
        username: input.username,
        passwordHash,
        role: input.role,
        displayName: input.name,
        regionCode: input.county,
      })
      .returning();
    const userId = user!.id;
    for (const consumer of registrationConsumers) await consumer(tx, user!);
    if (input.role === 'enterprise') {
      await tx.insert(enterpriseProfiles).values({
        userId,
        name: input.name,
        uscc: input.uscc,
        industry: input.industry,
        phone: input.phone,
        contactName: input.contactName ?? null,
      });
    } else {
      await tx
        .insert(individualProfiles)
        .values({ userId, name: input.name, idNumber: input.idNumber, phone: input.phone });
    }
    await tx.insert(agreementConsents).values({ userId, version: input.agreementVersion, acceptedAt: user!.createdAt });
    await recordEvent(tx, {
      type: 'account.registered',
      aggregateId: userId,
      payload: { userId, role: input.role, displayName: input.name },
    });
    return toActor(user!);
  }).catch((err: unknown) => {
    // Two registrations racing past assertNotTaken: the unique constraint decides, still a 409.
    const constraint = uniqueViolation(err);
    if (constraint === null) throw err;
    const path = constraint.includes('uscc') ? 'uscc' : constraint.includes('id_number') ? 'idNumber' : 'username';
    throw new AppError('ALREADY_EXISTS', [{ path, message: `taken.${path}` }]);
  });
}

export async function assertCounty(db: Executor, code: string, path = 'county'): Promise<void> {
  const [region] = await db.select().from(regions).where(eq(regions.code, code));
  if (!region || region.level !== 'county') {
    throw new AppError('VALIDATION_FAILED', [{ path, message: 'county.unknown' }]);
  }
}

/** Answers a duplicate with a 409 naming the field; the unique constraints stay the final guard. */
async function assertNotTaken(db: Executor, input: Registration): Promise<void> {
  const taken: { path: string; message: string }[] = [];
  if ((await db.select({ id: users.id }).from(users).where(eq(users.username, input.username))).length) {
    taken.push({ path: 'username', message: 'taken.username' });
  }
  if (input.role === 'enterprise') {
    const same = await db.select().from(enterpriseProfiles).where(eq(enterpriseProfiles.uscc, input.uscc));
    if (same.length) taken.push({ path: 'uscc', message: 'taken.uscc' });
  } else {
    const same = await db.select().from(individualProfiles).where(eq(individualProfiles.idNumber, input.idNumber));
    if (same.length) taken.push({ path: 'idNumber', message: 'taken.idNumber' });
  }
  if (taken.length) throw new AppError('ALREADY_EXISTS', taken);
}

/** Only this is stored, and it keys the actor cache: the token itself is never kept. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Live bearer tokens an account may hold at once; past this it revokes one first. */
export const MAX_LIVE_TOKENS = 10;

/**
 * Issues a bearer token; only its hash is stored, so it is shown once. The account's row is
 * locked while its live tokens are counted, so concurrent requests cannot pass the cap together.
 */
export async function issueToken(
  db: Database,
  actor: Actor,
  ttlHours: number,
): Promise<{ token: string; expiresAt: string }> {
  const token = `lcf_${randomBytes(32).toString('base64url')}`;
  const expiresAt = new Date(Date.now() + ttlHours * 3600_000);
  await inTransaction(db, async (tx) => {
    await tx.select({ id: users.id }).from(users).where(eq(users.id, actor.id)).for('update');
    await tx.delete(apiTokens).where(and(eq(apiTokens.userId, actor.id), lte(apiTokens.expiresAt, new Date())));
    const [live] = await tx.select({ n: count() }).from(apiTokens).where(eq(apiTokens.userId, actor.id));
    if (live!.n >= MAX_LIVE_TOKENS) {
      throw new AppError('TOO_MANY_TOKENS', [{ path: 'username', message: 'tokens.limit' }]);
    }
    await tx.insert(apiTokens).values({ userId: actor.id, tokenHash: hashToken(token), expiresAt });
  });
  return { token, expiresAt: expiresAt.toISOString() };
}

/** The account's live tokens, newest first; `current` marks the one the request came with. */
export async function listTokens(db: Database, actor: Actor, currentHash: string | undefined) {
  const rows = await db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, actor.id), gt(apiTokens.expiresAt, new Date())))
    .orderBy(desc(apiTokens.createdAt));
  return {
    items: rows.map((r) => ({
      id: r.id,
      createdAt: r.createdAt.toISOString(),
      expiresAt: r.expiresAt.toISOString(),
      current: r.tokenHash === currentHash,
    })),
  };
}

/** Deletes one of the account's tokens and returns its hash; another account's token is not found. */
export async function revokeToken(db: Database, actor: Actor, id: string): Promise<string> {
  const [row] = await db
    .delete(apiTokens)
    .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, actor.id)))
    .returning({ tokenHash: apiTokens.tokenHash });
  if (!row) throw new AppError('NOT_FOUND');
  return row.tokenHash;
}

/**
 * The account's owner replaces its password (a temporary one included): the admin's flag is
 * cleared and its tokens die; the caller ends its sessions and signs the current one in afresh.
 */
export async function changePassword(db: Database, actor: Actor, currentPassword: string, newPassword: string) {
  if (newPassword === currentPassword) {
    throw new AppError('VALIDATION_FAILED', [{ path: 'newPassword', message: 'password.unchanged' }]);
  }
  if (newPassword.toLowerCase() === actor.username) {
    throw new AppError('VALIDATION_FAILED', [{ path: 'newPassword', message: 'password.sameAsUsername' }]);
  }
  const passwordHash = await hashPassword(newPassword);
  return inTransaction(db, async (tx) => {
    const [row] = await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: false })
      .where(eq(users.id, actor.id))
      .returning();
    await deleteTokensOf(tx, actor.id);
    await recordAudit(tx, actor, 'account.change_password', actor.id, { afterReset: actor.mustChangePassword });
    return toActor(row!);
  });
}

/** In the transaction that disables an account or changes its password: its tokens die with it. */
export async function deleteTokensOf(tx: Executor, userId: string): Promise<void> {
  await tx.delete(apiTokens).where(eq(apiTokens.userId, userId));
}

/** The active account a token stands for, and when the token expires: one query. */
export async function actorForToken(
  db: Executor,
  tokenHash: string,
): Promise<{ actor: Actor; expiresAt: Date } | null> {
  const [row] = await db
    .select({ user: users, expiresAt: apiTokens.expiresAt })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, tokenHash), gt(apiTokens.expiresAt, new Date()), eq(users.status, 'active')));
  return row ? { actor: toActor(row.user), expiresAt: row.expiresAt } : null;
}
