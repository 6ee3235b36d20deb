import { UserOutlined } from '@ant-design/icons';
import { Avatar, Card, Col, Descriptions, Flex, Row, Typography, type DescriptionsProps } from 'antd';
import { useInstitution } from '../api/institutions';
import { useRegions } from '../api/regions';
import { useSignedInUser } from '../auth/signedInUser';
import { useI18n } from '../i18n/context';
import { NavItemLink, navigationByRole } from '../layout/navigation';
import { PageTitle } from '../layout/PageHeading';

/** The role's landing page: who is signed in, in what scope, and where to go next. */
export default function HomePage() {
  const user = useSignedInUser();
  const { t, language } = useI18n();
  const regions = useRegions();
  const institution = useInstitution(user.institutionId);

  const region = regions.data?.find((candidate) => candidate.code === user.county);
  const regionName = region && (language === 'en' ? region.nameEn : region.name);
  // A city-level bureau account has no county: it supervises the whole city.
  const scope = user.county ? (regionName ?? user.county) : user.role === 'bureau' ? t('home.wholeCity') : null;

  const facts: DescriptionsProps['items'] = [{ key: 'role', label: t('home.role'), children: t(`role.${user.role}`) }];
  if (user.institutionId) {
    const name = institution.data?.name ?? (institution.isError ? user.institutionId : '…');
    facts.push({
      key: 'institution',
      label: t('home.institution'),
      children: name,
    });
  }
  if (scope) facts.push({ key: 'scope', label: t('home.scope'), children: scope });

  const shortcuts = navigationByRole[user.role].filter((item) => item.path !== '/home');

  return (
    <Flex vertical gap={16}>
      <Card data-testid="welcome">
        <Flex align="center" gap={16}>
          <Avatar size={56} icon={<UserOutlined />} style={{ flex: 'none' }} />
          <div style={{ minWidth: 0 }}>
            <PageTitle size={4}>{t('home.welcome', { name: user.displayName })}</PageTitle>
            <Typography.Text type="secondary">{t('platform.slogan')}</Typography.Text>
          </div>
        </Flex>
        <Descriptions items={facts} column={{ xs: 1, sm: 2, lg: 3 }} style={{ marginTop: 20 }} />
      </Card>
      <Card title={t('home.shortcuts')}>
        <Row gutter={[16, 16]}>
          {shortcuts.map((item) => (
            <Col key={item.path} xs={12} md={8} xl={6}>
              <NavItemLink item={item}>
                <Card hoverable size="small">
                  <Flex align="center" gap={10}>
                    <Typography.Text style={{ fontSize: 20 }} type="secondary">
                      {item.icon}
                    </Typography.Text>
                    <Typography.Text>{t(item.label)}</Typography.Text>
                  </Flex>
                </Card>
              </NavItemLink>
            </Col>
          ))}
        </Row>
      </Card>
    </Flex>
  );
}
