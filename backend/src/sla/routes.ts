import type { Database } from '../db/client';
import { defineRoute, type RouteDef } from '../http/route';
import { z } from '../http/zod';
import { respondDeadlines, shanghaiIso } from './deadlines';
import { currentPolicy, publishPolicy, SlaPolicyInput } from './policy';
import type { WorkingCalendar } from './working-time';

const Deadline = z.object({ startsAt: z.string(), remindAt: z.string(), dueAt: z.string() });
const PolicyView = SlaPolicyInput.and(z.object({ version: z.number().int(), createdAt: z.string() })).openapi(
  'SlaPolicy',
);

export function slaRoutes({ db, calendar }: { db: Database; calendar: WorkingCalendar }): RouteDef[] {
  return [
    defineRoute({
      method: 'get',
      path: '/sla/policy',
      tag: 'sla',
      summary: 'The 321 policy in force (public: it is the platform’s promise)',
      access: 'public',
      response: PolicyView,
      handler: () => currentPolicy(db),
    }),
    defineRoute({
      method: 'put',
      path: '/sla/policy',
      tag: 'sla',
      summary: 'Publish a new policy version (platform admin); requests under way keep theirs',
      access: ['admin'],
      body: SlaPolicyInput,
      response: PolicyView,
      handler: ({ actor, body }) => publishPolicy(db, actor, body),
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
      response: z.object({ policyVersion: z.number().int(), respond: Deadline, exclusiveUntil: z.string().optional() }),
      handler: async ({ query }) => {
        const policy = await currentPolicy(db);
        const at = query.at ? new Date(query.at) : new Date();
        const { respond, exclusiveUntil } = respondDeadlines(policy, calendar, at, query.directed === 'true');
        return {
          policyVersion: policy.version,
          respond: {
            startsAt: shanghaiIso(respond.startsAt),
            remindAt: shanghaiIso(respond.remindAt),
            dueAt: shanghaiIso(respond.dueAt),
          },
          ...(exclusiveUntil ? { exclusiveUntil: shanghaiIso(exclusiveUntil) } : {}),
        };
      },
    }),
  ];
}
