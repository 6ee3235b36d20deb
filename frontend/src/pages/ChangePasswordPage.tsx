import { LockOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { formProblem } from '../api/formErrors';
import { useChangePassword, useLogout } from '../auth/session';
import { useSignedInUser } from '../auth/signedInUser';
import { passwordRules } from '../admin/passwordRules';
import { useT } from '../i18n/context';
import { AuthLayout } from '../layout/AuthLayout';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** 修改密码: where an account whose password the admin reset (or prepared) must go before anything else. */
export default function ChangePasswordPage() {
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const user = useSignedInUser();
  const [form] = Form.useForm<Values>();
  const change = useChangePassword();
  const logout = useLogout();
  const [problem, setProblem] = useState<string | null>(null);

  const submit = ({ currentPassword, newPassword }: Values) => {
    setProblem(null);
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          void message.success(t('password.changed'));
          navigate('/home', { replace: true });
        },
        onError: (error) => setProblem(formProblem(form, error, t)),
      },
    );
  };

  return (
    <AuthLayout title={t('password.changeTitle')} width={420}>
      {user.mustChangePassword && (
        <Alert type="warning" showIcon title={t('password.changeIntro')} style={{ marginBottom: 16 }} />
      )}
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <Typography.Paragraph type="secondary">
        {t('auth.username')}: {user.username}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" size="large" requiredMark={false} onFinish={submit}>
        <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
        </Form.Item>
        <Form.Item name="newPassword" label={t('password.new')} rules={passwordRules(t)}>
          <Input.Password prefix={<LockOutlined />} autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('password.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || value === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('validation.passwordMismatch'))),
            }),
          ]}
        >
          <Input.Password prefix={<LockOutlined />} autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={change.isPending}>
          {t('password.changeTitle')}
        </Button>
        <Button type="link" block onClick={() => logout.mutate()} style={{ marginTop: 8 }}>
          {t('auth.logout')}
        </Button>
      </Form>
    </AuthLayout>
  );
}
