import { Checkbox, Descriptions, Form, Input, Typography } from 'antd';
import { useI18n } from '../i18n/context';
import { formatFen } from '../i18n/format';
import { LoanActionModal } from './LoanActionModal';
import type { Program, ServicingReport } from './program';
import { useSubmitClaim } from './queries';

/** The claim form's values; the payee's fields named like the API's so 400 details land on them. */
interface ClaimFormValues {
  withPayee: boolean;
  accountName?: string;
  bankName?: string;
  accountNo?: string;
}

/** What is being claimed: a subsidy for a reported period, or (no report) compensation for the default. */
export interface ClaimTarget {
  program: Program;
  report: ServicingReport | null;
}

/**
 * Claims on a program for the loan (申请): the platform works out the amount from the program's rules
 * and the report; the claimant may give the account the money goes to (else the bureau asks for it).
 */
export function ClaimModal({
  loanRequestId,
  target,
  onClose,
}: {
  loanRequestId: string;
  target: ClaimTarget | null;
  onClose: () => void;
}) {
  const { t, language } = useI18n();
  const claim = useSubmitClaim(loanRequestId);
  const required = { required: true, whitespace: true, min: 2 };
  const period = target?.report ? `${target.report.periodStart} – ${target.report.periodEnd}` : null;

  return (
    <LoanActionModal<ClaimFormValues>
      open={target !== null}
      title={target ? t(`loanProgram.claim.title.${target.program.kind}`) : ''}
      submitLabel={t('loanProgram.claim.submit')}
      initialValues={{ withPayee: false }}
      onSubmit={async (values) => {
        if (!target) return '';
        const created = await claim.mutateAsync({
          programId: target.program.id,
          loanRequestId,
          periodStart: target.report?.periodStart,
          periodEnd: target.report?.periodEnd,
          payee: values.withPayee
            ? {
                accountName: values.accountName?.trim() ?? '',
                bankName: values.bankName?.trim() ?? '',
                accountNo: values.accountNo?.trim() ?? '',
              }
            : undefined,
        });
        return t('loanProgram.claim.done', { amount: formatFen(created.amountFen, language) });
      }}
      onClose={onClose}
      pending={claim.isPending}
      testId="claim-form"
    >
      {() => (
        <>
          <Descriptions
            column={1}
            size="small"
            style={{ marginBottom: 16 }}
            items={[
              { key: 'program', label: t('loanProgram.claim.program'), children: target?.program.name },
              {
                key: 'period',
                label: t('loanProgram.claim.period'),
                children: period ?? t('loanProgram.claim.forDefault'),
              },
            ]}
          />
          <Typography.Paragraph type="secondary">{t('loanProgram.claim.amountHint')}</Typography.Paragraph>
          <Form.Item name="withPayee" valuePropName="checked">
            <Checkbox>{t('loanProgram.claim.withPayee')}</Checkbox>
          </Form.Item>
          <Form.Item noStyle dependencies={['withPayee']}>
            {({ getFieldValue }) =>
              getFieldValue('withPayee') && (
                <>
                  <Form.Item name="accountName" label={t('loanProgram.payee.accountName')} rules={[required]}>
                    <Input maxLength={100} />
                  </Form.Item>
                  <Form.Item name="bankName" label={t('loanProgram.payee.bankName')} rules={[required]}>
                    <Input maxLength={100} />
                  </Form.Item>
                  <Form.Item
                    name="accountNo"
                    label={t('loanProgram.payee.accountNo')}
                    rules={[{ required: true, pattern: /^\d{8,30}$/, message: t('loanProgram.payee.accountNoRule') }]}
                  >
                    <Input maxLength={30} inputMode="numeric" />
                  </Form.Item>
                </>
              )
            }
          </Form.Item>
        </>
      )}
    </LoanActionModal>
  );
}
