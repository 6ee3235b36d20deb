import { Alert, App, Button, DatePicker, Flex, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { ApiError } from '../api/client';
import { describeError, formProblem } from '../api/formErrors';
import { useT } from '../i18n/context';
import { yuanToWan } from '../i18n/format';
import { chooseRule } from '../i18n/formRules';
import { useLastShown } from '../layout/useLastShown';
import { openStage, platformNow, shanghaiDay } from '../sla/stages';
import { useRequestAction } from './actions';
import { useRequestFormat } from './format';
import type { LoanRequest, StageTarget } from './loanRequest';
import { stageInputOf, type StageFormValues } from './stageForm';
import { rejectionCodes } from './vocabulary';

const wide = { width: '100%' };

/** The stages at which an officer visits the applicant, and records the day. */
const visits = (to: StageTarget) => to === 'contacted' || to === 'investigated';

/** A day the officer picks: a visit, or the value date at disbursement — between the claim and today, as the API checks. */
const picksDay = (to: StageTarget) => visits(to) || to === 'disbursed';

/**
 * The days a visit or a value date may be on, as the API checks them: from the claim to today, both in Shanghai
 * and today on the platform's clock (the open stage's), which deadlines and the check run on.
 */
function stageDays(request: LoanRequest) {
  const open = openStage(request.deadlines);
  return {
    first: request.claimedBy ? shanghaiDay(Date.parse(request.claimedBy.at)) : null,
    today: shanghaiDay(open ? platformNow(open, request, Date.now()) : Date.now()),
  };
}

function initialValues(request: LoanRequest, to: StageTarget): StageFormValues {
  if (visits(to)) return { visitDate: dayjs(stageDays(request).today) };
  if (to === 'approved') return { approvedAmount: yuanToWan(request.amount), termMonths: request.termMonths };
  if (to === 'disbursed') {
    return {
      valueDate: dayjs(stageDays(request).today),
      disbursedAmount: request.approval ? yuanToWan(request.approval.amount) : undefined,
    };
  }
  return {};
}

/** The fields the stage records: approval terms, a rejection reason, the amount paid out; always a note. */
function StageFields({ request, to }: { request: LoanRequest; to: StageTarget }) {
  const t = useT();
  const wan = t('unit.wanShort');
  const required = { required: true };
  // The picker offers only the days the API takes.
  const { first, today } = stageDays(request);
  return (
    <>
      {picksDay(to) && (
        <Form.Item
          name={visits(to) ? 'visitDate' : 'valueDate'}
          label={t(visits(to) ? 'stage.visitDate' : 'stage.valueDate')}
          extra={visits(to) ? undefined : t('stage.valueDateHint')}
          rules={[required]}
        >
          <DatePicker
            style={wide}
            disabledDate={(day) => {
              const date = day.format('YYYY-MM-DD');
              return date > today || (first !== null && date < first);
            }}
          />
        </Form.Item>
      )}
      {to === 'approved' && (
        <>
          <Form.Item name="approvedAmount" label={t('request.approvedAmount')} rules={[required]}>
            <InputNumber<number> min={0.01} max={yuanToWan(request.amount)} suffix={wan} style={wide} />
          </Form.Item>
          <Form.Item name="annualRate" label={t('stage.annualRate')} rules={[required]}>
            <InputNumber<number> min={0.01} max={24} precision={2} step={0.05} suffix="%" style={wide} />
          </Form.Item>
          <Form.Item name="termMonths" label={t('request.approvedTerm')} rules={[required]}>
            <InputNumber<number> min={1} max={360} precision={0} suffix={t('unit.monthsShort')} style={wide} />
          </Form.Item>
        </>
      )}
      {to === 'rejected' && (
        <>
          <Form.Item name="reasonCode" label={t('request.rejection')} rules={[chooseRule(t, t('request.rejection'))]}>
            <Select options={rejectionCodes.map((code) => ({ value: code, label: t(`rejection.${code}`) }))} />
          </Form.Item>
          <Form.Item name="reason" label={t('stage.reason')} rules={[required, { min: 2 }]}>
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </>
      )}
      {to === 'disbursed' && (
        <Form.Item name="disbursedAmount" label={t('request.disbursedAmount')} rules={[required]}>
          <InputNumber<number>
            min={0.01}
            max={request.approval ? yuanToWan(request.approval.amount) : undefined}
            suffix={wan}
            style={wide}
          />
        </Form.Item>
      )}
      {to !== 'rejected' && (
        <Form.Item name="note" label={t('stage.note')}>
          <Input.TextArea rows={2} maxLength={500} placeholder={t('stage.notePlaceholder')} />
        </Form.Item>
      )}
    </>
  );
}

function StageForm({ request, to, onDone }: { request: LoanRequest; to: StageTarget; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const format = useRequestFormat();
  const [form] = Form.useForm<StageFormValues>();
  const act = useRequestAction();
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (values: StageFormValues) => {
    setProblem(null);
    try {
      await act.mutateAsync({ id: request.id, action: 'transition', stage: stageInputOf(to, values) });
      void message.success(t('stage.done', { status: t(`requestStatus.${to}`) }));
      onDone();
    } catch (error) {
      // Moved on meanwhile (another officer of the institution): the page now shows where it stands.
      if (error instanceof ApiError && error.status === 422) {
        void message.error(describeError(error, t));
        onDone();
      } else {
        setProblem(formProblem(form, error, t));
      }
    }
  };

  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={initialValues(request, to)}
      onFinish={(values) => void submit(values)}
      data-testid="stage-form"
    >
      <Typography.Paragraph type="secondary">
        {request.applicant.name} · {format.amount(request.amount)} · {format.term(request.termMonths)}
      </Typography.Paragraph>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <StageFields request={request} to={to} />
      <Flex gap={8} justify="flex-end">
        <Button onClick={onDone}>{t('common.cancel')}</Button>
        <Button type="primary" danger={to === 'rejected'} htmlType="submit" loading={act.isPending}>
          {t(`stage.${to}`)}
        </Button>
      </Flex>
    </Form>
  );
}

/** A small form for one stage step of a claimed request; `to: null` keeps it closed. */
export function StageModal({
  request,
  to,
  onClose,
}: {
  request: LoanRequest;
  to: StageTarget | null;
  onClose: () => void;
}) {
  const t = useT();
  const shown = useLastShown(to);
  return (
    <Modal open={to !== null} onCancel={onClose} destroyOnHidden footer={null} title={shown && t(`stage.${shown}`)}>
      {shown && <StageForm request={request} to={shown} onDone={onClose} />}
    </Modal>
  );
}
