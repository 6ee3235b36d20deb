/** The accounts the platform admin creates (applicants register themselves). Pure: the web app imports it. */
export const STAFF_ROLES = ['admin', 'bureau', 'institution_admin', 'officer'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
