import type { Actor } from '../auth/roles';
import { createReadCoalescer } from '../http/coalesce';
import { PageQuery, pageSchema } from '../http/pagination';
import { defineRoute, type RouteDef } from '../http/route';
import { z } from '../http/zod';
import { SLA_STAGES } from '../sla/schema';
import { breachesTable, CONTENT_TYPES, FORMATS, overviewTable, render, REPORTS, slaTable, type Table } from './export';
import {
  acknowledgeUrge,
  INTERVALS,
  listBreaches,
  listUrges,
  overview,
  slaCompliance,
  URGE_STATES,
  urgeBreach,
  type SupervisionContext,
} from './service';

const BUREAU_READERS = ['bureau', 'admin'] as const;
const INSTITUTION_STAFF = ['institution_admin', 'officer'] as const;

const Period = z.object({
  region: z
    .string()
    .regex(/^\d{6}$/, 'region.unknown')
    .optional()
    .openapi({ description: 'The city (default) or a county code; a county bureau may ask only for its own' }),
  from: z.iso.date().optional().openapi({ description: 'First day (Asia/Shanghai), included; none = from the start' }),
  to: z.iso.date().optional().openapi({ description: 'Last day, included; defaults to today when `from` is given' }),
});
const Trend = z.enum(INTERVALS).optional().openapi({ description: 'Adds a trend per week or month' });
const SlaQuery = Period.extend({
  groupBy: z.enum(['region', 'institution']).default('region'),
  interval: Trend,
  top: z.coerce.number().int().min(1).max(50).default(5),
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
const SlaView = z
  .object({
    region: z.string(),
    regionName: z.string(),
    from: z.string().nullable(),
    to: z.string().nullable(),
    groupBy: z.enum(['region', 'institution']),
    interval: z.enum(INTERVALS).optional(),
    stages: Stages,
    groups: z.array(Ranked.extend({ stages: Stages })),
    rankings: z.object({ best: z.array(Ranked), worst: z.array(Ranked) }),
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

export function supervisionRoutes(ctx: SupervisionContext): RouteDef[] {
  // A bureau's figures depend on its role and county and the query, never on who exactly asks: the
  // dashboards of many users opening at once share their computations.
  const coalesce = createReadCoalescer();
  const shared = <T>(view: string, actor: Actor, query: object, compute: () => Promise<T>) =>
    coalesce(JSON.stringify([view, actor.role, actor.county, query]), compute);
  return [
    defineRoute({
      method: 'get',
      path: '/supervision/overview',
      tag: 'supervision',
      summary: 'Volumes, rates and their change against the previous period, in total and per county',
      access: BUREAU_READERS,
      query: Period.extend({ interval: Trend }),
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
      response: SlaView,
      handler: ({ actor, query }) => shared('sla', actor, query, () => slaCompliance(ctx, actor, query)),
    }),
    defineRoute({
      method: 'get',
      path: '/supervision/breaches',
      tag: 'supervision',
      summary: 'Breached stages, open and closed, with their request, institution and latest urge',
      access: BUREAU_READERS,
      query: BreachQuery.extend(PageQuery.shape),
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
      body: z.object({ note: z.string().trim().min(1).max(500) }),
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
      body: z.object({ note: z.string().trim().min(1).max(500).optional() }),
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
      status: 200,
      handler: async ({ actor, query, lang, res }) => {
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
      },
    }),
  ];
}
