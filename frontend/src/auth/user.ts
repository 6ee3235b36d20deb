export type Role = 'enterprise' | 'individual' | 'officer' | 'institution_admin' | 'bureau' | 'admin';

/** The signed-in account as returned by `GET /api/v1/auth/me`. */
export interface User {
  id: string;
  username: string;
  role: Role;
  displayName: string;
  institutionId: string | null;
  county: string | null;
}
