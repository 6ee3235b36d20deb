import { ACCOUNT_STATUSES } from '../access/roles';
import { CountyCode, DisplayName, Password, Username, WorkPhone } from '../auth/validation';
import { multiline } from '../http/text';
import { z } from '../http/zod';
import { INSTITUTION_LEVELS, INSTITUTION_TYPES } from './enums';

const Counties = z.array(CountyCode).max(50);
const ContactFields = {
  contactName: z.string().trim().min(1).max(50).nullable().optional(),
  contactPhone: z
    .string()
    .trim()
    .regex(/^[0-9+\-() ]{5,30}$/)
    .nullable()
    .optional(),
  address: z.string().trim().min(1).max(200).nullable().optional(),
};

/** The institution's first admin, created with it; the password is temporary (changed at first sign-in). */
export const FirstInstitutionAdmin = z.object({ username: Username, displayName: DisplayName, password: Password });

/** The platform admin onboards an institution (`POST /institutions`), with its first admin if given. */
export const NewInstitution = z.object({
  name: z.string().trim().min(2).max(100),
  type: z.enum(INSTITUTION_TYPES),
  level: z.enum(INSTITUTION_LEVELS).default('branch'),
  parentId: z.string().uuid().optional(),
  regionCode: z.string().regex(/^\d{6}$/, 'county.unknown'),
  countiesServed: Counties.default([]),
  ...ContactFields,
  firstAdmin: FirstInstitutionAdmin.optional(),
});
export type NewInstitutionInput = z.output<typeof NewInstitution>;
export type NewInstitutionBody = z.input<typeof NewInstitution>;

/** Why the platform admin suspends an institution: kept in the audit log. */
export const Suspension = z.object({ reason: multiline(z.string().trim().min(1).max(500)) });
export type SuspensionBody = z.input<typeof Suspension>;

/** An institution's profile (`PATCH /institutions/:id`): its contact details; the counties it serves, by the platform admin. */
export const InstitutionProfile = z.object({ ...ContactFields, countiesServed: Counties.optional() });
export type InstitutionProfileInput = z.output<typeof InstitutionProfile>;
export type InstitutionProfileBody = z.input<typeof InstitutionProfile>;

/** A new officer account of the institution (`POST /institutions/:id/officers`). */
export const NewOfficer = z.object({
  username: Username,
  password: Password,
  displayName: DisplayName,
  countiesServed: Counties,
  /** Shown to the applicant on the request page after the officer claims it. */
  workPhone: WorkPhone.optional(),
});
export type NewOfficerInput = z.output<typeof NewOfficer>;
export type NewOfficerBody = z.input<typeof NewOfficer>;

/** Renaming an officer, moving the counties served, setting (null: clearing) the work phone, disabling or re-enabling them. */
export const OfficerPatch = z.object({
  displayName: DisplayName.optional(),
  countiesServed: Counties.optional(),
  workPhone: WorkPhone.nullable().optional(),
  status: z.enum(ACCOUNT_STATUSES).optional(),
});
export type OfficerPatchBody = z.input<typeof OfficerPatch>;
