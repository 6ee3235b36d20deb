import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, createTestPlatform, type TestPlatform } from '../testing/platform';
import { openInPool } from './matcher';

/**
 * Two real API processes on one PostgreSQL database: the claim race is decided by the
 * database, not by anything one process holds. (PGlite belongs to one process, so this
 * runs in the PostgreSQL pass only.)
 */
const onPostgres = process.env.TEST_DATABASE === 'postgres';
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

let t: TestPlatform;
const processes: ChildProcess[] = [];
const ports: number[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function startApiProcess(): Promise<number> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/serve.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: t.config.DATABASE_URL,
      REDIS_URL: t.config.REDIS_URL,
      REDIS_PREFIX: t.config.REDIS_PREFIX,
      RUN_WORKERS: 'false',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  processes.push(child);
  for (let i = 0; i < 300; i++) {
    const up = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return port;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('API process did not start');
}

beforeAll(async () => {
  if (!onPostgres) return;
  t = await createTestPlatform();
  ports.push(...(await Promise.all([startApiProcess(), startApiProcess()])));
}, 120_000);
afterAll(async () => {
  for (const p of processes) p.kill('SIGTERM');
  await Promise.all(processes.map((p) => new Promise((r) => (p.exitCode !== null ? r(null) : p.once('exit', r)))));
  await t?.close();
});

describe('claims across two API processes', () => {
  it.skipIf(!onPostgres)('lets exactly one of 200 claims win, whichever process they reach', async () => {
    const token = async (username: string) =>
      (await t.api.post(`${API}/auth/tokens`).send({ username, password: 'demo1234' })).body.token as string;
    const tokens = [await token('officer.lcrcb'), await token('officer.qilu')];
    const ent = await t.signIn('ent.demo');
    const submitted = await ent.agent
      .post(`${API}/loan-requests`)
      .set('x-csrf-token', ent.csrf)
      .send({
        amount: 500_000,
        termMonths: 12,
        purpose: '两进程抢单',
        collateral: 'credit',
        county: '371502',
        industry: 'C',
      })
      .expect(201);
    await openInPool(t.platform, submitted.body.id);

    const statuses = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        fetch(`http://127.0.0.1:${ports[i % 2]}${API}/loan-requests/${submitted.body.id}/claim`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${tokens[Math.floor(i / 2) % 2]}` },
        }).then((r) => r.status),
      ),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(199);
  });
});
