import type { ErrorDetail } from '../http/errors';

/**
 * What an officer's stage records is checked against the request before it is kept. Pure: the
 * caller reads the request, its product and today's date and throws the detail it gets back.
 */

/** A Shanghai calendar day, YYYY-MM-DD, of an instant. */
export function shanghaiDay(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/**
 * A day a stage records — the visit (contact, investigation), the loan's value date (disbursement) —
 * lies between the claim and today, both days included.
 */
export function stageDayProblem(
  field: 'visitDate' | 'valueDate',
  day: string,
  claimedOn: string,
  today: string,
): ErrorDetail | null {
  if (day > today) return { path: field, message: `${field}.future` };
  if (day < claimedOn) return { path: field, message: `${field}.beforeClaim`, params: { claimedOn } };
  return null;
}

const percent = (bp: number) => `${(bp / 100).toFixed(2)}%`;

/** A product's rate range as its messages show it: 3.45%–6.00%, ≥ 3.45%, ≤ 6.00%. */
export function rateRangeText(minBp: number | null, maxBp: number | null): string {
  if (minBp !== null && maxBp !== null) return `${percent(minBp)}–${percent(maxBp)}`;
  return minBp !== null ? `≥ ${percent(minBp)}` : `≤ ${percent(maxBp!)}`;
}

/** The rate approved stays within the chosen product's published range (either end may be open). */
export function approvedRateProblem(
  rateBp: number,
  product: { minRateBp: number | null; maxRateBp: number | null },
): ErrorDetail | null {
  const { minRateBp, maxRateBp } = product;
  if (minRateBp === null && maxRateBp === null) return null;
  if ((minRateBp !== null && rateBp < minRateBp) || (maxRateBp !== null && rateBp > maxRateBp)) {
    return {
      path: 'annualRate',
      message: 'approval.rateOutsideProduct',
      params: { range: rateRangeText(minRateBp, maxRateBp) },
    };
  }
  return null;
}
