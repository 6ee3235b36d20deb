import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PRODUCTS } from '../catalog/demo-products';
import { listingProblems } from '../catalog/rules';
import { products } from '../catalog/schema';
import { searchTextOf } from '../catalog/search';
import { institutions } from '../institutions/schema';
import { REFERENCE_DATA } from '../reference/load';
import { API, createTestPlatform, type TestPlatform } from '../testing/platform';
import { DEFAULT_SEED, generateLiaocheng, LIAOCHENG_SCALE } from './liaocheng';
import { loadLiaochengSeed, SeedError } from './load';

const ALL_COUNTIES = REFERENCE_DATA.counties.map((c) => c.code);

/** The seed writes behind the API's back, as another process would: read the catalog afresh. */
async function totals(t: TestPlatform) {
  t.platform.catalog.invalidate();
  const inst = await t.api.get(`${API}/institutions?pageSize=1`).expect(200);
  const prod = await t.api.get(`${API}/products?pageSize=1`).expect(200);
  return { institutions: inst.body.total as number, products: prod.body.total as number };
}

async function search(t: TestPlatform, q: string): Promise<string[]> {
  t.platform.catalog.invalidate();
  const res = await t.api.get(`${API}/products?pageSize=100&q=${encodeURIComponent(q)}`).expect(200);
  return res.body.items.map((p: { name: string }) => p.name);
}

describe('the generator', () => {
  const dataset = generateLiaocheng();

  it('is deterministic for a seed, and another seed gives another dataset', () => {
    expect(generateLiaocheng(DEFAULT_SEED)).toEqual(dataset);
    const other = generateLiaocheng(DEFAULT_SEED + 1);
    expect(other).not.toEqual(dataset);
    expect(other.institutions).toHaveLength(dataset.institutions.length);
  });

  it('adds unique institutions that reach the published 186 with the reference data', () => {
    const names = [...REFERENCE_DATA.institutions.map((i) => i.name), ...dataset.institutions.map((i) => i.name)];
    expect(new Set(names).size).toBe(names.length);
    expect(names).toHaveLength(LIAOCHENG_SCALE.institutions);
    for (const i of dataset.institutions) {
      if (i.level === 'sub_branch') expect(names.indexOf(i.parentName!)).toBeLessThan(names.indexOf(i.name));
      expect(i.countiesServed.every((c) => ALL_COUNTIES.includes(c))).toBe(true);
    }
    // Every county has its own sub-branches, a village bank and a guarantee company.
    for (const county of ALL_COUNTIES) {
      const here = dataset.institutions.filter((i) => i.regionCode === county);
      expect(here.filter((i) => i.level === 'sub_branch').length).toBeGreaterThan(5);
      expect(here.some((i) => i.type === 'village_bank')).toBe(true);
      expect(here.some((i) => i.type === 'guarantee')).toBe(true);
    }
    expect(names).toContain('中国农业银行冠县支行');
    expect(names).toContain('齐鲁银行临清支行');
  });

  it('lists products that are complete, plausible and unique per institution', () => {
    const keys = dataset.products.map((p) => `${p.institution}/${p.name}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(dataset.products.length).toBeGreaterThan(LIAOCHENG_SCALE.listedProducts);
    for (const p of dataset.products) {
      expect(listingProblems({ ...p, status: 'listed' }), `${p.institution} ${p.name}`).toEqual([]);
      expect(p.minRateBp).toBeGreaterThanOrEqual(320);
      expect(p.maxRateBp).toBeLessThanOrEqual(800);
      if (p.customerTypes.includes('farmer')) expect(p.maxAmount).toBeLessThanOrEqual(500_000);
      expect(p.maxAmount).toBeLessThanOrEqual(50_000_000);
      expect(p.description.length).toBeGreaterThan(10);
    }
    const first = dataset.products.slice(0, DEMO_PRODUCTS.length).map((p) => p.name);
    expect(first).toEqual(DEMO_PRODUCTS.map((p) => p.name));
  });
});

describe('seeding a database with the demo data', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await createTestPlatform();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('tops it up to 186 institutions and 340 listed products', async () => {
    const before = await totals(t);
    expect(before.products).toBe(DEMO_PRODUCTS.length);
    const report = await loadLiaochengSeed(t.platform.db);
    expect(report.institutions).toEqual({
      before: before.institutions,
      inserted: 186 - before.institutions,
      after: 186,
    });
    expect(report.listedProducts).toEqual({ before: before.products, inserted: 340 - before.products, after: 340 });
    expect(await totals(t)).toEqual({ institutions: 186, products: 340 });
  });

  it('changes nothing when run again', async () => {
    const report = await loadLiaochengSeed(t.platform.db);
    expect(report.institutions.inserted).toBe(0);
    expect(report.listedProducts.inserted).toBe(0);
    expect(await totals(t)).toEqual({ institutions: 186, products: 340 });
  });

  it('makes the published products and a start-up guarantee loan findable', async () => {
    for (const name of ['水城快贷', '幸福e贷', '莱e贷', '创业担保贷款']) {
      expect(await search(t, name), name).toContain(name);
    }
    expect((await search(t, '快贷')).length).toBeGreaterThan(5);
  });

  it('keeps every listed product listable, searchable and within its institution\u2019s counties', async () => {
    const rows = await t.platform.db
      .select({ product: products, institution: institutions })
      .from(products)
      .innerJoin(institutions, eq(institutions.id, products.institutionId))
      .where(eq(products.status, 'listed'));
    expect(rows).toHaveLength(340);
    for (const { product, institution } of rows) {
      expect(listingProblems(product), product.name).toEqual([]);
      expect(product.searchText).toBe(searchTextOf(product, institution.name));
      const counties = product.allCounties ? ALL_COUNTIES : product.counties;
      expect(
        counties.every((c) => institution.countiesServed.includes(c)),
        product.name,
      ).toBe(true);
    }
  });

  it('links county sub-branches to their city-level branch', async () => {
    const res = await t.api.get(`${API}/institutions?q=${encodeURIComponent('中国农业银行冠县支行')}`).expect(200);
    expect(res.body.items).toHaveLength(1);
    const branch = res.body.items[0];
    expect(branch).toMatchObject({ level: 'sub_branch', regionCode: '371525', countiesServed: ['371525'] });
    const parent = await t.api.get(`${API}/institutions/${branch.parentId}`).expect(200);
    expect(parent.body.name).toBe('中国农业银行聊城分行');
  });

  it('leaves the demo accounts working', async () => {
    const ent = await t.signIn('ent.demo');
    expect(ent.user.role).toBe('enterprise');
    await t.signIn('officer.lcrcb');
  });
});

describe('seeding a database without the demo data', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await createTestPlatform({ DEMO_DATA: 'false' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('reaches the same scale, including the published products', async () => {
    expect((await totals(t)).products).toBe(0);
    const report = await loadLiaochengSeed(t.platform.db);
    expect(report.institutions.after).toBe(186);
    expect(await totals(t)).toEqual({ institutions: 186, products: 340 });
    for (const name of ['水城快贷', '幸福e贷', '莱e贷', '创业担保贷款']) {
      expect(await search(t, name), name).toContain(name);
    }
  });

  it('refuses, changing nothing, when more than 340 products are already listed', async () => {
    const [owner] = await t.platform.db.select().from(institutions).limit(1);
    await t.platform.db.insert(products).values({
      institutionId: owner!.id,
      name: '额外产品',
      kind: 'credit',
      minAmount: 10_000,
      maxAmount: 100_000,
      minTermMonths: 6,
      maxTermMonths: 12,
      minRateBp: 400,
      maxRateBp: 600,
      customerTypes: ['enterprise'],
      allCounties: true,
      status: 'listed',
      searchText: '额外产品',
    });
    await expect(loadLiaochengSeed(t.platform.db)).rejects.toThrow(SeedError);
    await expect(loadLiaochengSeed(t.platform.db)).rejects.toThrow(/341 listed products, more than the 340/);
    expect(await totals(t)).toEqual({ institutions: 186, products: 341 });
  });
});
