import { fits, type Need, type ProductTerms } from '../catalog/rules';
import type { PoolTier } from '../lifecycle/state-machine';

/**
 * The matcher's decision, pure: which institutions may claim a request and in what order.
 * An institution is a candidate when one of its listed products fits the need (county aside)
 * and it has an active officer; it is in the county pool when that product and an officer
 * also serve the request's county. The rest only see the request once it escalates city-wide.
 */
export interface MatchableProduct extends ProductTerms {
  id: string;
  institutionId: string;
}

export interface Candidate {
  institutionId: string;
  productId: string;
  servesCounty: boolean;
  rank: number;
}

export interface MatchInput {
  need: Need & { county: string };
  products: readonly MatchableProduct[];
  /**
   * Counties served by each institution's active officers (institutions without one are absent);
   * only the request's county matters, so a caller may pass just that one where it is served.
   */
  officerCounties: ReadonlyMap<string, readonly string[]>;
  /** Share of stages each institution finished on time (0–1); unknown institutions count as 1. */
  onTimeRate?: ReadonlyMap<string, number>;
}

interface Best {
  product: MatchableProduct;
  servesCounty: boolean;
}

const servesCounty = (p: MatchableProduct, county: string) => p.allCounties || p.counties.includes(county);

/** Better: serves the county, then the lowest rate the applicant could get. */
function better(a: Best, b: Best): boolean {
  if (a.servesCounty !== b.servesCounty) return a.servesCounty;
  return (a.product.minRateBp ?? Infinity) < (b.product.minRateBp ?? Infinity);
}

export function matchCandidates({ need, products, officerCounties, onTimeRate }: MatchInput): Candidate[] {
  const best = new Map<string, Best>();
  for (const product of products) {
    const officers = officerCounties.get(product.institutionId);
    if (!officers || !fits(product, { ...need, county: undefined })) continue;
    const option = { product, servesCounty: servesCounty(product, need.county) && officers.includes(need.county) };
    const current = best.get(product.institutionId);
    if (!current || better(option, current)) best.set(product.institutionId, option);
  }
  const onTime = (id: string) => onTimeRate?.get(id) ?? 1;
  return [...best.entries()]
    .sort(
      ([idA, a], [idB, b]) =>
        Number(b.servesCounty) - Number(a.servesCounty) ||
        (a.product.minRateBp ?? Infinity) - (b.product.minRateBp ?? Infinity) ||
        onTime(idB) - onTime(idA) ||
        idA.localeCompare(idB),
    )
    .map(([institutionId, b], i) => ({
      institutionId,
      productId: b.product.id,
      servesCounty: b.servesCounty,
      rank: i + 1,
    }));
}

/** A candidate as the pool sees it; `excluded` once the institution has rejected the request. */
export interface PoolCandidate {
  institutionId: string;
  servesCounty: boolean;
  excluded?: boolean;
}

/**
 * The institutions that may claim an open request at its tier: the directed institution alone
 * (exclusive), the candidates serving the county (county), or every candidate (city). A request
 * with no tier is in no pool.
 */
export function poolMembers(
  tier: PoolTier | null,
  exclusiveInstitutionId: string | null,
  candidates: readonly PoolCandidate[],
): string[] {
  if (tier === null) return [];
  if (tier === 'exclusive') return exclusiveInstitutionId ? [exclusiveInstitutionId] : [];
  return candidates.filter((c) => !c.excluded && (tier === 'city' || c.servesCounty)).map((c) => c.institutionId);
}

/** What a bureau's assignment (派单) depends on, read at the time of the assignment. */
export interface AssignmentFacts {
  county: string;
  poolTier: PoolTier | null;
  /** When the request's latest respond window runs out. */
  respondDueAt: Date | null;
  now: Date;
  institution: { countiesServed: readonly string[]; officerServesCounty: boolean; rejectedIt: boolean };
}

/**
 * Why the bureau may not assign the request to the institution now, as a field message key, or
 * null when it may: only once the city-wide respond window has run out too (the second miss), and
 * only to an institution that serves the county, has an active officer there and has not rejected it.
 */
export function assignmentProblem(f: AssignmentFacts): { path: 'status' | 'institutionId'; message: string } | null {
  const windowsRunOut = f.poolTier === 'city' && f.respondDueAt !== null && f.respondDueAt <= f.now;
  if (!windowsRunOut) return { path: 'status', message: 'assign.windowOpen' };
  if (!f.institution.countiesServed.includes(f.county)) return { path: 'institutionId', message: 'assign.notServed' };
  if (!f.institution.officerServesCounty) return { path: 'institutionId', message: 'assign.noOfficer' };
  if (f.institution.rejectedIt) return { path: 'institutionId', message: 'assign.rejected' };
  return null;
}
