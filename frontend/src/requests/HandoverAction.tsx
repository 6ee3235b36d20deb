import { Alert, App, Button, Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { formProblem } from '../api/formErrors';
import { useT } from '../i18n/context';
import { useHandOver } from './actions';
import { useRequestFormat } from './format';
import type { LoanRequest } from './loanRequest';
import { useHandoverOfficers } from './queries';

interface HandoverValues {
  officerId: string;
  reason: string;
}

/** 转派: the institution admin hands a claimed request to another of its officers serving the county, with a reason. */
function HandoverForm({ request, onDone }: { request: LoanRequest; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const format = useRequestFormat();
  const [form] = Form.useForm<HandoverValues>();
  const officers = useHandoverOfficers(request.id, true);
  const handOver = useHandOver();
  const [problem, setProblem] = useState<string | null>(null);
  const options = (officers.data ?? []).map((o) => ({ value: o.id, label: o.displayName }));

  const submit = async (values: HandoverValues) => {
    setProblem(null);
    try {
      const fresh = await handOver.mutateAsync({ id: request.id, ...values });
      void message.success(t('handover.done', { officer: fresh.claimedBy?.officer?.displayName ?? '' }));
      onDone();
    } catch (error) {
      setProblem(formProblem(form, error, t));
    }
  };

  return (
    <Form form={form} layout="vertical" onFinish={(values) => void submit(values)} data-testid="handover-form">
      <Typography.Paragraph type="secondary">
        {request.applicant.name} · {format.county(request.county)} · {t('handover.current')}
        {request.claimedBy?.officer?.displayName ?? t('handover.nobody')}
      </Typography.Paragraph>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <Form.Item
        name="officerId"
        label={t('handover.officer')}
        extra={t('handover.officerHint')}
        rules={[{ required: true, message: t('handover.officerRequired') }]}
      >
        <Select
          aria-label={t('handover.officer')}
          showSearch={{ optionFilterProp: 'label' }}
          options={options}
          loading={officers.isFetching}
          notFoundContent={officers.isFetching ? undefined : t('handover.noOfficers')}
          data-testid="handover-officer"
        />
      </Form.Item>
      <Form.Item
        name="reason"
        label={t('handover.reason')}
        rules={[{ required: true, whitespace: true, min: 2, message: t('handover.reasonRequired') }]}
      >
        <Input.TextArea rows={3} maxLength={200} showCount placeholder={t('handover.reasonPlaceholder')} />
      </Form.Item>
      <Form.Item style={{ marginBottom: 0, textAlign: 'right' }}>
        <Button onClick={onDone} style={{ marginRight: 8 }}>
          {t('common.cancel')}
        </Button>
        <Button type="primary" htmlType="submit" loading={handOver.isPending} data-testid="handover-submit">
          {t('handover.action')}
        </Button>
      </Form.Item>
    </Form>
  );
}

/** The institution admin's 转派 button on a claimed request's page, and its dialog. */
export function HandoverAction({ request }: { request: LoanRequest }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)} data-testid="handover-open">
        {t('handover.action')}
      </Button>
      <Modal open={open} onCancel={() => setOpen(false)} destroyOnHidden footer={null} title={t('handover.title')}>
        {open && <HandoverForm request={request} onDone={() => setOpen(false)} />}
      </Modal>
    </>
  );
}
