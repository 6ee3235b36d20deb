import { multiline } from '../http/text';
import { z } from '../http/zod';
import { POOL_TIERS, REQUEST_STATUSES, SLA_STAGES } from '../lifecycle/state-machine';
import { BREACH_ENDINGS, BREACH_STATUSES, GROUP_BYS, INTERVALS, URGE_STATES } from './enums';
import { isSupervisedDay, SUPERVISED_DAYS } from './figures';

/**
 * Supervision's queries and answers: the one definition the routes take and answer with, the
 * OpenAPI document describes and the web app reads (through contract.ts). Pure (zod only).
 */

const SupervisedDay = z.iso
  .date()
  .refine(isSupervisedDay, 'period.outOfRange')
  .openapi({ description: `${SUPERVISED_DAYS.first} to ${SUPERVISED_DAYS.last}` });
/** What every supervision figure is filtered by; absent = the actor's whole scope, the platform's whole life. */
export const Period = z.object({
  region: z
    .string()
    .regex(/^\d{6}$/, 'region.unknown')
    .optional()
    .openapi({ description: 'The city (default) or a county code; a county bureau may ask only for its own' }),
  from: SupervisedDay.optional().openapi({ description: 'First day (Asia/Shanghai), included; none = from the start' }),
  to: SupervisedDay.optional().openapi({ description: 'Last day, included; defaults to today when `from` is given' }),
});
export type PeriodParams = z.output<typeof Period>;
const Trend = z.enum(INTERVALS).optional().openapi({ description: 'Adds a trend per week or month' });
/** Rankings are computed this long and cut to each caller's `top`, so that every `top` shares one computation. */
export const MAX_TOP = 50;
/** `GET /supervision/overview`. */
export const OverviewQuery = Period.extend({ interval: Trend });

/** `GET /supervision/sla`. */
export const SlaQuery = Period.extend({
  groupBy: z.enum(GROUP_BYS).default('region'),
  interval: Trend,
  top: z.coerce.number().int().min(1).max(MAX_TOP).default(5),
});
/** `GET /supervision/breaches`' filters. */
export const BreachQuery = Period.extend({
  status: z.enum(BREACH_STATUSES).optional(),
  institutionId: z.string().uuid().optional(),
  stage: z.enum(SLA_STAGES).optional(),
});
const Rates = z.object({
  claimRate: z.number().nullable().openapi({ description: '接单率: claims ÷ requests submitted' }),
  claimedWithinWindowRate: z
    .number()
    .nullable()
    .openapi({ description: 'claims within the respond window ÷ requests' }),
  obtainedRate: z.number().nullable().openapi({ description: '获得率: approved ÷ claimed' }),
  averageWorkingDaysToDisburse: z.number().nullable(),
  averageDisbursedPerBorrower: z.number().nullable().openapi({ description: 'yuan' }),
});
const figureFields = {
  institutions: z.number().int().openapi({ description: 'Onboarded by the end of the period (serving the region)' }),
  listedProducts: z.number().int().openapi({ description: 'Listed by the end of the period (serving the region)' }),
  individuals: z.number().int().openapi({ description: 'Registered by the end of the period' }),
  enterprises: z.number().int(),
  requests: z.number().int().openapi({ description: 'Submitted in the period' }),
  requestedAmount: z.number().int(),
  claimed: z.number().int().openapi({ description: 'Claims (and assignments) in the period' }),
  claimedWithinWindow: z.number().int(),
  assigned: z.number().int(),
  approved: z.number().int(),
  approvedAmount: z.number().int(),
  rejected: z.number().int(),
  cancelled: z.number().int(),
  reopened: z.number().int(),
  escalated: z.number().int(),
  disbursed: z.number().int(),
  disbursedAmount: z.number().int().openapi({ description: '撮合放款金额, yuan' }),
  borrowers: z.number().int(),
  rates: Rates,
};
const Figures = z.object(figureFields);
const { rates: _rates, ...volumeFields } = figureFields;
const volumeKeys = Object.keys(volumeFields) as (keyof typeof volumeFields)[];
/** Each volume and rate of this period minus the previous one's (null where either is unknown). */
const Change = z.object({
  ...(Object.fromEntries(volumeKeys.map((key) => [key, z.number().nullable()])) as Record<
    (typeof volumeKeys)[number],
    z.ZodNullable<z.ZodNumber>
  >),
  rates: Rates,
});
export const OverviewView = z
  .object({
    region: z.string(),
    regionName: z.string(),
    from: z.string().nullable(),
    to: z.string().nullable(),
    ...figureFields,
    previous: Figures.extend({ from: z.string(), to: z.string() })
      .nullable()
      .openapi({ description: 'The period of equal length before; null for the whole life' }),
    change: Change.nullable().openapi({ description: 'This period minus the previous' }),
    byCounty: z.array(Figures.extend({ county: z.string(), name: z.string() })),
    trend: z
      .array(
        z.object({
          start: z.string(),
          requests: z.number(),
          claimed: z.number(),
          approved: z.number(),
          approvedAmount: z.number(),
          disbursed: z.number(),
          disbursedAmount: z.number(),
        }),
      )
      .optional()
      .openapi({ description: 'With `interval`: volumes per week or month' }),
  })
  .openapi('SupervisionOverview');
export type OverviewView = z.output<typeof OverviewView>;

const StageFigures = z.object({
  completed: z.number().int(),
  onTime: z.number().int(),
  onTimeRate: z.number().nullable(),
  medianWorkingMinutes: z.number().nullable(),
  p90WorkingMinutes: z.number().nullable(),
  breaches: z.number().int(),
});
const Stages = z.object({ respond: StageFigures, contact: StageFigures, decide: StageFigures });
const Ranked = z.object({
  key: z.string(),
  name: z.string(),
  completed: z.number().int(),
  onTime: z.number().int(),
  onTimeRate: z.number().nullable(),
  breaches: z.number().int(),
});
const RankedWithStages = Ranked.extend({ stages: Stages });
export const SlaView = z
  .object({
    region: z.string(),
    regionName: z.string(),
    from: z.string().nullable(),
    to: z.string().nullable(),
    groupBy: z.enum(GROUP_BYS),
    interval: z.enum(INTERVALS).optional(),
    stages: Stages,
    groups: z.array(RankedWithStages),
    rankings: z.object({ best: z.array(RankedWithStages), worst: z.array(RankedWithStages) }),
    trend: z.array(z.object({ start: z.string(), stages: Stages })).optional(),
  })
  .openapi('SupervisionSla');
export type SlaView = z.output<typeof SlaView>;

/** An urge (督办) and its state. */
export const UrgeView = z
  .object({
    id: z.string(),
    breachId: z.string(),
    stage: z.enum(SLA_STAGES),
    state: z.enum(URGE_STATES),
    request: z.object({ id: z.string(), county: z.string(), amount: z.number(), termMonths: z.number() }),
    institution: z.object({ id: z.string(), name: z.string() }),
    note: z.string(),
    urgedBy: z.object({ id: z.string(), displayName: z.string() }),
    urgedAt: z.string(),
    acknowledgedAt: z.string().nullable(),
    acknowledgedBy: z.string().nullable(),
    acknowledgementNote: z.string().nullable(),
    resolvedAt: z.string().nullable(),
  })
  .openapi('Urge');
export type UrgeView = z.output<typeof UrgeView>;

/** A breached stage, with its request, institution, latest urge and what the reader may do about it. */
export const BreachView = z
  .object({
    id: z.string().openapi({ description: 'The breached stage' }),
    stage: z.enum(SLA_STAGES),
    attempt: z.number().int(),
    status: z.enum(BREACH_STATUSES),
    ending: z.enum(BREACH_ENDINGS).openapi({
      description:
        'open: still running late; otherwise what ended it: escalated city-wide unclaimed, claimed, completed, the request cancelled or expired',
    }),
    startedAt: z.string(),
    dueAt: z.string(),
    provisional: z
      .boolean()
      .openapi({ description: 'The due time counted a day of a year without an official holiday schedule yet' }),
    breachedAt: z.string().nullable(),
    completedAt: z.string().nullable(),
    request: z.object({
      id: z.string(),
      amount: z.number(),
      termMonths: z.number(),
      county: z.string(),
      countyName: z.string(),
      status: z.enum(REQUEST_STATUSES),
      poolTier: z.enum(POOL_TIERS).nullable(),
      applicantName: z.string(),
      claimedBy: z
        .object({ id: z.string(), name: z.string() })
        .nullable()
        .openapi({ description: 'The institution holding the request now (claimed or assigned)' }),
    }),
    institution: z
      .object({ id: z.string(), name: z.string() })
      .nullable()
      .openapi({ description: "The stage's owner: the claimant of a respond stage; null while nobody claimed it" }),
    urge: UrgeView.nullable(),
    actions: z.object({ urge: z.boolean(), assign: z.boolean() }),
  })
  .openapi('Breach');
export type BreachView = z.output<typeof BreachView>;

/** 督办: urging the institution owning a breached stage. */
export const UrgeNote = z.object({ note: multiline(z.string().trim().min(1).max(500)) });
export type UrgeNoteBody = z.input<typeof UrgeNote>;

/** The institution acknowledges an urge, maybe with a note. */
export const Acknowledgement = z.object({ note: multiline(z.string().trim().min(1).max(500)).optional() });
export type AcknowledgementBody = z.input<typeof Acknowledgement>;

/** `GET /platform/figures`: the totals the landing page publishes; counts and sums, nothing about anyone. */
export const PublicFigures = z
  .object({
    institutions: z.number().int().openapi({ description: 'Financial institutions on the platform' }),
    listedProducts: z.number().int().openapi({ description: 'Products listed now' }),
    enterprises: z.number().int().openapi({ description: 'Enterprises registered' }),
    requests: z.number().int().openapi({ description: 'Loan requests placed' }),
    disbursedLoans: z.number().int().openapi({ description: 'Loans disbursed through the platform (撮合放款)' }),
    disbursedAmount: z.number().int().openapi({ description: 'Their amount, integer yuan' }),
    asOf: z.string().openapi({ description: 'When these figures were computed' }),
  })
  .openapi('PublicFigures');
export type PublicFigures = z.output<typeof PublicFigures>;
