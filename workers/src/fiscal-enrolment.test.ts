import { eq } from 'drizzle-orm';
import { CITY_INTEREST_SUBSIDY } from '@lcfin/backend/testing/programs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { programEnrollments } from '@lcfin/backend/fiscal/schema';
import { eventually } from '@lcfin/backend/testing/eventually';
import { createTestPlatform, post, type TestPlatform } from '@lcfin/backend/testing/platform';
import { startWorkers, type RunningWorkers } from './start';

/** A disbursal's event enrols the loan in the active fiscal programs it qualifies for. */
let t: TestPlatform;
let workers: RunningWorkers;
beforeAll(async () => {
  t = await createTestPlatform();
  workers = startWorkers(t.platform);
});
afterAll(async () => {
  await workers?.close();
  await t?.close();
});

it('the workers enrol a loan when it is disbursed', async () => {
  const [city, ent, lcrcb] = await Promise.all([
    t.signIn('bureau.city'),
    t.signIn('ent.demo'),
    t.signIn('officer.lcrcb'),
  ]);
  const program = await post(city, '/programs', CITY_INTEREST_SUBSIDY).expect(201);
  await post(city, `/programs/${program.body.id}/activate`).expect(200);

  const id = await t.openRequest(ent);
  await post(lcrcb, `/loan-requests/${id}/claim`).expect(200);
  for (const step of [
    { to: 'contacted', visitDate: '2025-03-12' },
    { to: 'investigated', visitDate: '2025-03-12' },
    { to: 'approved', approvedAmount: 300_000, annualRate: 4.2, termMonths: 12 },
    { to: 'disbursed', disbursedAmount: 280_000, valueDate: '2025-03-12' },
  ]) {
    await post(lcrcb, `/loan-requests/${id}/transition`, step).expect(200);
  }
  const enrolled = await eventually(async () => {
    const rows = await t.platform.db.select().from(programEnrollments).where(eq(programEnrollments.requestId, id));
    return rows[0];
  });
  expect(enrolled).toMatchObject({ programId: program.body.id, principal: 280_000, valueDate: '2025-03-12' });
});
