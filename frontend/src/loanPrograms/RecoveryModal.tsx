import { DatePicker, Form, InputNumber, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useI18n } from '../i18n/context';
import { formatFen } from '../i18n/format';
import { fenOfYuan } from './estimate';
import { LoanActionModal } from './LoanActionModal';
import type { Claim } from './program';
import { useRecordRecovery } from './queries';

/** Named like the API's fields so 400 details land on them; the amount in yuan with fen. */
interface RecoveryFormValues {
  recoveredFen?: number;
  recoveredOn?: Dayjs;
}

const wide = { width: '100%' };

/**
 * The lending institution records money recovered after it was compensated: the program's share of
 * it returns to the pool.
 */
export function RecoveryModal({
  loanRequestId,
  claim,
  today,
  onClose,
}: {
  loanRequestId: string;
  claim: Claim | null;
  today: string;
  onClose: () => void;
}) {
  const { t, language } = useI18n();
  const record = useRecordRecovery(loanRequestId);
  const paidOn = claim?.payment?.paidOn ?? today;

  return (
    <LoanActionModal<RecoveryFormValues>
      open={claim !== null}
      title={t('loanProgram.recovery.title')}
      submitLabel={t('loanProgram.recovery.submit')}
      initialValues={{ recoveredOn: dayjs(today) }}
      onSubmit={async (values) => {
        if (!claim) return '';
        await record.mutateAsync({
          claimId: claim.id,
          recoveredFen: fenOfYuan(values.recoveredFen ?? 0),
          recoveredOn: values.recoveredOn?.format('YYYY-MM-DD') ?? '',
        });
        return t('loanProgram.recovery.done');
      }}
      onClose={onClose}
      pending={record.isPending}
      testId="recovery-form"
    >
      {() => (
        <>
          {claim && (
            <Typography.Paragraph type="secondary">
              {t('loanProgram.recovery.hint', {
                program: claim.program.name,
                paid: formatFen(claim.amountFen, language),
                returned: formatFen(claim.returnedFen, language),
              })}
            </Typography.Paragraph>
          )}
          <Form.Item name="recoveredFen" label={t('loanProgram.recovery.amount')} rules={[{ required: true }]}>
            <InputNumber<number> min={0.01} precision={2} suffix={t('loanProgram.yuanUnit')} style={wide} />
          </Form.Item>
          <Form.Item name="recoveredOn" label={t('loanProgram.recovery.on')} rules={[{ required: true }]}>
            <DatePicker
              style={wide}
              disabledDate={(day) => {
                const date = day.format('YYYY-MM-DD');
                return date < paidOn || date > today;
              }}
            />
          </Form.Item>
        </>
      )}
    </LoanActionModal>
  );
}
