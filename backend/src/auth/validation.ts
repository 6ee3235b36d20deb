import { z } from '../http/zod';
import { INDUSTRY_CODES } from '../reference/industries';
import { AGREEMENT_VERSION } from './agreements';
import { isMainlandLandline, isMainlandMobile, isValidIdNumber, isValidUscc } from './identifiers';

/** Field schemas shared by every route that takes these fields; messages are keys (http/messages). */
export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,32}$/, 'username.format');

export const Password = z
  .string()
  .max(128)
  .refine((p) => p.length >= 8 && /[A-Za-z]/.test(p) && /\d/.test(p), 'password.weak');

export const Uscc = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isValidUscc, 'uscc.invalid')
  .openapi({ example: '91371500MA3C12345X', description: '统一社会信用代码 (GB 32100)' });

export const IdNumber = z
  .string()
  .trim()
  .toUpperCase()
  .refine((id) => isValidIdNumber(id), 'idNumber.invalid')
  .openapi({ description: '居民身份证号码 (GB 11643)' });

export const Phone = z.string().trim().refine(isMainlandMobile, 'phone.invalid').openapi({ example: '13800138000' });

/** A staff member's work phone, which the applicant calls after a claim: a mobile or a landline (desk phones are usual at banks). */
export const WorkPhone = z
  .string()
  .trim()
  .refine((phone) => isMainlandMobile(phone) || isMainlandLandline(phone), 'workPhone.invalid')
  .openapi({ example: '0635-8213601' });

export const CountyCode = z
  .string()
  .regex(/^\d{6}$/, 'county.unknown')
  .openapi({ example: '371502' });

export const Industry = z.enum(INDUSTRY_CODES as [string, ...string[]], 'industry.unknown');

export const DisplayName = z.string().trim().min(2).max(100);

/** Consent to the current user agreement and privacy policy, by their version: nothing else registers. */
export const AgreementVersion = z
  .literal(AGREEMENT_VERSION, 'agreement.notAccepted')
  .openapi({ description: 'The version of the user agreement and privacy policy the applicant accepted' });

const ApplicantFields = {
  username: Username,
  password: Password,
  name: DisplayName,
  county: CountyCode,
  phone: Phone,
  agreementVersion: AgreementVersion,
};

/** Self-registration of an applicant; the web app's form builds the same type. */
export const RegistrationSchema = z.discriminatedUnion('role', [
  z.object({
    role: z.literal('enterprise'),
    ...ApplicantFields,
    uscc: Uscc,
    industry: Industry,
    contactName: z.string().trim().min(1).max(50).optional(),
  }),
  z.object({ role: z.literal('individual'), ...ApplicantFields, idNumber: IdNumber }),
]);
export type Registration = z.output<typeof RegistrationSchema>;

/** Signing in, with a cookie session or for a bearer token. */
/** Replacing one's password (`POST /auth/change-password`), e.g. the temporary one an admin set. */
export const PasswordChange = z.object({
  currentPassword: z.string().min(1).max(128),
  newPassword: Password,
});
export type PasswordChangeBody = z.input<typeof PasswordChange>;

export const Credentials = z.object({
  username: z.string().trim().toLowerCase().min(1).max(64),
  password: z.string().min(1).max(128),
});
export type CredentialsBody = z.input<typeof Credentials>;
