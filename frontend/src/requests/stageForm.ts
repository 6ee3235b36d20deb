import type { Dayjs } from 'dayjs';
import { wanToYuan } from '../i18n/format';
import type { RejectionCode, StageInput, StageTarget } from './loanRequest';

/** The stage form's values: named like the API's fields so 400 details land on them, amounts in 万元. */
export interface StageFormValues {
  note?: string;
  /** Contact and investigation: the day the officer met the applicant. */
  visitDate?: Dayjs;
  approvedAmount?: number;
  annualRate?: number;
  termMonths?: number;
  reasonCode?: RejectionCode;
  reason?: string;
  disbursedAmount?: number;
  /** Disbursement: the loan's value date (起息日), from which interest and any subsidy run. */
  valueDate?: Dayjs;
}

const yuanOf = (wan: number | undefined) => (wan === undefined || wan === null ? undefined : wanToYuan(wan));

export function stageInputOf(to: StageTarget, values: StageFormValues): StageInput {
  return {
    to,
    note: values.note?.trim() || undefined,
    visitDate: values.visitDate?.format('YYYY-MM-DD'),
    approvedAmount: yuanOf(values.approvedAmount),
    annualRate: values.annualRate ?? undefined,
    termMonths: values.termMonths ?? undefined,
    reasonCode: values.reasonCode,
    reason: values.reason?.trim() || undefined,
    disbursedAmount: yuanOf(values.disbursedAmount),
    valueDate: values.valueDate?.format('YYYY-MM-DD'),
  };
}
