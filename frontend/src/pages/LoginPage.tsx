import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { ApiError } from '../api/client';
import { formProblem } from '../api/formErrors';
import { useLogin, type Credentials } from '../auth/session';
import { useT } from '../i18n/context';
import { AuthLayout } from '../layout/AuthLayout';

export default function LoginPage() {
  const t = useT();
  const navigate = useNavigate();
  // Registration hands over the new username so it need not be typed again.
  const registeredUsername = (useLocation().state as { username?: string } | null)?.username;
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
      onSuccess: () => navigate('/home', { replace: true }),
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
        <Button type="primary" htmlType="submit" block loading={login.isPending}>
          {t('auth.login')}
        </Button>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 20, marginBottom: 0, textAlign: 'center' }}>
        {t('auth.noAccount')} <Link to="/register">{t('auth.registerNow')}</Link>
      </Typography.Paragraph>
    </AuthLayout>
  );
}
