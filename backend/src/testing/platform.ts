import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DestinationStream } from 'pino';
import supertest from 'supertest';
import { DEMO_PASSWORD } from '../accounts/demo-accounts';
import { loadConfig, type Config } from '../config';
import { createLogger } from '../logger';
import { shanghaiDay } from '../requests/stage-rules';
import { createPlatform, type Platform } from '../platform';
import { createRedis, deleteKeysWithPrefix } from '../queue/redis';
import { openInPool } from '../requests/matcher';

/**
 * A whole platform for one test file, on its own database (a throwaway PostgreSQL database
 * when TEST_DATABASE=postgres, else PGlite in a temp folder) and its own Redis key prefix.
 * Nothing is shared between test files or runs, and `close()` removes it all.
 */
export interface TestPlatform {
  platform: Platform;
  config: Config;
  api: TestAgent;
  /** A cookie session signed in as `username`, with its CSRF token. */
  signIn(username: string, password?: string): Promise<SignedIn>;
  /** The SLA clock the platform uses. */
  now(): Date;
  /** Moves the SLA clock to `instant` (it keeps running from there). */
  setNow(instant: Date): void;
  /** The SLA clock's day in Asia/Shanghai (YYYY-MM-DD): a visit date the contact and investigation steps accept. */
  today(): string;
  /**
   * Places a loan request as `who` (the ordinary need unless `need`) and runs the matcher on it, as
   * the worker does on `loan_request.submitted`: the request is open in the pool. Its id.
   */
  openRequest(who: SignedIn, need?: object): Promise<string>;
  /** Simulates an API restart: a new process on the same database and Redis. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export interface SignedIn {
  agent: TestAgent;
  csrf: string;
  /** The session cookie, to present it to another process. */
  cookie: string;
  user: { id: string; username: string; role: string; institutionId: string | null; county: string | null };
}

export const API = '/api/v1';

/** A plain enterprise need in 东昌府区 that the demo catalog serves: the tests' usual loan request. */
export const ORDINARY_NEED = {
  amount: 300_000,
  termMonths: 12,
  purpose: '采购原材料',
  collateral: 'credit',
  county: '371502',
  industry: 'C',
} as const;

export type Method = 'post' | 'patch' | 'put' | 'delete';

/** A change through the API as `who` (a session and its CSRF token): `path` is below `/api/v1`, `body` JSON. */
export function send(who: Pick<SignedIn, 'agent' | 'csrf'>, method: Method, path: string, body: object = {}) {
  return who.agent[method](`${API}${path}`).set('x-csrf-token', who.csrf).send(body);
}

export const post = (who: Pick<SignedIn, 'agent' | 'csrf'>, path: string, body: object = {}) =>
  send(who, 'post', path, body);

/** Where the test platforms' SLA clock starts. */
export const TEST_EPOCH = new Date('2025-03-12T10:00:00+08:00');

type TestAgent = ReturnType<typeof supertest.agent>;

export async function createTestPlatform(
  env: Record<string, string> = {},
  /** Where the logs go (with LOG_LEVEL in `env`), for tests that read what was logged. */
  logDestination?: DestinationStream,
): Promise<TestPlatform> {
  const id = randomBytes(6).toString('hex');
  const store = await createTestStore(id);
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: `lcfin-test:${id}`,
    OUTBOX_POLL_MS: '50',
    ...store.env,
    ...env,
  });
  const logger = createLogger(config.LOG_LEVEL, logDestination);
  // SLA time runs from a fixed working morning (Wed 12 Mar 2025, Shanghai) at real speed, so
  // deadlines never depend on the day the suite runs or on calendar years the library lacks.
  const clock = { offsetMs: TEST_EPOCH.getTime() - Date.now() };
  const now = () => new Date(Date.now() + clock.offsetMs);
  let platform = await createPlatform(config, logger, { now });

  const t: TestPlatform = {
    get platform() {
      return platform;
    },
    config,
    get api() {
      return supertest(platform.app) as unknown as TestAgent;
    },
    async signIn(username, password = DEMO_PASSWORD) {
      const agent = supertest.agent(platform.app);
      const { body } = await agent.get(`${API}/auth/csrf`).expect(200);
      const res = await agent
        .post(`${API}/auth/login`)
        .set('x-csrf-token', body.csrfToken)
        .send({ username, password });
      if (res.status !== 200)
        throw new Error(`sign-in as ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
      const cookie = String(res.headers['set-cookie']).split(';')[0]!;
      return { agent, csrf: res.body.csrfToken, cookie, user: res.body.user };
    },
    async openRequest(who, need = ORDINARY_NEED) {
      const res = await post(who, '/loan-requests', need);
      if (res.status !== 201)
        throw new Error(`placing a loan request failed: ${res.status} ${JSON.stringify(res.body)}`);
      // Where a test also runs the workers, their matcher may open it first: either way it must be open.
      const opened =
        (await openInPool(platform, res.body.id)) ||
        (await who.agent.get(`${API}/loan-requests/${res.body.id}`)).body.status === 'open';
      if (!opened) throw new Error(`loan request ${res.body.id} did not open`);
      return res.body.id;
    },
    now,
    today: () => shanghaiDay(now()),
    setNow(instant) {
      clock.offsetMs = instant.getTime() - Date.now();
    },
    async restart() {
      await platform.close();
      platform = await createPlatform(config, logger, { now });
    },
    async close() {
      await platform.close();
      const redis = createRedis(config.REDIS_URL);
      await deleteKeysWithPrefix(redis, config.REDIS_PREFIX);
      redis.disconnect();
      await store.drop();
    },
  };
  return t;
}

async function createTestStore(id: string): Promise<{ env: Record<string, string>; drop(): Promise<void> }> {
  if (process.env.TEST_DATABASE === 'postgres') {
    const adminUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const name = `lcfin_test_${id}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return {
      env: { DATABASE_URL: url.toString() },
      async drop() {
        const c = new pg.Client({ connectionString: adminUrl });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      },
    };
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'lcfin-pglite-'));
  return { env: { PGLITE_DIR: dir }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}
