import type { Config } from '../config';
import type { Database } from '../db/client';
import { AppError } from '../http/errors';
import type { UsageLimits } from '../http/limits';
import { defineRoute, type RouteDef } from '../http/route';
import { z } from '../http/zod';
import { tokenHashOf } from './credentials';
import { accountView, changePassword, issueToken, listTokens, registerApplicant, revokeToken } from './service';
import { SESSION_COOKIE, type Authenticator } from './session';
import { Credentials, PasswordChange, RegistrationSchema } from './validation';
import { CsrfToken, IssuedToken, Me, Registered, SignedIn, Tokens } from './views';

/** Registrations (that pass the cheap checks) one address may make per hour: each costs a password hash. */
export const REGISTRATIONS_PER_ADDRESS = { points: 20, duration: 3600 };

export function authRoutes(deps: {
  db: Database;
  config: Config;
  auth: Authenticator;
  limits: UsageLimits;
}): RouteDef[] {
  const { db, config, auth } = deps;
  const admitRegistration = deps.limits.rate('registrations', REGISTRATIONS_PER_ADDRESS);

  return [
    defineRoute({
      method: 'get',
      path: '/auth/csrf',
      tag: 'auth',
      summary: 'CSRF token for cookie-session writes (send it as x-csrf-token)',
      access: 'public',
      beforePasswordChange: true,
      errors: ['VALIDATION_FAILED'],
      response: CsrfToken,
      handler: async ({ req }) => {
        // A bearer request runs without a session to keep the token in, and its writes need none.
        if (req.viaBearer) {
          throw new AppError('VALIDATION_FAILED', [{ path: 'Authorization', message: 'csrf.bearer' }]);
        }
        return { csrfToken: auth.csrf.generateToken(req) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/auth/register',
      tag: 'auth',
      summary: 'Self-registration of an enterprise or an individual',
      access: 'public',
      body: RegistrationSchema,
      errors: ['ALREADY_EXISTS', 'RATE_LIMITED'],
      status: 201,
      response: Registered,
      handler: async ({ body, req }) => {
        const address = req.ip ?? req.socket.remoteAddress ?? 'unknown';
        const actor = await registerApplicant(db, body, () => admitRegistration(address));
        return { id: actor.id, username: actor.username, role: actor.role };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/auth/login',
      tag: 'auth',
      summary: 'Sign in with a cookie session; returns the actor and a fresh CSRF token',
      access: 'public',
      beforePasswordChange: true,
      body: Credentials,
      errors: ['INVALID_CREDENTIALS', 'ACCOUNT_DISABLED', 'RATE_LIMITED'],
      response: SignedIn,
      handler: async ({ req, res }) => {
        // A cookie session cannot start on a bearer request: it runs without one.
        if (req.viaBearer) {
          throw new AppError('VALIDATION_FAILED', [{ path: 'Authorization', message: 'login.bearer' }]);
        }
        const actor = await auth.verifyPassword(req, res);
        // passport regenerates the session on login (no fixation), so the CSRF token is new too.
        await auth.startSession(req, actor);
        return { user: await accountView(db, actor), csrfToken: auth.csrf.generateToken(req, true) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/auth/logout',
      tag: 'auth',
      summary: 'Sign out and destroy the session',
      access: 'authenticated',
      beforePasswordChange: true,
      handler: async ({ req, res }) => {
        // A bearer request has no session to end; its token lasts until it expires or is revoked.
        if (req.viaBearer) return undefined;
        await auth.endSession(req);
        res.clearCookie(SESSION_COOKIE);
        return undefined;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/auth/me',
      tag: 'auth',
      summary: 'The signed-in actor',
      access: 'authenticated',
      beforePasswordChange: true,
      response: Me,
      handler: async ({ actor }) => ({ user: await accountView(db, actor) }),
    }),
    defineRoute({
      method: 'post',
      path: '/auth/change-password',
      tag: 'auth',
      summary:
        'Replace one’s password (required after an admin reset); every other session and token of the account ends, this session is signed in afresh',
      access: 'authenticated',
      beforePasswordChange: true,
      body: PasswordChange,
      errors: ['RATE_LIMITED'],
      response: SignedIn,
      handler: async ({ actor, body, req }) => {
        if (req.viaBearer) {
          throw new AppError('VALIDATION_FAILED', [{ path: 'Authorization', message: 'password.bearer' }]);
        }
        // Behind the sign-in guard: a session left open must not become a password oracle.
        await auth
          .checkPassword(req.ip ?? req.socket.remoteAddress ?? 'unknown', actor.username, body.currentPassword)
          .catch((err: unknown) => {
            if (err instanceof AppError && err.code === 'INVALID_CREDENTIALS') {
              throw new AppError('VALIDATION_FAILED', [{ path: 'currentPassword', message: 'password.wrong' }]);
            }
            throw err;
          });
        const changed = await changePassword(db, actor, body.currentPassword, body.newPassword);
        await auth.endAccess(actor.id);
        await auth.startSession(req, changed);
        return { user: await accountView(db, changed), csrfToken: auth.csrf.generateToken(req, true) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/auth/tokens',
      tag: 'auth',
      summary: 'Bearer token for scripted clients (Authorization: Bearer <token>)',
      access: 'public',
      // Credentials in the body, no cookie involved: nothing for a cross-site request to ride on.
      csrfExempt: true,
      body: Credentials,
      errors: ['INVALID_CREDENTIALS', 'ACCOUNT_DISABLED', 'RATE_LIMITED', 'TOO_MANY_TOKENS'],
      status: 201,
      response: IssuedToken,
      handler: async ({ req, res }) => {
        const actor = await auth.verifyPassword(req, res);
        return issueToken(db, actor, config.TOKEN_TTL_HOURS);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/auth/tokens',
      tag: 'auth',
      summary: "The caller's live bearer tokens (never the tokens themselves); `current` is the one in use",
      access: 'authenticated',
      response: Tokens,
      handler: ({ actor, req }) => listTokens(db, actor, tokenHashOf(req.credential)),
    }),
    defineRoute({
      method: 'delete',
      path: '/auth/tokens/:id',
      tag: 'auth',
      summary: "Revoke one of the caller's bearer tokens: it stops working at once, and its streams close",
      access: 'authenticated',
      params: z.object({ id: z.string().uuid() }),
      handler: async ({ actor, params }) => {
        await auth.tokenRevoked(actor.id, await revokeToken(db, actor, params.id));
        return undefined;
      },
    }),
  ];
}
