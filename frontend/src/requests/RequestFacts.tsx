import { Descriptions, type DescriptionsProps } from 'antd';
import { notSet } from '../catalog/format';
import { useT } from '../i18n/context';
import { useRequestFormat } from './format';
import type { LoanRequest } from './loanRequest';

/** What the applicant asked for and who they are; before a claim, without their contact. */
export function RequestFacts({ request }: { request: LoanRequest }) {
  const t = useT();
  const format = useRequestFormat();
  const { applicant, product } = request;
  const items: DescriptionsProps['items'] = [
    { key: 'purpose', label: t('request.purpose'), children: request.purpose },
    { key: 'collateral', label: t('request.collateral'), children: format.collateral(request.collateral) },
    { key: 'county', label: t('request.county'), children: format.county(request.county) },
    { key: 'industry', label: t('request.industry'), children: format.industry(request.industry) },
    { key: 'customerType', label: t('request.customerType'), children: format.customerType(request.customerType) },
    {
      key: 'product',
      label: t('request.product'),
      children: product ? `${product.name} · ${product.institutionName}` : t('request.noProduct'),
    },
    { key: 'applicant', label: t('request.applicant'), children: applicant.name },
    request.masked
      ? { key: 'contact', label: t('request.contact'), children: t('request.maskedNote') }
      : {
          key: 'contact',
          label: t('request.contact'),
          children: [applicant.contactName, applicant.contactPhone].filter(Boolean).join(' · ') || notSet,
        },
    { key: 'createdAt', label: t('request.createdAt'), children: format.dateTime(request.createdAt) },
  ];
  return <Descriptions column={1} size="small" items={items} data-testid="request-facts" />;
}
