import { randomUUID } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../audit/schema';
import { users } from '../auth/schema';
import { requestEvents } from '../requests/schema';
import { createTestPlatform, type TestPlatform } from '../testing/platform';
import type { Tx } from './client';
import { inTransaction, writeAtCommit, writeLast } from './transaction';

let t: TestPlatform;
let actorId: string;
beforeAll(async () => {
  t = await createTestPlatform();
  actorId = (await t.platform.db.select({ id: users.id }).from(users).limit(1))[0]!.id;
});
afterAll(async () => {
  await t?.close();
});

/** An audit row about `subject`, as a write to queue. */
const auditRow = (tx: Tx, subject: string) =>
  tx.insert(auditLog).values({
    actorId,
    actorUsername: 'test',
    actorRole: 'platform_admin',
    action: 'product.update',
    subjectId: subject,
    details: {},
  });

async function auditRowsAbout(subject: string, db: Pick<Tx, 'select'> = t.platform.db) {
  const [row] = await db.select({ n: count() }).from(auditLog).where(eq(auditLog.subjectId, subject));
  return row!.n;
}

describe('writes at commit', () => {
  it('sends the queued writes when the work is done, all of them', async () => {
    const subject = randomUUID();
    const seenInside = await inTransaction(t.platform.db, async (tx) => {
      for (let i = 0; i < 3; i++) await writeAtCommit(tx, auditRow(tx, subject));
      return auditRowsAbout(subject, tx);
    });
    // Queued, not yet sent: nothing in the transaction may read them back.
    expect(seenInside).toBe(0);
    expect(await auditRowsAbout(subject)).toBe(3);
  });

  it('sends the queued writes at once with a write that must come last', async () => {
    const subject = randomUUID();
    const seenInside = await inTransaction(t.platform.db, async (tx) => {
      await writeAtCommit(tx, auditRow(tx, subject));
      await writeAtCommit(tx, auditRow(tx, subject));
      await writeLast(tx, auditRow(tx, subject));
      return auditRowsAbout(subject, tx);
    });
    expect(seenInside).toBe(3);
    expect(await auditRowsAbout(subject)).toBe(3);
  });

  it('sends a long queue in parts, losing none', async () => {
    const subject = randomUUID();
    await inTransaction(t.platform.db, async (tx) => {
      for (let i = 0; i < 70; i++) await writeAtCommit(tx, auditRow(tx, subject));
    });
    expect(await auditRowsAbout(subject)).toBe(70);
  });

  it('fails the whole transaction when a queued write fails', async () => {
    const subject = randomUUID();
    const failing = inTransaction(t.platform.db, async (tx) => {
      await writeAtCommit(tx, auditRow(tx, subject));
      // A timeline entry of no request breaks its foreign key.
      await writeAtCommit(tx, tx.insert(requestEvents).values({ requestId: randomUUID(), toStatus: 'submitted' }));
    });
    await expect(failing).rejects.toThrow();
    expect(await auditRowsAbout(subject)).toBe(0);
  });

  it('refuses a transaction not opened by inTransaction, which would never send them', async () => {
    const subject = randomUUID();
    const outside = t.platform.db.transaction((tx) => writeAtCommit(tx, auditRow(tx, subject)));
    await expect(outside).rejects.toThrow(/inTransaction/);
    expect(await auditRowsAbout(subject)).toBe(0);
  });
});
