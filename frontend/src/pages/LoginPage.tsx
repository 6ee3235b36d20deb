import { LockOutlined, ShopOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Divider, Flex, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../api/client';
import { formProblem } from '../api/formErrors';
import { NEXT_PARAM, safeReturnPath, withReturn } from '../auth/returnTo';
import { useLogin, type Credentials } from '../auth/session';
import { useT } from '../i18n/context';
import { AuthLayout } from '../layout/AuthLayout';

export default function LoginPage() {
  const t = useT();
  const navigate = useNavigate();
  // Registration hands over the new username so it need not be typed again.
  const registeredUsername = (useLocation().state as { username?: string } | null)?.username;
  // Where the visitor was headed (a product's request form, a page that asked them to sign in).
  const next = safeReturnPath(useSearchParams()[0].get(NEXT_PARAM));
  const [form] = Form.useForm<Credentials>();
  const login = useLogin();
  const [problem, setProblem] = useState<string | null>(null);

  const explain = (error: Error): string | null => {
    if (error instanceof ApiError && error.status === 401) return t('auth.badCredentials');
    if (error instanceof ApiError && error.status === 429) return t('auth.tooManyAttempts');
    return formProblem(form, error, t);
  };

  const submit = (credentials: Credentials) => {
    setProblem(null);
    login.mutate(credentials, {
      onSuccess: () => navigate(next ?? '/home', { replace: true }),
      onError: (error) => setProblem(explain(error)),
    });
  };

  return (
    <AuthLayout title={t('auth.loginTitle')} width={400}>
      {problem && (
        <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} data-testid="login-error" />
      )}
      {registeredUsername && !problem && (
        <Alert type="success" showIcon title={t('auth.registered')} style={{ marginBottom: 16 }} />
      )}
      <Form
        form={form}
        layout="vertical"
        size="large"
        requiredMark={false}
        initialValues={{ username: registeredUsername ?? '' }}
        onFinish={submit}
      >
        <Form.Item name="username" label={t('auth.username')} rules={[{ required: true, whitespace: true }]}>
          <Input prefix={<UserOutlined />} autoComplete="username" autoFocus={!registeredUsername} />
        </Form.Item>
        <Form.Item name="password" label={t('auth.password')} rules={[{ required: true }]}>
          <Input.Password
            prefix={<LockOutlined />}
            autoComplete="current-password"
            autoFocus={Boolean(registeredUsername)}
          />
        </Form.Item>
        <Flex justify="flex-end" style={{ marginTop: -12, marginBottom: 16 }}>
          <Link to="/forgot-password" data-testid="forgot-password">
            {t('visitor.forgotPassword')}
          </Link>
        </Flex>
        <Button type="primary" htmlType="submit" block loading={login.isPending}>
          {t('auth.login')}
        </Button>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 20, marginBottom: 0, textAlign: 'center' }}>
        {t('auth.noAccount')}{' '}
        <Link to={withReturn('/register', next)} data-testid="register-link">
          {t('auth.registerNow')}
        </Link>
      </Typography.Paragraph>
      <Divider plain style={{ marginBlock: 16 }}>
        {t('visitor.or')}
      </Divider>
      <Link to="/products" data-testid="browse-catalog">
        <Button block icon={<ShopOutlined />}>
          {t('visitor.browseWithoutAccount')}
        </Button>
      </Link>
    </AuthLayout>
  );
}
