import { Alert, App, Button, Flex, Form, Input, Modal, Radio, Typography } from 'antd';
import { useState } from 'react';
import { formProblem } from '../api/formErrors';
import { useT } from '../i18n/context';
import { useLastShown } from '../layout/useLastShown';
import { passwordRules } from './passwordRules';
import { useResetPassword, type Account } from './queries';

function ResetForm({ account, onDone }: { account: Account; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ mode: 'generate' | 'choose'; password?: string }>();
  const mode = Form.useWatch('mode', form);
  const reset = useResetPassword();
  const [problem, setProblem] = useState<string | null>(null);
  // A generated password is shown here once; closing the dialog forgets it.
  const [generated, setGenerated] = useState<string | null>(null);

  const submit = async (values: { mode: 'generate' | 'choose'; password?: string }) => {
    setProblem(null);
    try {
      const done = await reset.mutateAsync({
        id: account.id,
        ...(values.mode === 'choose' ? { password: values.password } : {}),
      });
      void message.success(t('accounts.resetDone', { username: account.username }));
      if (done.generatedPassword) setGenerated(done.generatedPassword);
      else onDone();
    } catch (error) {
      setProblem(formProblem(form, error, t));
    }
  };

  if (generated) {
    return (
      <Flex vertical gap={16}>
        <Alert
          type="success"
          showIcon
          title={t('accounts.generated')}
          description={
            <Typography.Text code copyable data-testid="generated-password" style={{ fontSize: 18 }}>
              {generated}
            </Typography.Text>
          }
        />
        <Flex justify="flex-end">
          <Button type="primary" onClick={onDone}>
            {t('accounts.close')}
          </Button>
        </Flex>
      </Flex>
    );
  }

  return (
    <Form form={form} layout="vertical" initialValues={{ mode: 'generate' }} onFinish={(values) => void submit(values)}>
      <Alert type="info" showIcon title={t('accounts.resetNote')} style={{ marginBottom: 16 }} />
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <Form.Item name="mode">
        <Radio.Group
          options={[
            { value: 'generate', label: t('accounts.resetGenerate') },
            { value: 'choose', label: t('accounts.resetChoose') },
          ]}
        />
      </Form.Item>
      {mode === 'choose' && (
        <Form.Item name="password" label={t('accounts.resetPasswordField')} rules={passwordRules(t)}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      )}
      <Flex gap={8} justify="flex-end">
        <Button onClick={onDone}>{t('common.cancel')}</Button>
        <Button type="primary" danger htmlType="submit" loading={reset.isPending}>
          {t('accounts.confirmReset')}
        </Button>
      </Flex>
    </Form>
  );
}

/** Resets an account's password to a temporary one (chosen, or generated and shown once). */
export function ResetPasswordModal({ account, onClose }: { account: Account | null; onClose: () => void }) {
  const t = useT();
  const shown = useLastShown(account);
  return (
    <Modal
      open={account !== null}
      onCancel={onClose}
      destroyOnHidden
      maskClosable={false}
      title={shown && t('accounts.resetTitle', { username: shown.username })}
      footer={null}
    >
      {shown && <ResetForm key={shown.id} account={shown} onDone={onClose} />}
    </Modal>
  );
}
