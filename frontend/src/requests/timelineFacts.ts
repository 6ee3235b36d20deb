import { STAGE_ACTION_BY_TARGET } from '@lcfin/backend/requests/state-machine';
import type { Translate } from '../i18n/context';
import type { RequestFormat } from './format';
import type { LoanRequest, RejectionCode, TimelineEntry } from './loanRequest';

// Officer stages' timeline entries carry the fields the stage recorded, named as the API stores them.
interface StageData {
  tier?: LoanRequest['poolTier'];
  approvedAmount?: number;
  approvedRateBp?: number;
  approvedTermMonths?: number;
  rejectionCode?: RejectionCode;
  rejectionReason?: string;
  disbursedAmount?: number;
}

/** What a timeline entry reports: 进入抢单池 / 重新发布 for the pool, otherwise the status it reached. */
export function entryTitle(entry: TimelineEntry, t: Translate): string {
  if (entry.to === 'open') return t(entry.from === 'rejected' ? 'timeline.reopened' : 'timeline.opened');
  return t(`requestStatus.${entry.to}`);
}

/** The figures and reasons a step recorded, a line each: 批准 50 万元 · 年利率 4.35% · 12 个月. */
export function entryFacts(entry: TimelineEntry, format: RequestFormat, t: Translate): string[] {
  const data = (entry.data ?? {}) as StageData;
  const facts: string[] = [];
  if (data.tier) facts.push(t('timeline.tier', { tier: t(`poolTier.${data.tier}`) }));
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
  if (data.disbursedAmount !== undefined) {
    facts.push(t('timeline.disbursed', { amount: format.amount(data.disbursedAmount) }));
  }
  return facts;
}

/** Who took the step, as far as the viewer can tell: you, the claiming officer by name, the platform, or a role. */
export function entryActor(entry: TimelineEntry, request: LoanRequest, viewerId: string, t: Translate): string {
  if (entry.actorId === null) return t('timeline.platform');
  if (entry.actorId === viewerId) return t('timeline.you');
  if (entry.actorId === request.claimedBy?.officer.id) return request.claimedBy.officer.displayName;
  const officerStep = entry.to === 'claimed' || entry.to in STAGE_ACTION_BY_TARGET;
  return t(officerStep ? 'role.officer' : 'timeline.applicant');
}
