import { Alert, App, Form, Input, Modal } from 'antd';
import { formProblem } from '../api/formErrors';
import { useT } from '../i18n/context';
import { useLastShown } from '../layout/useLastShown';
import { useSuspendInstitution, type AdminInstitution } from './queries';
import { useState } from 'react';

/** Suspends an institution, with the reason the audit log keeps. */
export function SuspendModal({ institution, onClose }: { institution: AdminInstitution | null; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const shown = useLastShown(institution);
  const [form] = Form.useForm<{ reason: string }>();
  const suspend = useSuspendInstitution();
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async ({ reason }: { reason: string }) => {
    if (!shown) return;
    setProblem(null);
    try {
      await suspend.mutateAsync({ id: shown.id, reason: reason.trim() });
      void message.success(t('adminInst.suspended', { name: shown.name }));
      onClose();
    } catch (error) {
      setProblem(formProblem(form, error, t));
    }
  };

  return (
    <Modal
      open={institution !== null}
      onCancel={onClose}
      destroyOnHidden
      title={shown && t('adminInst.suspendTitle', { name: shown.name })}
      okText={t('adminInst.suspend')}
      okButtonProps={{ danger: true, loading: suspend.isPending }}
      onOk={() => form.submit()}
    >
      <Alert type="warning" showIcon title={t('adminInst.suspendNote')} style={{ marginBottom: 16 }} />
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={(values) => void submit(values)} preserve={false}>
        <Form.Item name="reason" label={t('adminInst.reason')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
