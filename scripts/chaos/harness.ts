import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Queue } from 'bullmq';
import pg from 'pg';
import { onTestFailed, onTestFinished } from 'vitest';
import { DEMO_PASSWORD } from '@lcfin/backend/accounts/demo-accounts';
import { openDatabase, type Database } from '@lcfin/backend/db/client';
import { createQueues, type Queues } from '@lcfin/backend/queue/queues';
import { createRedis, deleteKeysWithPrefix } from '@lcfin/backend/queue/redis';
import { freePort, spawnChild, waitUntilReady, type Child } from '../bench/lib/child-server';
import { API, STANDARD_REQUEST } from '../bench/lib/lending';
import { randomTag } from '../bench/lib/random-tag';

export { API };

/**
 * The fault tests' stage: a private PostgreSQL database, a Redis prefix or a private redis-server,
 * and the platform's real processes (scripts/serve.ts for the API, workers/src/main.ts) on them.
 * Everything a test starts is stopped and removed when it ends, pass or fail.
 */
const POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const SHARED_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const API_MAIN = fileURLToPath(new URL('../serve.ts', import.meta.url));
const WORKERS_MAIN = fileURLToPath(new URL('../../workers/src/main.ts', import.meta.url));
const HOST = '127.0.0.1';
/** tsx compiles the backend and the platform checks migrations before it answers. */
const START_TIMEOUT_MS = 60_000;
const WORKERS_READY_MESSAGE = 'workers started';
const REQUEST_TIMEOUT_MS = 30_000;
const LOG_TAIL_CHARS = 4_000;

export interface PlatformProcess {
  readonly pid: number;
  /** Settles when the process has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  running(): boolean;
  kill(signal: NodeJS.Signals): void;
  /** The end of its stderr, for failure messages. */
  stderr(): string;
}

export interface ApiProcess extends PlatformProcess {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
}

export interface PrivateRedis {
  readonly url: string;
  /** SIGSTOP: the server keeps its connections but answers nothing, the hardest outage for a client. */
  pause(): void;
  resume(): void;
}

export interface PrivateDatabase {
  readonly name: string;
  readonly url: string;
  /** The test's own drizzle handle (migrated), for setting up and checking rows. */
  readonly db: Database;
  /** Raw SQL on it, outside the platform's pools. */
  query<Row extends pg.QueryResultRow>(text: string, params?: unknown[]): Promise<Row[]>;
}

/** What one test started; `close()` undoes it in reverse order. */
export class Scene {
  private readonly cleanups: (() => Promise<unknown>)[] = [];
  private readonly children: { script: string; child: Child; stdout: () => string }[] = [];
  private readonly started = Date.now();

  constructor(private readonly label: string) {}

  /** Prints how far the test has got, with the seconds since it began: a slow machine shows where time went. */
  log(step: string): void {
    console.info(`[${this.label}] ${((Date.now() - this.started) / 1000).toFixed(1)} s: ${step}`);
  }

  /** What each process wrote to stderr last, and how it ended: printed when a test fails. */
  diagnostics(): string {
    return this.children
      .map(({ script, child, stdout }) => {
        const { pid, exitCode, signalCode } = child.process;
        const state = exitCode === null && signalCode === null ? 'running' : `exited ${signalCode ?? exitCode}`;
        return (
          `--- ${path.basename(script)} (pid ${pid}, ${state})\nstderr: ${child.stderr() || '(empty)'}\n` +
          `log: ${stdout() || '(empty)'}`
        );
      })
      .join('\n');
  }

  defer(cleanup: () => Promise<unknown>): void {
    this.cleanups.push(cleanup);
  }

  async close(): Promise<void> {
    const failures: unknown[] = [];
    for (const cleanup of this.cleanups.splice(0).reverse()) {
      try {
        await cleanup();
      } catch (error) {
        failures.push(error);
      }
    }
    if (failures.length) throw new AggregateError(failures, 'fault test clean-up failed');
  }

  /**
   * The test's own stores — a database, and a key prefix on Redis (the machine's shared server unless
   * given another) — and the environment every platform process of the test gets for them.
   */
  async stores(redisUrl = SHARED_REDIS_URL): Promise<{ database: PrivateDatabase; env: Record<string, string> }> {
    const database = await this.database();
    const env = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: database.url,
      REDIS_URL: redisUrl,
      REDIS_PREFIX: this.redisPrefix(redisUrl),
      OUTBOX_POLL_MS: '50',
      SLA_RECONCILE_MS: '1000',
    };
    return { database, env };
  }

  /** A throwaway database on the PostgreSQL server, dropped (with any session left on it) at the end. */
  private async database(): Promise<PrivateDatabase> {
    const admin = new pg.Client({ connectionString: POSTGRES_URL });
    admin.on('error', () => undefined);
    try {
      await admin.connect();
    } catch (error) {
      throw new Error(
        `the fault tests need a PostgreSQL server at ${POSTGRES_URL} (TEST_POSTGRES_URL): ${(error as Error).message}`,
        { cause: error },
      );
    }
    const name = `lcfin_chaos_${randomTag()}`;
    await admin.query(`create database ${name}`);
    this.defer(async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    });
    const url = new URL(POSTGRES_URL);
    url.pathname = `/${name}`;
    const handle = await openDatabase({ databaseUrl: url.toString(), pgliteDir: 'unused' });
    this.defer(() => handle.close());
    const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
    pool.on('error', () => undefined);
    this.defer(() => pool.end());
    return {
      name,
      url: url.toString(),
      db: handle.db,
      query: async (text, params) => (await pool.query(text, params)).rows,
    };
  }

  /** A key prefix of its own on a Redis server, emptied at the end. */
  private redisPrefix(redisUrl: string): string {
    const prefix = `lcfin-chaos:${randomTag()}`;
    this.defer(async () => {
      const redis = createRedis(redisUrl);
      try {
        await deleteKeysWithPrefix(redis, `${prefix}:`);
      } finally {
        redis.disconnect();
      }
    });
    return prefix;
  }

  /** The platform's queues as the processes started with `env` see them, for checking jobs. */
  queues(env: Record<string, string>): Queues {
    const connection = createRedis(env.REDIS_URL!);
    const queues = createQueues(connection, env.REDIS_PREFIX!);
    this.defer(async () => {
      await queues.close();
      connection.disconnect();
    });
    return queues;
  }

  /** A redis-server of this test's own on a free port, so that stopping it disturbs nobody else. */
  async redisServer(): Promise<PrivateRedis> {
    const port = await freePort();
    const dir = mkdtempSync(path.join(tmpdir(), 'lcfin-chaos-redis-'));
    const args = ['--port', String(port), '--bind', HOST, '--save', '', '--appendonly', 'no', '--dir', dir];
    const server = spawn('redis-server', args, { stdio: 'ignore' });
    const spawned = once(server, 'spawn').catch((error: Error) => {
      throw new Error(`could not start redis-server (is it installed?): ${error.message}`, { cause: error });
    });
    this.defer(async () => {
      if (server.exitCode === null && server.signalCode === null) {
        server.kill('SIGKILL');
        await once(server, 'exit');
      }
      rmSync(dir, { recursive: true, force: true });
    });
    await spawned;
    const url = `redis://${HOST}:${port}`;
    const probe = createRedis(url);
    probe.on('error', () => undefined);
    try {
      await retry(() => probe.ping(), 5_000);
    } finally {
      probe.disconnect();
    }
    return {
      url,
      pause: () => {
        server.kill('SIGSTOP');
        // Registered last, so run first: the rest of the clean-up needs the server answering.
        this.defer(async () => void server.kill('SIGCONT'));
      },
      resume: () => void server.kill('SIGCONT'),
    };
  }

  /** An API process (`scripts/serve.ts`, RUN_WORKERS=false) on a free port, once it answers /healthz. */
  async api(env: Record<string, string>): Promise<ApiProcess> {
    const port = await freePort();
    const child = this.spawn(API_MAIN, { ...env, RUN_WORKERS: 'false', HOST, PORT: String(port) });
    const origin = `http://${HOST}:${port}`;
    await waitUntilReady(`${origin}/healthz`, child.process, START_TIMEOUT_MS, child.stderr);
    return { ...processOf(child), origin };
  }

  /** A workers process (`workers/src/main.ts`), once it has started its processors. */
  async workers(env: Record<string, string>): Promise<PlatformProcess> {
    // info: the readiness signal is an info line.
    const child = this.spawn(WORKERS_MAIN, { ...env, LOG_LEVEL: 'info' });
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`workers did not start:\n${child.stderr()}`)), START_TIMEOUT_MS);
      child.process.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`workers exited (${signal ?? code}) before starting:\n${child.stderr()}`));
      });
      createInterface({ input: child.process.stdout! }).on('line', (line) => {
        if (!line.includes(`"msg":"${WORKERS_READY_MESSAGE}"`)) return;
        clearTimeout(timer);
        resolve();
      });
    });
    await ready;
    return processOf(child);
  }

  /** Its log (stdout) is read to the end, so the process never stalls on it, and its tail kept. */
  private spawn(script: string, env: Record<string, string>): Child {
    const child = spawnChild(script, env, 'pipe');
    let log = '';
    child.process
      .stdout!.setEncoding('utf8')
      .on('data', (chunk: string) => (log = (log + chunk).slice(-LOG_TAIL_CHARS)));
    this.children.push({ script, child, stdout: () => log });
    this.defer(async () => {
      await child.stop();
      if (child.process.exitCode === null && child.process.signalCode === null) await once(child.process, 'exit');
    });
    return child;
  }
}

function processOf(child: Child): PlatformProcess {
  const { process: proc } = child;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) resolve({ code: proc.exitCode, signal: proc.signalCode });
    else proc.once('exit', (code, signal) => resolve({ code, signal }));
  });
  return {
    pid: proc.pid!,
    exited,
    running: () => proc.exitCode === null && proc.signalCode === null,
    kill: (signal) => void proc.kill(signal),
    stderr: child.stderr,
  };
}

/** A scene for the current test, closed when the test finishes, whether it passed or not. */
export function useScene(label: string): Scene {
  const scene = new Scene(label);
  onTestFailed(() => console.error(scene.diagnostics()));
  onTestFinished(() => scene.close());
  return scene;
}

export interface Answer {
  status: number;
  body: Record<string, unknown> & { error?: { code: string } };
}

/** One JSON request to a platform process; a network error (refused, reset) rejects. */
export async function call(
  origin: string,
  method: 'GET' | 'POST',
  path: string,
  options: { token?: string; json?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.json !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${origin}${path}`, {
    method,
    headers,
    body: options.json === undefined ? undefined : JSON.stringify(options.json),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Answer['body']) : {} };
}

/** A bearer token for a demo account (NODE_ENV=test loads them on an empty database). */
export async function bearerToken(origin: string, username: string): Promise<string> {
  const { status, body } = await call(origin, 'POST', `${API}/auth/tokens`, {
    json: { username, password: DEMO_PASSWORD },
  });
  if (status !== 201) throw new Error(`token for ${username}: ${status} ${JSON.stringify(body)}`);
  return body.token as string;
}

/** `POST /loan-requests` with the standard open request, as an applicant's client sends it. */
export function submitRequest(origin: string, token: string, idempotencyKey: string): Promise<Answer> {
  return call(origin, 'POST', `${API}/loan-requests`, {
    token,
    json: STANDARD_REQUEST,
    headers: { 'idempotency-key': idempotencyKey },
  });
}

/** Retries `attempt` until it resolves or `timeoutMs` has passed. */
async function retry<T>(attempt: () => Promise<T>, timeoutMs: number): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** Nothing left to run in these queues (waiting, delayed or active) and nothing failed. */
export async function drained(...queues: Queue[]): Promise<boolean> {
  const counts = await Promise.all(
    queues.map((q) => q.getJobCounts('active', 'waiting', 'delayed', 'prioritized', 'failed')),
  );
  return counts.every((c) => Object.values(c).every((n) => n === 0));
}
