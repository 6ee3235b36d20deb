import { useSignedInUser } from '../auth/signedInUser';

/** The institution an institution admin manages (every such account has one). */
export function useOwnInstitutionId(): string {
  const { institutionId, username } = useSignedInUser();
  if (!institutionId) throw new Error(`account ${username} manages no institution`);
  return institutionId;
}
