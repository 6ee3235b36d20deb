import { Alert, Button, Flex, Typography } from 'antd';
import { Link } from 'react-router';
import { useT } from '../i18n/context';
import type { MessageKey } from '../i18n/messages';
import { AuthLayout } from '../layout/AuthLayout';

const ways: { title: MessageKey; body: MessageKey }[] = [
  { title: 'forgot.applicantTitle', body: 'forgot.applicantBody' },
  { title: 'forgot.staffTitle', body: 'forgot.staffBody' },
  { title: 'forgot.afterTitle', body: 'forgot.afterBody' },
];

/** 忘记密码: until text messages exist, the platform admin resets a password; this page says how to ask. */
export default function ForgotPasswordPage() {
  const t = useT();
  return (
    <AuthLayout title={t('forgot.title')} width={480}>
      <Flex vertical gap={16} data-testid="forgot-password-page">
        <Alert type="info" showIcon title={t('forgot.lead')} />
        {ways.map((way) => (
          <div key={way.title}>
            <Typography.Text strong>{t(way.title)}</Typography.Text>
            <Typography.Paragraph style={{ margin: '4px 0 0' }}>{t(way.body)}</Typography.Paragraph>
          </div>
        ))}
        <Typography.Text type="secondary">{t('forgot.messagingLater')}</Typography.Text>
        <Link to="/login">
          <Button block size="large">
            {t('forgot.backToLogin')}
          </Button>
        </Link>
      </Flex>
    </AuthLayout>
  );
}
