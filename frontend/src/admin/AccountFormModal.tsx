import { Alert, App, Button, Checkbox, Flex, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { STAFF_ROLES, type NewStaffAccountBody, type StaffRole } from '@lcfin/backend/contract';
import { formProblem } from '../api/formErrors';
import { InstitutionSelect } from '../catalog/InstitutionSelect';
import { useT } from '../i18n/context';
import { CountySelect } from '../reference/CountySelect';
import { passwordRules } from './passwordRules';
import { WorkPhoneItem, workPhoneOf } from '../institution/WorkPhoneItem';
import { useCreateAccount } from './queries';

type FormValues = Required<Pick<NewStaffAccountBody, 'username' | 'password' | 'role' | 'name'>> &
  Pick<NewStaffAccountBody, 'institutionId' | 'county' | 'mustChangePassword' | 'workPhone'>;

function AccountForm({ onDone }: { onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const create = useCreateAccount();
  const role = Form.useWatch('role', form) as StaffRole | undefined;
  const [problem, setProblem] = useState<string | null>(null);
  const needsInstitution = role === 'officer' || role === 'institution_admin';

  const submit = async (values: FormValues) => {
    setProblem(null);
    try {
      const workPhone = workPhoneOf(values.workPhone);
      const created = await create.mutateAsync({
        username: values.username.trim(),
        password: values.password,
        role: values.role,
        name: values.name.trim(),
        ...(needsInstitution ? { institutionId: values.institutionId } : {}),
        ...(values.role === 'bureau' && values.county ? { county: values.county } : {}),
        mustChangePassword: values.mustChangePassword,
        ...(workPhone ? { workPhone } : {}),
      });
      void message.success(t('accounts.created', { username: created.username }));
      onDone();
    } catch (error) {
      setProblem(formProblem(form, error, t));
    }
  };

  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ mustChangePassword: true }}
      onFinish={(values) => void submit(values)}
    >
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <Form.Item name="role" label={t('accounts.role')} rules={[{ required: true }]}>
        <Select options={STAFF_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
      </Form.Item>
      {needsInstitution && (
        <Form.Item name="institutionId" label={t('accounts.institution')} rules={[{ required: true }]}>
          <InstitutionSelect />
        </Form.Item>
      )}
      {role === 'bureau' && (
        <Form.Item name="county" label={t('accounts.county')} extra={t('accounts.countyHint')}>
          <CountySelect allowClear />
        </Form.Item>
      )}
      <Form.Item name="username" label={t('auth.username')} rules={[{ required: true, whitespace: true }]}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item name="name" label={t('accounts.name')} rules={[{ required: true, whitespace: true }]}>
        <Input />
      </Form.Item>
      <Form.Item name="password" label={t('accounts.password')} rules={passwordRules(t)}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <WorkPhoneItem />
      <Form.Item name="mustChangePassword" valuePropName="checked">
        <Checkbox>{t('accounts.mustChangeOnFirst')}</Checkbox>
      </Form.Item>
      <Flex gap={8} justify="flex-end">
        <Button onClick={onDone}>{t('common.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={create.isPending}>
          {t('common.save')}
        </Button>
      </Flex>
    </Form>
  );
}

/** Creates a staff account: bureau, institution admin, officer or another platform admin. */
export function AccountFormModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  return (
    <Modal open={open} onCancel={onClose} destroyOnHidden title={t('accounts.createTitle')} footer={null}>
      {open && <AccountForm onDone={onClose} />}
    </Modal>
  );
}
