import type { Database } from '../db/client';
import { defineRoute, parseInput, type RouteDef } from '../http/route';
import { z } from '../http/zod';
import {
  CalendarList,
  CalendarSaved,
  CalendarYearBody,
  CalendarYearParam,
  CalendarYearView,
  calendarYearInput,
  SlaPreview,
  type CalendarYearInput,
} from './calendar-views';
import { calendarYear, listCalendars, saveCalendarYear } from './calendars';
import { dayStageDeadline, respondDeadlines, shanghaiIso, stageDeadlineView } from '../sla-policy/deadlines';
import { currentPolicy, policyHistory, publishPolicy } from '../sla-policy/policy';
import { SlaDraftPreview, SlaDraftPreviewBody, SlaPolicyHistory } from './policy-views';
import { SlaPolicyInput, SlaPolicyView } from '../sla-policy/views';
import type { SlaContext } from '../clock/clock';

export function slaRoutes({ db, sla }: { db: Database; sla: SlaContext }): RouteDef[] {
  return [
    defineRoute({
      method: 'get',
      path: '/sla/policy',
      tag: 'sla',
      summary: 'The 321 policy in force (public: it is the platform’s promise)',
      access: 'public',
      response: SlaPolicyView,
      handler: () => currentPolicy(db),
    }),
    defineRoute({
      method: 'put',
      path: '/sla/policy',
      tag: 'sla',
      summary: 'Publish a new policy version (platform admin); requests under way keep theirs',
      access: ['admin'],
      body: SlaPolicyInput,
      response: SlaPolicyView,
      handler: ({ actor, body }) => publishPolicy(db, actor, body),
    }),
    defineRoute({
      method: 'get',
      path: '/sla/policy/versions',
      tag: 'sla',
      summary: 'Every published version of the policy, newest first, and who published it (platform admin)',
      access: ['admin'],
      response: SlaPolicyHistory,
      handler: async () => ({ items: await policyHistory(db) }),
    }),
    defineRoute({
      method: 'post',
      path: '/sla/preview',
      tag: 'sla',
      summary:
        'The deadlines a policy not yet published would give each stage starting at `at` (platform admin, before publishing)',
      access: ['admin'],
      body: SlaDraftPreviewBody,
      response: SlaDraftPreview,
      handler: async ({ body }) => {
        const at = body.at ? new Date(body.at) : sla.now();
        const { respond, exclusiveUntil } = respondDeadlines(body.policy, sla.calendar, at, true);
        const stage = (days: number) =>
          stageDeadlineView(dayStageDeadline(body.policy, sla.calendar, at, days), sla.calendar);
        return {
          respond: stageDeadlineView(respond, sla.calendar),
          exclusiveUntil: shanghaiIso(exclusiveUntil!),
          contact: stage(body.policy.contact.workingDays),
          decide: stage(body.policy.decide.workingDays),
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/sla/preview',
      tag: 'sla',
      summary: 'The deadlines a request entering the pool at `at` would get ("银行将在…前响应")',
      access: 'public',
      query: z.object({
        at: z.iso.datetime({ offset: true }).optional().openapi({ example: '2025-09-30T16:00:00+08:00' }),
        directed: z.enum(['true', 'false']).default('false'),
      }),
      response: SlaPreview,
      handler: async ({ query }) => {
        const policy = await currentPolicy(db);
        const at = query.at ? new Date(query.at) : sla.now();
        const { respond, exclusiveUntil } = respondDeadlines(policy, sla.calendar, at, query.directed === 'true');
        return {
          policyVersion: policy.version,
          respond: stageDeadlineView(respond, sla.calendar),
          ...(exclusiveUntil ? { exclusiveUntil: shanghaiIso(exclusiveUntil) } : {}),
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/sla/calendars',
      tag: 'sla',
      summary: 'The working calendars in use: each year official (chinese-days or entered by the admin) or provisional',
      access: ['admin'],
      response: CalendarList,
      handler: () => listCalendars(db, sla),
    }),
    defineRoute({
      method: 'get',
      path: '/sla/calendars/:year',
      tag: 'sla',
      summary: 'A year’s days off and make-up working days, and where they come from',
      access: 'public',
      params: CalendarYearParam,
      response: CalendarYearView,
      handler: ({ params }) => calendarYear(db, sla, params.year),
    }),
    defineRoute({
      method: 'put',
      path: '/sla/calendars/:year',
      tag: 'sla',
      summary:
        'Enter a year’s official schedule (platform admin); open deadlines that counted a day of it are re-planned, never shortened',
      access: ['admin'],
      params: CalendarYearParam,
      body: CalendarYearBody,
      response: CalendarSaved,
      handler: ({ actor, params, body, lang }) => {
        const input = parseInput(calendarYearInput(params.year), body, 'body', lang) as CalendarYearInput;
        return saveCalendarYear(db, sla, actor, params.year, input);
      },
    }),
  ];
}
