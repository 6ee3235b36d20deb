import { Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../i18n/context';
import { useActionFeedback } from './actionFeedback';
import { useAssignees, useAssignRequest, useUrgeBreach, type BreachView } from './queries';

/** 督办: a note to the institution owning the breached stage, which it must acknowledge. */
export function UrgeModal({ breach, onClose }: { breach: BreachView; onClose: () => void }) {
  const t = useI18n().t;
  const feedback = useActionFeedback('urge.sent', onClose);
  const [form] = Form.useForm<{ note: string }>();
  const urge = useUrgeBreach();
  const submit = ({ note }: { note: string }) => urge.mutate({ breachId: breach.id, note }, feedback);
  return (
    <Modal
      open
      title={t('urge.title', { institution: breach.institution?.name ?? '' })}
      okText={t('breaches.urge')}
      confirmLoading={urge.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="note"
          label={t('urge.note')}
          rules={[{ required: true, whitespace: true, message: t('urge.notePlaceholder') }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('urge.notePlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 派单: the city bureau hands an escalated request nobody claimed to an institution serving its county. */
export function AssignModal({ breach, onClose }: { breach: BreachView; onClose: () => void }) {
  const t = useI18n().t;
  const feedback = useActionFeedback('assign.done', onClose);
  const [institutionId, setInstitutionId] = useState<string>();
  const assignees = useAssignees(breach.request.id);
  const assign = useAssignRequest();
  const options = (assignees.data?.items ?? []).map((i) => ({ value: i.id, label: i.name }));
  const submit = () => institutionId && assign.mutate({ requestId: breach.request.id, institutionId }, feedback);
  return (
    <Modal
      open
      title={t('assign.title')}
      okText={t('breaches.assign')}
      okButtonProps={{ disabled: !institutionId }}
      confirmLoading={assign.isPending}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form layout="vertical">
        <Form.Item label={t('assign.institution')} extra={t('assign.hint')}>
          <Select
            aria-label={t('assign.institution')}
            showSearch={{ optionFilterProp: 'label' }}
            options={options}
            loading={assignees.isFetching}
            value={institutionId}
            onChange={setInstitutionId}
          />
        </Form.Item>
        <Typography.Text type="secondary">
          {breach.request.countyName} · {breach.request.applicantName}
        </Typography.Text>
      </Form>
    </Modal>
  );
}
