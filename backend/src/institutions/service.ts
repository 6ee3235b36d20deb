import { and, asc, count, eq, ilike, inArray, type SQL } from 'drizzle-orm';
import { assertActsForInstitution } from '../auth/scope';
import type { Actor } from '../access/roles';
import { recordAudit } from '../audit/service';
import type { Database, Executor } from '../db/client';
import { inTransaction } from '../db/transaction';
import { uniqueViolation } from '../db/errors';
import { AppError } from '../http/errors';
import { offsetOf, pageOf } from '../http/pagination';
import { likePattern } from '../db/like';
import { regions } from '../reference/schema';
import { hashPassword } from '../auth/passwords';
import { users } from '../auth/schema';
import type { InstitutionStatus, InstitutionType } from './enums';
import { institutions } from './schema';
import type { InstitutionProfileInput, NewInstitutionInput } from './validation';
import type { InstitutionView } from './views';

type InstitutionRow = typeof institutions.$inferSelect;

export function institutionView(row: InstitutionRow): InstitutionView {
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    level: row.level,
    parentId: row.parentId,
    regionCode: row.regionCode,
    countiesServed: row.countiesServed,
    contactName: row.contactName,
    contactPhone: row.contactPhone,
    address: row.address,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * Institutions on the platform; a suspended one only for the platform admin, who may ask for
 * either status.
 */
export async function listInstitutions(
  db: Database,
  actor: Actor | null,
  query: {
    type?: InstitutionType;
    region?: string;
    q?: string;
    status?: InstitutionStatus | undefined;
    page: number;
    pageSize: number;
  },
) {
  const filters: SQL[] = [];
  const status = actor?.role === 'admin' ? query.status : 'active';
  if (status) filters.push(eq(institutions.status, status));
  if (query.type) filters.push(eq(institutions.type, query.type));
  if (query.region) filters.push(eq(institutions.regionCode, query.region));
  if (query.q) filters.push(ilike(institutions.name, likePattern(query.q)));
  const where = filters.length ? and(...filters) : undefined;
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(institutions)
      .where(where)
      .orderBy(asc(institutions.name))
      .limit(query.pageSize)
      .offset(offsetOf(query)),
    db.select({ n: count() }).from(institutions).where(where),
  ]);
  return pageOf(rows.map(institutionView), total!.n, query);
}

export async function getInstitution(db: Executor, id: string): Promise<InstitutionRow> {
  const [row] = await db.select().from(institutions).where(eq(institutions.id, id));
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/** County codes must name counties of this city; `path` names the field in the error. */
export async function assertCountyCodes(db: Executor, codes: string[] | undefined, path: string): Promise<void> {
  if (!codes?.length) return;
  const known = await db
    .select({ code: regions.code })
    .from(regions)
    .where(and(inArray(regions.code, codes), eq(regions.level, 'county')));
  const knownCodes = new Set(known.map((r) => r.code));
  const problems = codes.flatMap((c, i) =>
    knownCodes.has(c) ? [] : [{ path: `${path}.${i}`, message: 'county.unknown' }],
  );
  if (problems.length) throw new AppError('VALIDATION_FAILED', problems);
}

/**
 * Products and officers serve only where their institution does: named counties must be among
 * its counties served, and "the whole city" needs an institution serving every county.
 */
export async function assertServedByInstitution(
  db: Executor,
  institutionId: string,
  area: { counties?: string[] | undefined; allCounties?: boolean | undefined },
  path: string,
): Promise<void> {
  const [institution] = await db
    .select({ served: institutions.countiesServed })
    .from(institutions)
    .where(eq(institutions.id, institutionId));
  const served = new Set(institution?.served ?? []);
  const problems = (area.counties ?? []).flatMap((c, i) =>
    served.has(c) ? [] : [{ path: `${path}.${i}`, message: 'counties.notServed' }],
  );
  if (area.allCounties) {
    const counties = await db.select({ code: regions.code }).from(regions).where(eq(regions.level, 'county'));
    if (counties.some((c) => !served.has(c.code)))
      problems.push({ path: 'allCounties', message: 'counties.notServed' });
  }
  if (problems.length) throw new AppError('VALIDATION_FAILED', problems);
}

/**
 * The platform admin onboards an institution, and its first admin in the same transaction (with a
 * temporary password, replaced at the first sign-in): neither exists without the other.
 */
export async function createInstitution(db: Database, actor: Actor, input: NewInstitutionInput) {
  const [region] = await db.select().from(regions).where(eq(regions.code, input.regionCode));
  if (!region) throw new AppError('VALIDATION_FAILED', [{ path: 'regionCode', message: 'county.unknown' }]);
  await assertCountyCodes(db, input.countiesServed, 'countiesServed');
  if (input.parentId) {
    const [parent] = await db.select().from(institutions).where(eq(institutions.id, input.parentId));
    if (!parent) throw new AppError('VALIDATION_FAILED', [{ path: 'parentId', message: 'institution.unknown' }]);
  } else if (input.level === 'sub_branch') {
    throw new AppError('VALIDATION_FAILED', [{ path: 'parentId', message: 'institution.unknown' }]);
  }
  const { firstAdmin, ...fields } = input;
  if (firstAdmin) {
    const [taken] = await db.select({ id: users.id }).from(users).where(eq(users.username, firstAdmin.username));
    if (taken) throw new AppError('ALREADY_EXISTS', [{ path: 'firstAdmin.username', message: 'taken.username' }]);
  }
  const passwordHash = firstAdmin && (await hashPassword(firstAdmin.password));
  try {
    return await inTransaction(db, async (tx) => {
      const [row] = await tx.insert(institutions).values(fields).returning();
      await recordAudit(tx, actor, 'institution.create', row!.id, { name: row!.name });
      if (firstAdmin && passwordHash) {
        const [admin] = await tx
          .insert(users)
          .values({
            username: firstAdmin.username,
            passwordHash,
            role: 'institution_admin',
            displayName: firstAdmin.displayName,
            institutionId: row!.id,
            mustChangePassword: true,
          })
          .returning({ id: users.id });
        await recordAudit(tx, actor, 'account.create', admin!.id, {
          username: firstAdmin.username,
          role: 'institution_admin',
          institutionId: row!.id,
          mustChangePassword: true,
        });
      }
      return institutionView(row!);
    });
  } catch (err) {
    const constraint = uniqueViolation(err);
    if (constraint === null) throw err;
    const path = constraint.includes('username') ? 'firstAdmin.username' : 'name';
    throw new AppError('ALREADY_EXISTS', [{ path, message: path === 'name' ? 'taken.name' : 'taken.username' }]);
  }
}

/**
 * Suspends or reinstates an institution (platform admin). While suspended its products are out of
 * the catalog and its officers cannot claim; its accounts still sign in, to finish what they hold.
 */
export async function setInstitutionStatus(
  db: Database,
  actor: Actor,
  id: string,
  status: InstitutionStatus,
  reason?: string,
) {
  return inTransaction(db, async (tx) => {
    const [row] = await tx.update(institutions).set({ status }).where(eq(institutions.id, id)).returning();
    if (!row) throw new AppError('NOT_FOUND');
    const action = status === 'suspended' ? 'institution.suspend' : 'institution.reinstate';
    await recordAudit(tx, actor, action, id, reason ? { reason } : {});
    return institutionView(row);
  });
}

/** An officer's institution must be active for it to claim (or be assigned) work. */
export async function assertInstitutionActive(db: Executor, id: string): Promise<void> {
  const [row] = await db.select({ status: institutions.status }).from(institutions).where(eq(institutions.id, id));
  if (row?.status !== 'active') {
    throw new AppError('FORBIDDEN', [{ path: 'institutionId', message: 'institution.suspended' }]);
  }
}

/**
 * Its own admin (or the platform admin) keeps an institution's contact details current. The
 * counties it serves bound where its products and officers may serve, so only the platform admin
 * changes them; the audit entry keeps the counties served before the change.
 */
export async function updateInstitutionProfile(
  db: Database,
  actor: Actor,
  id: string,
  profile: InstitutionProfileInput,
) {
  assertActsForInstitution(actor, id);
  await assertCountyCodes(db, profile.countiesServed, 'countiesServed');
  // An empty patch changes nothing (and an UPDATE needs something to set).
  if (Object.values(profile).every((v) => v === undefined)) return institutionView(await getInstitution(db, id));
  return inTransaction(db, async (tx) => {
    const [current] = await tx.select().from(institutions).where(eq(institutions.id, id)).for('update');
    if (!current) throw new AppError('NOT_FOUND');
    const counties = profile.countiesServed;
    const countiesChange = counties !== undefined && !sameCounties(counties, current.countiesServed);
    if (countiesChange && actor.role !== 'admin') {
      throw new AppError('FORBIDDEN', [{ path: 'countiesServed', message: 'counties.platformAdminOnly' }]);
    }
    const [row] = await tx.update(institutions).set(profile).where(eq(institutions.id, id)).returning();
    // The profile is public (GET /institutions/:id): the change itself may be kept.
    await recordAudit(tx, actor, 'institution.update', id, {
      changes: profile,
      ...(countiesChange ? { previousCountiesServed: current.countiesServed } : {}),
    });
    return institutionView(row!);
  });
}

const sameCounties = (a: readonly string[], b: readonly string[]) =>
  new Set(a).size === new Set(b).size && a.every((c) => b.includes(c));
