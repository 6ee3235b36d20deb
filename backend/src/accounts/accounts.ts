import { asc, count, eq } from 'drizzle-orm';
import type { Database } from '../db/client';
import { inTransaction } from '../db/transaction';
import { uniqueViolation } from '../db/errors';
import { recordAudit } from '../audit/service';
import { AppError } from '../http/errors';
import { offsetOf, PageQuery, pageOf, pageSchema } from '../http/pagination';
import { defineRoute, type RouteDef } from '../http/route';
import { z } from '../http/zod';
import { institutions } from '../institutions/schema';
import { hashPassword } from '../auth/passwords';
import { assertCounty, deleteTokensOf, toActor } from '../auth/service';
import type { Authenticator } from '../auth/session';
import { users } from '../auth/schema';
import { CountyCode, DisplayName, Password, Username } from '../auth/validation';
import { ACCOUNT_STATUSES } from '../access/roles';

const STAFF_ROLES = ['admin', 'bureau', 'institution_admin', 'officer'] as const;

const NewStaffAccount = z
  .object({
    username: Username,
    password: Password,
    role: z.enum(STAFF_ROLES),
    displayName: DisplayName,
    institutionId: z.string().uuid().optional(),
    /** bureau only: the county supervised; omitted for the city bureau. */
    county: CountyCode.optional(),
  })
  .superRefine((a, ctx) => {
    const needsInstitution = a.role === 'officer' || a.role === 'institution_admin';
    if (needsInstitution && !a.institutionId) {
      ctx.addIssue({ code: 'custom', path: ['institutionId'], message: 'institution.unknown' });
    }
    if (!needsInstitution && a.institutionId) {
      ctx.addIssue({ code: 'custom', path: ['institutionId'], message: 'institution.unknown' });
    }
  });

const AccountView = z
  .object({
    id: z.string(),
    username: z.string(),
    role: z.string(),
    displayName: z.string(),
    institutionId: z.string().nullable(),
    county: z.string().nullable(),
    countiesServed: z.array(z.string()),
    status: z.enum(ACCOUNT_STATUSES),
  })
  .openapi('Account');

function accountView(user: typeof users.$inferSelect) {
  return { ...toActor(user), status: user.status };
}

/** The platform admin onboards staff: bureau supervisors, institution admins and officers. */
export function accountRoutes({ db, auth }: { db: Database; auth: Authenticator }): RouteDef[] {
  return [
    defineRoute({
      method: 'get',
      path: '/accounts',
      tag: 'accounts',
      summary: 'All accounts (platform admin)',
      access: ['admin'],
      query: PageQuery,
      response: pageSchema(AccountView),
      handler: async ({ query }) => {
        const [rows, [total]] = await Promise.all([
          db.select().from(users).orderBy(asc(users.username)).limit(query.pageSize).offset(offsetOf(query)),
          db.select({ n: count() }).from(users),
        ]);
        return pageOf(rows.map(accountView), total!.n, query);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/accounts',
      tag: 'accounts',
      summary: 'Create a staff account (platform admin)',
      access: ['admin'],
      body: NewStaffAccount,
      errors: ['ALREADY_EXISTS'],
      status: 201,
      response: AccountView,
      handler: async ({ actor, body }) => {
        if (body.county) await assertCounty(db, body.county);
        if (body.institutionId) {
          const [inst] = await db.select().from(institutions).where(eq(institutions.id, body.institutionId));
          if (!inst)
            throw new AppError('VALIDATION_FAILED', [{ path: 'institutionId', message: 'institution.unknown' }]);
        }
        const passwordHash = await hashPassword(body.password);
        try {
          return await inTransaction(db, async (tx) => {
            const [user] = await tx
              .insert(users)
              .values({
                username: body.username,
                passwordHash,
                role: body.role,
                displayName: body.displayName,
                institutionId: body.institutionId ?? null,
                regionCode: body.role === 'bureau' ? (body.county ?? null) : null,
              })
              .returning();
            const { username, role, institutionId, regionCode } = user!;
            await recordAudit(tx, actor, 'account.create', user!.id, { username, role, institutionId, regionCode });
            return accountView(user!);
          });
        } catch (err) {
          if (uniqueViolation(err) === null) throw err;
          throw new AppError('ALREADY_EXISTS', [{ path: 'username', message: 'taken.username' }]);
        }
      },
    }),
    defineRoute({
      method: 'post',
      path: '/accounts/:id/disable',
      tag: 'accounts',
      summary: 'Disable an account; its sessions and tokens stop working at once (platform admin)',
      access: ['admin'],
      params: z.object({ id: z.string().uuid() }),
      response: AccountView,
      handler: async ({ params, actor }) => {
        if (params.id === actor.id) throw new AppError('FORBIDDEN');
        const user = await inTransaction(db, async (tx) => {
          const [row] = await tx.update(users).set({ status: 'disabled' }).where(eq(users.id, params.id)).returning();
          if (!row) throw new AppError('NOT_FOUND');
          await deleteTokensOf(tx, row.id);
          await recordAudit(tx, actor, 'account.disable', row.id, { username: row.username });
          return row;
        });
        await auth.endAccess(user.id);
        return accountView(user);
      },
    }),
  ];
}
