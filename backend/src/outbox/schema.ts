import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, check, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { EventType } from './catalogue';

/**
 * Transactional outbox: a domain change writes its event here in the same transaction;
 * the relay moves unpublished rows into BullMQ. The only path from a domain event to the queue.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    eventType: text('event_type').notNull().$type<EventType>(),
    aggregateId: text('aggregate_id').notNull(),
    payload: jsonb('payload').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (t) => [
    index('outbox_unpublished_idx')
      .on(t.id)
      .where(sql`${t.publishedAt} is null`),
  ],
);

/**
 * The relay's place in this database's history, one row (created by its migration). Job ids carry
 * the incarnation, so two databases — or one restored from a backup — never take each other's jobs
 * in a shared Redis for work already done; `relayedBatches` counts the committed relay batches,
 * which Redis also keeps (outbox.ts), and a Redis that has seen more of them than the database
 * remembers means the database went back in time: the relay starts a new incarnation.
 */
export const outboxRelay = pgTable(
  'outbox_relay',
  {
    single: boolean('single').primaryKey().default(true),
    incarnation: uuid('incarnation').notNull().defaultRandom(),
    relayedBatches: bigint('relayed_batches', { mode: 'number' }).notNull().default(0),
  },
  (t) => [check('outbox_relay_single_row', sql`${t.single}`)],
);
