import { Alert, App, Button, Flex, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { formProblem } from '../api/formErrors';
import { useInstitution } from '../api/institutions';
import { useT } from '../i18n/context';
import { useLastShown } from '../layout/useLastShown';
import { CountySelect } from '../reference/CountySelect';
import { useCreateOfficer, useUpdateOfficer, type NewOfficer, type Officer } from './officers';
import { WorkPhoneItem, workPhoneOf } from './WorkPhoneItem';

// The API's password rule: at least 8 characters, letters and digits both.
const lettersAndDigits = /^(?=.*[A-Za-z])(?=.*\d)/;

/** Which officer the modal edits; `officer: null` creates one. */
export interface OfficerEditing {
  officer: Officer | null;
}

function OfficerForm({
  institutionId,
  officer,
  onDone,
}: {
  institutionId: string;
  officer: Officer | null;
  onDone: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<NewOfficer>();
  const create = useCreateOfficer(institutionId);
  const update = useUpdateOfficer(institutionId);
  const counties = useInstitution(institutionId).data?.countiesServed;
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (values: NewOfficer) => {
    setProblem(null);
    try {
      const displayName = values.displayName.trim();
      const workPhone = workPhoneOf(values.workPhone);
      if (officer) {
        await update.mutateAsync({
          id: officer.id,
          changes: { displayName, countiesServed: values.countiesServed, workPhone },
        });
      } else {
        await create.mutateAsync({
          ...values,
          username: values.username.trim(),
          displayName,
          ...(workPhone ? { workPhone } : {}),
        });
      }
      void message.success(t('officers.saved', { name: displayName }));
      onDone();
    } catch (error) {
      setProblem(formProblem(form, error, t));
    }
  };

  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={officer ? { ...officer, workPhone: officer.workPhone ?? undefined } : { countiesServed: [] }}
      onFinish={(values) => void submit(values)}
    >
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      {!officer && (
        <>
          <Form.Item name="username" label={t('auth.username')} rules={[{ required: true, whitespace: true }]}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('officers.initialPassword')}
            extra={t('officers.passwordHint')}
            rules={[
              { required: true },
              { min: 8, message: t('validation.passwordLength') },
              { pattern: lettersAndDigits, message: t('validation.passwordLettersDigits') },
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </>
      )}
      <Form.Item name="displayName" label={t('officers.displayName')} rules={[{ required: true, whitespace: true }]}>
        <Input />
      </Form.Item>
      <Form.Item name="countiesServed" label={t('officers.countiesServed')} extra={t('officers.countiesHint')}>
        <CountySelect mode="multiple" within={counties} />
      </Form.Item>
      <WorkPhoneItem />
      <Flex gap={8} justify="flex-end">
        <Button onClick={onDone}>{t('common.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={create.isPending || update.isPending}>
          {t('common.save')}
        </Button>
      </Flex>
    </Form>
  );
}

/** Adds a customer manager or changes one's name, counties and work phone. */
export function OfficerFormModal({
  institutionId,
  editing,
  onClose,
}: {
  institutionId: string;
  editing: OfficerEditing | null;
  onClose: () => void;
}) {
  const t = useT();
  const shown = useLastShown(editing);
  return (
    <Modal
      open={editing !== null}
      onCancel={onClose}
      destroyOnHidden
      title={shown?.officer ? t('officers.editTitle', { name: shown.officer.displayName }) : t('officers.createTitle')}
      footer={null}
    >
      {shown && <OfficerForm institutionId={institutionId} officer={shown.officer} onDone={onClose} />}
    </Modal>
  );
}
