import { BankOutlined } from '@ant-design/icons';
import { Card, Descriptions, Skeleton } from 'antd';
import { useInstitution } from '../api/institutions';
import { describeError } from '../api/formErrors';
import { useT } from '../i18n/context';
import { notSet } from './format';

/** Who offers a product and how to reach them. */
export function InstitutionCard({ institutionId }: { institutionId: string }) {
  const t = useT();
  const institution = useInstitution(institutionId);
  const data = institution.data;
  return (
    <Card
      title={
        <>
          <BankOutlined /> {t('product.institution')}
        </>
      }
      data-testid="institution-card"
    >
      {data ? (
        <Descriptions
          column={1}
          size="small"
          items={[
            { key: 'name', label: t('institution.name'), children: data.name },
            { key: 'type', label: t('institution.type'), children: t(`institutionType.${data.type}`) },
            { key: 'contact', label: t('institution.contactName'), children: data.contactName ?? notSet },
            {
              key: 'phone',
              label: t('institution.contactPhone'),
              children: data.contactPhone ? <a href={`tel:${data.contactPhone}`}>{data.contactPhone}</a> : notSet,
            },
            { key: 'address', label: t('institution.address'), children: data.address ?? notSet },
          ]}
        />
      ) : institution.isError ? (
        describeError(institution.error, t)
      ) : (
        <Skeleton active paragraph={{ rows: 3 }} />
      )}
    </Card>
  );
}
