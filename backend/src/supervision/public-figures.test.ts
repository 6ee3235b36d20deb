import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, createTestPlatform, type TestPlatform } from '../testing/platform';

let t: TestPlatform;
beforeAll(async () => {
  t = await createTestPlatform();
});
afterAll(async () => {
  await t?.close();
});

const FIGURES = ['institutions', 'listedProducts', 'enterprises', 'requests', 'disbursedLoans', 'disbursedAmount'];

/** The same totals as the city bureau's whole-life overview. */
async function bureauTotals() {
  const city = await t.signIn('bureau.city');
  const { body } = await city.agent.get(`${API}/supervision/overview`).expect(200);
  return {
    institutions: body.institutions,
    listedProducts: body.listedProducts,
    enterprises: body.enterprises,
    requests: body.requests,
    disbursedLoans: body.disbursed,
    disbursedAmount: body.disbursedAmount,
  };
}

describe('GET /platform/figures', () => {
  it("publishes the platform's totals to anyone: aggregate numbers only, cached for a minute", async () => {
    const res = await t.api.get(`${API}/platform/figures`).expect(200);
    expect(Object.keys(res.body).sort()).toEqual([...FIGURES, 'asOf'].sort());
    for (const figure of FIGURES) expect(Number.isSafeInteger(res.body[figure]), figure).toBe(true);
    expect(res.body).toMatchObject(await bureauTotals());
    expect(res.body.institutions).toBeGreaterThan(0);
    expect(res.body.listedProducts).toBeGreaterThan(0);
    expect(res.headers['cache-control']).toBe('public, max-age=60');

    // A new request is not recomputed for every visitor: the minute's answer stands.
    const ent = await t.signIn('ent.demo');
    await t.openRequest(ent);
    const cached = await t.api.get(`${API}/platform/figures`).expect(200);
    expect(cached.body).toEqual(res.body);

    // A fresh process computes anew, and counts it.
    await t.restart();
    const fresh = await t.api.get(`${API}/platform/figures`).expect(200);
    expect(fresh.body.requests).toBe(res.body.requests + 1);
    expect(fresh.body).toMatchObject(await bureauTotals());
  });
});
