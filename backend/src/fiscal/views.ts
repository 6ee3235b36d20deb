import { CountyCode, Industry } from '../auth/validation';
import { CUSTOMER_TYPES, PRODUCT_KINDS } from '../catalog/enums';
import { annualRate, Yuan } from '../catalog/validation';
import { FORMATS } from '../http/formats';
import { PageQuery, pageSchema } from '../http/pagination';
import { multiline } from '../http/text';
import { z } from '../http/zod';
import {
  CLAIM_DECISIONS,
  CLAIM_STATUSES,
  LEDGER_KINDS,
  PROGRAM_KINDS,
  PROGRAM_STATUSES,
  SERVICING_STATUSES,
  type ProgramKind,
} from './enums';

/**
 * The fiscal instruments as the API reads and writes them (api.md "Fiscal instruments"). Pure (zod
 * only): contract.ts hands them to the web app. The API speaks yuan for budgets, principals and
 * caps, percent for rates, and integer fen in every field whose name ends in `Fen`.
 */

const Day = z.iso.date();
/** A share or annual rate in percent, two decimals at most (0.5, 0.75, 40). */
const Percent = (max: number) => annualRate(max);
/** Integer fen, never negative. */
export const Fen = z.number().int().min(0).max(1e14);
const NonNegativeYuan = z.number().int().min(0).max(1_000_000_000);

export const ProgramEligibilityInput = z
  .object({
    customerTypes: z.array(z.enum(CUSTOMER_TYPES)).max(CUSTOMER_TYPES.length),
    industries: z.array(Industry).max(30),
    counties: z.array(CountyCode).max(30),
    productKinds: z.array(z.enum(PRODUCT_KINDS)).max(PRODUCT_KINDS.length),
    productIds: z.array(z.string().uuid()).max(100),
    institutionIds: z.array(z.string().uuid()).max(100),
    maxAmount: Yuan,
    maxTermMonths: z.number().int().min(1).max(360),
    firstLoanOnly: z.boolean(),
  })
  .partial();
export type ProgramEligibilityBody = z.input<typeof ProgramEligibilityInput>;

/** What a program pays; each kind takes its own fields (checked with the kind, `ProgramInput`). */
export const ProgramParamsInput = z
  .object({
    subsidyRatePct: Percent(10),
    perBorrowerCapPerYear: Yuan,
    feeFloorPct: Percent(10),
    feeSharePct: Percent(100),
    feeCapPct: Percent(10),
    lossSharePct: Percent(100),
    capPerLoan: Yuan,
  })
  .partial();
export type ProgramParams = z.output<typeof ProgramParamsInput>;

/** The parameters each kind needs, and those it may take. */
export const PARAMS_OF_KIND: Record<
  ProgramKind,
  { required: (keyof ProgramParams)[]; allowed: (keyof ProgramParams)[] }
> = {
  interest_subsidy: { required: ['subsidyRatePct'], allowed: ['subsidyRatePct', 'perBorrowerCapPerYear'] },
  guarantee_fee_subsidy: { required: [], allowed: ['feeFloorPct', 'feeSharePct', 'feeCapPct'] },
  risk_compensation: { required: ['lossSharePct'], allowed: ['lossSharePct', 'capPerLoan'] },
};

const ProgramFields = z.object({
  kind: z.enum(PROGRAM_KINDS),
  name: multiline(z.string().trim().min(2).max(100)),
  policyRef: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .openapi({ description: 'the policy document, e.g. 聊财金〔2025〕12号' }),
  /** The funding region: the city's code or one county's. */
  region: CountyCode,
  budget: Yuan.openapi({ description: 'yuan' }),
  startsOn: Day,
  endsOn: Day,
  eligibility: ProgramEligibilityInput.default({}),
  params: ProgramParamsInput,
});

/** `POST /programs`. */
export const ProgramInput = ProgramFields.superRefine((p, ctx) => {
  if (p.startsOn > p.endsOn) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'period.fromAfterTo' });
  const { required, allowed } = PARAMS_OF_KIND[p.kind];
  for (const field of required) {
    if (p.params[field] === undefined)
      ctx.addIssue({ code: 'custom', path: ['params', field], message: 'program.paramRequired' });
  }
  for (const field of Object.keys(p.params) as (keyof ProgramParams)[]) {
    if (p.params[field] !== undefined && !allowed.includes(field)) {
      ctx.addIssue({ code: 'custom', path: ['params', field], message: 'program.paramNotOfKind' });
    }
  }
  if (p.kind === 'guarantee_fee_subsidy' && p.params.feeSharePct === undefined && p.params.feeCapPct === undefined) {
    ctx.addIssue({ code: 'custom', path: ['params', 'feeCapPct'], message: 'program.feeShareOrCap' });
  }
});
export type ProgramInputType = z.output<typeof ProgramInput>;
export type ProgramBody = z.input<typeof ProgramInput>;

/**
 * `PATCH /programs/:id`: a draft may change anything but its kind and region; an active program
 * only its budget (never below what it committed and paid), its end and its name.
 */
export const ProgramChange = ProgramFields.omit({ kind: true, region: true })
  .partial()
  .extend({ eligibility: ProgramEligibilityInput.optional() });
export type ProgramChangeBody = z.input<typeof ProgramChange>;

export const ProgramQuery = PageQuery.extend({
  kind: z.enum(PROGRAM_KINDS).optional(),
  region: CountyCode.optional(),
  status: z.enum(PROGRAM_STATUSES).optional(),
});

export const BudgetView = z.object({
  /** Yuan. */
  budget: z.number(),
  committedFen: z.number(),
  paidFen: z.number(),
  remainingFen: z.number(),
});

/** A program as anyone reads it (`GET /programs`, `GET /programs/:id`). */
export const ProgramView = z
  .object({
    id: z.string(),
    kind: z.enum(PROGRAM_KINDS),
    name: z.string(),
    policyRef: z.string().nullable(),
    region: z.string(),
    regionName: z.string(),
    startsOn: z.string(),
    endsOn: z.string(),
    status: z.enum(PROGRAM_STATUSES),
    eligibility: ProgramEligibilityInput,
    params: ProgramParamsInput,
    budget: BudgetView,
    createdAt: z.string(),
    activatedAt: z.string().nullable(),
    closedAt: z.string().nullable(),
  })
  .openapi('Program');
export type ProgramViewType = z.output<typeof ProgramView>;
export const ProgramPage = pageSchema(ProgramView).openapi('ProgramPage');

/** `GET /programs/:id/preview` (interest subsidies). */
export const PreviewQuery = z.object({
  principal: z.coerce.number().int().positive().max(1_000_000_000),
  annualRate: z.coerce.number().positive().max(24),
  from: Day,
  to: Day,
});
export const PreviewView = z.object({ subsidyFen: z.number(), interestFen: z.number(), days: z.number() });

/** `GET /loan-requests/:id/programs`: the programs a loan qualifies for, or (disbursed) is enrolled in. */
export const LoanProgramView = z.object({
  program: ProgramView,
  status: z.enum(['eligible', 'enrolled']),
  /** Enrolled: the yuan disbursed under it and the value date. */
  principal: z.number().nullable(),
  valueDate: z.string().nullable(),
});
export const LoanProgramsView = z.object({ items: z.array(LoanProgramView) }).openapi('LoanPrograms');

/** `POST /loan-requests/:id/servicing`: a period of a disbursed loan, reported by the lending institution. */
export const ServicingInput = z
  .object({
    periodStart: Day,
    periodEnd: Day,
    outstandingPrincipal: NonNegativeYuan.openapi({ description: 'yuan outstanding over the period' }),
    interestPaidFen: Fen,
    guaranteeFeePaidFen: Fen.optional().openapi({ description: 'the guarantee fee paid for the period (担保费补贴)' }),
    status: z.enum(SERVICING_STATUSES),
    overdueDays: z.number().int().min(1).max(3650).optional(),
    lossFen: Fen.optional().openapi({ description: 'default: the principal lost after recovery' }),
    supersedes: z.string().uuid().optional().openapi({ description: 'the report this one corrects' }),
    reason: multiline(z.string().trim().min(2).max(500)).optional(),
  })
  .superRefine((r, ctx) => {
    if (r.periodStart >= r.periodEnd)
      ctx.addIssue({ code: 'custom', path: ['periodEnd'], message: 'period.endNotAfterStart' });
    if ((r.status === 'overdue') !== (r.overdueDays !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['overdueDays'], message: 'servicing.overdueDays' });
    }
    if ((r.status === 'default') !== (r.lossFen !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['lossFen'], message: 'servicing.lossFen' });
    }
    if (r.supersedes !== undefined && r.reason === undefined) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'servicing.correctionReason' });
    }
  });
export type ServicingBody = z.input<typeof ServicingInput>;

export const ServicingReportView = z
  .object({
    id: z.string(),
    requestId: z.string(),
    periodStart: z.string(),
    periodEnd: z.string(),
    outstandingPrincipal: z.number(),
    interestPaidFen: z.number(),
    guaranteeFeePaidFen: z.number().nullable(),
    status: z.enum(SERVICING_STATUSES),
    overdueDays: z.number().nullable(),
    lossFen: z.number().nullable(),
    supersedes: z.string().nullable(),
    /** The report that corrected this one; a superseded report counts for nothing. */
    supersededBy: z.string().nullable(),
    reason: z.string().nullable(),
    reportedBy: z.string(),
    reportedAt: z.string(),
  })
  .openapi('ServicingReport');
export const ServicingReportsView = z.object({ items: z.array(ServicingReportView) });

/** The account a payment goes to, as the borrower or the bank records it when claiming. */
export const PayeeAccount = z.object({
  accountName: z.string().trim().min(2).max(100),
  bankName: z.string().trim().min(2).max(100),
  accountNo: z
    .string()
    .trim()
    .regex(/^\d{8,30}$/, 'account.number'),
});

/** `POST /program-claims`: a subsidy for a reported period, or (no period) compensation for a default. */
export const ClaimInput = z
  .object({
    programId: z.string().uuid(),
    loanRequestId: z.string().uuid(),
    periodStart: Day.optional(),
    periodEnd: Day.optional(),
    payee: PayeeAccount.optional(),
  })
  .superRefine((c, ctx) => {
    if ((c.periodStart === undefined) !== (c.periodEnd === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [c.periodStart ? 'periodEnd' : 'periodStart'],
        message: 'claim.periodBothEnds',
      });
    }
    if (c.periodStart && c.periodEnd && c.periodStart >= c.periodEnd) {
      ctx.addIssue({ code: 'custom', path: ['periodEnd'], message: 'period.endNotAfterStart' });
    }
  });
export type ClaimBody = z.input<typeof ClaimInput>;

export const ClaimQuery = PageQuery.extend({
  programId: z.string().uuid().optional(),
  status: z.enum(CLAIM_STATUSES).optional(),
  loanRequestId: z.string().uuid().optional(),
});

export const ClaimDecisionInput = z.object({
  decision: z.enum(CLAIM_DECISIONS),
  note: multiline(z.string().trim().min(1).max(500)).optional(),
});
export const PaymentInput = z.object({
  paidOn: Day,
  voucherNo: z.string().trim().min(1).max(50),
});
/** `POST /program-claims/:id/recoveries`: money the bank recovered after it was compensated. */
export const RecoveryInput = z.object({ recoveredFen: Fen.refine((n) => n > 0, 'amount.positive'), recoveredOn: Day });

const Step = z.object({ by: z.string(), at: z.string(), note: z.string().nullable() }).nullable();

export const ClaimView = z
  .object({
    id: z.string(),
    program: z.object({ id: z.string(), name: z.string(), kind: z.enum(PROGRAM_KINDS), region: z.string() }),
    request: z.object({
      id: z.string(),
      applicantName: z.string(),
      institutionName: z.string().nullable(),
      disbursedAmount: z.number().nullable(),
    }),
    periodStart: z.string().nullable(),
    periodEnd: z.string().nullable(),
    amountFen: z.number(),
    returnedFen: z.number(),
    status: z.enum(CLAIM_STATUSES),
    payee: z.object({
      name: z.string(),
      accountName: z.string().nullable(),
      bankName: z.string().nullable(),
      accountNo: z.string().nullable(),
    }),
    claimedBy: z.string(),
    claimedAt: z.string(),
    review: Step,
    check: Step,
    payment: z.object({ paidOn: z.string(), voucherNo: z.string() }).nullable(),
  })
  .openapi('ProgramClaim');
export type ClaimViewType = z.output<typeof ClaimView>;
export const ClaimPage = pageSchema(ClaimView).openapi('ProgramClaimPage');

export const LedgerEntryView = z.object({
  id: z.number(),
  kind: z.enum(LEDGER_KINDS),
  claimId: z.string(),
  amountFen: z.number(),
  on: z.string(),
  actor: z.string(),
  at: z.string(),
});
export const LedgerPage = pageSchema(LedgerEntryView).openapi('ProgramLedgerPage');

/** `GET /supervision/fiscal`: per program of the region, and in total. */
export const FiscalQuery = z.object({
  region: CountyCode.optional(),
  from: Day.optional().openapi({ description: 'loans with a value date, and payments, on or after this day' }),
  to: Day.optional(),
});
export const FiscalExportQuery = FiscalQuery.extend({ format: z.enum(FORMATS) });

const ClaimTally = z.object({ count: z.number(), amountFen: z.number() });
const FiscalFigures = z.object({
  loansCovered: z.number(),
  /** Yuan disbursed under the program(s). */
  coveredAmount: z.number(),
  claims: z.object(
    Object.fromEntries(CLAIM_STATUSES.map((s) => [s, ClaimTally])) as Record<
      (typeof CLAIM_STATUSES)[number],
      typeof ClaimTally
    >,
  ),
  budgetFen: z.number(),
  committedFen: z.number(),
  paidFen: z.number(),
  remainingFen: z.number(),
  /** 财政资金撬动倍数: yuan lent per yuan paid; null before any payment. */
  leverage: z.number().nullable(),
});
export const FiscalView = z
  .object({
    region: z.string(),
    regionName: z.string(),
    items: z.array(
      FiscalFigures.extend({
        program: z.object({
          id: z.string(),
          name: z.string(),
          kind: z.enum(PROGRAM_KINDS),
          region: z.string(),
          status: z.enum(PROGRAM_STATUSES),
        }),
      }),
    ),
    total: FiscalFigures,
  })
  .openapi('FiscalView');
