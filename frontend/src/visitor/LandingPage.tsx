import {
  FieldTimeOutlined,
  FileAddOutlined,
  LoginOutlined,
  ShopOutlined,
  ThunderboltOutlined,
  UserAddOutlined,
} from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Flex, Row, Skeleton, Statistic, theme, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { PublicFigures } from '@lcfin/backend/contract';
import { api } from '../api/client';
import { useI18n } from '../i18n/context';
import { formatShanghaiTime } from '../i18n/format';
import type { MessageKey } from '../i18n/messages';
import { LoadFailed } from '../layout/LoadFailed';
import { useSlaPolicy } from '../sla/PromisesCard';
import { formatCount, formatLargeAmount } from '../supervision/format';

/** The platform's published totals; the API computes them at most once a minute. */
function usePublicFigures() {
  return useQuery({
    queryKey: ['platform', 'figures'],
    queryFn: () => api.get<PublicFigures>('/platform/figures'),
    staleTime: 60_000,
  });
}

function Section({ title, extra, children }: { title: string; extra?: ReactNode; children: ReactNode }) {
  return (
    <section>
      <Flex justify="space-between" align="baseline" gap={12} wrap style={{ marginBottom: 12 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {extra}
      </Flex>
      {children}
    </section>
  );
}

function Figures() {
  const { t, language } = useI18n();
  const figures = usePublicFigures();
  if (figures.isError) return <LoadFailed error={figures.error} onRetry={() => void figures.refetch()} />;
  const data = figures.data;
  const count = (n: number) => formatCount(n, language);
  const items: {
    key: keyof PublicFigures;
    label: MessageKey;
    unit: MessageKey;
    value: (f: PublicFigures) => string;
  }[] = [
    {
      key: 'institutions',
      label: 'landing.institutions',
      unit: 'landing.unitInstitutions',
      value: (f) => count(f.institutions),
    },
    {
      key: 'listedProducts',
      label: 'landing.listedProducts',
      unit: 'landing.unitProducts',
      value: (f) => count(f.listedProducts),
    },
    {
      key: 'enterprises',
      label: 'landing.enterprises',
      unit: 'landing.unitInstitutions',
      value: (f) => count(f.enterprises),
    },
    { key: 'requests', label: 'landing.requests', unit: 'landing.unitRequests', value: (f) => count(f.requests) },
    {
      key: 'disbursedLoans',
      label: 'landing.disbursedLoans',
      unit: 'landing.unitRequests',
      value: (f) => count(f.disbursedLoans),
    },
    {
      key: 'disbursedAmount',
      label: 'landing.disbursedAmount',
      unit: 'landing.unitYuan',
      value: (f) => formatLargeAmount(f.disbursedAmount, language),
    },
  ];
  return (
    <Section
      title={t('landing.figuresTitle')}
      extra={
        data && (
          <Typography.Text type="secondary">
            {t('landing.figuresAsOf', { time: formatShanghaiTime(data.asOf, language) })}
          </Typography.Text>
        )
      }
    >
      <Row gutter={[16, 16]} data-testid="platform-figures">
        {items.map((item) => (
          <Col key={item.key} xs={12} md={8} xl={4}>
            <Card size="small" style={{ height: '100%' }}>
              {data ? (
                <Statistic
                  title={t(item.label)}
                  value={item.value(data)}
                  suffix={t(item.unit) || undefined}
                  data-testid={`figure-${item.key}`}
                />
              ) : (
                <Skeleton active title={false} paragraph={{ rows: 2 }} />
              )}
            </Card>
          </Col>
        ))}
      </Row>
    </Section>
  );
}

function Promise321() {
  const { t } = useI18n();
  const policy = useSlaPolicy().data;
  const stages =
    policy &&
    ([
      { stage: 'respond', text: t('promises.respondWindow', { hours: policy.respond.workingHours }) },
      { stage: 'contact', text: t('promises.contactWindow', { days: policy.contact.workingDays }) },
      { stage: 'decide', text: t('promises.decideWindow', { days: policy.decide.workingDays }) },
    ] as const);
  return (
    <Section title={t('landing.promiseTitle')}>
      <Typography.Paragraph type="secondary">{t('landing.promiseLead')}</Typography.Paragraph>
      <Row gutter={[16, 16]} data-testid="promise-321">
        {stages
          ? stages.map(({ stage, text }) => (
              <Col key={stage} xs={24} md={8}>
                <Card size="small" style={{ height: '100%' }}>
                  <Typography.Text strong>{t(`slaStage.${stage}`)}</Typography.Text>
                  <Typography.Paragraph style={{ margin: '6px 0 0' }}>{text}</Typography.Paragraph>
                </Card>
              </Col>
            ))
          : [0, 1, 2].map((n) => (
              <Col key={n} xs={24} md={8}>
                <Card size="small">
                  <Skeleton active title={false} paragraph={{ rows: 2 }} />
                </Card>
              </Col>
            ))}
      </Row>
    </Section>
  );
}

const steps: { icon: ReactNode; title: MessageKey; text: MessageKey }[] = [
  { icon: <ShopOutlined />, title: 'landing.catalogTitle', text: 'landing.catalogText' },
  { icon: <FileAddOutlined />, title: 'landing.startTitle', text: 'landing.startText' },
  { icon: <ThunderboltOutlined />, title: 'intro.grab', text: 'intro.grabText' },
  { icon: <FieldTimeOutlined />, title: 'intro.sla', text: 'intro.slaText' },
];

/** `/` for visitors: what the platform is, its published figures, the 321 promise, the catalog, sign in or register. */
export default function LandingPage() {
  const { t } = useI18n();
  const { token } = theme.useToken();
  return (
    <Flex vertical gap={32} style={{ paddingBottom: 32 }} data-testid="landing">
      <Card
        style={{ background: 'linear-gradient(160deg, #e3ecfa 0%, #f3f6fb 60%, #ffffff 100%)' }}
        styles={{ body: { padding: 'clamp(20px, 4vw, 48px)' } }}
      >
        <Flex vertical gap={16} style={{ maxWidth: 760 }}>
          <Typography.Text style={{ color: token.colorPrimary, fontSize: 16 }}>{t('platform.slogan')}</Typography.Text>
          <Typography.Title level={1} style={{ margin: 0, fontSize: 'clamp(26px, 4vw, 38px)' }}>
            {t('landing.title')}
          </Typography.Title>
          <Typography.Paragraph style={{ fontSize: 16, margin: 0 }}>
            {t('landing.lead', { platform: t('platform.name') })}
          </Typography.Paragraph>
          <Flex gap={12} wrap>
            <Link to="/products" data-testid="landing-catalog">
              <Button type="primary" size="large" icon={<ShopOutlined />}>
                {t('visitor.browseCatalog')}
              </Button>
            </Link>
            <Link to="/register" data-testid="landing-register">
              <Button size="large" icon={<UserAddOutlined />}>
                {t('visitor.register')}
              </Button>
            </Link>
            <Link to="/login" data-testid="landing-sign-in">
              <Button size="large" type="text" icon={<LoginOutlined />}>
                {t('visitor.signIn')}
              </Button>
            </Link>
          </Flex>
        </Flex>
      </Card>
      <Figures />
      <Promise321 />
      <Section title={t('landing.howTitle')}>
        <Row gutter={[16, 16]}>
          {steps.map((step) => (
            <Col key={step.title} xs={24} md={12} xl={6}>
              <Card size="small" style={{ height: '100%' }}>
                <Flex gap={12} align="flex-start">
                  <span style={{ fontSize: 22, lineHeight: 1, color: token.colorPrimary }}>{step.icon}</span>
                  <div>
                    <Typography.Text strong style={{ fontSize: 16 }}>
                      {t(step.title)}
                    </Typography.Text>
                    <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
                      {t(step.text)}
                    </Typography.Paragraph>
                  </div>
                </Flex>
              </Card>
            </Col>
          ))}
        </Row>
      </Section>
    </Flex>
  );
}
