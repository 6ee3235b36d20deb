import { useRegions } from '../api/regions';
import { useSignedInUser } from '../auth/signedInUser';

/**
 * The region whose programs the signed-in bureau runs: the city's code for the city bureau, its county's
 * for a county bureau; null for anyone else (the platform admin only reads). Undefined while the
 * regions load.
 */
export function useManagedRegion(): string | null | undefined {
  const user = useSignedInUser();
  const regions = useRegions();
  if (user.role !== 'bureau') return null;
  if (user.county) return user.county;
  return regions.data?.find((region) => region.level === 'city')?.code;
}

/**
 * Whether the signed-in user may run a program of `region` (create, edit, activate, close, review,
 * check, pay): a bureau of that very region — the city bureau reads the counties' programs but
 * does not run them.
 */
export function useManages(): (region: string) => boolean {
  const managed = useManagedRegion();
  return (region) => managed !== null && managed !== undefined && managed === region;
}
