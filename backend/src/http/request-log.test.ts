import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeDemoAccounts, DEMO_ACCOUNTS } from '../accounts/demo-accounts';
import { API, createTestPlatform, type SignedIn, type TestPlatform } from '../testing/platform';

/** Every line the platform logs while this file runs. */
const logLines: string[] = [];

let t: TestPlatform;
let enterprise: SignedIn;
beforeAll(async () => {
  t = await createTestPlatform({ LOG_LEVEL: 'info' }, { write: (line: string) => void logLines.push(line) });
  enterprise = await t.signIn('ent.demo');
});
afterAll(async () => {
  await t?.close();
});

type LogRecord = { [key: string]: unknown };

/** The records logged while `fn` ran. */
async function logged(fn: () => Promise<unknown>): Promise<LogRecord[]> {
  const from = logLines.length;
  await fn();
  // The line is written when the response ends, which supertest may see first.
  await new Promise((resolve) => setTimeout(resolve, 20));
  return logLines.slice(from).map((line) => JSON.parse(line) as LogRecord);
}

describe('the request log', () => {
  it('writes one info line per request: method, path, status, time and user, nothing of its headers', async () => {
    const records = await logged(() =>
      enterprise.agent
        .get(`${API}/products?q=${encodeURIComponent('快贷')}`)
        .set('User-Agent', 'request-log-test-agent')
        .set('X-Csrf-Token', enterprise.csrf)
        .expect(200),
    );
    expect(records).toHaveLength(1);
    const [line] = records;
    expect(Object.keys(line!).sort()).toEqual(['level', 'method', 'ms', 'msg', 'path', 'status', 'time', 'userId']);
    expect(line).toMatchObject({
      level: 'info',
      method: 'GET',
      path: '/api/v1/products',
      status: 200,
      userId: enterprise.user.id,
    });
    expect(line!.ms).toEqual(expect.any(Number));
    expect(line!.msg).toBe(`GET /api/v1/products 200 ${String(line!.ms)} ms`);
    expect(new Date(String(line!.time)).toISOString()).toBe(line!.time);
    const text = JSON.stringify(line);
    for (const hidden of [
      'request-log-test-agent',
      enterprise.csrf,
      enterprise.cookie.split('=')[1]!,
      '快贷',
      'cookie',
    ]) {
      expect(text).not.toContain(hidden);
    }
  });

  it('names no user for a guest, answers errors at their status and leaves probes out', async () => {
    const records = await logged(async () => {
      await t.api.get(`${API}/products`).expect(200);
      await t.api.get(`${API}/loan-requests`).expect(401);
      await t.api.get('/healthz').expect(200);
      await t.api.get('/readyz').expect(200);
      // A page load's scripts and styles: at debug only.
      await t.api.get('/assets/index-none.js');
    });
    expect(records.map((r) => [r.level, r.method, r.path, r.status, r.userId])).toEqual([
      ['info', 'GET', '/api/v1/products', 200, null],
      ['info', 'GET', '/api/v1/loan-requests', 401, null],
    ]);
  });

  it('adds the details at debug, with credentials redacted, and writes nothing per request above info', async () => {
    try {
      t.platform.logger.level = 'debug';
      const debug = await logged(() => enterprise.agent.get(`${API}/products?q=abc`).expect(200));
      expect(debug.map((r) => r.level)).toEqual(['info', 'debug']);
      const details = debug[1]!;
      expect(details).toMatchObject({
        req: { method: 'GET', url: '/api/v1/products?q=abc', headers: { cookie: '[redacted]' } },
        res: { statusCode: 200 },
      });
      expect(JSON.stringify(details)).not.toContain(enterprise.cookie.split('=')[1]!);
      const asset = await logged(() => t.api.get('/assets/index-none.js'));
      expect(asset.map((r) => [r.level, r.path])).toEqual([
        ['debug', '/assets/index-none.js'],
        ['debug', undefined],
      ]);

      t.platform.logger.level = 'warn';
      expect(await logged(() => enterprise.agent.get(`${API}/notifications`).expect(200))).toEqual([]);
    } finally {
      t.platform.logger.level = 'info';
    }
  });
});

describe('npm start', () => {
  it('finds the demo accounts the database holds, to announce them', async () => {
    const announced = await activeDemoAccounts(t.platform.db);
    expect(announced.map((a) => a.username)).toEqual(DEMO_ACCOUNTS.map((a) => a.username));
  });
});
