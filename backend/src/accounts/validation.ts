import { ACCOUNT_STATUSES, ROLES } from '../access/roles';
import { CountyCode, DisplayName, Password, Username, WorkPhone } from '../auth/validation';
import { PageQuery } from '../http/pagination';
import { z } from '../http/zod';
import { STAFF_ROLES } from './enums';

/**
 * A staff account the platform admin creates (`POST /accounts`). The public contract names the
 * person `name` and a county bureau's county `region`; `displayName` and `county` are the same
 * fields under the names the rest of the API uses, and either may be sent.
 */
export const NewStaffAccount = z
  .object({
    username: Username,
    password: Password,
    role: z.enum(STAFF_ROLES),
    displayName: DisplayName.optional(),
    name: DisplayName.optional(),
    institutionId: z.string().uuid().optional(),
    /** bureau only: the county supervised; omitted for the city bureau. */
    county: CountyCode.optional(),
    region: CountyCode.optional(),
    /** The password is a temporary one: the first sign-in must replace it. */
    mustChangePassword: z.boolean().default(false),
    /** An officer's is shown to the applicant on the request page after a claim. */
    workPhone: WorkPhone.optional(),
  })
  .superRefine((a, ctx) => {
    if (!a.displayName && !a.name) ctx.addIssue({ code: 'custom', path: ['name'], message: 'field.required' });
    const needsInstitution = a.role === 'officer' || a.role === 'institution_admin';
    if (needsInstitution !== Boolean(a.institutionId)) {
      ctx.addIssue({ code: 'custom', path: ['institutionId'], message: 'institution.unknown' });
    }
    if (a.role !== 'bureau' && (a.county || a.region)) {
      ctx.addIssue({ code: 'custom', path: [a.region ? 'region' : 'county'], message: 'account.countyBureauOnly' });
    }
  });
export type NewStaffAccountInput = z.output<typeof NewStaffAccount>;
export type NewStaffAccountBody = z.input<typeof NewStaffAccount>;

/** The admin's account list: by role, status, institution, or a part of the username or name. */
export const AccountQuery = PageQuery.extend({
  role: z.enum(ROLES).optional(),
  status: z.enum(ACCOUNT_STATUSES).optional(),
  institutionId: z.string().uuid().optional(),
  q: z.string().trim().min(1).max(50).optional(),
});
export type AccountQueryInput = z.output<typeof AccountQuery>;

/** What the admin changes of an account (`PATCH /accounts/:id`): its work phone, null to clear it. */
export const AccountPatch = z.object({ workPhone: WorkPhone.nullable() });
export type AccountPatchBody = z.input<typeof AccountPatch>;

/** A password reset: the temporary password the admin chose, or none to have one generated. */
export const PasswordReset = z.object({ password: Password.optional() });
export type PasswordResetBody = z.input<typeof PasswordReset>;
