import { asc, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../audit/schema';
import { API, createTestPlatform, post, type SignedIn, type TestPlatform } from '../testing/platform';
import { programClaims, programLedger, programs } from './schema';
import { activeProgram, bureauAccount, draftProgram, PRINCIPAL } from '../testing/fiscal';
import { disbursedLoan } from '../testing/loans';

let t: TestPlatform;
let ent: SignedIn;
let lcrcb: SignedIn;
let lcrcbAdmin: SignedIn;
let qilu: SignedIn;
let city: SignedIn;
let checker: SignedIn;
let guanxian: SignedIn;
/** The bureau of 东昌府区 (371502), where ent.demo borrows. */
let dongchangfu: SignedIn;
/** A city 贴息 that ended on 31 May. */
let ended: string;
/** Serviced normally: Q1 without a guarantee fee, Q2 with one. */
let loan: string;
/** Defaulted in Q1 with 100,000 yuan lost. */
let defaulted: string;

const Q1 = { periodStart: '2025-01-02', periodEnd: '2025-04-01' };
const Q2 = { periodStart: '2025-04-01', periodEnd: '2025-07-01' };
const PAYEE = {
  accountName: '聊城市东昌府区鲁西机械制造有限公司',
  bankName: '聊城农商银行东昌支行',
  accountNo: '6228480012345678',
};
const APPLICANT = '聊城市东昌府区鲁西机械制造有限公司';

beforeAll(async () => {
  t = await createTestPlatform();
  const admin = await t.signIn('admin');
  [ent, lcrcb, lcrcbAdmin, qilu, city, guanxian, checker] = await Promise.all([
    t.signIn('ent.demo'),
    t.signIn('officer.lcrcb'),
    t.signIn('inst.lcrcb'),
    t.signIn('officer.qilu'),
    t.signIn('bureau.city'),
    t.signIn('bureau.guanxian'),
    bureauAccount(t, admin, { username: 'bureau.fuhe', displayName: '市财政局复核员' }),
  ]);
  dongchangfu = await bureauAccount(t, admin, {
    username: 'bureau.dongchangfu',
    displayName: '东昌府区财政局',
    county: '371502',
  });
  t.setNow(new Date('2025-01-02T10:00:00+08:00'));
  loan = await disbursedLoan(t, ent, lcrcb);
  defaulted = await disbursedLoan(t, ent, lcrcb);
  ended = await activeProgram(city, { endsOn: '2025-05-31' });
  t.setNow(new Date('2025-07-10T10:00:00+08:00'));
  const servicing = (id: string, body: object) => post(lcrcb, `/loan-requests/${id}/servicing`, body).expect(201);
  const serviced = { outstandingPrincipal: PRINCIPAL, interestPaidFen: 322_625, status: 'normal' };
  await servicing(loan, { ...Q1, ...serviced });
  await servicing(loan, { ...Q2, ...serviced, interestPaidFen: 329_875, guaranteeFeePaidFen: 112_500 });
  await servicing(defaulted, { ...Q1, ...serviced, status: 'default', lossFen: 10_000_000 });
});
afterAll(async () => {
  await t?.close();
});

const claim = (who: SignedIn, programId: string, body: object = Q1, loanRequestId = loan) =>
  post(who, '/program-claims', { programId, loanRequestId, ...body });
const review = (who: SignedIn, id: string, decision = 'approve') =>
  post(who, `/program-claims/${id}/review`, { decision, note: '材料齐全' });
const check = (who: SignedIn, id: string, decision = 'approve') =>
  post(who, `/program-claims/${id}/check`, { decision });
const pay = (id: string, body: object = { paidOn: '2025-07-10', voucherNo: '聊财付〔2025〕0001' }) =>
  post(city, `/program-claims/${id}/pay`, body);

async function budgetOf(id: string) {
  const [p] = await t.platform.db
    .select({ committedFen: programs.committedFen, paidFen: programs.paidFen })
    .from(programs)
    .where(eq(programs.id, id));
  return p;
}
async function ledgerOf(programId: string) {
  const res = await city.agent.get(`${API}/programs/${programId}/ledger`).expect(200);
  return res.body.items.map((e: { kind: string; amountFen: number; on: string }) => [e.kind, e.amountFen, e.on]);
}

/** The details of an error answer, in the caller's language (zh-CN). */
const details = (res: { body: { error: { details: unknown[] } } }) => res.body.error.details;

/** Runs `refusals` and checks they changed no program, claim, ledger row or audit entry. */
async function writesNothing(refusals: () => Promise<void>) {
  const state = async () => ({
    programs: await t.platform.db.select().from(programs).orderBy(asc(programs.id)),
    claims: await t.platform.db.select().from(programClaims).orderBy(asc(programClaims.id)),
    ledger: (await t.platform.db.select({ n: count() }).from(programLedger))[0]!.n,
    audit: (await t.platform.db.select({ n: count() }).from(auditLog))[0]!.n,
  });
  const before = await state();
  await refusals();
  expect(await state()).toEqual(before);
}

describe('the life cycle of each kind of claim', () => {
  it('an interest subsidy: claimed by the borrower, reviewed, checked by another, paid; the amount is the formula', async () => {
    const programId = await activeProgram(city);
    const submitted = await claim(ent, programId, { ...Q1, payee: PAYEE }).expect(201);
    // 300,000.00 yuan × 1 % × 89 days (2 January to 1 April) ÷ 360 = 741.666… → 741.67 yuan, below the interest paid.
    expect(submitted.body).toMatchObject({
      amountFen: 74_167,
      status: 'submitted',
      ...Q1,
      payee: { name: APPLICANT, ...PAYEE },
      claimedBy: APPLICANT,
      review: null,
    });
    const id = submitted.body.id;

    const reviewed = await review(city, id).expect(200);
    expect(reviewed.body).toMatchObject({
      status: 'reviewed',
      review: { by: '聊城市地方金融管理局', note: '材料齐全' },
    });
    expect(await budgetOf(programId)).toEqual({ committedFen: 0, paidFen: 0 });

    const approved = await check(checker, id).expect(200);
    expect(approved.body).toMatchObject({ status: 'approved', check: { by: '市财政局复核员' } });
    expect(await budgetOf(programId)).toEqual({ committedFen: 74_167, paidFen: 0 });

    const paid = await pay(id).expect(200);
    expect(paid.body).toMatchObject({
      status: 'paid',
      payment: { paidOn: '2025-07-10', voucherNo: '聊财付〔2025〕0001' },
    });
    expect(await budgetOf(programId)).toEqual({ committedFen: 0, paidFen: 74_167 });
    expect(await ledgerOf(programId)).toEqual([
      ['commit', 74_167, '2025-07-10'],
      ['pay', 74_167, '2025-07-10'],
    ]);
    // The borrower follows it; another bank does not see it.
    expect((await ent.agent.get(`${API}/program-claims/${id}`).expect(200)).body.status).toBe('paid');
    await qilu.agent.get(`${API}/program-claims/${id}`).expect(404);
  });

  it('a guarantee-fee subsidy, claimed by the bank for the borrower, from the fee reported', async () => {
    const programId = await activeProgram(city, {
      kind: 'guarantee_fee_subsidy',
      params: { feeSharePct: 100, feeCapPct: 0.5 },
    });
    await writesNothing(async () => {
      // Q1 was reported without a fee.
      const noFee = await claim(lcrcb, programId, Q1).expect(422);
      expect(details(noFee)).toEqual([{ path: 'periodStart', message: '该期间的还款报告未填写担保费' }]);
    });
    const submitted = await claim(lcrcb, programId, Q2).expect(201);
    // The fee paid (1,125.00 yuan) capped at 0.5 % a year: 300,000.00 × 0.5 % × 91 ÷ 360 = 379.166… → 379.17 yuan.
    expect(submitted.body).toMatchObject({ amountFen: 37_917, payee: { name: APPLICANT, accountNo: null } });
    await review(city, submitted.body.id).expect(200);
    await check(checker, submitted.body.id).expect(200);
    await pay(submitted.body.id).expect(200);
    expect(await budgetOf(programId)).toEqual({ committedFen: 0, paidFen: 37_917 });
  });

  it('a compensation for a default, by the lending bank; a recovery returns the program’s share to the pool', async () => {
    const programId = await activeProgram(city, {
      kind: 'risk_compensation',
      params: { lossSharePct: 40, capPerLoan: 50_000 },
    });
    await writesNothing(async () => {
      const byBorrower = await claim(ent, programId, {}, defaulted).expect(403);
      expect(details(byBorrower)).toEqual([{ path: 'loanRequestId', message: '风险补偿只能由放款机构申请' }]);
      const withPeriod = await claim(lcrcb, programId, Q1, defaulted).expect(400);
      expect(details(withPeriod)).toEqual([{ path: 'periodStart', message: '风险补偿申请不填申请期间' }]);
      const notDefault = await claim(lcrcb, programId, {}, loan).expect(422);
      expect(details(notDefault)).toEqual([{ path: 'loanRequestId', message: '该贷款没有违约报告，不能申请风险补偿' }]);
      const otherBank = await claim(qilu, programId, {}, defaulted).expect(403);
      expect(details(otherBank)).toEqual([{ path: 'loanRequestId', message: '只能为本人或本机构发放的贷款申请' }]);
    });
    const submitted = await claim(lcrcbAdmin, programId, {}, defaulted).expect(201);
    // 40 % of the 100,000.00 yuan lost, within the 50,000.00 cap per loan; paid to the bank.
    expect(submitted.body).toMatchObject({ amountFen: 4_000_000, periodStart: null, payee: { name: '聊城农商银行' } });
    const id = submitted.body.id;
    await writesNothing(async () => {
      const again = await claim(lcrcb, programId, {}, defaulted).expect(422);
      expect(details(again)).toEqual([{ path: 'loanRequestId', message: '该贷款已申请过此项目的风险补偿' }]);
      // Not paid yet: nothing to recover against.
      await post(lcrcb, `/program-claims/${id}/recoveries`, { recoveredFen: 100, recoveredOn: '2025-07-10' }).expect(
        422,
      );
    });
    await review(city, id).expect(200);
    await check(checker, id).expect(200);
    await pay(id, { paidOn: '2025-07-10', voucherNo: 'FC-2025-001' }).expect(200);

    await writesNothing(async () => {
      const early = await post(lcrcb, `/program-claims/${id}/recoveries`, {
        recoveredFen: 2_000_000,
        recoveredOn: '2025-07-09',
      }).expect(400);
      expect(details(early)).toEqual([{ path: 'recoveredOn', message: '追偿日期不能早于补偿支付日期（2025-07-10）' }]);
      await post(qilu, `/program-claims/${id}/recoveries`, {
        recoveredFen: 2_000_000,
        recoveredOn: '2025-07-10',
      }).expect(403);
    });
    const recovered = await post(lcrcb, `/program-claims/${id}/recoveries`, {
      recoveredFen: 2_000_000,
      recoveredOn: '2025-07-10',
    }).expect(201);
    // The program's 40 % of the 20,000.00 yuan recovered.
    expect(recovered.body).toMatchObject({ status: 'paid', returnedFen: 800_000 });
    expect(await budgetOf(programId)).toEqual({ committedFen: 0, paidFen: 3_200_000 });
    expect(await ledgerOf(programId)).toEqual([
      ['commit', 4_000_000, '2025-07-10'],
      ['pay', 4_000_000, '2025-07-10'],
      ['recovery', -800_000, '2025-07-10'],
    ]);
  });

  it("caps a borrower's interest subsidies per year", async () => {
    const programId = await activeProgram(city, { params: { subsidyRatePct: 1, perBorrowerCapPerYear: 500 } });
    const first = await claim(ent, programId, Q1).expect(201);
    expect(first.body.amountFen).toBe(50_000);
    await writesNothing(async () => {
      const capped = await claim(ent, programId, Q2).expect(422);
      expect(details(capped)).toEqual([{ path: 'amountFen', message: '本年度该借款人的贴息已达上限' }]);
    });
    // A rejected claim gives its share of the cap back.
    await review(city, first.body.id, 'reject').expect(200);
    expect((await claim(ent, programId, Q2).expect(201)).body.amountFen).toBe(50_000);
  });
});

describe('two-person control and the region', () => {
  it('refuses the reviewer as checker, and a step out of turn', async () => {
    const programId = await activeProgram(city);
    const { id } = (await claim(ent, programId).expect(201)).body;
    await writesNothing(async () => {
      const early = await check(checker, id).expect(422);
      expect(details(early)).toEqual([{ path: 'status', message: 'submitted' }]);
      await pay(id).expect(422);
    });
    await review(city, id).expect(200);
    await writesNothing(async () => {
      const self = await check(city, id).expect(403);
      expect(details(self)).toEqual([{ path: 'reviewedBy', message: '复核人不能是初审人' }]);
      await review(checker, id).expect(422);
    });
    await check(checker, id, 'reject').expect(200);
    expect((await city.agent.get(`${API}/program-claims/${id}`).expect(200)).body).toMatchObject({
      status: 'rejected',
      check: { by: '市财政局复核员' },
    });
    expect(await budgetOf(programId)).toEqual({ committedFen: 0, paidFen: 0 });
  });

  it("refuses a county bureau acting on the city's program, and anyone but a bureau", async () => {
    const programId = await activeProgram(city);
    const { id } = (await claim(ent, programId).expect(201)).body;
    await writesNothing(async () => {
      const county = await review(guanxian, id).expect(403);
      expect(details(county)).toEqual([{ path: 'region', message: '只能管理本级财政部门出资的政策项目' }]);
      await review(lcrcb, id).expect(403);
      await review(ent, id).expect(403);
    });
    // A county bureau reads the city's programs and their claims, and no other county's.
    await guanxian.agent.get(`${API}/program-claims/${id}`).expect(200);
    const eastern = await activeProgram(dongchangfu, { region: '371502' });
    const { id: easternClaim } = (await claim(ent, eastern).expect(201)).body;
    await guanxian.agent.get(`${API}/program-claims/${easternClaim}`).expect(404);
    await guanxian.agent.get(`${API}/programs/${eastern}/ledger`).expect(403);
    await writesNothing(async () => {
      // The city bureau does not manage a county's program either.
      await review(city, easternClaim).expect(403);
    });
  });

  it('answers an approval beyond the budget with what remains, and writes nothing', async () => {
    const programId = await activeProgram(city, { budget: 500 });
    const { id } = (await claim(ent, programId).expect(201)).body;
    await review(city, id).expect(200);
    await writesNothing(async () => {
      const over = await check(checker, id).expect(422);
      expect(details(over)).toEqual([{ path: 'budget', message: '预算余额不足（剩余 500.00 元）' }]);
    });
    expect((await city.agent.get(`${API}/program-claims/${id}`).expect(200)).body.status).toBe('reviewed');
  });
});

describe('claims refused', () => {
  it('refuses periods overlapping a claim, in the future, before the value date, outside the program or unreported', async () => {
    const programId = await activeProgram(city);
    await claim(ent, programId, Q2).expect(201);
    await writesNothing(async () => {
      const overlapping = await claim(lcrcb, programId, { periodStart: '2025-06-01', periodEnd: '2025-07-01' }).expect(
        422,
      );
      expect(details(overlapping)).toEqual([
        { path: 'periodStart', message: '与已申请的期间（2025-04-01–2025-07-01）重叠' },
      ]);
      const future = await claim(ent, programId, { periodStart: '2025-07-01', periodEnd: '2025-07-11' }).expect(400);
      expect(details(future)).toEqual([{ path: 'periodEnd', message: '申请期间不能晚于今天' }]);
      const early = await claim(ent, programId, { periodStart: '2025-01-01', periodEnd: '2025-02-01' }).expect(400);
      expect(details(early)).toEqual([{ path: 'periodStart', message: '申请期间不能早于起息日（2025-01-02）' }]);
      // A period's end is exclusive: Q2 ends a month after the program's last day.
      const outside = await claim(ent, ended, Q2).expect(400);
      expect(details(outside)).toEqual([
        { path: 'periodStart', message: '申请期间须在政策项目实施期内（2025-01-01 至 2025-05-31）' },
      ]);
      const unreported = await claim(ent, programId, { periodStart: '2025-03-01', periodEnd: '2025-04-01' }).expect(
        422,
      );
      expect(details(unreported)).toEqual([
        { path: 'periodStart', message: '该期间没有放款机构的还款报告，请先报告该期间' },
      ]);
      const noPeriod = await claim(ent, programId, {}).expect(400);
      expect(details(noPeriod)).toEqual([{ path: 'periodStart', message: '贴息和担保费补贴申请须填写申请期间' }]);
      const half = await claim(ent, programId, { periodStart: '2025-04-01' }).expect(400);
      expect(details(half)).toEqual([{ path: 'periodEnd', message: '须同时填写期间的开始和结束日期' }]);
    });
  });

  it("refuses a loan outside the program's rules, naming them, and another bank's or borrower's loan", async () => {
    const guanxianOnly = await activeProgram(city, { eligibility: { counties: ['371525'], maxAmount: 200_000 } });
    const programId = await activeProgram(city);
    const other = await t.signIn('ind.demo');
    await writesNothing(async () => {
      const outside = await claim(ent, guanxianOnly).expect(422);
      expect(details(outside)).toEqual([
        { path: 'loanRequestId', message: '该贷款不符合此政策项目的条件（counties, maxAmount）' },
      ]);
      const otherBank = await claim(qilu, programId).expect(403);
      expect(details(otherBank)).toEqual([{ path: 'loanRequestId', message: '只能为本人或本机构发放的贷款申请' }]);
      await claim(other, programId).expect(403);
      const unknown = await claim(ent, '00000000-0000-4000-8000-000000000000').expect(400);
      expect(details(unknown)).toEqual([{ path: 'programId', message: '政策项目不存在' }]);
    });
  });

  it('takes no new claims on a closed or draft program, but lets a closed program’s claims finish', async () => {
    const programId = await activeProgram(city);
    const { id } = (await claim(ent, programId).expect(201)).body;
    await post(city, `/programs/${programId}/close`).expect(200);
    const draft = await draftProgram(city);
    await writesNothing(async () => {
      const closed = await claim(ent, programId, Q2).expect(422);
      expect(details(closed)).toEqual([{ path: 'programId', message: '政策项目已结束，不再受理申请' }]);
      const drafted = await claim(ent, draft, Q2).expect(422);
      expect(details(drafted)).toEqual([{ path: 'programId', message: '政策项目未在实施中' }]);
    });
    await review(city, id).expect(200);
    await check(checker, id).expect(200);
    await writesNothing(async () => {
      const future = await pay(id, { paidOn: '2025-07-11', voucherNo: 'V-1' }).expect(400);
      expect(details(future)).toEqual([{ path: 'paidOn', message: '支付日期不能晚于今天' }]);
      const beforeApproval = await pay(id, { paidOn: '2025-07-09', voucherNo: 'V-1' }).expect(400);
      expect(details(beforeApproval)).toEqual([
        { path: 'paidOn', message: '支付日期不能早于复核通过日期（2025-07-10）' },
      ]);
    });
    expect((await pay(id).expect(200)).body.status).toBe('paid');
  });
});

describe('reading claims and the ledger', () => {
  it("lists each reader's claims: the borrower's own, the bank's loans', the bureau's programs'", async () => {
    const list = async (who: SignedIn, query = '') =>
      (await who.agent.get(`${API}/program-claims?pageSize=100${query}`).expect(200)).body;
    const all = await list(city);
    expect(all.total).toBeGreaterThan(5);
    expect((await list(ent)).total).toBe(all.total);
    expect((await list(lcrcb)).total).toBe(all.total);
    expect((await list(qilu)).total).toBe(0);
    const paid = await list(city, '&status=paid');
    expect(paid.items.length).toBeGreaterThan(0);
    expect(paid.items.every((c: { status: string }) => c.status === 'paid')).toBe(true);
    const byLoan = await list(city, `&loanRequestId=${defaulted}`);
    expect(byLoan.items.map((c: { amountFen: number }) => c.amountFen)).toEqual([4_000_000]);
    // A county bureau reads the city's programs' claims, not another county's.
    const county = await list(guanxian);
    expect(county.items.every((c: { program: { region: string } }) => c.program.region === '371500')).toBe(true);
    expect(county.total).toBeLessThan(all.total);
  });

  it('audits every step of a claim', async () => {
    const actions = await t.platform.db
      .select({ action: auditLog.action, n: count() })
      .from(auditLog)
      .groupBy(auditLog.action);
    const n = Object.fromEntries(actions.map((a) => [a.action, a.n]));
    const claims = await t.platform.db.select().from(programClaims);
    expect(n['claim.submit']).toBe(claims.length);
    expect(n['claim.pay']).toBe(claims.filter((c) => c.status === 'paid').length);
    expect(n['claim.recovery']).toBe(1);
  });
});
