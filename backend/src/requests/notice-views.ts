import { z } from '../http/zod';
import { APPLICANT_NOTICE_ACTIONS } from '../lifecycle/applicant-notices';
import { POOL_TIERS } from '../lifecycle/state-machine';
import { RequestView } from './views';

/**
 * What a notice of a request's progress tells its applicant: the facts as they stood when it
 * changed, stored as the notification's `params`. The web app words them in the reader's language
 * with the request page's own words (40 万元 · 12 个月, the product and bank by name), so a notice
 * and the page it points to never disagree, and switching language rewords old notices too.
 * Pure (zod only); through contract.ts to the web app.
 */
export const RequestNotice = z.object({
  requestId: z.string(),
  action: z.enum(APPLICANT_NOTICE_ACTIONS),
  amount: z.number().int(),
  termMonths: z.number().int(),
  /** A directed order's product. */
  productName: z.string().nullable(),
  /** The pool tier it entered (open, exclusive end, escalation). */
  tier: z.enum(POOL_TIERS).nullable(),
  /** The institution that claimed it or was assigned it; a directed order's bank while it is exclusive. */
  institutionName: z.string().nullable(),
  /** The officer who took it on, with their work phone. */
  officer: z.object({ name: z.string(), phone: z.string().nullable() }).nullable(),
  approval: RequestView.shape.approval,
  rejection: RequestView.shape.rejection,
  disbursedAmount: z.number().int().nullable(),
});
export type RequestNotice = z.output<typeof RequestNotice>;
