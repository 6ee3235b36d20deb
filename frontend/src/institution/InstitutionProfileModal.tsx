import { Alert, App, Button, Flex, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { formProblem } from '../api/formErrors';
import type { Institution } from '../api/institutions';
import { useT } from '../i18n/context';
import { CountySelect } from '../reference/CountySelect';
import { useUpdateInstitutionProfile, type InstitutionProfile } from './profile';

interface ProfileFormValues {
  contactName?: string;
  contactPhone?: string;
  address?: string;
}

const blankToNull = (value: string | undefined) => value?.trim() || null;

function ProfileForm({ institution, onDone }: { institution: Institution; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<ProfileFormValues>();
  const update = useUpdateInstitutionProfile(institution.id);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (values: ProfileFormValues) => {
    setProblem(null);
    const profile: InstitutionProfile = {
      contactName: blankToNull(values.contactName),
      contactPhone: blankToNull(values.contactPhone),
      address: blankToNull(values.address),
    };
    update.mutate(profile, {
      onSuccess: () => {
        void message.success(t('profile.saved'));
        onDone();
      },
      onError: (error) => setProblem(formProblem(form, error, t)),
    });
  };

  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={{
        contactName: institution.contactName ?? undefined,
        contactPhone: institution.contactPhone ?? undefined,
        address: institution.address ?? undefined,
      }}
    >
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <Form.Item name="contactName" label={t('institution.contactName')}>
        <Input autoComplete="name" />
      </Form.Item>
      <Form.Item name="contactPhone" label={t('institution.contactPhone')}>
        <Input autoComplete="tel" inputMode="tel" />
      </Form.Item>
      <Form.Item name="address" label={t('institution.address')}>
        <Input autoComplete="street-address" />
      </Form.Item>
      {/* Only the platform admin changes the counties served: shown here, not edited. */}
      <Form.Item label={t('institution.countiesServed')} extra={t('profile.countiesHint')}>
        <CountySelect mode="multiple" value={institution.countiesServed} disabled />
      </Form.Item>
      <Flex gap={8} justify="flex-end">
        <Button onClick={onDone}>{t('common.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={update.isPending}>
          {t('common.save')}
        </Button>
      </Flex>
    </Form>
  );
}

/** Edits the institution's contact details; the counties it serves are shown as the platform admin set them. */
export function InstitutionProfileModal({
  institution,
  open,
  onClose,
}: {
  institution: Institution;
  open: boolean;
  onClose: () => void;
}) {
  const t = useT();
  return (
    <Modal open={open} onCancel={onClose} destroyOnHidden footer={null} title={t('profile.editTitle')}>
      <ProfileForm institution={institution} onDone={onClose} />
    </Modal>
  );
}
