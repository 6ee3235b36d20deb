import { STAGE_ACTION_BY_TARGET } from '@lcfin/backend/contract';
import type { Translate } from '../i18n/context';
import type { RequestFormat } from './format';
import type { LoanRequest, TimelineData, TimelineEntry } from './loanRequest';

/** A bureau's 派单: the request went to an institution without any officer claiming it. */
const isAssignment = (entry: TimelineEntry) => entry.data?.assignedBy !== undefined;

/** 转派: the claiming institution's admin gave the request to another of its officers. */
const isHandover = (entry: TimelineEntry) => entry.data?.handover !== undefined;

/** An entry that changed no status but moved the request's deadlines (a holiday schedule was entered). */
export const isReplan = (entry: TimelineEntry) => entry.data?.replanned !== undefined;

/** What a timeline entry reports: 进入抢单池 / 重新发布 for the pool, moved deadlines, 派单, otherwise the status it reached. */
export function entryTitle(entry: TimelineEntry, t: Translate): string {
  const calendarYear = entry.data?.calendarYear;
  if (isReplan(entry)) return t('timeline.replanned', { year: calendarYear ?? '' });
  if (entry.to === 'open') return t(entry.from === 'rejected' ? 'timeline.reopened' : 'timeline.opened');
  if (isAssignment(entry)) return t('timeline.assigned');
  if (isHandover(entry)) return t('timeline.handedOver');
  return t(`requestStatus.${entry.to}`);
}

/** The figures and reasons a step recorded, a line each: 批准 50 万元 · 年利率 4.35% · 12 个月. */
export function entryFacts(entry: TimelineEntry, format: RequestFormat, t: Translate): string[] {
  const data: TimelineData = entry.data ?? {};
  const facts: string[] = [];
  if (data.tier) facts.push(t('timeline.tier', { tier: t(`poolTier.${data.tier}`) }));
  if (data.visitDate) facts.push(t('timeline.visitDate', { date: data.visitDate }));
  if (data.approvedAmount !== undefined) {
    const terms = [t('timeline.approved', { amount: format.amount(data.approvedAmount) })];
    if (data.approvedRateBp !== undefined) {
      terms.push(`${t('request.annualRate')} ${format.rate(data.approvedRateBp / 100)}`);
    }
    if (data.approvedTermMonths !== undefined) terms.push(format.term(data.approvedTermMonths));
    facts.push(terms.join(' · '));
  }
  if (data.rejectionCode) {
    facts.push([t(`rejection.${data.rejectionCode}`), data.rejectionReason].filter(Boolean).join(t('common.colon')));
  }
  if (data.handover) {
    const to = data.handover.to.name;
    facts.push(
      data.handover.from
        ? t('timeline.handover', { from: data.handover.from.name, to })
        : t('timeline.handoverTo', { to }),
    );
  }
  if (data.disbursedAmount !== undefined) {
    facts.push(t('timeline.disbursed', { amount: format.amount(data.disbursedAmount) }));
  }
  for (const { stage, dueAt } of data.replanned ?? []) {
    const what = stage === 'exclusive' ? t('timeline.exclusiveEnd') : t(`slaStage.${stage}`);
    facts.push(t('timeline.moved', { what, from: format.deadline(dueAt[0]), to: format.deadline(dueAt[1]) }));
  }
  return facts;
}

/** The officers a request was handed between (转派), by id: the steps of one who no longer holds it still name them. */
export function handoverOfficers(entries: readonly TimelineEntry[]): ReadonlyMap<string, string> {
  const names = new Map<string, string>();
  for (const { data } of entries) {
    if (data?.handover?.from) names.set(data.handover.from.id, data.handover.from.name);
    if (data?.handover) names.set(data.handover.to.id, data.handover.to.name);
  }
  return names;
}

/**
 * Who took the step, as far as the viewer can tell: you, the claiming officer (or one the request
 * was handed between, in `officers`) by name, the platform, or a role.
 */
export function entryActor(
  entry: TimelineEntry,
  request: LoanRequest,
  viewerId: string,
  t: Translate,
  officers: ReadonlyMap<string, string>,
): string {
  if (entry.actorId === null) return t('timeline.platform');
  // Only the platform admin enters a holiday schedule.
  if (isReplan(entry)) return t('role.admin');
  if (entry.actorId === viewerId) return t('timeline.you');
  if (isAssignment(entry)) return t('role.bureau');
  if (isHandover(entry)) return t('role.institution_admin');
  // An assigned request has no officer until one takes it up.
  if (entry.actorId === request.claimedBy?.officer?.id) return request.claimedBy.officer.displayName;
  const handedBetween = officers.get(entry.actorId);
  if (handedBetween) return handedBetween;
  const officerStep = entry.to === 'claimed' || entry.to in STAGE_ACTION_BY_TARGET;
  return t(officerStep ? 'role.officer' : 'timeline.applicant');
}
