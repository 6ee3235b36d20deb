/** The six roles of the domain (see shared spec "Actors and roles"). */
export const ROLES = ['enterprise', 'individual', 'officer', 'institution_admin', 'bureau', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** An account is active, or disabled (it can no longer sign in, its sessions end). */
export const ACCOUNT_STATUSES = ['active', 'disabled'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

export const APPLICANT_ROLES = ['enterprise', 'individual'] as const satisfies readonly Role[];

/** Who is acting, with the data scope every authorization decision needs. */
export interface Actor {
  id: string;
  username: string;
  role: Role;
  displayName: string;
  /** officer, institution_admin: their institution. */
  institutionId: string | null;
  /** applicants: their county; bureau: the county supervised, null for the city bureau. */
  county: string | null;
  /** officers: the counties they take requests from (empty for everyone else). */
  countiesServed: string[];
  /** After a password reset (or a first sign-in the admin prepared): only changing the password is allowed. */
  mustChangePassword: boolean;
}
