import dayjs, { type Dayjs } from 'dayjs';
import { wanToYuan, yuanToWan } from '../i18n/format';
import { fenOfYuan } from './estimate';
import type { ServicingBody, ServicingReport, ServicingStatus } from './program';

/**
 * The servicing form's values: named like the API's fields so 400 details land on them; the principal
 * in 万元, the money paid in yuan with fen (the API takes the principal in yuan, the rest in fen).
 */
export interface ServicingFormValues {
  periodStart?: Dayjs;
  periodEnd?: Dayjs;
  outstandingPrincipal?: number;
  interestPaidFen?: number;
  guaranteeFeePaidFen?: number | null;
  status: ServicingStatus;
  overdueDays?: number;
  lossFen?: number;
  reason?: string;
}

const day = (value: string) => dayjs(value);
const yuanOfFen = (fen: number | null) => (fen === null ? undefined : fen / 100);

/**
 * Where the form starts. A correction: the report it corrects. A new report: the quarter after the last
 * reported period (periods run from start, included, to end, excluded, so the next starts where the
 * last ended), from the value date for the first, ending today at the latest, on the principal last reported.
 */
export function initialServicingValues(
  corrects: ServicingReport | undefined,
  latest: ServicingReport | undefined,
  loan: { valueDate: string; disbursedAmount: number },
  today: string,
): ServicingFormValues {
  if (corrects) {
    return {
      periodStart: day(corrects.periodStart),
      periodEnd: day(corrects.periodEnd),
      outstandingPrincipal: yuanToWan(corrects.outstandingPrincipal),
      interestPaidFen: yuanOfFen(corrects.interestPaidFen),
      guaranteeFeePaidFen: yuanOfFen(corrects.guaranteeFeePaidFen),
      status: corrects.status,
      overdueDays: corrects.overdueDays ?? undefined,
      lossFen: yuanOfFen(corrects.lossFen),
    };
  }
  const start = day(latest?.periodEnd ?? loan.valueDate);
  const quarterEnd = start.add(3, 'month');
  return {
    periodStart: start,
    periodEnd: quarterEnd.isAfter(day(today)) ? day(today) : quarterEnd,
    outstandingPrincipal: yuanToWan(latest?.outstandingPrincipal ?? loan.disbursedAmount),
    status: 'normal',
  };
}

const fenOf = (yuan: number | null | undefined) => (yuan === null || yuan === undefined ? undefined : fenOfYuan(yuan));

export function servicingInputOf(values: ServicingFormValues, corrects: ServicingReport | undefined): ServicingBody {
  return {
    periodStart: values.periodStart?.format('YYYY-MM-DD') ?? '',
    periodEnd: values.periodEnd?.format('YYYY-MM-DD') ?? '',
    outstandingPrincipal: wanToYuan(values.outstandingPrincipal ?? 0),
    interestPaidFen: fenOf(values.interestPaidFen) ?? 0,
    guaranteeFeePaidFen: fenOf(values.guaranteeFeePaidFen),
    status: values.status,
    // Only the status that has them sends them: the API refuses overdue days on a normal period.
    overdueDays: values.status === 'overdue' ? values.overdueDays : undefined,
    lossFen: values.status === 'default' ? fenOf(values.lossFen) : undefined,
    supersedes: corrects?.id,
    reason: corrects ? values.reason?.trim() : undefined,
  };
}
