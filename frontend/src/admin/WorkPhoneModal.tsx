import { Alert, App, Button, Flex, Form, Modal } from 'antd';
import { useState } from 'react';
import { formProblem } from '../api/formErrors';
import { useT } from '../i18n/context';
import { WorkPhoneItem, workPhoneOf } from '../institution/WorkPhoneItem';
import { useLastShown } from '../layout/useLastShown';
import { useUpdateAccount, type Account } from './queries';

function WorkPhoneForm({ account, onDone }: { account: Account; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ workPhone?: string }>();
  const update = useUpdateAccount();
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (values: { workPhone?: string }) => {
    setProblem(null);
    try {
      await update.mutateAsync({ id: account.id, changes: { workPhone: workPhoneOf(values.workPhone) } });
      void message.success(t('accounts.workPhoneSaved', { username: account.username }));
      onDone();
    } catch (error) {
      setProblem(formProblem(form, error, t));
    }
  };

  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ workPhone: account.workPhone ?? undefined }}
      onFinish={(values) => void submit(values)}
    >
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <WorkPhoneItem />
      <Flex gap={8} justify="flex-end">
        <Button onClick={onDone}>{t('common.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={update.isPending}>
          {t('common.save')}
        </Button>
      </Flex>
    </Form>
  );
}

/** Sets or clears an account's work phone (an officer's is what applicants call after a claim). */
export function WorkPhoneModal({ account, onClose }: { account: Account | null; onClose: () => void }) {
  const t = useT();
  const shown = useLastShown(account);
  return (
    <Modal
      open={account !== null}
      onCancel={onClose}
      destroyOnHidden
      title={shown ? t('accounts.workPhoneTitle', { username: shown.username }) : null}
      footer={null}
    >
      {shown && <WorkPhoneForm key={shown.id} account={shown} onDone={onClose} />}
    </Modal>
  );
}
