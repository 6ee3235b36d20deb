import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../db/client';
import { AppError } from '../http/errors';
import type { UsageLimits } from '../http/limits';
import { PageQuery, pageSchema } from '../http/pagination';
import { CONTENT_TYPES, render } from '../http/spreadsheet';
import { regions } from '../reference/schema';
import { defineRoute, type RouteDef } from '../http/route';
import { z } from '../http/zod';
import { advanceRequest } from './commands/advance';
import { assignableInstitutions, assignRequest } from './commands/assign';
import { cancelRequest } from './commands/cancel';
import { claimRequest } from './commands/claim';
import { handOverRequest, handoverOfficers } from './commands/handover';
import { reopenRequest } from './commands/reopen';
import { submitRequest } from './commands/submit';
import { claimableBy } from './pool-rule';
import { loanRequests } from './schema';
import { getRequest, listRequests, requestsToExport, requestTimeline } from './service';
import type { SlaContext } from '../clock/clock';
import { requestsTable } from './export';
import {
  Assignment,
  Handover,
  IdempotencyKey,
  NewLoanRequest,
  RequestExportQuery,
  RequestFilters,
  Transition,
} from './validation';
import { presentRequests, selectRequestDetails } from './details';
import { AssigneesView, HandoverOfficersView, Pool, RequestView, Timeline } from './views';

const ById = z.object({ id: z.string().uuid() });

/** An export holds every matching request, up to this many. */
const EXPORT_MAX_ROWS = 10_000;
/** Each a full read plus rendering: a few a minute per user is all a person needs. */
export const REQUEST_EXPORT_LIMIT = { points: 10, duration: 60 };

export function requestRoutes({ db, sla, limits }: { db: Database; sla: SlaContext; limits: UsageLimits }): RouteDef[] {
  const countExport = limits.rate('request-exports', REQUEST_EXPORT_LIMIT);
  return [
    defineRoute({
      method: 'post',
      path: '/loan-requests',
      tag: 'requests',
      summary: 'Place a loan request, open or directed (下单随时点); honours Idempotency-Key',
      access: ['enterprise', 'individual'],
      body: NewLoanRequest,
      status: 201,
      errors: ['IDEMPOTENCY_KEY_REUSED'],
      response: RequestView,
      handler: async ({ actor, body, req, res }) => {
        const key = req.headers['idempotency-key'];
        const parsedKey = key === undefined ? undefined : IdempotencyKey.safeParse(key);
        if (parsedKey && !parsedKey.success) {
          throw new AppError('VALIDATION_FAILED', [{ path: 'Idempotency-Key', message: 'idempotencyKey.invalid' }]);
        }
        const { request, replayed } = await submitRequest(db, sla, actor, body, parsedKey?.data);
        if (replayed) res.setHeader('Idempotent-Replayed', 'true');
        return request;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/loan-requests',
      tag: 'requests',
      summary: "Requests in the caller's scope: own, claimed, institution's, county's",
      access: 'authenticated',
      query: PageQuery.extend(RequestFilters.shape),
      response: pageSchema(RequestView),
      handler: ({ actor, query }) => listRequests(db, sla, actor, query),
    }),
    defineRoute({
      method: 'get',
      path: '/loan-requests/export',
      tag: 'requests',
      summary:
        "An officer's orders or the institution's pipeline, filtered as the list, as CSV (UTF-8 with BOM) or XLSX",
      access: ['officer', 'institution_admin'],
      query: RequestExportQuery,
      errors: ['RATE_LIMITED'],
      produces: {
        [CONTENT_TYPES.csv]: z.string().openapi({ description: 'UTF-8 with a byte order mark, for Excel' }),
        [CONTENT_TYPES.xlsx]: z.string().openapi({ format: 'binary' }),
      },
      handler: async ({ actor, query, lang, res }) => {
        await countExport(actor.id);
        const [rows, counties] = await Promise.all([
          requestsToExport(db, sla, actor, query, EXPORT_MAX_ROWS),
          db.select().from(regions),
        ]);
        const names = new Map(counties.map((r) => [r.code, lang === 'en' ? r.nameEn : r.name]));
        const table = requestsTable(rows, (code) => names.get(code) ?? code, lang);
        const period = [query.from, query.to].filter(Boolean).join('_') || 'all';
        res
          .status(200)
          .type(CONTENT_TYPES[query.format])
          .attachment(`loan-requests-${period}.${query.format}`)
          .send(await render(table, query.format));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/loan-requests/:id',
      tag: 'requests',
      summary: 'One request: full to its applicant and claimant, masked to institutions it is offered to',
      access: 'authenticated',
      params: ById,
      response: RequestView,
      handler: ({ actor, params }) => getRequest(db, sla, actor, params.id),
    }),
    defineRoute({
      method: 'get',
      path: '/loan-requests/:id/timeline',
      tag: 'requests',
      summary: "The request's timeline (actor, time, from, to, note); 403 to an institution it is only offered to",
      access: 'authenticated',
      params: ById,
      errors: ['FORBIDDEN'],
      response: Timeline,
      handler: ({ actor, params }) => requestTimeline(db, sla, actor, params.id),
    }),
    defineRoute({
      method: 'get',
      path: '/pool',
      tag: 'requests',
      summary: "The grab pool (抢单大厅): open requests the officer's institution may claim now, masked",
      access: ['officer'],
      response: Pool,
      handler: async ({ actor }) => {
        const rows = await selectRequestDetails(db)
          .where(and(eq(loanRequests.status, 'open'), claimableBy(actor.institutionId!, actor.countiesServed)))
          .orderBy(asc(loanRequests.tierStartedAt), asc(loanRequests.id));
        return { items: await presentRequests(db, sla, rows, () => 'masked') };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/loan-requests/:id/claim',
      tag: 'requests',
      summary: 'Claim (抢单): 200 won, 409 ALREADY_CLAIMED, 403 NOT_ELIGIBLE',
      access: ['officer'],
      params: ById,
      errors: ['ALREADY_CLAIMED', 'NOT_ELIGIBLE', 'INVALID_STATE'],
      response: RequestView,
      handler: ({ actor, params }) => claimRequest(db, sla, actor, params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/loan-requests/:id/transition',
      tag: 'requests',
      summary: 'Next stage by an officer of the claiming institution; 422 names the current state',
      access: ['officer'],
      params: ById,
      errors: ['INVALID_STATE'],
      body: Transition,
      response: RequestView,
      handler: ({ actor, params, body }) => advanceRequest(db, sla, actor, params.id, body),
    }),
    defineRoute({
      method: 'post',
      path: '/loan-requests/:id/assign',
      tag: 'requests',
      summary: '派单: a bureau assigns an open request to an institution, starting its contact stage',
      access: ['bureau'],
      params: ById,
      errors: ['INVALID_STATE'],
      body: Assignment,
      response: RequestView,
      handler: ({ actor, params, body }) => assignRequest(db, sla, actor, params.id, body.institutionId),
    }),
    defineRoute({
      method: 'get',
      path: '/loan-requests/:id/assignees',
      tag: 'requests',
      summary: '派单: every institution the request may be assigned to, by name',
      access: ['bureau'],
      params: ById,
      response: AssigneesView,
      handler: ({ actor, params }) => assignableInstitutions(db, actor, params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/loan-requests/:id/handover',
      tag: 'requests',
      summary:
        "转派: the claiming institution's admin moves a claimed, undecided request to another of its officers serving the county; the SLA stage runs on",
      access: ['institution_admin'],
      params: ById,
      errors: ['FORBIDDEN', 'INVALID_STATE'],
      body: Handover,
      response: RequestView,
      handler: ({ actor, params, body }) => handOverRequest(db, sla, actor, params.id, body),
    }),
    defineRoute({
      method: 'get',
      path: '/loan-requests/:id/handover-officers',
      tag: 'requests',
      summary: "转派: the claiming institution's active officers serving the request's county, but the one holding it",
      access: ['institution_admin'],
      params: ById,
      errors: ['FORBIDDEN'],
      response: HandoverOfficersView,
      handler: ({ actor, params }) => handoverOfficers(db, actor, params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/loan-requests/:id/cancel',
      tag: 'requests',
      summary: 'The applicant withdraws the request (before approval)',
      access: ['enterprise', 'individual'],
      params: ById,
      errors: ['INVALID_STATE'],
      response: RequestView,
      handler: ({ actor, params }) => cancelRequest(db, sla, actor, params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/loan-requests/:id/reopen',
      tag: 'requests',
      summary: 'The applicant re-opens a rejected request to the other institutions',
      access: ['enterprise', 'individual'],
      params: ById,
      errors: ['INVALID_STATE'],
      response: RequestView,
      handler: ({ actor, params }) => reopenRequest(db, sla, actor, params.id),
    }),
  ];
}
