import type { Claim, Program, ServicingReport } from './program';

/** A report counts while no later report corrects it. */
export const currentReports = (reports: readonly ServicingReport[]) =>
  reports.filter((report) => report.supersededBy === null);

/** The current report of the latest period: what the loan's status is now. */
export function latestReport(reports: readonly ServicingReport[]): ServicingReport | undefined {
  return currentReports(reports).reduce<ServicingReport | undefined>(
    (latest, report) => (!latest || report.periodEnd > latest.periodEnd ? report : latest),
    undefined,
  );
}

const standing = (claim: Claim) => claim.status !== 'rejected';

/** A rejected claim is as if never made; any other on the program covering part of the period blocks a new one. */
function claimedOverlapping(claims: readonly Claim[], program: Program, report: ServicingReport): boolean {
  return claims.some(
    (claim) =>
      standing(claim) &&
      claim.program.id === program.id &&
      claim.periodStart !== null &&
      claim.periodEnd !== null &&
      claim.periodStart < report.periodEnd &&
      report.periodStart < claim.periodEnd,
  );
}

/**
 * The subsidy programs a current report's period may still be claimed on: the active 贴息 programs the
 * loan is enrolled in when interest was paid, and the 担保费补贴 ones when a fee was, none of them
 * already claimed for (part of) that period. The API decides the rest (the program's period, caps).
 */
export function subsidiesToClaim(
  report: ServicingReport,
  enrolled: readonly Program[],
  claims: readonly Claim[],
): Program[] {
  if (report.supersededBy !== null) return [];
  return enrolled.filter(
    (program) =>
      program.status === 'active' &&
      // A subsidy never exceeds what was paid: a period without interest (or fee) paid has nothing to claim.
      (program.kind === 'interest_subsidy'
        ? report.interestPaidFen > 0
        : program.kind === 'guarantee_fee_subsidy' && (report.guaranteeFeePaidFen ?? 0) > 0) &&
      !claimedOverlapping(claims, program, report),
  );
}

/**
 * The risk-compensation programs the lending institution may claim on now: the loan's latest report
 * says default, and no standing claim on the program exists for the loan.
 */
export function compensationsToClaim(
  reports: readonly ServicingReport[],
  enrolled: readonly Program[],
  claims: readonly Claim[],
): Program[] {
  if (latestReport(reports)?.status !== 'default') return [];
  return enrolled.filter(
    (program) =>
      program.status === 'active' &&
      program.kind === 'risk_compensation' &&
      !claims.some((claim) => standing(claim) && claim.program.id === program.id),
  );
}

/** A paid compensation claim not yet wholly returned takes recoveries. */
export const takesRecovery = (claim: Claim) =>
  claim.program.kind === 'risk_compensation' && claim.status === 'paid' && claim.returnedFen < claim.amountFen;
