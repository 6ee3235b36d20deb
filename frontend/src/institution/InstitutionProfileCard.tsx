import { EditOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { describeError } from '../api/formErrors';
import { useInstitution } from '../api/institutions';
import { notSet, useProductFormat } from '../catalog/format';
import { useT } from '../i18n/context';
import { InstitutionProfileModal } from './InstitutionProfileModal';

/** The institution as the public sees it: contact details and counties served, editable by its admin. */
export function InstitutionProfileCard({ institutionId }: { institutionId: string }) {
  const t = useT();
  const format = useProductFormat();
  const institution = useInstitution(institutionId);
  const [editing, setEditing] = useState(false);
  const data = institution.data;

  return (
    <Card
      title={t('profile.title')}
      data-testid="institution-profile"
      extra={
        data && (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
            {t('common.edit')}
          </Button>
        )
      }
    >
      {data ? (
        <>
          <Descriptions
            column={{ xs: 1, md: 2 }}
            size="small"
            items={[
              { key: 'name', label: t('institution.name'), children: data.name },
              { key: 'type', label: t('institution.type'), children: t(`institutionType.${data.type}`) },
              { key: 'contactName', label: t('institution.contactName'), children: data.contactName ?? notSet },
              { key: 'contactPhone', label: t('institution.contactPhone'), children: data.contactPhone ?? notSet },
              { key: 'address', label: t('institution.address'), children: data.address ?? notSet, span: 'filled' },
              {
                key: 'counties',
                label: t('institution.countiesServed'),
                children: format.list(data.countiesServed.map(format.countyName)) || notSet,
                span: 'filled',
              },
            ]}
          />
          <InstitutionProfileModal institution={data} open={editing} onClose={() => setEditing(false)} />
        </>
      ) : institution.isError ? (
        <Typography.Text type="danger">{describeError(institution.error, t)}</Typography.Text>
      ) : (
        <Skeleton active paragraph={{ rows: 3 }} />
      )}
    </Card>
  );
}
