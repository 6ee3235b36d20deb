import { enrolDisbursedLoan } from '../fiscal/enrolment';
import { post, type SignedIn, type TestPlatform } from './platform';

/** The officer's steps from a claim to a disbursal, with what each stage records. */
export interface DisbursalTerms {
  approvedAmount?: number;
  annualRate?: number;
  termMonths?: number;
  disbursedAmount?: number;
  /** 起息日; by default today on the test clock. */
  valueDate?: string;
}

/**
 * A loan placed by `applicant`, claimed by `officer`, taken through contact, investigation and
 * approval and disbursed; then enrolled in the fiscal programs it qualifies for, as the worker
 * does on the disbursal's event. Its request id.
 */
export async function disbursedLoan(
  t: TestPlatform,
  applicant: SignedIn,
  officer: SignedIn,
  need?: object,
  terms: DisbursalTerms = {},
): Promise<string> {
  const id = await t.openRequest(applicant, need);
  const today = new Date(t.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  await post(officer, `/loan-requests/${id}/claim`).expect(200);
  const steps: object[] = [
    { to: 'contacted', visitDate: today },
    { to: 'investigated', visitDate: today },
    {
      to: 'approved',
      approvedAmount: terms.approvedAmount ?? terms.disbursedAmount ?? 300_000,
      annualRate: terms.annualRate ?? 4.2,
      termMonths: terms.termMonths ?? 12,
    },
    {
      to: 'disbursed',
      disbursedAmount: terms.disbursedAmount ?? terms.approvedAmount ?? 300_000,
      ...(terms.valueDate ? { valueDate: terms.valueDate } : {}),
    },
  ];
  for (const step of steps) await post(officer, `/loan-requests/${id}/transition`, step).expect(200);
  await enrolDisbursedLoan(t.platform.db, id);
  return id;
}
