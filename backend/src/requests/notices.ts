import { eq } from 'drizzle-orm';
import { bpToPercent } from '../catalog/rules';
import type { Executor } from '../db/client';
import { applicantNoticeKind, isApplicantNoticeAction } from '../lifecycle/applicant-notices';
import type { PoolTier } from '../lifecycle/state-machine';
import { notify } from '../notifications/service';
import type { EventPayload } from '../outbox/catalogue';
import { selectRequestDetails } from './details';
import type { RequestNotice } from './notice-views';
import { loanRequests } from './schema';

type Announced = Pick<
  EventPayload<'loan_request.opened'> | EventPayload<'loan_request.changed'>,
  'requestId' | 'applicantId' | 'action'
>;

/**
 * Tells the applicant of a change of their request (lifecycle/applicant-notices.ts says which):
 * one notification per outbox event — a redelivered event finds it written already. The facts are
 * read as the request stands when the event is handled, a moment after the change: what a change
 * records (the claimant, the approval, the rejection, the disbursal) stays put afterwards, except
 * that a reopen clears the rejection — a rejection notice handled only after the applicant
 * reopened (the workers were down meanwhile) names neither bank nor reason. `enteredTier`: the
 * pool tier a `loan_request.opened` put it in. `at`: when the change happened, for a history
 * written after the fact (the living demo); a notice handled live is dated when written.
 */
export async function noticeToApplicant(
  db: Executor,
  event: Announced,
  enteredTier: PoolTier | null,
  eventId: string,
  at?: Date,
): Promise<void> {
  if (!isApplicantNoticeAction(event.action)) return;
  const [d] = await selectRequestDetails(db).where(eq(loanRequests.id, event.requestId));
  if (!d) return;
  const r = d.request;
  const params: RequestNotice = {
    requestId: r.id,
    action: event.action,
    amount: r.amount,
    termMonths: r.termMonths,
    productName: d.productName,
    tier: enteredTier,
    institutionName: d.claimedInstitutionName ?? (event.action === 'open' ? d.productInstitutionName : null),
    officer: d.officerName ? { name: d.officerName, phone: d.officerPhone } : null,
    approval:
      r.approvedAmount !== null
        ? {
            amount: r.approvedAmount,
            annualRate: bpToPercent(r.approvedRateBp),
            termMonths: r.approvedTermMonths,
          }
        : null,
    rejection: r.rejectionCode ? { code: r.rejectionCode, reason: r.rejectionReason } : null,
    disbursedAmount: r.disbursedAmount,
  };
  await notify(db, {
    userId: event.applicantId,
    kind: applicantNoticeKind(event.action),
    params,
    sourceEventId: eventId,
    createdAt: at,
  });
}
