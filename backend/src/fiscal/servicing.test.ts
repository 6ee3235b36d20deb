import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../audit/schema';
import { API, createTestPlatform, post, type SignedIn, type TestPlatform } from '../testing/platform';
import { servicingReports } from './schema';
import { PRINCIPAL } from '../testing/fiscal';
import { disbursedLoan } from '../testing/loans';

let t: TestPlatform;
let ent: SignedIn;
let lcrcb: SignedIn;
let lcrcbAdmin: SignedIn;
let qilu: SignedIn;
let city: SignedIn;
let loan: string;
/** Claimed by 聊城农商银行, never disbursed. */
let undisbursed: string;

const quarter = {
  periodStart: '2025-01-02',
  periodEnd: '2025-04-01',
  outstandingPrincipal: PRINCIPAL,
  interestPaidFen: 322_625,
  status: 'normal',
};

beforeAll(async () => {
  t = await createTestPlatform();
  [ent, lcrcb, lcrcbAdmin, qilu, city] = await Promise.all([
    t.signIn('ent.demo'),
    t.signIn('officer.lcrcb'),
    t.signIn('inst.lcrcb'),
    t.signIn('officer.qilu'),
    t.signIn('bureau.city'),
  ]);
  // Lent on 2 January (the value date); reported on in July.
  t.setNow(new Date('2025-01-02T10:00:00+08:00'));
  loan = await disbursedLoan(t, ent, lcrcb);
  undisbursed = await t.openRequest(ent);
  await post(lcrcb, `/loan-requests/${undisbursed}/claim`).expect(200);
  t.setNow(new Date('2025-07-10T10:00:00+08:00'));
});
afterAll(async () => {
  await t?.close();
});

const report = (who: SignedIn, body: object, id = loan) => post(who, `/loan-requests/${id}/servicing`, body);
const reports = async (who: SignedIn, id = loan) =>
  (await who.agent.get(`${API}/loan-requests/${id}/servicing`).expect(200)).body.items;

/** Runs `refusals` and checks they left no report and no audit entry behind. */
async function writesNothing(refusals: () => Promise<void>) {
  const counts = async () => ({
    reports: (await t.platform.db.select({ n: count() }).from(servicingReports))[0]!.n,
    audit: (await t.platform.db.select({ n: count() }).from(auditLog))[0]!.n,
  });
  const before = await counts();
  await refusals();
  expect(await counts()).toEqual(before);
}

describe('servicing reports', () => {
  it('appends a report, and a correction that supersedes it; the corrected one stays, marked', async () => {
    const first = await report(lcrcb, quarter).expect(201);
    expect(first.body).toMatchObject({ ...quarter, requestId: loan, supersedes: null, supersededBy: null });
    const correction = await report(lcrcbAdmin, {
      ...quarter,
      interestPaidFen: 320_000,
      supersedes: first.body.id,
      reason: '利息金额录入有误',
    }).expect(201);
    expect(correction.body).toMatchObject({ supersedes: first.body.id, reason: '利息金额录入有误' });

    // The borrower and the bank read the chain: the first report names the one that corrected it.
    for (const who of [ent, lcrcb, city]) {
      const items = await reports(who);
      expect(items.map((r: { id: string; supersededBy: string | null }) => [r.id, r.supersededBy])).toEqual([
        [first.body.id, correction.body.id],
        [correction.body.id, null],
      ]);
    }
    // Append-only in the database itself (the trigger refuses with insufficient_privilege).
    for (const change of [
      sql`update servicing_reports set interest_paid_fen = 0 where id = ${first.body.id}`,
      sql`delete from servicing_reports where id = ${first.body.id}`,
    ]) {
      const refusal = await t.platform.db.execute(change).catch((err: { cause?: { code?: string } }) => err);
      expect((refusal as { cause?: { code?: string } }).cause?.code).toBe('42501');
    }

    await writesNothing(async () => {
      // The superseded report cannot be corrected again, nor a period reported twice without a correction.
      const again = await report(lcrcb, { ...quarter, supersedes: first.body.id, reason: '再次更正' }).expect(422);
      expect(again.body.error.details).toEqual([{ path: 'supersedes', message: '该报告已被更正，请更正最新的报告' }]);
      const twice = await report(lcrcb, { ...quarter, periodStart: '2025-03-01', periodEnd: '2025-05-01' }).expect(400);
      expect(twice.body.error.details[0]).toMatchObject({ path: 'periodStart' });
      expect(twice.body.error.details[0].message).toContain('2025-01-02–2025-04-01');
      const noReason = await report(lcrcb, { ...quarter, supersedes: correction.body.id }).expect(400);
      expect(noReason.body.error.details.map((d: { path: string }) => d.path)).toEqual(['reason']);
      const unknown = await report(lcrcb, {
        ...quarter,
        supersedes: '00000000-0000-4000-8000-000000000000',
        reason: '更正',
      }).expect(400);
      expect(unknown.body.error.details.map((d: { path: string }) => d.path)).toEqual(['supersedes']);
    });
  });

  it('takes a default with its loss, and an overdue period with its days; each status only with its figure', async () => {
    const overdue = { ...quarter, periodStart: '2025-04-01', periodEnd: '2025-05-01', status: 'overdue' };
    await writesNothing(async () => {
      const noDays = await report(lcrcb, overdue).expect(400);
      expect(noDays.body.error.details.map((d: { path: string }) => d.path)).toEqual(['overdueDays']);
      const lossNotDefault = await report(lcrcb, { ...overdue, overdueDays: 12, lossFen: 100 }).expect(400);
      expect(lossNotDefault.body.error.details.map((d: { path: string }) => d.path)).toEqual(['lossFen']);
    });
    await report(lcrcb, { ...overdue, overdueDays: 12 }).expect(201);
    const defaulted = await report(lcrcb, {
      ...quarter,
      periodStart: '2025-05-01',
      periodEnd: '2025-06-01',
      status: 'default',
      lossFen: 5_000_000,
    }).expect(201);
    expect(defaulted.body).toMatchObject({ status: 'default', lossFen: 5_000_000, overdueDays: null });
  });

  it('refuses periods ending after today or starting before the value date, naming the field', async () => {
    await writesNothing(async () => {
      const future = await report(lcrcb, { ...quarter, periodStart: '2025-07-01', periodEnd: '2025-07-11' }).expect(
        400,
      );
      expect(future.body.error.details).toEqual([{ path: 'periodEnd', message: '报告期间不能晚于今天' }]);
      const early = await report(lcrcb, { ...quarter, periodStart: '2025-01-01', periodEnd: '2025-01-02' }).expect(400);
      expect(early.body.error.details).toEqual([
        { path: 'periodStart', message: '报告期间不能早于起息日（2025-01-02）' },
      ]);
      const backwards = await report(lcrcb, { ...quarter, periodStart: '2025-06-10', periodEnd: '2025-06-01' }).expect(
        400,
      );
      expect(backwards.body.error.details.map((d: { path: string }) => d.path)).toEqual(['periodEnd']);
    });
  });

  it('is the lending institution’s alone, and only once the loan is disbursed', async () => {
    const july = { ...quarter, periodStart: '2025-06-01', periodEnd: '2025-07-01' };
    await writesNothing(async () => {
      await report(qilu, july).expect(403);
      await report(ent, july).expect(403);
      await report(city, july).expect(403);
      const notDisbursed = await report(lcrcb, july, undisbursed).expect(422);
      expect(notDisbursed.body.error.details).toEqual([{ path: 'status', message: '该贷款尚未放款' }]);
      await report(lcrcb, july, '00000000-0000-4000-8000-000000000000').expect(404);
    });
    // Another bank does not even see the reports.
    await qilu.agent.get(`${API}/loan-requests/${loan}/servicing`).expect(404);
  });

  it('audits each report with its period and status', async () => {
    const audited = await t.platform.db.select().from(auditLog).where(eq(auditLog.action, 'servicing.report'));
    expect(audited.length).toBe((await reports(lcrcb)).length);
    expect(audited[0]).toMatchObject({ subjectId: loan, details: { periodStart: '2025-01-02', status: 'normal' } });
  });
});
