import { parse } from 'csv-parse/sync';
import { eq } from 'drizzle-orm';
import readXlsxFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { products } from '../catalog/schema';
import { API, createTestPlatform, post, type SignedIn, type TestPlatform } from '../testing/platform';

/** What a bank's staff work with: the pool's rows, their lists' filters and exports, the stage forms' checks. */

let t: TestPlatform;
let ent: SignedIn;
let lcrcb: SignedIn;
let qilu: SignedIn;
let inst: SignedIn;
let kuaidaiId: string;
beforeAll(async () => {
  t = await createTestPlatform();
  [ent, lcrcb, qilu, inst] = await Promise.all([
    t.signIn('ent.demo'),
    t.signIn('officer.lcrcb'),
    t.signIn('officer.qilu'),
    t.signIn('inst.lcrcb'),
  ]);
  const [kuaidai] = await t.platform.db.select().from(products).where(eq(products.name, '水城快贷'));
  kuaidaiId = kuaidai!.id;
});
afterAll(async () => {
  await t?.close();
});

const need = {
  amount: 500_000,
  termMonths: 12,
  purpose: '购买数控机床，扩大产能',
  collateral: 'credit',
  county: '371502',
  industry: 'C',
};
const GUANXIAN = '371525';

async function claimed(who: SignedIn, body: object = need): Promise<string> {
  const id = await t.openRequest(ent, body);
  await post(who, `/loan-requests/${id}/claim`).expect(200);
  return id;
}

const list = async (who: SignedIn, query: string) =>
  (await who.agent.get(`${API}/loan-requests?${query}`).expect(200)).body as { items: { id: string }[]; total: number };

describe('the grab pool', () => {
  it('shows the purpose with its digits and e-mail masked and cut short, and the chosen product', async () => {
    const purpose = `扩建厂房，请联系13806351234或身份证37150219800101123X，邮箱 boss@example.com，${'另需采购原材料'.repeat(10)}`;
    const directed = await t.openRequest(ent, { ...need, purpose, productId: kuaidaiId });
    const { body } = await lcrcb.agent.get(`${API}/pool`).expect(200);
    const row = body.items.find((r: { id: string }) => r.id === directed);
    expect(row.product).toMatchObject({ id: kuaidaiId, name: '水城快贷', institutionName: '聊城农商银行' });
    expect(row.purpose.startsWith('扩建厂房，请联系****或身份证****，邮箱 ****，另需采购原材料')).toBe(true);
    expect(row.purpose).not.toMatch(/13806351234|1980|boss@/);
    expect([...row.purpose]).toHaveLength(61);
    expect(row.purpose.endsWith('…')).toBe(true);
    // The applicant, and the institution once it claimed, read it as written.
    const own = await ent.agent.get(`${API}/loan-requests/${directed}`).expect(200);
    expect(own.body.purpose).toBe(purpose);
  });
});

describe('my orders and the pipeline', () => {
  let machine: string;
  let guanxian: string;
  let qiluOwn: string;
  beforeAll(async () => {
    machine = await claimed(lcrcb, { ...need, purpose: '采购注塑机一台' });
    guanxian = await claimed(lcrcb, { ...need, county: GUANXIAN, purpose: '冠县分厂添置生产线' });
    qiluOwn = await claimed(qilu, { ...need, purpose: '采购注塑机两台' });
    await post(lcrcb, `/loan-requests/${guanxian}/transition`, { to: 'contacted', visitDate: t.today() }).expect(200);
  });

  it('finds by words in the purpose, applicant or product, by county, status and period, within the caller’s scope', async () => {
    expect((await list(lcrcb, `q=${encodeURIComponent('注塑机')}`)).items.map((r) => r.id)).toEqual([machine]);
    expect((await list(qilu, `q=${encodeURIComponent('注塑机')}`)).items.map((r) => r.id)).toEqual([qiluOwn]);
    expect((await list(lcrcb, `q=${encodeURIComponent('鲁西机械')}`)).items.map((r) => r.id)).toContain(machine);
    expect((await list(lcrcb, `county=${GUANXIAN}`)).items.map((r) => r.id)).toEqual([guanxian]);
    expect((await list(lcrcb, 'status=contacted')).items.map((r) => r.id)).toEqual([guanxian]);
    expect((await list(inst, `county=${GUANXIAN}&status=contacted`)).items.map((r) => r.id)).toEqual([guanxian]);
    expect((await list(inst, `q=${encodeURIComponent('注塑机')}`)).items.map((r) => r.id)).toEqual([machine]);
    // Submitted today (the database's clock): a period of the past finds none of them.
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    expect((await list(lcrcb, `from=${today}&to=${today}`)).total).toBeGreaterThanOrEqual(2);
    expect((await list(lcrcb, 'from=2024-01-01&to=2024-12-31')).total).toBe(0);
  });

  it('refuses a period that ends before it starts, naming `from`', async () => {
    const res = await lcrcb.agent.get(`${API}/loan-requests?from=2025-03-02&to=2025-03-01`).expect(400);
    expect(res.body.error.details).toEqual([{ path: 'from', message: expect.any(String) }]);
    const bad = await lcrcb.agent.get(`${API}/loan-requests?county=abc`).expect(400);
    expect(bad.body.error.details[0].path).toBe('county');
  });

  it('exports the officer’s own orders, filtered, as CSV with a BOM', async () => {
    const res = await lcrcb.agent
      .get(`${API}/loan-requests/export?format=csv&q=${encodeURIComponent('注塑机')}`)
      .set('accept-language', 'zh-CN')
      .expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toBe('attachment; filename=loan-requests-all.csv');
    const text = String(res.text ?? res.body);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const [header, ...rows] = parse(text.slice(1)) as string[][];
    expect(header).toContain('用途');
    expect(rows.map((r) => r[0])).toEqual([machine]);
    expect(rows[0]).toContain('采购注塑机一台');
    expect(rows[0]).toContain('东昌府区');
    expect(rows[0]).toContain('已抢单');
    // No phone number leaves the platform in a file.
    expect(text).not.toContain('13806351234');
  });

  it('exports the institution’s pipeline as XLSX in the reader’s language, never another institution’s', async () => {
    const res = await inst.agent
      .get(`${API}/loan-requests/export?format=xlsx&county=${GUANXIAN}`)
      .set('accept-language', 'en')
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toMatch(/spreadsheetml/);
    const [sheet] = await readXlsxFile(res.body as Buffer);
    const [header, ...rows] = sheet!.data;
    expect(header).toContain('Purpose');
    expect(rows.map((r) => r[0])).toEqual([guanxian]);
    expect(rows[0]).toContain('Contacted');
    expect(rows[0]).toContain('Guanxian');
    const all = await inst.agent.get(`${API}/loan-requests/export?format=csv`).expect(200);
    expect(String(all.text)).not.toContain(qiluOwn);
  });

  it('lets only bank staff export', async () => {
    await ent.agent.get(`${API}/loan-requests/export?format=csv`).expect(403);
    const res = await lcrcb.agent.get(`${API}/loan-requests/export?format=pdf`).expect(400);
    expect(res.body.error.details[0].path).toBe('format');
  });
});

describe('what the stage forms record', () => {
  it('requires the visit date of contact and investigation, neither in the future nor before the claim', async () => {
    const id = await claimed(lcrcb);
    const today = t.today();
    const none = await post(lcrcb, `/loan-requests/${id}/transition`, { to: 'contacted', note: '已上门' })
      .set('accept-language', 'zh-CN')
      .expect(400);
    expect(none.body.error.details).toEqual([{ path: 'visitDate', message: '此步骤必须填写' }]);
    const future = await post(lcrcb, `/loan-requests/${id}/transition`, { to: 'contacted', visitDate: '2099-01-01' })
      .set('accept-language', 'zh-CN')
      .expect(400);
    expect(future.body.error.details).toEqual([{ path: 'visitDate', message: '走访日期不能晚于今天' }]);
    const early = await post(lcrcb, `/loan-requests/${id}/transition`, { to: 'contacted', visitDate: '2025-03-11' })
      .set('accept-language', 'en')
      .expect(400);
    expect(early.body.error.details).toEqual([
      { path: 'visitDate', message: `The visit date cannot be before the request was claimed (${today})` },
    ]);
    const notADate = await post(lcrcb, `/loan-requests/${id}/transition`, { to: 'contacted', visitDate: '3月12日' });
    expect(notADate.status).toBe(400);
    expect(notADate.body.error.details[0].path).toBe('visitDate');

    await post(lcrcb, `/loan-requests/${id}/transition`, { to: 'contacted', visitDate: today }).expect(200);
    const noVisit = await post(lcrcb, `/loan-requests/${id}/transition`, { to: 'investigated' }).expect(400);
    expect(noVisit.body.error.details).toEqual([{ path: 'visitDate', message: expect.any(String) }]);
    await post(lcrcb, `/loan-requests/${id}/transition`, { to: 'investigated', visitDate: today }).expect(200);
    const timeline = await lcrcb.agent.get(`${API}/loan-requests/${id}/timeline`).expect(200);
    const visits = timeline.body.items.filter((e: { data: { visitDate?: string } | null }) => e.data?.visitDate);
    expect(visits.map((e: { to: string; data: { visitDate: string } }) => [e.to, e.data.visitDate])).toEqual([
      ['contacted', today],
      ['investigated', today],
    ]);
  });

  it('checks the approved rate against the chosen product’s range, naming annualRate and the range', async () => {
    const id = await claimed(lcrcb, { ...need, productId: kuaidaiId });
    await post(lcrcb, `/loan-requests/${id}/transition`, { to: 'contacted', visitDate: t.today() }).expect(200);
    await post(lcrcb, `/loan-requests/${id}/transition`, { to: 'investigated', visitDate: t.today() }).expect(200);
    const terms = { to: 'approved', approvedAmount: 400_000, termMonths: 12 };
    for (const annualRate of [3.5, 7]) {
      const res = await post(lcrcb, `/loan-requests/${id}/transition`, { ...terms, annualRate })
        .set('accept-language', 'zh-CN')
        .expect(400);
      expect(res.body.error.details).toEqual([
        { path: 'annualRate', message: '年利率须在所选产品的利率范围内（3.85%–6.50%）' },
      ]);
    }
    const ok = await post(lcrcb, `/loan-requests/${id}/transition`, { ...terms, annualRate: 6.5 }).expect(200);
    expect(ok.body.approval).toEqual({ amount: 400_000, annualRate: 6.5, termMonths: 12 });
  });

  it('takes any rate for a request that chose no product', async () => {
    const id = await claimed(lcrcb);
    await post(lcrcb, `/loan-requests/${id}/transition`, { to: 'contacted', visitDate: t.today() }).expect(200);
    await post(lcrcb, `/loan-requests/${id}/transition`, { to: 'investigated', visitDate: t.today() }).expect(200);
    await post(lcrcb, `/loan-requests/${id}/transition`, {
      to: 'approved',
      approvedAmount: 400_000,
      annualRate: 12,
      termMonths: 12,
    }).expect(200);
  });
});
