import type { Authenticator } from '../auth/session';
import type { Database } from '../db/client';
import { pageSchema } from '../http/pagination';
import { defineRoute, type RouteDef } from '../http/route';
import { z } from '../http/zod';
import { createStaffAccount, listAccounts, resetPassword, setAccountStatus, updateAccount } from './service';
import { AccountPatch, AccountQuery, NewStaffAccount, PasswordReset } from './validation';
import { AccountView, PasswordResetDone } from './views';

const ById = z.object({ id: z.string().uuid() });

/** The platform admin's account console: staff accounts created, disabled, re-enabled, passwords reset. */
export function accountRoutes({ db, auth }: { db: Database; auth: Authenticator }): RouteDef[] {
  return [
    defineRoute({
      method: 'get',
      path: '/accounts',
      tag: 'accounts',
      summary: 'All accounts, by role, status, institution or name (platform admin)',
      access: ['admin'],
      query: AccountQuery,
      response: pageSchema(AccountView),
      handler: ({ query }) => listAccounts(db, query),
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
      handler: ({ actor, body }) => createStaffAccount(db, actor, body),
    }),
    defineRoute({
      method: 'patch',
      path: '/accounts/:id',
      tag: 'accounts',
      summary: "Set or clear an account's work phone, a mobile or a landline (platform admin)",
      access: ['admin'],
      params: ById,
      body: AccountPatch,
      response: AccountView,
      handler: ({ params, actor, body }) => updateAccount(db, actor, params.id, body),
    }),
    defineRoute({
      method: 'post',
      path: '/accounts/:id/disable',
      tag: 'accounts',
      summary: 'Disable an account; its sessions and tokens stop working at once (platform admin)',
      access: ['admin'],
      params: ById,
      response: AccountView,
      handler: async ({ params, actor }) => {
        const account = await setAccountStatus(db, actor, params.id, 'disabled');
        await auth.endAccess(account.id);
        return account;
      },
    }),
    defineRoute({
      method: 'post',
      path: '/accounts/:id/enable',
      tag: 'accounts',
      summary: 'Re-enable a disabled account; it signs in again (platform admin)',
      access: ['admin'],
      params: ById,
      response: AccountView,
      handler: async ({ params, actor }) => {
        const account = await setAccountStatus(db, actor, params.id, 'active');
        await auth.accountChanged(account.id);
        return account;
      },
    }),
    defineRoute({
      method: 'post',
      path: '/accounts/:id/reset-password',
      tag: 'accounts',
      summary:
        'Reset a password (platform admin): a temporary one, chosen or generated; the owner must change it at the next sign-in, and its sessions and tokens end',
      access: ['admin'],
      params: ById,
      body: PasswordReset,
      response: PasswordResetDone,
      handler: async ({ params, actor, body }) => {
        const done = await resetPassword(db, actor, params.id, body.password);
        await auth.endAccess(done.account.id);
        return done;
      },
    }),
  ];
}
