import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFERENCE_DATA } from './reference/load';
import { API, createTestPlatform, type TestPlatform } from './testing/platform';

/** A production-like start: reference data, no demo accounts, one bootstrap admin. */
let t: TestPlatform;
beforeAll(async () => {
  t = await createTestPlatform({ DEMO_DATA: 'false', BOOTSTRAP_ADMIN_PASSWORD: 'first-admin-2026' });
});
afterAll(async () => {
  await t?.close();
});

describe('initial data on an empty database', () => {
  it('loads the city, its eight counties and the institutions', async () => {
    const regions = await t.api.get(`${API}/regions`).expect(200);
    expect(regions.body.items).toHaveLength(9);
    expect(regions.body.items[0]).toMatchObject({ code: '371500', name: '聊城市', level: 'city', parentCode: null });
    expect(regions.body.items.filter((r: { level: string }) => r.level === 'county')).toHaveLength(8);
    const institutions = await t.api.get(`${API}/institutions?pageSize=100`).expect(200);
    expect(institutions.body.total).toBe(REFERENCE_DATA.institutions.length);
    const guanxian = await t.api.get(`${API}/institutions?region=371525`).expect(200);
    expect(guanxian.body.items.map((i: { name: string }) => i.name)).toEqual(['冠县农商银行']);
  });

  it('creates no demo accounts outside demo mode, but the bootstrap admin', async () => {
    await t.api.post(`${API}/auth/tokens`).send({ username: 'ent.demo', password: 'demo1234' }).expect(401);
    await t.api.post(`${API}/auth/tokens`).send({ username: 'admin', password: 'first-admin-2026' }).expect(201);
  });

  it('loads nothing twice when the platform starts again', async () => {
    await t.restart();
    const institutions = await t.api.get(`${API}/institutions`).expect(200);
    expect(institutions.body.total).toBe(REFERENCE_DATA.institutions.length);
    await t.api.post(`${API}/auth/tokens`).send({ username: 'admin', password: 'first-admin-2026' }).expect(201);
  });
});
