import { parse } from 'csv-parse/sync';
import { eq } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import readXlsxFile from 'read-excel-file/node';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClaimStatus, LedgerKind } from '../fiscal/enums';
import { programClaims, programLedger, programs, servicingReports } from '../fiscal/schema';
import { disbursedLoan } from '../testing/loans';
import { API, createTestPlatform, ORDINARY_NEED, post, type SignedIn, type TestPlatform } from '../testing/platform';
import { CITY_INTEREST_SUBSIDY } from '../testing/programs';

/**
 * The bureau's fiscal view and payment list on a fixture worked out by hand. Programs are run and
 * loans disbursed (and so enrolled) through the API; the servicing reports, claims, ledger and the
 * programs' money they moved are written directly until the claims API lands.
 *
 * P1 city 贴息 (371500, 东昌府区 loans), budget 1,000,000.00: loans A (400,000 yuan, value 2025-01-02)
 *   and B (200,000, 2025-02-05); claims c1 submitted 120.00 (claimed 01-10), c2 reviewed 80.00 (02-10),
 *   c3 approved 300.00 (02-15, checked 02-20), c4 paid 500.00 (01-05, checked 01-08, paid 01-15),
 *   c5 rejected 50.00 (02-01). Committed 300.00, paid 500.00, remaining 999,200.00, leverage
 *   600,000 ÷ 500 = 1200.
 * P2 冠县 风险补偿 (371525), budget 50,000.00: loans C (300,000, 01-20) and D (100,000, 02-25);
 *   c6 paid 1,200.00 (claimed 02-05, checked 02-08, paid 02-10) of which 200.00 returned after a
 *   recovery on 03-01; c7 submitted 400.00 (03-05). Paid 1,000.00, leverage 400,000 ÷ 1,000 = 400.
 * P3 city 担保费补贴 for 东阿县's loans, budget 10,000.00, none yet; P4 a city draft (left out).
 */
let t: TestPlatform;
let city: SignedIn;
let guanxian: SignedIn;
let admin: SignedIn;
let officer: SignedIn;
let borrower: SignedIn;
const program: Record<'p1' | 'p2' | 'p3' | 'p4', string> = { p1: '', p2: '', p3: '', p4: '' };

const get = (who: SignedIn, path: string) => who.agent.get(`${API}${path}`);
const at = (day: string) => new Date(`${day}T10:00:00+08:00`);
const DONGCHANGFU = '371502';
const GUANXIAN = '371525';
const ACCOUNT = {
  accountName: '聊城市众创科技有限公司',
  bankName: '聊城农商银行东昌府支行',
  accountNo: '6228480012345678',
};

/** A program the bureau drafts and (unless `draft`) activates. */
async function runProgram(bureau: SignedIn, body: object, draft = false): Promise<string> {
  const { body: created } = await post(bureau, '/programs', body).expect(201);
  if (!draft) await post(bureau, `/programs/${created.id}/activate`).expect(200);
  return created.id;
}

/** What the claims below moved: the program's money as their approvals and payments left it. */
async function charge(programId: string, money: { committedFen: number; paidFen: number }) {
  await t.platform.db.update(programs).set(money).where(eq(programs.id, programId));
}

/** A loan of the county disbursed on its value date (so enrolled), with a servicing report to claim on. */
async function loan(county: string, principal: number, valueDate: string) {
  t.setNow(at(valueDate));
  const requestId = await disbursedLoan(
    t,
    borrower,
    officer,
    { ...ORDINARY_NEED, county, amount: principal },
    { disbursedAmount: principal, valueDate },
  );
  const [report] = await t.platform.db
    .insert(servicingReports)
    .values({
      requestId,
      periodStart: valueDate,
      periodEnd: '2025-03-01',
      outstandingPrincipal: principal,
      interestPaidFen: 100_000,
      status: 'normal',
      reportedBy: officer.user.id,
    })
    .returning({ id: servicingReports.id });
  return { requestId, reportId: report!.id };
}

interface ClaimFixture {
  status: ClaimStatus;
  amountFen: number;
  claimedOn: string;
  checkedOn?: string;
  paidOn?: string;
  returnedFen?: number;
  payee: { name: string; accountName: string | null; bankName: string | null; accountNo: string | null };
}

async function claim(programId: string, loan: { requestId: string; reportId: string }, c: ClaimFixture) {
  const reviewed = c.status !== 'submitted';
  const checked = c.checkedOn !== undefined;
  const [row] = await t.platform.db
    .insert(programClaims)
    .values({
      programId,
      ...loan,
      periodStart: '2025-01-01',
      periodEnd: '2025-02-01',
      amountFen: c.amountFen,
      returnedFen: c.returnedFen ?? 0,
      status: c.status,
      payee: c.payee,
      claimedBy: officer.user.id,
      claimedAt: at(c.claimedOn),
      reviewedBy: reviewed ? city.user.id : null,
      reviewedAt: reviewed ? at(c.claimedOn) : null,
      checkedBy: checked ? admin.user.id : null,
      checkedAt: checked ? at(c.checkedOn!) : null,
      paidOn: c.paidOn ?? null,
      voucherNo: c.paidOn ? `记-${c.paidOn}` : null,
      paidBy: c.paidOn ? city.user.id : null,
    })
    .returning({ id: programClaims.id });
  return row!.id;
}

async function ledger(programId: string, claimId: string, kind: LedgerKind, amountFen: number, on: string) {
  await t.platform.db.insert(programLedger).values({ programId, claimId, kind, amountFen, on, actorId: city.user.id });
}

beforeAll(async () => {
  t = await createTestPlatform();
  [city, guanxian, admin, officer, borrower] = await Promise.all([
    t.signIn('bureau.city'),
    t.signIn('bureau.guanxian'),
    t.signIn('admin'),
    t.signIn('officer.lcrcb'),
    t.signIn('ent.demo'),
  ]);
  const borrowerPayee = { name: '聊城市众创科技有限公司', ...ACCOUNT };
  const bankPayee = { name: '聊城农商银行', accountName: null, bankName: null, accountNo: null };

  program.p1 = await runProgram(city, { ...CITY_INTEREST_SUBSIDY, eligibility: { counties: [DONGCHANGFU] } });
  program.p2 = await runProgram(guanxian, {
    kind: 'risk_compensation',
    name: '冠县风险补偿资金池',
    region: GUANXIAN,
    budget: 50_000,
    startsOn: '2025-01-01',
    endsOn: '2025-12-31',
    params: { lossSharePct: 40 },
  });
  program.p3 = await runProgram(city, {
    kind: 'guarantee_fee_subsidy',
    name: '担保费补贴',
    region: '371500',
    budget: 10_000,
    startsOn: '2025-01-01',
    endsOn: '2025-12-31',
    eligibility: { counties: ['371524'] },
    params: { feeSharePct: 50 },
  });
  program.p4 = await runProgram(city, { ...CITY_INTEREST_SUBSIDY, name: '草稿项目' }, true);

  const a = await loan(DONGCHANGFU, 400_000, '2025-01-02');
  const c = await loan(GUANXIAN, 300_000, '2025-01-20');
  const b = await loan(DONGCHANGFU, 200_000, '2025-02-05');
  const d = await loan(GUANXIAN, 100_000, '2025-02-25');
  t.setNow(at('2025-03-12'));

  await claim(program.p1, a, { status: 'submitted', amountFen: 12_000, claimedOn: '2025-01-10', payee: borrowerPayee });
  await claim(program.p1, b, { status: 'reviewed', amountFen: 8_000, claimedOn: '2025-02-10', payee: borrowerPayee });
  const c3 = await claim(program.p1, b, {
    status: 'approved',
    amountFen: 30_000,
    claimedOn: '2025-02-15',
    checkedOn: '2025-02-20',
    payee: borrowerPayee,
  });
  const c4 = await claim(program.p1, a, {
    status: 'paid',
    amountFen: 50_000,
    claimedOn: '2025-01-05',
    checkedOn: '2025-01-08',
    paidOn: '2025-01-15',
    payee: borrowerPayee,
  });
  await claim(program.p1, a, {
    status: 'rejected',
    amountFen: 5_000,
    claimedOn: '2025-02-01',
    checkedOn: '2025-02-03',
    payee: borrowerPayee,
  });
  const c6 = await claim(program.p2, c, {
    status: 'paid',
    amountFen: 120_000,
    returnedFen: 20_000,
    claimedOn: '2025-02-05',
    checkedOn: '2025-02-08',
    paidOn: '2025-02-10',
    payee: bankPayee,
  });
  await claim(program.p2, d, { status: 'submitted', amountFen: 40_000, claimedOn: '2025-03-05', payee: bankPayee });

  await ledger(program.p1, c4, 'commit', 50_000, '2025-01-08');
  await ledger(program.p1, c4, 'pay', 50_000, '2025-01-15');
  await ledger(program.p1, c3, 'commit', 30_000, '2025-02-20');
  await ledger(program.p2, c6, 'commit', 120_000, '2025-02-08');
  await ledger(program.p2, c6, 'pay', 120_000, '2025-02-10');
  await ledger(program.p2, c6, 'recovery', -20_000, '2025-03-01');
  await charge(program.p1, { committedFen: 30_000, paidFen: 50_000 });
  await charge(program.p2, { committedFen: 0, paidFen: 100_000 });
});
afterAll(async () => {
  await t?.close();
});

const tallies = (counts: Partial<Record<ClaimStatus, [number, number]>>) =>
  Object.fromEntries(
    (['submitted', 'reviewed', 'approved', 'paid', 'rejected'] as const).map((s) => [
      s,
      { count: counts[s]?.[0] ?? 0, amountFen: counts[s]?.[1] ?? 0 },
    ]),
  );

describe('the fiscal view (财金协同)', () => {
  it('gives the city bureau every running program, city first then by county, with its figures and the sums', async () => {
    const { body } = await get(city, '/supervision/fiscal').expect(200);
    expect(body.region).toBe('371500');
    expect(body.items.map((i: { program: { id: string } }) => i.program.id)).toEqual([
      program.p3,
      program.p1,
      program.p2,
    ]);
    expect(body.items[1]).toMatchObject({
      program: { kind: 'interest_subsidy', region: '371500', status: 'active' },
      loansCovered: 2,
      coveredAmount: 600_000,
      claims: tallies({
        submitted: [1, 12_000],
        reviewed: [1, 8_000],
        approved: [1, 30_000],
        paid: [1, 50_000],
        rejected: [1, 5_000],
      }),
      budgetFen: 100_000_000,
      committedFen: 30_000,
      paidFen: 50_000,
      paidInPeriodFen: 50_000,
      remainingFen: 99_920_000,
      leverage: 1200,
    });
    expect(body.items[2]).toMatchObject({
      program: { kind: 'risk_compensation', region: '371525' },
      loansCovered: 2,
      coveredAmount: 400_000,
      claims: tallies({ paid: [1, 120_000], submitted: [1, 40_000] }),
      committedFen: 0,
      paidFen: 100_000,
      // The payment less the recovery returned to the pool.
      paidInPeriodFen: 100_000,
      remainingFen: 4_900_000,
      leverage: 400,
    });
    expect(body.items[0]).toMatchObject({ loansCovered: 0, coveredAmount: 0, remainingFen: 1_000_000, leverage: null });
    expect(body.total).toEqual({
      loansCovered: 4,
      coveredAmount: 1_000_000,
      claims: tallies({
        submitted: [2, 52_000],
        reviewed: [1, 8_000],
        approved: [1, 30_000],
        paid: [2, 170_000],
        rejected: [1, 5_000],
      }),
      budgetFen: 106_000_000,
      committedFen: 30_000,
      paidFen: 150_000,
      paidInPeriodFen: 150_000,
      remainingFen: 105_820_000,
      // From the sums: 1,000,000 yuan lent ÷ 1,500 yuan paid.
      leverage: 666.67,
    });
  });

  it("counts only the period's loans, claims and payments; the budget's standing stays today's", async () => {
    const { body } = await get(city, '/supervision/fiscal?from=2025-02-01&to=2025-02-28').expect(200);
    const [p3, p1, p2] = body.items;
    expect(p1).toMatchObject({
      loansCovered: 1,
      coveredAmount: 200_000,
      claims: tallies({ reviewed: [1, 8_000], approved: [1, 30_000], rejected: [1, 5_000] }),
      committedFen: 30_000,
      paidFen: 50_000,
      paidInPeriodFen: 0,
      remainingFen: 99_920_000,
      leverage: 400,
    });
    expect(p2).toMatchObject({
      loansCovered: 1,
      coveredAmount: 100_000,
      claims: tallies({ paid: [1, 120_000] }),
      paidFen: 100_000,
      // Paid on 10 Feb; the recovery on 1 Mar falls outside.
      paidInPeriodFen: 120_000,
    });
    expect(p3.loansCovered).toBe(0);
    // A claim made on the last day of the period counts (Shanghai days).
    const lastDay = await get(city, '/supervision/fiscal?from=2025-03-05&to=2025-03-05').expect(200);
    expect(lastDay.body.total.claims.submitted).toEqual({ count: 1, amountFen: 40_000 });
  });

  it("shows a county bureau its own county's programs only, and lets the city narrow to a funder", async () => {
    const own = await get(guanxian, '/supervision/fiscal').expect(200);
    expect(own.body).toMatchObject({ region: '371525', regionName: '冠县' });
    expect(own.body.items.map((i: { program: { id: string } }) => i.program.id)).toEqual([program.p2]);
    expect(own.body.total).toMatchObject({ loansCovered: 2, paidFen: 100_000, leverage: 400 });

    const narrowed = await get(city, '/supervision/fiscal?region=371525').expect(200);
    expect(narrowed.body.items).toEqual(own.body.items);
    const cityFunded = await get(admin, '/supervision/fiscal?region=371500').expect(200);
    expect(cityFunded.body.items.map((i: { program: { id: string } }) => i.program.id)).toEqual([
      program.p3,
      program.p1,
    ]);
  });

  it('refuses another region to a county bureau, and everyone else outside the bureau', async () => {
    for (const path of ['/supervision/fiscal?region=371502', '/supervision/fiscal/export?format=csv&region=371500']) {
      const refused = await get(guanxian, path).expect(403);
      expect(refused.body.error).toMatchObject({ code: 'FORBIDDEN', details: [{ path: 'region' }] });
    }
    await get(officer, '/supervision/fiscal').expect(403);
    await get(borrower, '/supervision/fiscal/export?format=csv').expect(403);
    await supertest(t.platform.app).get(`${API}/supervision/fiscal`).expect(401);
  });

  it('answers bad input with a 400 naming the field', async () => {
    const cases: [string, string][] = [
      ['/supervision/fiscal?from=2025-03-01&to=2025-02-01', 'from'],
      ['/supervision/fiscal?from=2025-02-30', 'from'],
      ['/supervision/fiscal?region=999999', 'region'],
      ['/supervision/fiscal/export?format=pdf', 'format'],
      ['/supervision/fiscal/export', 'format'],
    ];
    for (const [path, field] of cases) {
      const res = await get(city, path).expect(400);
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
    }
  });
});

const HEADER = [
  '出资区域',
  '政策项目',
  '项目类型',
  '收款人',
  '账户名称',
  '开户银行',
  '银行账号',
  '金额（元）',
  '补贴期间起',
  '补贴期间止',
  '状态',
  '拨付日期',
  '凭证号',
  '申请编号',
];

describe('the payment list (财政资金拨付清单)', () => {
  it('lists as CSV the claims approved and awaiting payment or paid, with payee, account, yuan and voucher', async () => {
    const res = await get(city, '/supervision/fiscal/export?format=csv').buffer(true).expect(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain('fiscal-payments-city-all.csv');
    const text = res.text;
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const [header, ...rows] = parse(text.slice(1)) as string[][];
    expect(header).toEqual(HEADER);
    expect(rows.map((r) => r.slice(0, 13))).toEqual([
      [
        '聊城市',
        '创业担保贷款贴息',
        '贴息',
        '聊城市众创科技有限公司',
        ACCOUNT.accountName,
        ACCOUNT.bankName,
        ACCOUNT.accountNo,
        '300.00',
        '2025-01-01',
        '2025-02-01',
        '待拨付',
        '',
        '',
      ],
      [
        '聊城市',
        '创业担保贷款贴息',
        '贴息',
        '聊城市众创科技有限公司',
        ACCOUNT.accountName,
        ACCOUNT.bankName,
        ACCOUNT.accountNo,
        '500.00',
        '2025-01-01',
        '2025-02-01',
        '已拨付',
        '2025-01-15',
        '记-2025-01-15',
      ],
      [
        '冠县',
        '冠县风险补偿资金池',
        '风险补偿',
        '聊城农商银行',
        '',
        '',
        '',
        '1200.00',
        '2025-01-01',
        '2025-02-01',
        '已拨付',
        '2025-02-10',
        '记-2025-02-10',
      ],
    ]);
  });

  it('writes XLSX with amounts as numbers in yuan to the fen and days as dates, for the period and scope asked', async () => {
    const res = await get(city, '/supervision/fiscal/export?format=xlsx&from=2025-02-01&to=2025-02-28')
      .buffer(true)
      .parse((stream, done) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const bytes = res.body as Buffer;
    const [sheet] = await readXlsxFile(bytes);
    expect(sheet!.sheet).toBe('财政资金拨付清单 聊城市');
    const [header, ...rows] = sheet!.data;
    expect(header).toEqual(HEADER);
    // Approved on 20 Feb (awaiting payment) and paid on 10 Feb; the one paid on 15 Jan falls outside.
    expect(rows.map((r) => [r[1], r[7], r[10], r[11]])).toEqual([
      ['创业担保贷款贴息', 300, '待拨付', null],
      ['冠县风险补偿资金池', 1200, '已拨付', new Date('2025-02-10T00:00:00Z')],
    ]);
    expect(rows[0]![8]).toEqual(new Date('2025-01-01T00:00:00Z'));
    // Shown as yuan with two decimals and as days, as a spreadsheet reads the number formats.
    const styles = strFromU8(unzipSync(new Uint8Array(bytes))['xl/styles.xml']!);
    expect(styles).toContain('formatCode="#,##0.00"');
    expect(styles).toContain('formatCode="yyyy-mm-dd"');

    const county = await get(guanxian, '/supervision/fiscal/export?format=csv').buffer(true).expect(200);
    const countyRows = (parse(county.text.slice(1)) as string[][]).slice(1);
    expect(countyRows.map((r) => [r[1], r[7]])).toEqual([['冠县风险补偿资金池', '1200.00']]);
  });
});
