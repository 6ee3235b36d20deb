import { Alert, App, DatePicker, Descriptions, Form, Input, Modal, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { CLAIM_DECISIONS, type ClaimDecisionBody } from '@lcfin/backend/contract';
import { formProblem } from '../api/formErrors';
import { useI18n } from '../i18n/context';
import { shanghaiToday } from '../supervision/period';
import { useDecideClaim, usePayClaim, type Claim } from './bureauQueries';
import { formatFen } from './money';

/** The claim a dialog acts on: who, for what, how much. */
function ClaimSummary({ claim }: { claim: Claim }) {
  const { t, language } = useI18n();
  return (
    <Descriptions size="small" column={1} style={{ marginBottom: 16 }}>
      <Descriptions.Item label={t('claims.program')}>{claim.program.name}</Descriptions.Item>
      <Descriptions.Item label={t('claims.applicant')}>{claim.request.applicantName}</Descriptions.Item>
      <Descriptions.Item label={t('claims.amount')}>
        {t('fiscal.yuan', { amount: formatFen(claim.amountFen, language) })}
      </Descriptions.Item>
      {claim.review && (
        <Descriptions.Item label={t('claims.reviewNote')}>{claim.review.note ?? t('claims.noNote')}</Descriptions.Item>
      )}
    </Descriptions>
  );
}

/** 初审 (review) or 复核 (check): approve or reject, with a note — required when rejecting, so the claimant learns why. */
export function DecisionModal({
  claim,
  step,
  onClose,
}: {
  claim: Claim;
  step: 'review' | 'check';
  onClose: () => void;
}) {
  const t = useI18n().t;
  const { message } = App.useApp();
  const [form] = Form.useForm<ClaimDecisionBody>();
  const decision = Form.useWatch('decision', form);
  const decide = useDecideClaim();
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async ({ decision: chosen, note }: ClaimDecisionBody) => {
    setProblem(null);
    try {
      await decide.mutateAsync({ id: claim.id, step, decision: { decision: chosen, note: note?.trim() || undefined } });
      void message.success(t(`claims.${step}.done.${chosen}`));
      onClose();
    } catch (error) {
      setProblem(formProblem(form, error, t));
    }
  };
  return (
    <Modal
      open
      title={t(`claims.${step}.title`)}
      okText={t(`claims.${step}`)}
      confirmLoading={decide.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <ClaimSummary claim={claim} />
      {step === 'check' && (
        <Alert type="info" showIcon title={t('claims.check.budgetHint')} style={{ marginBottom: 16 }} />
      )}
      <Form form={form} layout="vertical" initialValues={{ decision: 'approve' }} onFinish={(v) => void submit(v)}>
        <Form.Item name="decision" label={t('claims.decision')} rules={[{ required: true }]}>
          <Radio.Group
            options={CLAIM_DECISIONS.map((d) => ({ value: d, label: t(`claims.decision.${d}`) }))}
            optionType="button"
          />
        </Form.Item>
        <Form.Item
          name="note"
          label={t('claims.note')}
          rules={[{ required: decision === 'reject', whitespace: true, message: t('claims.rejectNeedsNote') }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type PaymentValues = { paidOn: Dayjs; voucherNo: string };

/** The treasury's payment of an approved claim: the day it was paid (no later than today) and the voucher's number. */
export function PaymentModal({ claim, onClose }: { claim: Claim; onClose: () => void }) {
  const t = useI18n().t;
  const { message } = App.useApp();
  const [form] = Form.useForm<PaymentValues>();
  const pay = usePayClaim();
  const [problem, setProblem] = useState<string | null>(null);
  const today = dayjs(shanghaiToday());
  const submit = async ({ paidOn, voucherNo }: PaymentValues) => {
    setProblem(null);
    try {
      await pay.mutateAsync({
        id: claim.id,
        payment: { paidOn: paidOn.format('YYYY-MM-DD'), voucherNo: voucherNo.trim() },
      });
      void message.success(t('claims.paid'));
      onClose();
    } catch (error) {
      setProblem(formProblem(form, error, t));
    }
  };
  return (
    <Modal
      open
      title={t('claims.pay.title')}
      okText={t('claims.pay')}
      confirmLoading={pay.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <ClaimSummary claim={claim} />
      <Form form={form} layout="vertical" initialValues={{ paidOn: today }} onFinish={(v) => void submit(v)}>
        <Form.Item name="paidOn" label={t('claims.paidOn')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(today, 'day')} />
        </Form.Item>
        <Form.Item
          name="voucherNo"
          label={t('claims.voucherNo')}
          rules={[{ required: true, whitespace: true, max: 50 }]}
        >
          <Input maxLength={50} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
