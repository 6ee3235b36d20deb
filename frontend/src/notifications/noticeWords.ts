import { useCallback } from 'react';
import { RequestNotice } from '@lcfin/backend/contract';
import { useT } from '../i18n/context';
import { useRequestFormat } from '../requests/format';
import type { Notification } from './queries';

export interface NoticeWords {
  title: string;
  body: string;
  /** The request it is about, for a link to its page. */
  requestId: string | null;
}

/**
 * A notification in the reader's words. Most come worded by the platform; an applicant's notice of
 * their request's progress (`progress.*`) comes as facts, worded here with the request page's own
 * formatting (40 万元 · 12 个月, the bank by name), so that both always say the same.
 */
export function useNoticeWords(): (n: Notification) => NoticeWords {
  const t = useT();
  const format = useRequestFormat();

  return useCallback(
    (n: Notification) => {
      const parsed = n.kind.startsWith('progress.') ? RequestNotice.safeParse(n.params) : null;
      if (!parsed?.success) return { title: n.title ?? '', body: n.body ?? '', requestId: null };
      const p = parsed.data;
      const amount = format.amount(p.amount);
      const term = format.term(p.termMonths);
      const subject = p.productName
        ? t('notice.subjectWithProduct', { product: p.productName, amount, term })
        : t('notice.subject', { amount, term });
      const institution = p.institutionName ?? t('notice.aBank');
      const values = { subject, institution };
      const body = (() => {
        switch (p.action) {
          case 'open':
            return t(`notice.open.${p.tier ?? 'county'}`, values);
          case 'claim': {
            const officer =
              p.officer &&
              (p.officer.phone
                ? t('notice.officerPhone', { name: p.officer.name, phone: p.officer.phone })
                : t('notice.officer', { name: p.officer.name }));
            return [t('notice.claim.body', values), officer].filter(Boolean).join(t('notice.sentenceGap'));
          }
          case 'handover': {
            // The new officer by name, and their work phone to call.
            const taken = t('notice.handover.body', { ...values, officer: p.officer?.name ?? t('role.officer') });
            const phone = p.officer?.phone && t('notice.handover.phone', { phone: p.officer.phone });
            return [taken, phone].filter(Boolean).join(t('notice.sentenceGap'));
          }
          case 'approve': {
            const a = p.approval ?? { amount: p.amount, annualRate: null, termMonths: null };
            const terms = [
              format.amount(a.amount),
              a.annualRate !== null && t('notice.approve.rate', { rate: format.rate(a.annualRate) }),
              a.termMonths !== null && t('notice.approve.term', { term: format.term(a.termMonths) }),
            ]
              .filter(Boolean)
              .join(t('notice.separator'));
            return t('notice.approve.body', { ...values, terms });
          }
          case 'reject': {
            // A notice handled after the applicant already reopened finds the rejection cleared.
            const r = p.rejection;
            if (!r) return t('notice.reject.plain', values);
            const reason = [t(`rejection.${r.code}`), r.reason].filter(Boolean).join(t('common.colon'));
            return t('notice.reject.body', { ...values, reason });
          }
          case 'disburse':
            return t('notice.disburse.body', { ...values, amount: format.amount(p.disbursedAmount ?? p.amount) });
          default:
            return t(`notice.${p.action}.body`, values);
        }
      })();
      return { title: t(`notice.${p.action}.title`), body, requestId: p.requestId };
    },
    [t, format],
  );
}
