import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, post, type SignedIn, type TestPlatform } from '../testing/platform';
import { programClaims, programLedger, programs } from './schema';
import { activeProgram, bureauAccount, PRINCIPAL } from '../testing/fiscal';
import { disbursedLoan } from '../testing/loans';

/** 300,000.00 yuan × 1 % × 3 days ÷ 360 = 25.00 yuan a claim. */
const AMOUNT_FEN = 2_500;
const CLAIMS = 50;
const FITTING = 10;

let t: TestPlatform;
let checker: SignedIn;
let programId: string;
let claimIds: string[];

const day = (offset: number) =>
  new Date(Date.parse('2025-01-02T00:00:00Z') + offset * 86_400_000).toISOString().slice(0, 10);

/** 50 claims of one loan, three days each, reviewed and waiting for the check; a budget for 10 of them. */
beforeAll(async () => {
  t = await createTestPlatform();
  const [admin, ent, lcrcb, city] = await Promise.all([
    t.signIn('admin'),
    t.signIn('ent.demo'),
    t.signIn('officer.lcrcb'),
    t.signIn('bureau.city'),
  ]);
  checker = await bureauAccount(t, admin, { username: 'bureau.fuhe', displayName: '市财政局复核员' });
  t.setNow(new Date('2025-01-02T10:00:00+08:00'));
  const loan = await disbursedLoan(t, ent, lcrcb);
  t.setNow(new Date('2025-07-10T10:00:00+08:00'));
  programId = await activeProgram(city, { budget: (FITTING * AMOUNT_FEN) / 100 });
  claimIds = [];
  for (let i = 0; i < CLAIMS; i++) {
    const period = { periodStart: day(3 * i), periodEnd: day(3 * i + 3) };
    await post(lcrcb, `/loan-requests/${loan}/servicing`, {
      ...period,
      outstandingPrincipal: PRINCIPAL,
      interestPaidFen: 10_000,
      status: 'normal',
    }).expect(201);
    const claim = await post(ent, '/program-claims', { programId, loanRequestId: loan, ...period }).expect(201);
    expect(claim.body.amountFen).toBe(AMOUNT_FEN);
    claimIds.push(claim.body.id);
  }
  for (const id of claimIds) await post(city, `/program-claims/${id}/review`, { decision: 'approve' }).expect(200);
}, 300_000);
afterAll(async () => {
  await t?.close();
});

describe('approvals competing for the last of a budget', () => {
  it('approves exactly the 10 of 50 concurrent checks that fit; the others are told what remains', async () => {
    const answers = await Promise.all(
      claimIds.map((id) => post(checker, `/program-claims/${id}/check`, { decision: 'approve' })),
    );
    const approved = answers.filter((a) => a.status === 200);
    const refused = answers.filter((a) => a.status === 422);
    expect(approved).toHaveLength(FITTING);
    expect(refused).toHaveLength(CLAIMS - FITTING);
    for (const r of refused) {
      expect(r.body.error.details).toEqual([{ path: 'budget', message: '预算余额不足（剩余 0.00 元）' }]);
    }

    const [program] = await t.platform.db.select().from(programs).where(eq(programs.id, programId));
    expect(program).toMatchObject({ committedFen: FITTING * AMOUNT_FEN, paidFen: 0 });
    const byStatus = await t.platform.db
      .select({ status: programClaims.status, n: count() })
      .from(programClaims)
      .where(eq(programClaims.programId, programId))
      .groupBy(programClaims.status);
    expect(Object.fromEntries(byStatus.map((s) => [s.status, s.n]))).toEqual({
      approved: FITTING,
      reviewed: CLAIMS - FITTING,
    });
    const [commits] = await t.platform.db
      .select({ n: count() })
      .from(programLedger)
      .where(and(eq(programLedger.programId, programId), eq(programLedger.kind, 'commit')));
    expect(commits!.n).toBe(FITTING);
  });
});
