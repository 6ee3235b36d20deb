import { eq } from 'drizzle-orm';
import { CITY_INTEREST_SUBSIDY } from '../testing/programs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { products } from '../catalog/schema';
import { disbursedLoan } from '../testing/loans';
import {
  API,
  createTestPlatform,
  ORDINARY_NEED,
  post,
  send,
  type SignedIn,
  type TestPlatform,
} from '../testing/platform';
import { programEnrollments, programs } from './schema';

/** Fiscal programs through the API: drafting, the funding region's control, activation, enrolment, the catalog's marks. */

let t: TestPlatform;
let city: SignedIn;
let guanxian: SignedIn;
let ent: SignedIn;
let lcrcb: SignedIn;
let kuaidaiId: string;
beforeAll(async () => {
  t = await createTestPlatform();
  [city, guanxian, ent, lcrcb] = await Promise.all([
    t.signIn('bureau.city'),
    t.signIn('bureau.guanxian'),
    t.signIn('ent.demo'),
    t.signIn('officer.lcrcb'),
  ]);
  const [kuaidai] = await t.platform.db.select().from(products).where(eq(products.name, '水城快贷'));
  kuaidaiId = kuaidai!.id;
});
afterAll(async () => {
  await t?.close();
});

const GUANXIAN = '371525';
const DONGCHANGFU = '371502';

/** A city-wide 贴息 of one percentage point for enterprises' credit loans up to 100 万. */
const subsidy = {
  ...CITY_INTEREST_SUBSIDY,
  policyRef: '聊财金〔2025〕12号',
  eligibility: { customerTypes: ['enterprise'], productKinds: ['credit'], maxAmount: 1_000_000 },
  params: { subsidyRatePct: 1, perBorrowerCapPerYear: 50_000 },
};

async function activeProgram(who: SignedIn, body: object): Promise<string> {
  const created = await post(who, '/programs', body).expect(201);
  await post(who, `/programs/${created.body.id}/activate`).expect(200);
  return created.body.id as string;
}

/** The fields a refusal names, each with its message's first words (zh-CN). */
const fieldsOf = (res: { body: { error: { details?: { path: string; message: string }[] } } }) =>
  (res.body.error.details ?? []).map((d) => `${d.path}:${d.message}`);

describe('drafting a program', () => {
  it('a bureau drafts a program of its region; the public sees it only once active', async () => {
    const created = await post(city, '/programs', { ...subsidy, name: '草稿贴息' }).expect(201);
    expect(created.body).toMatchObject({
      status: 'draft',
      regionName: '聊城市',
      params: { subsidyRatePct: 1, perBorrowerCapPerYear: 50_000 },
      budget: { budget: 1_000_000, committedFen: 0, paidFen: 0, remainingFen: 100_000_000 },
    });
    const publicIds = async () =>
      (await t.api.get(`${API}/programs?pageSize=100`).expect(200)).body.items.map((p: { id: string }) => p.id);
    expect(await publicIds()).not.toContain(created.body.id);
    await t.api.get(`${API}/programs/${created.body.id}`).expect(404);
    const own = await city.agent.get(`${API}/programs?status=draft`).expect(200);
    expect(own.body.items.map((p: { id: string }) => p.id)).toContain(created.body.id);
    // A county bureau does not see the city's drafts.
    await guanxian.agent.get(`${API}/programs/${created.body.id}`).expect(404);

    await post(city, `/programs/${created.body.id}/activate`).expect(200);
    expect(await publicIds()).toContain(created.body.id);
    const [stored] = await t.platform.db.select().from(programs).where(eq(programs.id, created.body.id));
    expect(stored!.status).toBe('active');
  });

  it('refuses parameters its kind does not take or lacks, naming each field', async () => {
    const missing = await post(city, '/programs', { ...subsidy, params: {} }).expect(400);
    expect(fieldsOf(missing)).toContain('params.subsidyRatePct:该类政策项目须填写此参数');
    const foreign = await post(city, '/programs', {
      ...subsidy,
      params: { subsidyRatePct: 1, lossSharePct: 40 },
    }).expect(400);
    expect(fieldsOf(foreign)).toContain('params.lossSharePct:此参数不适用于该类政策项目');
    const fee = await post(city, '/programs', {
      ...subsidy,
      kind: 'guarantee_fee_subsidy',
      params: { feeFloorPct: 1 },
    }).expect(400);
    expect(fieldsOf(fee)).toContain('params.feeCapPct:担保费补贴须设定补贴比例或补贴上限');
    const period = await post(city, '/programs', { ...subsidy, startsOn: '2025-12-31', endsOn: '2025-01-01' }).expect(
      400,
    );
    expect(fieldsOf(period)).toContain('endsOn:开始日期不能晚于结束日期');
    const money = await post(city, '/programs', { ...subsidy, budget: -5 }).expect(400);
    expect(money.body.error.details[0].path).toBe('budget');
    const unknown = await post(city, '/programs', {
      ...subsidy,
      eligibility: { productIds: ['00000000-0000-4000-8000-000000000000'] },
    }).expect(400);
    expect(fieldsOf(unknown)).toContain('eligibility.productIds:指定的产品不存在');
  });

  it("only the funding region's bureau runs a program", async () => {
    const cityWide = await post(guanxian, '/programs', subsidy).expect(403);
    expect(fieldsOf(cityWide)).toEqual(['region:只能管理本级财政部门出资的政策项目']);
    await post(lcrcb, '/programs', subsidy).expect(403);
    const county = await post(guanxian, '/programs', {
      ...subsidy,
      kind: 'risk_compensation',
      name: '冠县风险补偿资金池',
      region: GUANXIAN,
      eligibility: { counties: [DONGCHANGFU] },
      params: { lossSharePct: 40, capPerLoan: 500_000 },
    }).expect(400);
    expect(fieldsOf(county)).toEqual(['eligibility.counties:县级政策项目只能覆盖本县']);
    const pool = await post(guanxian, '/programs', {
      ...subsidy,
      kind: 'risk_compensation',
      name: '冠县风险补偿资金池',
      region: GUANXIAN,
      eligibility: {},
      params: { lossSharePct: 40, capPerLoan: 500_000 },
    }).expect(201);
    await post(city, `/programs/${pool.body.id}/activate`).expect(403);
    await send(city, 'patch', `/programs/${pool.body.id}`, { name: '改名' }).expect(403);
    await post(guanxian, `/programs/${pool.body.id}/activate`).expect(200);
    // Nothing the refusals touched changed.
    const [row] = await t.platform.db.select().from(programs).where(eq(programs.id, pool.body.id));
    expect(row!.name).toBe('冠县风险补偿资金池');
  });

  it('a draft changes freely; an active program only its name, end and budget; a closed one nothing', async () => {
    const id = (await post(city, '/programs', { ...subsidy, name: '可改草稿' }).expect(201)).body.id;
    const changed = await send(city, 'patch', `/programs/${id}`, { params: { subsidyRatePct: 1.5 } }).expect(200);
    expect(changed.body.params).toEqual({ subsidyRatePct: 1.5 });
    await post(city, `/programs/${id}/activate`).expect(200);
    const frozen = await send(city, 'patch', `/programs/${id}`, { params: { subsidyRatePct: 2 } }).expect(422);
    expect(fieldsOf(frozen)).toEqual(['params:只有草稿状态的政策项目可以修改此项']);
    await send(city, 'patch', `/programs/${id}`, { budget: 2_000_000, endsOn: '2026-06-30' }).expect(200);
    await post(city, `/programs/${id}/activate`).expect(422);
    await post(city, `/programs/${id}/close`).expect(200);
    await send(city, 'patch', `/programs/${id}`, { name: '已结束' }).expect(422);
    await post(city, `/programs/${id}/close`).expect(422);
  });

  it('a program that has already ended cannot go live', async () => {
    const id = (await post(city, '/programs', { ...subsidy, startsOn: '2024-01-01', endsOn: '2024-12-31' }).expect(201))
      .body.id;
    const late = await post(city, `/programs/${id}/activate`).expect(422);
    expect(fieldsOf(late)).toEqual(['endsOn:结束日期已过，不能启用']);
  });
});

describe('what a loan would get', () => {
  it('previews an interest subsidy: principal × rate × days ÷ 360, never above the interest', async () => {
    const id = await activeProgram(city, { ...subsidy, name: '试算贴息' });
    const quarter = await t.api
      .get(`${API}/programs/${id}/preview?principal=500000&annualRate=4.35&from=2025-01-01&to=2025-04-01`)
      .expect(200);
    // 500,000 × 1 % × 90 / 360 = 1,250.00 yuan; the interest at 4.35 % is 5,437.50.
    expect(quarter.body).toEqual({ subsidyFen: 125_000, interestFen: 543_750, days: 90 });
    const cheap = await t.api
      .get(`${API}/programs/${id}/preview?principal=500000&annualRate=0.5&from=2025-01-01&to=2025-04-01`)
      .expect(200);
    expect(cheap.body.subsidyFen).toBe(cheap.body.interestFen);
    await t.api
      .get(`${API}/programs/${id}/preview?principal=500000&annualRate=4&from=2025-04-01&to=2025-01-01`)
      .expect(400);
  });
});

describe('enrolment', () => {
  it('a loan disbursed under an active program enrols; one outside its rules does not', async () => {
    const id = await activeProgram(city, { ...subsidy, name: '入库贴息', eligibility: { maxAmount: 400_000 } });
    const inside = await disbursedLoan(t, ent, lcrcb, undefined, { disbursedAmount: 300_000 });
    const outside = await disbursedLoan(
      t,
      ent,
      lcrcb,
      { ...ORDINARY_NEED, amount: 500_000 },
      { disbursedAmount: 450_000 },
    );
    const programsOf = async (requestId: string) =>
      (await ent.agent.get(`${API}/loan-requests/${requestId}/programs`).expect(200)).body.items as {
        program: { id: string };
        status: string;
        principal: number | null;
      }[];
    expect((await programsOf(inside)).find((p) => p.program.id === id)).toMatchObject({
      status: 'enrolled',
      principal: 300_000,
    });
    expect((await programsOf(outside)).map((p) => p.program.id)).not.toContain(id);
  });

  it('before disbursement the request lists the programs it would qualify for', async () => {
    const id = await activeProgram(city, {
      ...subsidy,
      name: '意向贴息',
      eligibility: { customerTypes: ['enterprise'] },
    });
    const open = await t.openRequest(ent);
    const items = (await ent.agent.get(`${API}/loan-requests/${open}/programs`).expect(200)).body.items;
    expect(items.find((p: { program: { id: string } }) => p.program.id === id)).toMatchObject({ status: 'eligible' });
    // Another applicant cannot look at it.
    await (await t.signIn('ind.demo')).agent.get(`${API}/loan-requests/${open}/programs`).expect(404);
  });

  it('activation enrols the loans already disbursed in its period; a county program only its county', async () => {
    const earlier = await disbursedLoan(t, ent, lcrcb);
    const cityWide = await activeProgram(city, { ...subsidy, name: '后启用贴息', eligibility: {} });
    const county = await activeProgram(guanxian, {
      ...subsidy,
      name: '冠县贴息',
      region: GUANXIAN,
      eligibility: {},
    });
    const enrolled = await t.platform.db
      .select()
      .from(programEnrollments)
      .where(eq(programEnrollments.requestId, earlier));
    expect(enrolled.map((e) => e.programId)).toContain(cityWide);
    expect(enrolled.map((e) => e.programId)).not.toContain(county);
  });

  it('首贷 programs take a borrower’s first loan only', async () => {
    const first = await activeProgram(city, { ...subsidy, name: '首贷贴息', eligibility: { firstLoanOnly: true } });
    // ent.demo has borrowed in the tests above: this loan is not its first.
    const again = await disbursedLoan(t, ent, lcrcb);
    const items = (await ent.agent.get(`${API}/loan-requests/${again}/programs`).expect(200)).body.items;
    expect(items.map((p: { program: { id: string } }) => p.program.id)).not.toContain(first);
  });
});

describe("the catalog's marks", () => {
  it('marks the products an active program covers and filters by the kind of program', async () => {
    const id = await activeProgram(city, {
      ...subsidy,
      kind: 'risk_compensation',
      name: '快贷风险补偿',
      eligibility: { productIds: [kuaidaiId] },
      params: { lossSharePct: 40 },
    });
    type Listed = { id: string; programs: { id: string; name: string; kind: string }[] };
    const all = (await t.api.get(`${API}/products?pageSize=100`).expect(200)).body.items as Listed[];
    const covered = (await t.api.get(`${API}/products?programKind=risk_compensation&pageSize=100`).expect(200)).body
      .items as Listed[];
    const kuaidai = covered.find((p) => p.id === kuaidaiId);
    expect(kuaidai?.programs).toContainEqual({ id, name: '快贷风险补偿', kind: 'risk_compensation' });
    expect(covered.every((p) => p.programs.some((m) => m.kind === 'risk_compensation'))).toBe(true);
    expect(all.filter((p) => p.programs.some((m) => m.kind === 'risk_compensation')).map((p) => p.id)).toEqual(
      covered.map((p) => p.id),
    );
    expect(covered.length).toBeLessThan(all.length);
    const detail = await t.api.get(`${API}/products/${kuaidaiId}`).expect(200);
    expect(detail.body.programs.map((p: { id: string }) => p.id)).toContain(id);
    await t.api.get(`${API}/products?programKind=lottery`).expect(400);
  });
});
