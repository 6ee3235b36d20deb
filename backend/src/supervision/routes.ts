import { createHash } from 'node:crypto';
import type { Actor } from '../access/roles';
import { createReadCoalescer } from '../http/coalesce';
import type { UsageLimits } from '../http/limits';
import { PageQuery, pageSchema } from '../http/pagination';
import { defineRoute, type RouteDef } from '../http/route';
import { multiline } from '../http/text';
import { z } from '../http/zod';
import { SLA_STAGES } from '../lifecycle/state-machine';
import { breachesTable, CONTENT_TYPES, FORMATS, overviewTable, render, REPORTS, slaTable, type Table } from './export';
import { isSupervisedDay, SUPERVISED_DAYS } from './figures';
import { listBreaches } from './breaches';
import { slaCompliance } from './compliance';
import { overview } from './overview';
import { INTERVALS, type SupervisionContext } from './scope';
import { acknowledgeUrge, listUrges, URGE_STATES, urgeBreach } from './urges';

const BUREAU_READERS = ['bureau', 'admin'] as const;
const INSTITUTION_STAFF = ['institution_admin', 'officer'] as const;

const SupervisedDay = z.iso
  .date()
  .refine(isSupervisedDay, 'period.outOfRange')
  .openapi({ description: `${SUPERVISED_DAYS.first} to ${SUPERVISED_DAYS.last}` });
const Period = z.object({
  region: z
    .string()
    .regex(/^\d{6}$/, 'region.unknown')
    .optional()
    .openapi({ description: 'The city (default) or a county code; a county bureau may ask only for its own' }),
  from: SupervisedDay.optional().openapi({ description: 'First day (Asia/Shanghai), included; none = from the start' }),
  to: SupervisedDay.optional().openapi({ description: 'Last day, included; defaults to today when `from` is given' }),
});
const Trend = z.enum(INTERVALS).optional().openapi({ description: 'Adds a trend per week or month' });
/** Rankings are computed this long and cut to each caller's `top`, so that every `top` shares one computation. */
const MAX_TOP = 50;
const SlaQuery = Period.extend({
  groupBy: z.enum(['region', 'institution']).default('region'),
  interval: Trend,
  top: z.coerce.number().int().min(1).max(MAX_TOP).default(5),
});
const BreachQuery = Period.extend({
  status: z.enum(['open', 'closed']).optional(),
  institutionId: z.string().uuid().optional(),
  stage: z.enum(SLA_STAGES).optional(),
});
const ById = z.object({ id: z.string().uuid() });

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
const OverviewView = z
  .object({
    region: z.string(),
    regionName: z.string(),
    from: z.string().nullable(),
    to: z.string().nullable(),
    ...figureFields,
    previous: Figures.extend({ from: z.string(), to: z.string() })
      .nullable()
      .openapi({ description: 'The period of equal length before; null for the whole life' }),
    change: z.record(z.string(), z.unknown()).nullable().openapi({ description: 'This period minus the previous' }),
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
const SlaView = z
  .object({
    region: z.string(),
    regionName: z.string(),
    from: z.string().nullable(),
    to: z.string().nullable(),
    groupBy: z.enum(['region', 'institution']),
    interval: z.enum(INTERVALS).optional(),
    stages: Stages,
    groups: z.array(RankedWithStages),
    rankings: z.object({ best: z.array(RankedWithStages), worst: z.array(RankedWithStages) }),
    trend: z.array(z.object({ start: z.string(), stages: Stages })).optional(),
  })
  .openapi('SupervisionSla');

const UrgeView = z
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

const BreachView = z
  .object({
    id: z.string().openapi({ description: 'The breached stage' }),
    stage: z.enum(SLA_STAGES),
    attempt: z.number().int(),
    status: z.enum(['open', 'closed']),
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
      status: z.string(),
      poolTier: z.string().nullable(),
      applicantName: z.string(),
    }),
    institution: z.object({ id: z.string(), name: z.string() }).nullable(),
    urge: UrgeView.nullable(),
    actions: z.object({ urge: z.boolean(), assign: z.boolean() }),
  })
  .openapi('Breach');

/** Breach exports hold every matching breach, up to this many. */
const EXPORT_MAX_ROWS = 10_000;

/**
 * What one user may make the platform compute at once, across API processes, so that no one
 * starves the others (429 with Retry-After beyond): figures not already being computed for someone,
 * and exports (each a full computation plus rendering), also by the minute.
 */
export const SUPERVISION_LIMITS = {
  computations: { max: 4, leaseSeconds: 120, retryAfter: 5 },
  exports: { max: 2, leaseSeconds: 300, retryAfter: 10 },
  exportsPerMinute: { points: 10, duration: 60 },
};

export function supervisionRoutes(ctx: SupervisionContext & { limits: UsageLimits }): RouteDef[] {
  const { limits } = ctx;
  const takeComputation = limits.concurrency('supervision-computations', SUPERVISION_LIMITS.computations);
  const takeExport = limits.concurrency('supervision-exports', SUPERVISION_LIMITS.exports);
  const countExport = limits.rate('supervision-exports', SUPERVISION_LIMITS.exportsPerMinute);
  // A bureau's figures depend on its role and county and the query, never on who exactly asks: the
  // dashboards of many users opening at once share their computations. A user's identical reads
  // take one place between them; each different one takes another.
  const coalesce = createReadCoalescer();
  const shared = async <T>(view: string, actor: Actor, query: object, compute: () => Promise<T>) => {
    const key = JSON.stringify([view, actor.role, actor.county, query]);
    const place = await takeComputation(actor.id, createHash('sha256').update(key).digest('base64url'));
    try {
      return await coalesce(key, compute);
    } finally {
      await place.release();
    }
  };
  return [
    defineRoute({
      method: 'get',
      path: '/supervision/overview',
      tag: 'supervision',
      summary: 'Volumes, rates and their change against the previous period, in total and per county',
      access: BUREAU_READERS,
      query: Period.extend({ interval: Trend }),
      errors: ['RATE_LIMITED'],
      response: OverviewView,
      handler: ({ actor, query }) => shared('overview', actor, query, () => overview(ctx, actor, query)),
    }),
    defineRoute({
      method: 'get',
      path: '/supervision/sla',
      tag: 'supervision',
      summary: '321 compliance per stage, by county or institution, with rankings and a trend',
      access: BUREAU_READERS,
      query: SlaQuery,
      errors: ['RATE_LIMITED'],
      response: SlaView,
      handler: async ({ actor, query: { top, ...query } }) => {
        const sla = await shared('sla', actor, query, () => slaCompliance(ctx, actor, { ...query, top: MAX_TOP }));
        const { best, worst } = sla.rankings;
        return { ...sla, rankings: { best: best.slice(0, top), worst: worst.slice(0, top) } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/supervision/breaches',
      tag: 'supervision',
      summary: 'Breached stages, open and closed, with their request, institution and latest urge',
      access: BUREAU_READERS,
      query: BreachQuery.extend(PageQuery.shape),
      errors: ['RATE_LIMITED'],
      response: pageSchema(BreachView),
      handler: ({ actor, query }) => shared('breaches', actor, query, () => listBreaches(ctx, actor, query)),
    }),
    defineRoute({
      method: 'post',
      path: '/supervision/breaches/:id/urge',
      tag: 'supervision',
      summary: '督办: urge the institution owning a breached stage; it must acknowledge',
      access: ['bureau'],
      params: ById,
      errors: ['ALREADY_EXISTS', 'INVALID_STATE'],
      body: z.object({ note: multiline(z.string().trim().min(1).max(500)) }),
      status: 201,
      response: UrgeView,
      handler: ({ actor, params, body }) => urgeBreach(ctx, actor, params.id, body.note),
    }),
    defineRoute({
      method: 'get',
      path: '/supervision/urges',
      tag: 'supervision',
      summary: 'Urges and their state (open → acknowledged → resolved); institution staff see their own',
      access: [...BUREAU_READERS, ...INSTITUTION_STAFF],
      query: z
        .object({
          region: Period.shape.region,
          state: z.enum(URGE_STATES).optional(),
          institutionId: z.string().uuid().optional(),
        })
        .extend(PageQuery.shape),
      response: pageSchema(UrgeView),
      handler: ({ actor, query }) => listUrges(ctx, actor, query),
    }),
    defineRoute({
      method: 'post',
      path: '/supervision/urges/:id/acknowledge',
      tag: 'supervision',
      summary: "The institution's admin or officer acknowledges an urge",
      access: INSTITUTION_STAFF,
      params: ById,
      errors: ['INVALID_STATE'],
      body: z.object({ note: multiline(z.string().trim().min(1).max(500)).optional() }),
      response: UrgeView,
      handler: ({ actor, params, body }) => acknowledgeUrge(ctx, actor, params.id, body.note),
    }),
    defineRoute({
      method: 'get',
      path: '/supervision/export',
      tag: 'supervision',
      summary: 'A report (overview, sla or breaches) with the same filters, as CSV (UTF-8 with BOM) or XLSX',
      access: BUREAU_READERS,
      query: SlaQuery.extend(BreachQuery.shape).extend({ report: z.enum(REPORTS), format: z.enum(FORMATS) }),
      errors: ['RATE_LIMITED'],
      produces: {
        [CONTENT_TYPES.csv]: z.string().openapi({ description: 'UTF-8 with a byte order mark, for Excel' }),
        [CONTENT_TYPES.xlsx]: z.string().openapi({ format: 'binary' }),
      },
      handler: async ({ actor, query, lang, res }) => {
        const place = await takeExport(actor.id);
        try {
          await countExport(actor.id);
          let table: Table;
          if (query.report === 'overview') {
            table = overviewTable(await overview(ctx, actor, { ...query, interval: undefined }), lang);
          } else if (query.report === 'sla') {
            table = slaTable(await slaCompliance(ctx, actor, { ...query, interval: undefined }), lang);
          } else {
            const breaches = await listBreaches(ctx, actor, { ...query, page: 1, pageSize: EXPORT_MAX_ROWS });
            table = breachesTable(breaches, lang);
          }
          const period = [query.from, query.to].filter(Boolean).join('_') || 'all';
          const name = `supervision-${query.report}-${query.region ?? actor.county ?? 'city'}-${period}.${query.format}`;
          res
            .status(200)
            .type(CONTENT_TYPES[query.format])
            .attachment(name)
            .send(await render(table, query.format));
        } finally {
          await place.release();
        }
      },
    }),
  ];
}
