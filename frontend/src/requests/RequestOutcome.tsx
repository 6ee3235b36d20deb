import { Card, Descriptions, Typography, type DescriptionsProps } from 'antd';
import { notSet } from '../catalog/format';
import { useT } from '../i18n/context';
import { useRequestFormat } from './format';
import type { LoanRequest } from './loanRequest';

/** Who took the request on and what came of it so far; null while nobody has. */
export function RequestOutcome({ request }: { request: LoanRequest }) {
  const t = useT();
  const format = useRequestFormat();
  const { claimedBy, approval, rejection } = request;
  const items: NonNullable<DescriptionsProps['items']> = [];
  if (claimedBy) {
    items.push(
      { key: 'institution', label: t('request.claimedBy'), children: claimedBy.institution.name },
      {
        key: 'officer',
        label: t('role.officer'),
        // A request the bureau assigned (派单) has none until one of the institution's officers takes it up.
        children: (claimedBy.officer && <span data-testid="officer-name">{claimedBy.officer.displayName}</span>) ?? (
          <Typography.Text type="secondary">{t('request.noOfficer')}</Typography.Text>
        ),
      },
      { key: 'claimedAt', label: t('request.claimedAt'), children: format.dateTime(claimedBy.at) },
    );
    // The applicant calls the officer who took the request on: a tap dials on a phone.
    const phone = claimedBy.officer?.workPhone;
    if (phone) {
      items.push({
        key: 'officerPhone',
        label: t('request.officerPhone'),
        children: (
          <a href={`tel:${phone.replace(/[^\d+]/g, '')}`} data-testid="officer-phone">
            {phone}
          </a>
        ),
      });
    }
  }
  if (approval) {
    items.push(
      { key: 'approvedAmount', label: t('request.approvedAmount'), children: format.amount(approval.amount) },
      {
        key: 'annualRate',
        label: t('request.annualRate'),
        children: approval.annualRate === null ? notSet : format.rate(approval.annualRate),
      },
      {
        key: 'approvedTerm',
        label: t('request.approvedTerm'),
        children: approval.termMonths === null ? notSet : format.term(approval.termMonths),
      },
    );
  }
  if (rejection) {
    items.push({
      key: 'rejection',
      label: t('request.rejection'),
      children: [t(`rejection.${rejection.code}`), rejection.reason].filter(Boolean).join(t('common.colon')),
    });
  }
  if (request.disbursedAmount !== null) {
    items.push({
      key: 'disbursedAmount',
      label: t('request.disbursedAmount'),
      children: format.amount(request.disbursedAmount),
    });
  }
  if (request.valueDate !== null) {
    items.push({
      key: 'valueDate',
      label: t('stage.valueDate'),
      children: <span data-testid="value-date">{request.valueDate}</span>,
    });
  }
  if (!items.length) return null;
  return (
    <Card title={t('request.handling')}>
      <Descriptions column={1} size="small" items={items} data-testid="request-outcome" />
    </Card>
  );
}
