import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { institutions } from '../institutions/schema';
import { API, createTestPlatform, send, type SignedIn, type TestPlatform } from '../testing/platform';
import { DEMO_PRODUCTS } from './demo-products';
import { fits, type Need, type ProductTerms } from './rules';
import { products } from './schema';

let t: TestPlatform;
let lcrcb: SignedIn;
let qiluAdmin: SignedIn;
let lcrcbId: string;
beforeAll(async () => {
  t = await createTestPlatform();
  lcrcb = await t.signIn('inst.lcrcb');
  lcrcbId = lcrcb.user.institutionId!;
  // A second institution admin, of 齐鲁银行, to prove tenants are kept apart.
  const [qilu] = await t.platform.db.select().from(institutions).where(eq(institutions.name, '齐鲁银行聊城分行'));
  const admin = await t.signIn('admin');
  await admin.agent
    .post(`${API}/accounts`)
    .set('x-csrf-token', admin.csrf)
    .send({
      username: 'inst.qilu',
      password: 'Qilu2026ok',
      role: 'institution_admin',
      displayName: '齐鲁银行管理员',
      institutionId: qilu!.id,
    })
    .expect(201);
  qiluAdmin = await t.signIn('inst.qilu', 'Qilu2026ok');
});
afterAll(async () => {
  await t?.close();
});

const complete = {
  name: '鲁西科技贷',
  kind: 'credit',
  minAmount: 200_000,
  maxAmount: 3_000_000,
  minTermMonths: 12,
  maxTermMonths: 36,
  minRate: 3.9,
  maxRate: 5.8,
  customerTypes: ['enterprise'],
  allCounties: false,
  counties: ['371502', '371525'],
  allIndustries: false,
  industries: ['C', 'I'],
  requiredMaterials: ['营业执照', '专利证书'],
  description: '面向科技型中小企业的信用贷款。',
};

async function catalog(query: string) {
  const res = await t.api.get(`${API}/products?pageSize=100&${query}`).expect(200);
  return res.body as { items: Array<Record<string, unknown> & { id: string; name: string }>; total: number };
}

describe('public catalog', () => {
  it('lists the demo products to anyone, signed in or not', async () => {
    const { total, items } = await catalog('');
    expect(total).toBe(DEMO_PRODUCTS.length);
    expect(items[0]).toMatchObject({ status: 'listed', institution: { name: expect.any(String) } });
  });

  it('finds 水城快贷 by typing 快贷, and takes wildcards literally', async () => {
    const names = (await catalog(`q=${encodeURIComponent('快贷')}`)).items.map((p) => p.name);
    expect(names).toContain('水城快贷');
    expect((await catalog(`q=${encodeURIComponent('%')}`)).total).toBe(0);
    // Institution names are searched too.
    expect((await catalog(`q=${encodeURIComponent('齐鲁')}`)).items.map((p) => p.name)).toEqual(
      expect.arrayContaining(['齐鲁科创快贷', '仓单质押贷']),
    );
  });

  it('shows only products that fit a 500,000-yuan, 12-month enterprise loan in 冠县', async () => {
    const { items } = await catalog('amount=500000&termMonths=12&customerType=enterprise&county=371525');
    expect(items.map((p) => p.name).sort()).toEqual(['抵押快贷', '水城快贷', '莱e贷', '齐鲁科创快贷'].sort());
  });

  it('agrees with the pure eligibility rules for every combination tried', async () => {
    const rows = await t.platform.db.select().from(products);
    const needs: Need[] = [
      { amount: 50_000 },
      { amount: 2_000_000, customerType: 'enterprise' },
      { termMonths: 120 },
      { county: '371502', industry: 'F' },
      { county: '371525', customerType: 'individual' },
      { customerType: 'farmer', industry: 'A', amount: 100_000, termMonths: 24 },
      { industry: 'J' },
    ];
    for (const need of needs) {
      const query = Object.entries(need)
        .map(([k, v]) => `${k}=${v}`)
        .join('&');
      const viaApi = (await catalog(query)).items.map((p) => p.id).sort();
      const viaRules = rows
        .filter((r) => fits(r as ProductTerms, need))
        .map((r) => r.id)
        .sort();
      expect(viaApi, query).toEqual(viaRules);
    }
  });

  it('sorts by rate, by amount and by popularity', async () => {
    const byRate = (await catalog('sort=rate')).items.map((p) => p.minRate as number);
    expect(byRate).toEqual([...byRate].sort((a, b) => a - b));
    const byAmount = (await catalog('sort=amount')).items.map((p) => p.maxAmount as number);
    expect(byAmount).toEqual([...byAmount].sort((a, b) => b - a));
    await t.platform.db.update(products).set({ requestCount: 99 }).where(eq(products.name, '惠农e贷'));
    t.platform.catalog.invalidate();
    expect((await catalog('sort=popular')).items[0]!.name).toBe('惠农e贷');
  });

  it('combines kind and institution filters and pages', async () => {
    const { items } = await catalog(`kind=credit&institutionId=${lcrcbId}`);
    expect(items.map((p) => p.name).sort()).toEqual(['幸福e贷', '水城快贷']);
    const page = await t.api.get(`${API}/products?page=2&pageSize=3`).expect(200);
    expect(page.body).toMatchObject({ page: 2, pageSize: 3, total: DEMO_PRODUCTS.length });
    expect(page.body.items).toHaveLength(3);
  });

  it('refuses bad filters with 400 naming them', async () => {
    const res = await t.api.get(`${API}/products?amount=-5&county=1234&sort=cheapest`).expect(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['amount', 'county', 'sort']);
  });

  it('filters by an amount written as plain digits only', async () => {
    for (const amount of ['1e5', '0x186a0', '100000.5', '+100000']) {
      const res = await t.api.get(`${API}/products`).query({ amount }).expect(400);
      expect(res.body.error.details, amount).toEqual([{ path: 'amount', message: '金额须为正整数（元），如 300000' }]);
    }
    const plain = await catalog('amount=100000');
    expect(plain.items.length).toBeGreaterThan(0);
  });

  it('shows a product with its institution and its rules in plain words', async () => {
    const [row] = await t.platform.db.select().from(products).where(eq(products.name, '创业担保贷款'));
    const zh = await t.api.get(`${API}/products/${row!.id}`).expect(200);
    expect(zh.body).toMatchObject({
      name: '创业担保贷款',
      kind: 'guarantee',
      minRate: 3.45,
      institution: { name: '冠县农商银行' },
    });
    expect(zh.body.eligibility).toContain('服务区域：冠县');
    const en = await t.api.get(`${API}/products/${row!.id}`).set('Accept-Language', 'en').expect(200);
    expect(en.body.eligibility).toContain('Where: Guanxian');
  });
});

describe('an institution admin manages its products', () => {
  let productId: string;

  it('creates a draft that the public cannot see', async () => {
    const res = await send(lcrcb, 'post', '/products', { name: '鲁西科技贷', kind: 'credit', minAmount: 200_000 });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'draft', institution: { id: lcrcbId } });
    productId = res.body.id;
    await t.api.get(`${API}/products/${productId}`).expect(404);
    await lcrcb.agent.get(`${API}/products/${productId}`).expect(200);
    expect((await catalog(`q=${encodeURIComponent('鲁西科技贷')}`)).total).toBe(0);
  });

  it('refuses to list an incomplete product, naming what is missing', async () => {
    const res = await send(lcrcb, 'post', `/products/${productId}/list`);
    expect(res.status).toBe(400);
    const paths = res.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(
      expect.arrayContaining(['maxAmount', 'minTermMonths', 'minRate', 'customerTypes', 'counties']),
    );
    expect(res.body.error.details[0].message).toBe('上架前必须填写');
  });

  it('completes and lists it; it appears in the public catalog', async () => {
    const { name: _name, kind: _kind, ...rest } = complete;
    await send(lcrcb, 'patch', `/products/${productId}`, rest).expect(200);
    const listed = await send(lcrcb, 'post', `/products/${productId}/list`);
    expect(listed.status).toBe(200);
    expect(listed.body).toMatchObject({ status: 'listed', listedAt: expect.any(String) });
    const found = await catalog(`q=${encodeURIComponent('科技贷')}&county=371525&customerType=enterprise`);
    expect(found.items.map((p) => p.name)).toContain('鲁西科技贷');
    await send(lcrcb, 'post', `/products/${productId}/list`).expect(422);
  });

  it('keeps a listed product complete when edited', async () => {
    const res = await send(lcrcb, 'patch', `/products/${productId}`, { customerTypes: [] });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('customerTypes');
    const still = await t.api.get(`${API}/products/${productId}`).expect(200);
    expect(still.body.customerTypes).toEqual(['enterprise']);
  });

  it('records who changed what, and when, in API terms', async () => {
    await send(lcrcb, 'patch', `/products/${productId}`, { maxRate: 6.1 }).expect(200);
    const res = await lcrcb.agent.get(`${API}/products/${productId}/history`).expect(200);
    expect(res.body.items.map((e: { action: string }) => e.action)).toEqual([
      'created',
      'updated',
      'listed',
      'updated',
    ]);
    const last = res.body.items[3];
    expect(last).toMatchObject({
      actor: { displayName: '聊城农商银行管理员' },
      changes: { maxRate: { from: 5.8, to: 6.1 } },
    });
    expect(new Date(last.at).getTime()).toBeLessThanOrEqual(Date.now());
  });

  it('delists it: it leaves the catalog', async () => {
    await send(lcrcb, 'post', `/products/${productId}/delist`).expect(200);
    expect((await catalog(`q=${encodeURIComponent('鲁西科技贷')}`)).total).toBe(0);
    const again = await send(lcrcb, 'post', `/products/${productId}/delist`);
    expect(again.status).toBe(422);
    expect(again.body.error.code).toBe('INVALID_STATE');
    const own = await lcrcb.agent.get(`${API}/institutions/${lcrcbId}/products?status=delisted`).expect(200);
    expect(own.body.items.map((p: { name: string }) => p.name)).toEqual(['鲁西科技贷']);
  });

  it.each([
    ['maxAmount', { ...complete, minAmount: 2_000_000, maxAmount: 1_000_000 }],
    ['minAmount', { ...complete, minAmount: -100 }],
    ['maxTermMonths', { ...complete, minTermMonths: 48, maxTermMonths: 12 }],
    ['minRate', { ...complete, minRate: 3.855 }],
    ['minRate', { ...complete, minRate: 5e-12 }],
    ['maxRate', { ...complete, maxRate: '1e1' }],
    ['minAmount', { ...complete, minAmount: '1e5' }],
    ['counties.1', { ...complete, counties: ['371502', '110101'] }],
    ['industries.0', { ...complete, industries: ['Z'] }],
    ['kind', { ...complete, kind: 'loan-shark' }],
    ['name', { ...complete, name: '' }],
  ])('refuses a bad %s with 400 and writes nothing', async (field, body) => {
    const before = (await lcrcb.agent.get(`${API}/institutions/${lcrcbId}/products`)).body.total;
    const res = await send(lcrcb, 'post', '/products', body);
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
    expect((await lcrcb.agent.get(`${API}/institutions/${lcrcbId}/products`)).body.total).toBe(before);
  });

  it('stores markup in a description as plain text', async () => {
    const payload = '<script>alert("x")</script><img src=x onerror=alert(1)>';
    const res = await send(lcrcb, 'post', '/products', { ...complete, name: '测试产品', description: payload });
    expect(res.status).toBe(201);
    const shown = await lcrcb.agent.get(`${API}/products/${res.body.id}`).expect(200);
    expect(shown.body.description).toBe(payload);
    expect(shown.headers['content-type']).toMatch(/application\/json/);
  });

  it('answers an oversized product with 413', async () => {
    const res = await send(lcrcb, 'post', '/products', { ...complete, description: 'x'.repeat(150_000) });
    expect(res.status).toBe(413);
  });
});

describe('where an institution serves', () => {
  it('keeps products and officers inside the counties the institution serves', async () => {
    const admin = await t.signIn('admin');
    const [guanxianBank] = await t.platform.db.select().from(institutions).where(eq(institutions.name, '冠县农商银行'));
    await admin.agent
      .post(`${API}/accounts`)
      .set('x-csrf-token', admin.csrf)
      .send({
        username: 'inst.gxrcb',
        password: 'Guanxian2026',
        role: 'institution_admin',
        displayName: '冠县农商银行管理员',
        institutionId: guanxianBank!.id,
      })
      .expect(201);
    const county = await t.signIn('inst.gxrcb', 'Guanxian2026');
    const elsewhere = await send(county, 'post', '/products', { ...complete, counties: ['371525', '371502'] });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.error.details).toEqual([{ path: 'counties.1', message: '本机构未在该区县开展业务' }]);
    const wholeCity = await send(county, 'post', '/products', { ...complete, allCounties: true, counties: [] });
    expect(wholeCity.body.error.details[0].path).toBe('allCounties');
    await send(county, 'post', '/products', { ...complete, counties: ['371525'] }).expect(201);
    const officer = await send(county, 'post', `/institutions/${guanxianBank!.id}/officers`, {
      username: 'officer.gx2',
      password: 'Officer2026',
      displayName: '冠县 王经理',
      countiesServed: ['371502'],
    });
    expect(officer.status).toBe(400);
    expect(officer.body.error.details[0].path).toBe('countiesServed.0');
  });
});

describe('tenants are kept apart', () => {
  it("never lets one institution's admin touch another's products", async () => {
    const [mine] = await t.platform.db.select().from(products).where(eq(products.name, '水城快贷'));
    const id = mine!.id;
    for (const res of [
      await send(qiluAdmin, 'patch', `/products/${id}`, { maxRate: 9 }),
      await send(qiluAdmin, 'post', `/products/${id}/delist`),
      await qiluAdmin.agent.get(`${API}/products/${id}/history`),
      await qiluAdmin.agent.get(`${API}/institutions/${lcrcbId}/products`),
    ]) {
      expect(res.status).toBe(403);
    }
    const unchanged = await t.api.get(`${API}/products/${id}`).expect(200);
    expect(unchanged.body).toMatchObject({ status: 'listed', maxRate: 6.5 });
  });

  it("never lets one institution's admin touch another's officers or profile", async () => {
    const officers = await lcrcb.agent.get(`${API}/institutions/${lcrcbId}/officers`).expect(200);
    const officer = officers.body.items[0];
    for (const res of [
      await qiluAdmin.agent.get(`${API}/institutions/${lcrcbId}/officers`),
      await send(qiluAdmin, 'post', `/institutions/${lcrcbId}/officers`, {
        username: 'sneaky.officer',
        password: 'Sneaky2026',
        displayName: '冒名经理',
        countiesServed: ['371502'],
      }),
      await send(qiluAdmin, 'patch', `/institutions/${lcrcbId}/officers/${officer.id}`, { status: 'disabled' }),
      await send(qiluAdmin, 'patch', `/institutions/${lcrcbId}`, { contactPhone: '0635-0000000' }),
    ]) {
      expect(res.status).toBe(403);
    }
  });

  it('does not let an officer of another institution be reached through its own institution', async () => {
    const qiluId = qiluAdmin.user.institutionId!;
    const lcrcbOfficers = (await lcrcb.agent.get(`${API}/institutions/${lcrcbId}/officers`)).body.items;
    const res = await send(qiluAdmin, 'patch', `/institutions/${qiluId}/officers/${lcrcbOfficers[0].id}`, {
      status: 'disabled',
    });
    expect(res.status).toBe(404);
  });
});

describe('officers and the institution profile', () => {
  it('creates an officer with counties served; the officer can sign in', async () => {
    const res = await send(lcrcb, 'post', `/institutions/${lcrcbId}/officers`, {
      username: 'officer.guanxian',
      password: 'Guanxian2026',
      displayName: '冠县支行 刘经理',
      countiesServed: ['371525'],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ countiesServed: ['371525'], status: 'active' });
    const officer = await t.signIn('officer.guanxian', 'Guanxian2026');
    expect(officer.user).toMatchObject({ role: 'officer', institutionId: lcrcbId });
  });

  it('refuses unknown counties and duplicate usernames, naming the field', async () => {
    const bad = await send(lcrcb, 'post', `/institutions/${lcrcbId}/officers`, {
      username: 'officer.x',
      password: 'Officer2026',
      displayName: '某经理',
      countiesServed: ['999999'],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('countiesServed.0');
    const dup = await send(lcrcb, 'post', `/institutions/${lcrcbId}/officers`, {
      username: 'officer.guanxian',
      password: 'Officer2026',
      displayName: '某经理',
      countiesServed: [],
    });
    expect(dup.status).toBe(409);
  });

  it('changes counties served, and disabling ends the officer’s sessions at once', async () => {
    const officer = await t.signIn('officer.guanxian', 'Guanxian2026');
    await officer.agent.get(`${API}/auth/me`).expect(200);
    const list = await lcrcb.agent.get(`${API}/institutions/${lcrcbId}/officers`).expect(200);
    const id = list.body.items.find((o: { username: string }) => o.username === 'officer.guanxian').id;
    const moved = await send(lcrcb, 'patch', `/institutions/${lcrcbId}/officers/${id}`, {
      countiesServed: ['371525', '371526'],
    });
    expect(moved.body.countiesServed).toEqual(['371525', '371526']);
    await send(lcrcb, 'patch', `/institutions/${lcrcbId}/officers/${id}`, { status: 'disabled' }).expect(200);
    await officer.agent.get(`${API}/auth/me`).expect(401);
    await t.api.post(`${API}/auth/tokens`).send({ username: 'officer.guanxian', password: 'Guanxian2026' }).expect(403);
  });

  it('edits its own profile', async () => {
    const res = await send(lcrcb, 'patch', `/institutions/${lcrcbId}`, {
      contactName: '信贷管理部',
      contactPhone: '0635-8888888',
      address: '聊城市东昌府区柳园南路',
    });
    expect(res.status).toBe(200);
    const shown = await t.api.get(`${API}/institutions/${lcrcbId}`).expect(200);
    expect(shown.body).toMatchObject({
      contactName: '信贷管理部',
      level: 'head_office',
      countiesServed: expect.any(Array),
    });
    expect(shown.body.countiesServed).toHaveLength(8);
  });
});
