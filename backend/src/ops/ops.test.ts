import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, createTestPlatform, type TestPlatform } from '../testing/platform';

let t: TestPlatform;
beforeAll(async () => {
  t = await createTestPlatform();
});
afterAll(async () => {
  await t?.close();
});

describe('operations endpoints', () => {
  it('answers liveness', async () => {
    const res = await t.api.get('/healthz').expect(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('exposes Prometheus metrics including request durations by route', async () => {
    await t.api.get(`${API}/regions`).expect(200);
    const res = await t.api.get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/text\/plain/);
    expect(res.text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/regions",status="200"\}/,
    );
    expect(res.text).toMatch(/process_cpu_seconds_total/);
  });

  it('asks for the scraper’s token when METRICS_TOKEN is set', async () => {
    const token = 'scrape-secret-0123456789';
    const guarded = await createTestPlatform({ METRICS_TOKEN: token });
    try {
      await guarded.api.get('/metrics').expect(401);
      await guarded.api.get('/metrics').set('authorization', 'Bearer wrong-secret-0123456789').expect(401);
      const res = await guarded.api.get('/metrics').set('authorization', `Bearer ${token}`).expect(200);
      expect(res.text).toMatch(/process_cpu_seconds_total/);
    } finally {
      await guarded.close();
    }
  });

  it('serves an OpenAPI document generated from the route table, and its UI', async () => {
    const res = await t.api.get(`${API}/openapi.json`).expect(200);
    expect(res.body.openapi).toBe('3.1.0');
    for (const route of t.platform.routes) {
      const path = route.path.replace(/:(\w+)/g, '{$1}');
      expect(res.body.paths[path]?.[route.method], `${route.method} ${path}`).toBeDefined();
    }
    const register = res.body.paths['/auth/register'].post;
    expect(JSON.stringify(register.requestBody)).toContain('uscc');
    const ui = await t.api.get('/api/docs/').expect(200);
    expect(ui.text).toContain('swagger');
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const res = await t.api.get(`${API}/no-such-thing`).expect(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });

  it('serves the web app with a fallback to index.html for client-side routes', async () => {
    const res = await t.api.get('/bureau/overview').expect(200);
    expect(res.text).toContain('<div id="root">');
  });

  it('answers readiness, and 503 once Redis is gone', async () => {
    await t.api.get('/readyz').expect(200, { status: 'ready' });
    t.platform.redis.disconnect();
    const res = await t.api.get('/readyz');
    expect(res.status).toBe(503);
    expect(res.body.status).toBe('unavailable');
  });
});
