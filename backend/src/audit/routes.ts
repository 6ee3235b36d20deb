import type { Database } from '../db/client';
import { AppError } from '../http/errors';
import { PageQuery, pageSchema } from '../http/pagination';
import { defineRoute, type RouteDef } from '../http/route';
import { z } from '../http/zod';
import { AUDIT_ACTIONS } from './schema';
import { listAudit } from './service';

const AuditEntryView = z
  .object({
    id: z.number().int(),
    at: z.string(),
    actor: z.object({ id: z.string(), username: z.string(), role: z.string() }),
    action: z.enum(AUDIT_ACTIONS),
    subjectId: z.string().openapi({ description: 'The id of what the action changed; the action prefix says what' }),
    details: z.record(z.string(), z.unknown()),
  })
  .openapi('AuditEntry');

const Instant = z.iso.datetime({ offset: true });

/** Read-only by design: the audit log has no route that changes it. */
export function auditRoutes({ db }: { db: Database }): RouteDef[] {
  return [
    defineRoute({
      method: 'get',
      path: '/audit',
      tag: 'audit',
      summary: 'The audit log of privileged actions, newest first (platform admin)',
      access: ['admin'],
      query: PageQuery.extend({
        actor: z.string().trim().min(1).max(64).optional().openapi({ description: 'A username or an account id' }),
        action: z.enum(AUDIT_ACTIONS).optional(),
        from: Instant.optional().openapi({ description: 'Included', example: '2025-03-01T00:00:00+08:00' }),
        to: Instant.optional().openapi({ description: 'Excluded' }),
      }),
      response: pageSchema(AuditEntryView),
      handler: ({ query }) => {
        const from = query.from ? new Date(query.from) : undefined;
        const to = query.to ? new Date(query.to) : undefined;
        if (from && to && from > to) {
          throw new AppError('VALIDATION_FAILED', [{ path: 'from', message: 'period.fromAfterTo' }]);
        }
        return listAudit(db, { ...query, from, to });
      },
    }),
  ];
}
