import type { RequestStatus, SlaStage } from '../lifecycle/state-machine';
import type { BreachEnding } from './enums';

/**
 * The bureau's figures, pure: Shanghai days and periods, what each request change counts for,
 * and the rates peer platforms publish. No Express, no database.
 */

const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;

/** The Shanghai calendar day (YYYY-MM-DD) of an instant; China keeps UTC+8 all year. */
export function shanghaiDay(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a Shanghai day begins. */
export function dayStart(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - SHANGHAI_OFFSET_MS);
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/**
 * The days a period may name: the platform opened long after the first and will not outlive the last.
 * Within them a period, the previous one of equal length and the day after its end stay in years
 * (1899–2100) that ISO strings and PostgreSQL dates both hold.
 */
export const SUPERVISED_DAYS = { first: '2000-01-01', last: '2099-12-31' } as const;

export function isSupervisedDay(day: string): boolean {
  return day >= SUPERVISED_DAYS.first && day <= SUPERVISED_DAYS.last;
}

/** Whole days, both ends included; a null end is open (the platform's whole life). */
export interface DayRange {
  from: string | null;
  to: string | null;
}

export interface Period extends DayRange {
  /** The period of equal length just before, to compare with; none for an open period. */
  previous: { from: string; to: string } | null;
}

/**
 * The period asked for: no bounds = the platform's whole life; `from` alone runs to `today`;
 * `to` alone runs from the beginning. Only a closed period has a previous one.
 */
export function periodOf(query: { from?: string | undefined; to?: string | undefined }, today: string): Period {
  const from = query.from ?? null;
  const to = query.to ?? (from ? today : null);
  if (from === null || to === null) return { from, to, previous: null };
  const length = daysBetween(from, to) + 1;
  return { from, to, previous: { from: addDays(from, -length), to: addDays(from, -1) } };
}

/** Counters of the daily request summary. */
export const REQUEST_COUNTERS = [
  'submitted',
  'submittedAmount',
  'claimed',
  'claimedWithinWindow',
  'assigned',
  'approved',
  'approvedAmount',
  'rejected',
  'cancelled',
  'reopened',
  'escalated',
] as const;
export type RequestCounter = (typeof REQUEST_COUNTERS)[number];
export type RequestCounts = Record<RequestCounter, number>;

export function zeroCounts(): RequestCounts {
  return Object.fromEntries(REQUEST_COUNTERS.map((c) => [c, 0])) as RequestCounts;
}

/** A change of one request as its timeline records it. */
export interface RequestChangeFacts {
  from: RequestStatus | null;
  to: RequestStatus;
  /** The requested amount. */
  amount: number;
  /** What the timeline entry recorded (approval fields, the assigning bureau, the new tier). */
  data?: Record<string, unknown> | null | undefined;
}

/**
 * What a change counts for. Disbursement is kept per loan (`disbursals`); contact and
 * investigation count for nothing here.
 */
export function countsOfChange(change: RequestChangeFacts): Partial<RequestCounts> | null {
  const data = change.data ?? {};
  // An entry that changes no status (an escalation aside: open → open) records a fact, such as re-planned deadlines.
  if (change.from === change.to && change.to !== 'open') return null;
  switch (change.to) {
    case 'submitted':
      return { submitted: 1, submittedAmount: change.amount };
    case 'claimed':
      return { claimed: 1, assigned: data.assignedBy ? 1 : 0 };
    case 'approved':
      return { approved: 1, approvedAmount: Number(data.approvedAmount ?? 0) };
    case 'rejected':
      return { rejected: 1 };
    case 'cancelled':
      return { cancelled: 1 };
    case 'open':
      if (change.from === 'rejected') return { reopened: 1 };
      if (change.from === 'open' && data.tier === 'city') return { escalated: 1 };
      return null;
    default:
      return null;
  }
}

/** A share with four decimals; null when there is nothing to divide by. */
export function ratio(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null;
}

/** The volumes the rates are made of, for one period and region. */
export interface Volumes {
  requests: number;
  claimed: number;
  claimedWithinWindow: number;
  approved: number;
  disbursed: number;
  disbursedAmount: number;
  borrowers: number;
  /** Sum over disbursed loans of working days from submission (those the calendar covers). */
  workingDaysToDisburse: number;
  timedDisbursals: number;
}

/**
 * The rates peer platforms publish: claim rate (接单率, and within the respond window),
 * obtained rate (获得率 = approved ÷ claimed), average working days from submission to
 * disbursement, average disbursed amount per borrower (yuan).
 */
export function ratesOf(v: Volumes) {
  return {
    claimRate: ratio(v.claimed, v.requests),
    claimedWithinWindowRate: ratio(v.claimedWithinWindow, v.requests),
    obtainedRate: ratio(v.approved, v.claimed),
    averageWorkingDaysToDisburse:
      v.timedDisbursals > 0 ? Math.round((v.workingDaysToDisburse / v.timedDisbursals) * 100) / 100 : null,
    averageDisbursedPerBorrower: v.borrowers > 0 ? Math.round(v.disbursedAmount / v.borrowers) : null,
  };
}
export type Rates = ReturnType<typeof ratesOf>;

/** Current minus previous for every figure both have (null where either is null). */
export function changeOf<T extends Record<string, number | null>>(
  current: T,
  previous: T,
): Record<keyof T, number | null> {
  const entries = Object.keys(current).map((k) => {
    const [a, b] = [current[k], previous[k]];
    return [
      k,
      a === null || a === undefined || b === null || b === undefined ? null : Math.round((a - b) * 10_000) / 10_000,
    ];
  });
  return Object.fromEntries(entries) as Record<keyof T, number | null>;
}

export interface StageFigures {
  completed: number;
  onTime: number;
  onTimeRate: number | null;
  medianWorkingMinutes: number | null;
  p90WorkingMinutes: number | null;
  breaches: number;
}

export interface RankedGroup {
  key: string;
  name: string;
  completed: number;
  onTime: number;
  onTimeRate: number | null;
  breaches: number;
}

/**
 * Best and worst groups by on-time rate over all their stages: ties go to the one with more
 * completed stages (best) or more breaches (worst). Groups with nothing completed are not ranked.
 * Each list takes at most half of the ranked groups, so no group is called both best and worst:
 * one group alone is neither, and of three the middle one is in no list.
 */
export function rank<G extends RankedGroup>(groups: G[], top: number): { best: G[]; worst: G[] } {
  const ranked = groups.filter((g) => g.completed > 0);
  const size = Math.min(top, Math.floor(ranked.length / 2));
  const best = [...ranked].sort(
    (a, b) => b.onTimeRate! - a.onTimeRate! || b.completed - a.completed || a.key.localeCompare(b.key),
  );
  const worst = [...ranked].sort(
    (a, b) => a.onTimeRate! - b.onTimeRate! || b.breaches - a.breaches || a.key.localeCompare(b.key),
  );
  return { best: best.slice(0, size), worst: worst.slice(0, size) };
}

/** A stage as the breach list reads it. */
export interface StageFacts {
  stage: SlaStage;
  attempt: number;
  startedAt: Date;
  completedAt: Date | null;
  ownerInstitutionId: string | null;
}

/** An escalation ends one respond attempt and starts the next in the same transaction: the same instant, give or take. */
const SAME_STEP_MS = 1000;

/**
 * What became of a breached stage, from the request's stages (all attempts) and its status now.
 * A respond attempt ends by a claim (credited to the claimant), by escalation (the next attempt
 * starts as it ends), or with the request withdrawn or expired; contact and decide end when the
 * institution records its step, or with the request withdrawn.
 */
export function breachEnding(stage: StageFacts, stagesOfRequest: StageFacts[], status: RequestStatus): BreachEnding {
  const endedAt = stage.completedAt;
  if (endedAt === null) return 'open';
  // The stages the request went on to: none after the one its withdrawal or expiry ended.
  const later = stagesOfRequest.filter(
    (s) => !(s.stage === stage.stage && s.attempt === stage.attempt) && +s.startedAt > +endedAt - SAME_STEP_MS,
  );
  if (stage.stage !== 'respond') return status === 'cancelled' && later.length === 0 ? 'cancelled' : 'completed';
  if (stage.ownerInstitutionId !== null) return 'claimed';
  const next = stagesOfRequest.find((s) => s.stage === 'respond' && s.attempt === stage.attempt + 1);
  if (next && Math.abs(+next.startedAt - +endedAt) < SAME_STEP_MS) return 'escalated';
  if (later.length === 0 && (status === 'cancelled' || status === 'expired')) return status;
  // Claimed before claims were credited to the respond stage.
  return 'claimed';
}
