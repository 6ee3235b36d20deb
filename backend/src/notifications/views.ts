import { pageSchema } from '../http/pagination';
import { z } from '../http/zod';

/** The notification centre as the API shows it (through contract.ts to the web app). Pure (zod only). */

/**
 * One message of the notification centre: worded already (`title`, `body`), or the facts the
 * client words by `kind` in its reader's language (`params`; `progress.*`: a RequestNotice).
 */
export const NotificationView = z
  .object({
    id: z.string(),
    kind: z.string(),
    title: z.string().nullable(),
    body: z.string().nullable(),
    params: z
      .record(z.string(), z.unknown())
      .nullable()
      .openapi({ description: 'By kind; progress.* (a loan request’s progress, to its applicant): RequestNotice' }),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .openapi('Notification');
export type NotificationView = z.output<typeof NotificationView>;

/** A page of notifications, with how many of the user's are unread in all. */
export const NotificationPage = pageSchema(NotificationView).extend({ unread: z.number().int() });
export type NotificationPage = z.output<typeof NotificationPage>;

/** How many notifications marking all read changed. */
export const ReadAll = z.object({ updated: z.number().int() });
export type ReadAll = z.output<typeof ReadAll>;
