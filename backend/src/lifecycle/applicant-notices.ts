import type { RequestAction } from './state-machine';

/**
 * The changes of a request its applicant is told of, in the notification centre and live, pure:
 * the workers write the notice (requests/notices.ts) and the stream announces it
 * (stream/audience.ts) by this one list. Not told: `submit`, `cancel` and `reopen`, the
 * applicant's own actions, which the page they took them on already answers.
 */
export const APPLICANT_NOTICE_ACTIONS = [
  'open',
  'endExclusive',
  'escalate',
  'claim',
  'assign',
  'handover',
  'contact',
  'investigate',
  'approve',
  'reject',
  'disburse',
  'expire',
] as const satisfies readonly RequestAction[];
export type ApplicantNoticeAction = (typeof APPLICANT_NOTICE_ACTIONS)[number];

export function isApplicantNoticeAction(action: RequestAction | null): action is ApplicantNoticeAction {
  return (APPLICANT_NOTICE_ACTIONS as readonly (RequestAction | null)[]).includes(action);
}

/** The notification kind of a notice: `progress.claim`, `progress.approve`, … */
export type ApplicantNoticeKind = `progress.${ApplicantNoticeAction}`;
export const applicantNoticeKind = (action: ApplicantNoticeAction): ApplicantNoticeKind => `progress.${action}`;
