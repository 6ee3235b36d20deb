import { EditOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Flex, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ENTERPRISE_FIELDS, INDIVIDUAL_FIELDS, PUBLIC_DATA_FIELDS } from '@lcfin/backend/contract';
import { useSignedInUser } from '../auth/signedInUser';
import { useI18n, useT, type Translate } from '../i18n/context';
import type { Language } from '../i18n/language';
import { LoadFailed } from '../layout/LoadFailed';
import { PageHeading } from '../layout/PageHeading';
import { ProfileDrawer } from './ProfileDrawer';
import { useProfile, type ProfileViewType } from './queries';
import { profileValueText } from './profileText';

type Fields = ProfileViewType['fields'];
type FieldName = keyof Fields;
type Sourced = NonNullable<Fields[FieldName]>;

/** Where a value comes from and the day it describes: 自报 (blue) or 导入 with its provider (green). */
export function SourceTag({ field }: { field: Sourced }) {
  const t = useT();
  return field.source === 'import' ? (
    <Tag color="green">{t('applicantProfile.source.import', { source: field.sourceName ?? '', date: field.asOf })}</Tag>
  ) : (
    <Tag color="blue">{t('applicantProfile.source.self', { date: field.asOf })}</Tag>
  );
}

function fieldItems(fields: Fields, names: readonly FieldName[], t: Translate, language: Language) {
  return names.map((name) => {
    const field = fields[name];
    return {
      key: name,
      label: t(`applicantProfile.field.${name}`),
      children: field ? (
        <Space size={[8, 4]} wrap>
          <span>{profileValueText(name, field.value, t, language)}</span>
          <SourceTag field={field} />
        </Space>
      ) : (
        <Typography.Text type="secondary">{t('applicantProfile.notGiven')}</Typography.Text>
      ),
    };
  });
}

/** The public data the bureau imported, apart from the tax credit rating (shown among the declared fields). */
const IMPORT_ONLY = PUBLIC_DATA_FIELDS.filter((name) => name !== 'taxCreditRating');

/** 企业档案 / 个人档案: each field with its source and day, and the form to change what the applicant declares. */
export default function ProfilePage() {
  const { t, language } = useI18n();
  const user = useSignedInUser();
  const profile = useProfile();
  const [editing, setEditing] = useState(false);
  const enterprise = user.role === 'enterprise';
  const fields = profile.data?.fields;

  return (
    <Flex vertical gap={16}>
      <PageHeading
        title={t(enterprise ? 'applicantProfile.enterpriseTitle' : 'applicantProfile.individualTitle')}
        subtitle={t('applicantProfile.subtitle')}
        extra={
          fields && (
            <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t('applicantProfile.edit')}
            </Button>
          )
        }
      />
      {profile.isError ? (
        <LoadFailed error={profile.error} onRetry={() => void profile.refetch()} />
      ) : !fields ? (
        <Card>
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      ) : (
        <>
          <Card title={t('applicantProfile.declared')} data-testid="profile-declared">
            <Descriptions
              column={{ xs: 1, lg: 2 }}
              size="small"
              items={fieldItems(fields, enterprise ? ENTERPRISE_FIELDS : INDIVIDUAL_FIELDS, t, language)}
            />
          </Card>
          {enterprise && (
            <Card title={t('applicantProfile.imported')} data-testid="profile-imported">
              <Typography.Paragraph type="secondary">{t('applicantProfile.importedHint')}</Typography.Paragraph>
              {IMPORT_ONLY.some((name) => fields[name]) ? (
                <Descriptions
                  column={{ xs: 1, lg: 2 }}
                  size="small"
                  items={fieldItems(fields, IMPORT_ONLY, t, language)}
                />
              ) : (
                <Typography.Text type="secondary">{t('applicantProfile.noImport')}</Typography.Text>
              )}
            </Card>
          )}
          <ProfileDrawer
            open={editing}
            onClose={() => setEditing(false)}
            fields={fields}
            kind={enterprise ? 'enterprise' : 'individual'}
          />
        </>
      )}
    </Flex>
  );
}
