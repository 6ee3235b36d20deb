import { ACCOUNT_STATUSES, ROLES } from '../access/roles';
import { z } from '../http/zod';

/** Accounts as the admin's console shows them (through contract.ts to the web app). Pure (zod only). */
export const AccountView = z
  .object({
    id: z.string().uuid(),
    username: z.string(),
    role: z.enum(ROLES),
    displayName: z.string(),
    institutionId: z.string().nullable(),
    institutionName: z.string().nullable(),
    /** applicants: their county; bureau: the county supervised, null for the city bureau. */
    county: z.string().nullable(),
    countiesServed: z.array(z.string()),
    workPhone: z.string().nullable(),
    status: z.enum(ACCOUNT_STATUSES),
    /** A reset (or prepared) password not yet replaced by its owner. */
    mustChangePassword: z.boolean(),
    createdAt: z.string(),
  })
  .openapi('Account');
export type AccountView = z.output<typeof AccountView>;

/** After a reset: the account, and the password generated for it — shown this once, never stored in clear. */
export const PasswordResetDone = z
  .object({ account: AccountView, generatedPassword: z.string().optional() })
  .openapi('PasswordResetDone');
export type PasswordResetDone = z.output<typeof PasswordResetDone>;
