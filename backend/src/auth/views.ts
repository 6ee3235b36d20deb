import { z } from '../http/zod';
import { ROLES } from '../access/roles';

/** Accounts and sessions as the API shows them (through contract.ts to the web app). Pure (zod only). */

/** The signed-in account, with its data scope (the backend's `Actor`). */
export const ActorView = z
  .object({
    id: z.string().uuid(),
    username: z.string(),
    role: z.enum(ROLES),
    displayName: z.string(),
    /** officer, institution_admin: their institution. */
    institutionId: z.string().nullable(),
    /** applicants: their county; bureau: the county supervised, null for the city bureau. */
    county: z.string().nullable(),
    /** officers: the counties they take requests from (empty for everyone else). */
    countiesServed: z.array(z.string()),
    /** enterprises: their industry (GB/T 4754 section), which their requests start from; null for everyone else. */
    industry: z.string().nullable(),
    /** True after a password reset: the account must choose a new password before anything else. */
    mustChangePassword: z.boolean(),
  })
  .openapi('Actor');
export type ActorView = z.output<typeof ActorView>;

/** `GET /auth/me`. */
export const Me = z.object({ user: ActorView });
export type Me = z.output<typeof Me>;

/** A fresh CSRF token for cookie-session writes. */
export const CsrfToken = z.object({ csrfToken: z.string() });
export type CsrfToken = z.output<typeof CsrfToken>;

/** A cookie session started: who signed in, and the session's new CSRF token. */
export const SignedIn = z.object({ user: ActorView, csrfToken: z.string() });
export type SignedIn = z.output<typeof SignedIn>;

/** A self-registered account. */
export const Registered = z.object({ id: z.string(), username: z.string(), role: z.enum(ROLES) });
export type Registered = z.output<typeof Registered>;

/** A bearer token issued for a scripted client. */
export const IssuedToken = z.object({ token: z.string(), expiresAt: z.string() });
export type IssuedToken = z.output<typeof IssuedToken>;

/** The caller's live bearer tokens (never the tokens themselves). */
export const Tokens = z.object({
  items: z.array(
    z.object({ id: z.string().uuid(), createdAt: z.string(), expiresAt: z.string(), current: z.boolean() }),
  ),
});
export type Tokens = z.output<typeof Tokens>;
