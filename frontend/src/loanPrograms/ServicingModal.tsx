import { Col, DatePicker, Form, Input, InputNumber, Row, Select, Typography } from 'antd';
import { SERVICING_STATUSES } from '@lcfin/backend/contract';
import { useT } from '../i18n/context';
import { yuanToWan } from '../i18n/format';
import { LoanActionModal } from './LoanActionModal';
import type { ServicingReport } from './program';
import { useReportServicing } from './queries';
import { initialServicingValues, servicingInputOf, type ServicingFormValues } from './servicingForm';

const wide = { width: '100%' };
const half = { xs: 24, sm: 12 };

/**
 * The lending institution reports a period of the loan (贷后报送), or corrects a report with a new one
 * that supersedes it and says why. `open` false keeps it closed.
 */
export function ServicingModal({
  open,
  loan,
  corrects,
  latest,
  today,
  onClose,
}: {
  open: boolean;
  loan: { id: string; valueDate: string; disbursedAmount: number };
  corrects: ServicingReport | undefined;
  latest: ServicingReport | undefined;
  today: string;
  onClose: () => void;
}) {
  const t = useT();
  const report = useReportServicing(loan.id);
  const required = { required: true };
  const yuan = t('loanProgram.yuanUnit');
  // The picker offers only the days the API takes: from the value date to today.
  const outside = (value: { format: (pattern: string) => string }) => {
    const date = value.format('YYYY-MM-DD');
    return date < loan.valueDate || date > today;
  };

  return (
    <LoanActionModal<ServicingFormValues>
      open={open}
      title={t(corrects ? 'loanProgram.servicing.correct' : 'loanProgram.servicing.report')}
      submitLabel={t(corrects ? 'loanProgram.servicing.submitCorrection' : 'loanProgram.servicing.submit')}
      initialValues={initialServicingValues(corrects, latest, loan, today)}
      onSubmit={async (values) => {
        await report.mutateAsync(servicingInputOf(values, corrects));
        return t('loanProgram.servicing.done');
      }}
      onClose={onClose}
      pending={report.isPending}
      testId="servicing-form"
    >
      {(form) => (
        <Row gutter={16}>
          <Col span={24}>
            <Typography.Paragraph type="secondary">{t('loanProgram.servicing.hint')}</Typography.Paragraph>
          </Col>
          <Col {...half}>
            <Form.Item name="periodStart" label={t('loanProgram.servicing.periodStart')} rules={[required]}>
              <DatePicker style={wide} disabledDate={outside} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="periodEnd"
              label={t('loanProgram.servicing.periodEnd')}
              extra={t('loanProgram.servicing.periodEndHint')}
              rules={[required]}
            >
              <DatePicker style={wide} disabledDate={outside} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="outstandingPrincipal"
              label={t('loanProgram.servicing.outstandingPrincipal')}
              rules={[required]}
            >
              <InputNumber<number>
                min={0}
                max={yuanToWan(loan.disbursedAmount)}
                suffix={t('unit.wanShort')}
                style={wide}
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="interestPaidFen" label={t('loanProgram.servicing.interestPaid')} rules={[required]}>
              <InputNumber<number> min={0} precision={2} suffix={yuan} style={wide} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="guaranteeFeePaidFen"
              label={t('loanProgram.servicing.guaranteeFeePaid')}
              extra={t('loanProgram.servicing.guaranteeFeeHint')}
            >
              <InputNumber<number> min={0} precision={2} suffix={yuan} style={wide} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="status" label={t('loanProgram.servicing.status')} rules={[required]}>
              <Select
                options={SERVICING_STATUSES.map((status) => ({
                  value: status,
                  label: t(`loanProgram.servicingStatus.${status}`),
                }))}
              />
            </Form.Item>
          </Col>
          <Form.Item noStyle dependencies={['status']}>
            {() => {
              const status = form.getFieldValue('status') as ServicingFormValues['status'];
              if (status === 'overdue') {
                return (
                  <Col {...half}>
                    <Form.Item name="overdueDays" label={t('loanProgram.servicing.overdueDays')} rules={[required]}>
                      <InputNumber<number>
                        min={1}
                        max={3650}
                        precision={0}
                        suffix={t('loanProgram.daysUnit')}
                        style={wide}
                      />
                    </Form.Item>
                  </Col>
                );
              }
              if (status === 'default') {
                return (
                  <Col {...half}>
                    <Form.Item
                      name="lossFen"
                      label={t('loanProgram.servicing.loss')}
                      extra={t('loanProgram.servicing.lossHint')}
                      rules={[required]}
                    >
                      <InputNumber<number> min={0} precision={2} suffix={yuan} style={wide} />
                    </Form.Item>
                  </Col>
                );
              }
              return null;
            }}
          </Form.Item>
          {corrects && (
            <Col span={24}>
              <Form.Item
                name="reason"
                label={t('loanProgram.servicing.reason')}
                rules={[{ required: true, whitespace: true, min: 2 }]}
              >
                <Input.TextArea rows={2} maxLength={500} showCount />
              </Form.Item>
            </Col>
          )}
        </Row>
      )}
    </LoanActionModal>
  );
}
