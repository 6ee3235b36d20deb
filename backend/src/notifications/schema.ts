import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../auth/schema';

/** The notification centre: what the platform tells one user. */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    /** Worded once, when written (zh-CN): the platform's own notices to staff. */
    title: text('title'),
    body: text('body'),
    /**
     * Or the facts of the notice, by kind, which the reader's web app words in their language (a
     * request's progress to its applicant: requests/notice-views.ts).
     */
    params: jsonb('params').$type<Record<string, unknown>>(),
    /** The outbox event that caused it: a redelivered event cannot notify twice. */
    sourceEventId: text('source_event_id').unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    index('notifications_user_idx').on(t.userId, t.createdAt),
    check('notifications_worded', sql`(${t.title} is not null and ${t.body} is not null) <> (${t.params} is not null)`),
  ],
);
