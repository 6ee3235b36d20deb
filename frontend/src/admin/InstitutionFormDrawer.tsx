import { Alert, App, Button, Divider, Drawer, Flex, Form, Grid, Input, Select, Typography } from 'antd';
import { useState } from 'react';
import { INSTITUTION_LEVELS, INSTITUTION_TYPES, type NewInstitutionBody } from '@lcfin/backend/contract';
import { formProblem } from '../api/formErrors';
import { useT } from '../i18n/context';
import { useLastShown } from '../layout/useLastShown';
import { CountySelect } from '../reference/CountySelect';
import { useCreateInstitution, useUpdateInstitution, type AdminInstitution } from './queries';
import { passwordRules } from './passwordRules';

/** Which institution the drawer edits; `institution: null` onboards one. */
export interface InstitutionEditing {
  institution: AdminInstitution | null;
}

type FormValues = Omit<NewInstitutionBody, 'firstAdmin'> & {
  adminUsername?: string;
  adminName?: string;
  adminPassword?: string;
};

/** The API names the first admin's fields `firstAdmin.*`; the form keeps them flat, under these names. */
const FIRST_ADMIN_FIELDS = { username: 'adminUsername', displayName: 'adminName', password: 'adminPassword' } as const;

function InstitutionForm({ institution, onDone }: { institution: AdminInstitution | null; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const create = useCreateInstitution();
  const update = useUpdateInstitution();
  const [problem, setProblem] = useState<string | null>(null);
  const optional = (v: string | undefined) => v?.trim() || null;

  const submit = async (values: FormValues) => {
    setProblem(null);
    const contact = {
      contactName: optional(values.contactName ?? undefined),
      contactPhone: optional(values.contactPhone ?? undefined),
      address: optional(values.address ?? undefined),
    };
    try {
      if (institution) {
        await update.mutateAsync({
          id: institution.id,
          changes: { ...contact, countiesServed: values.countiesServed },
        });
        void message.success(t('adminInst.saved', { name: institution.name }));
      } else {
        const created = await create.mutateAsync({
          name: values.name.trim(),
          type: values.type,
          level: values.level,
          regionCode: values.regionCode,
          countiesServed: values.countiesServed,
          ...contact,
          firstAdmin: {
            username: values.adminUsername!.trim(),
            displayName: values.adminName!.trim(),
            password: values.adminPassword!,
          },
        });
        void message.success(t('adminInst.created', { name: created.name }));
      }
      onDone();
    } catch (error) {
      setProblem(formProblem(form, renameFirstAdmin(error), t));
    }
  };

  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={institution ?? { level: 'branch', countiesServed: [] }}
      onFinish={(values) => void submit(values)}
    >
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      {!institution && (
        <>
          <Form.Item name="name" label={t('adminInst.name')} rules={[{ required: true, whitespace: true, min: 2 }]}>
            <Input />
          </Form.Item>
          <Flex gap={12} wrap>
            <Form.Item
              name="type"
              label={t('adminInst.type')}
              rules={[{ required: true }]}
              style={{ flex: '1 1 200px' }}
            >
              <Select options={INSTITUTION_TYPES.map((v) => ({ value: v, label: t(`institutionType.${v}`) }))} />
            </Form.Item>
            <Form.Item
              name="level"
              label={t('adminInst.level')}
              rules={[{ required: true }]}
              style={{ flex: '1 1 160px' }}
            >
              <Select
                options={INSTITUTION_LEVELS.filter((v) => v !== 'sub_branch').map((v) => ({
                  value: v,
                  label: t(`institutionLevel.${v}`),
                }))}
              />
            </Form.Item>
          </Flex>
          <Form.Item name="regionCode" label={t('adminInst.region')} rules={[{ required: true }]}>
            <CountySelect />
          </Form.Item>
        </>
      )}
      <Form.Item name="countiesServed" label={t('adminInst.countiesServed')} extra={t('adminInst.countiesHint')}>
        <CountySelect mode="multiple" />
      </Form.Item>
      <Flex gap={12} wrap>
        <Form.Item name="contactName" label={t('adminInst.contactName')} style={{ flex: '1 1 160px' }}>
          <Input />
        </Form.Item>
        <Form.Item name="contactPhone" label={t('adminInst.contactPhone')} style={{ flex: '1 1 160px' }}>
          <Input />
        </Form.Item>
      </Flex>
      <Form.Item name="address" label={t('adminInst.address')}>
        <Input />
      </Form.Item>
      {!institution && (
        <>
          <Divider titlePlacement="start">{t('adminInst.firstAdmin')}</Divider>
          <Typography.Paragraph type="secondary">{t('adminInst.firstAdminHint')}</Typography.Paragraph>
          <Form.Item
            name="adminUsername"
            label={t('adminInst.adminUsername')}
            rules={[{ required: true, whitespace: true }]}
          >
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="adminName" label={t('adminInst.adminName')} rules={[{ required: true, whitespace: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="adminPassword" label={t('adminInst.adminPassword')} rules={passwordRules(t)}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </>
      )}
      <Flex gap={8} justify="flex-end">
        <Button onClick={onDone}>{t('common.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={create.isPending || update.isPending}>
          {t('common.save')}
        </Button>
      </Flex>
    </Form>
  );
}

/** Points the API's `firstAdmin.username` (and the like) at the form's flat fields. */
function renameFirstAdmin(error: unknown): unknown {
  if (typeof error === 'object' && error !== null && 'details' in error && Array.isArray(error.details)) {
    for (const detail of error.details as { path: string }[]) {
      const [head, field] = detail.path.split('.');
      if (head === 'firstAdmin' && field && field in FIRST_ADMIN_FIELDS) {
        detail.path = FIRST_ADMIN_FIELDS[field as keyof typeof FIRST_ADMIN_FIELDS];
      }
    }
  }
  return error;
}

/** Onboards an institution with its first admin, or edits one's counties and contact details. */
export function InstitutionFormDrawer({
  editing,
  onClose,
}: {
  editing: InstitutionEditing | null;
  onClose: () => void;
}) {
  const t = useT();
  const shown = useLastShown(editing);
  const phone = Grid.useBreakpoint().md === false;
  return (
    <Drawer
      open={editing !== null}
      onClose={onClose}
      destroyOnHidden
      size={phone ? '100%' : 560}
      title={
        shown?.institution ? t('adminInst.editTitle', { name: shown.institution.name }) : t('adminInst.createTitle')
      }
    >
      {shown && <InstitutionForm institution={shown.institution} onDone={onClose} />}
    </Drawer>
  );
}
