import { createHash } from 'node:crypto';
import type { Actor } from '../access/roles';
import { createReadCoalescer } from '../http/coalesce';
import type { UsageLimits } from '../http/limits';
import { PageQuery, pageSchema } from '../http/pagination';
import { defineRoute, type RouteDef } from '../http/route';
import { z } from '../http/zod';
import type { Response } from 'express';
import type { Format } from '../http/formats';
import { CONTENT_TYPES, DEFAULT_TIME_ZONE, isTimeZone, render, type Table } from '../http/spreadsheet';
import { FiscalExportQuery, FiscalQuery, FiscalView } from '../fiscal/views';
import { breachesTable, overviewTable, slaTable } from './export';
import { fiscalView } from './fiscal';
import { paymentList } from './fiscal-export';
import { listBreaches } from './breaches';
import { slaCompliance } from './compliance';
import { FORMATS, REPORTS, URGE_STATES } from './enums';
import { overview } from './overview';
import type { SupervisionContext } from './scope';
import { acknowledgeUrge, listUrges, urgeBreach } from './urges';
import {
  Acknowledgement,
  BreachQuery,
  BreachView,
  MAX_TOP,
  OverviewQuery,
  OverviewView,
  Period,
  SlaQuery,
  SlaView,
  UrgeNote,
  UrgeView,
} from './views';

const ById = z.object({ id: z.string().uuid() });
const BUREAU_READERS = ['bureau', 'admin'] as const;
const INSTITUTION_STAFF = ['institution_admin', 'officer'] as const;

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
  /** Sends `table` as the file `name` in `format`, within the user's export limits. */
  const sendExport = async (
    actor: Actor,
    res: Response,
    name: string,
    format: Format,
    table: () => Promise<Table>,
    timeZone?: string,
  ) => {
    const place = await takeExport(actor.id);
    try {
      await countExport(actor.id);
      const file = await render(await table(), format, timeZone);
      res.status(200).type(CONTENT_TYPES[format]).attachment(name).send(file);
    } finally {
      await place.release();
    }
  };
  const periodName = (query: { from?: string | undefined; to?: string | undefined }) =>
    [query.from, query.to].filter(Boolean).join('_') || 'all';
  const files = {
    [CONTENT_TYPES.csv]: z.string().openapi({ description: 'UTF-8 with a byte order mark, for Excel' }),
    [CONTENT_TYPES.xlsx]: z.string().openapi({ format: 'binary' }),
  };
  return [
    defineRoute({
      method: 'get',
      path: '/supervision/overview',
      tag: 'supervision',
      summary: 'Volumes, rates and their change against the previous period, in total and per county',
      access: BUREAU_READERS,
      query: OverviewQuery,
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
      body: UrgeNote,
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
      body: Acknowledgement,
      response: UrgeView,
      handler: ({ actor, params, body }) => acknowledgeUrge(ctx, actor, params.id, body.note),
    }),
    defineRoute({
      method: 'get',
      path: '/supervision/export',
      tag: 'supervision',
      summary: 'A report (overview, sla or breaches) with the same filters, as CSV (UTF-8 with BOM) or XLSX',
      access: BUREAU_READERS,
      query: SlaQuery.extend(BreachQuery.shape).extend({
        report: z.enum(REPORTS),
        format: z.enum(FORMATS),
        timeZone: z
          .string()
          .max(64)
          .refine(isTimeZone, 'timeZone.unknown')
          .default(DEFAULT_TIME_ZONE)
          .openapi({ description: "The reader's IANA time zone: times are written as its wall-clock time" }),
      }),
      errors: ['RATE_LIMITED'],
      produces: files,
      handler: ({ actor, query, lang, res }) =>
        sendExport(
          actor,
          res,
          `supervision-${query.report}-${query.region ?? actor.county ?? 'city'}-${periodName(query)}.${query.format}`,
          query.format,
          async () => {
            if (query.report === 'overview') {
              return overviewTable(await overview(ctx, actor, { ...query, interval: undefined }), lang);
            }
            if (query.report === 'sla') {
              return slaTable(await slaCompliance(ctx, actor, { ...query, interval: undefined }), lang);
            }
            const breaches = await listBreaches(ctx, actor, { ...query, page: 1, pageSize: EXPORT_MAX_ROWS });
            return breachesTable(breaches, lang, query.timeZone);
          },
          query.timeZone,
        ),
    }),
    defineRoute({
      method: 'get',
      path: '/supervision/fiscal',
      tag: 'supervision',
      summary:
        '财金协同: per program in scope, loans covered, claims by state, committed, paid, remaining and leverage',
      access: BUREAU_READERS,
      query: FiscalQuery,
      errors: ['RATE_LIMITED'],
      response: FiscalView,
      handler: ({ actor, query }) => shared('fiscal', actor, query, () => fiscalView(ctx, actor, query)),
    }),
    defineRoute({
      method: 'get',
      path: '/supervision/fiscal/export',
      tag: 'supervision',
      summary: 'The payment list a treasury pays from: claims approved or paid in the period, as CSV or XLSX',
      access: BUREAU_READERS,
      query: FiscalExportQuery,
      errors: ['RATE_LIMITED'],
      produces: files,
      handler: ({ actor, query, lang, res }) =>
        sendExport(
          actor,
          res,
          `fiscal-payments-${query.region ?? actor.county ?? 'city'}-${periodName(query)}.${query.format}`,
          query.format,
          () => paymentList(ctx, actor, query, lang),
        ),
    }),
  ];
}
