import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { eventually } from '@lcfin/backend/testing/eventually';
import { bearerToken, submitRequest, useScene, type PlatformProcess, type PrivateDatabase } from './harness';

/**
 * Fault 6: the database is restored from a `pg_dump` taken earlier while Redis keeps its jobs — the
 * README's recovery plan. The backup holds requests still waiting for the matcher (the workers
 * were stopped) that were matched after it; requests placed after it are gone, and their outbox ids
 * are used again. Redis still holds the completed jobs of everything that happened after the backup.
 * Every request in the restored database, and every new one, must reach the pool exactly once.
 */
const WAITING_AT_BACKUP = 5;
const AFTER_BACKUP = 5;
const AFTER_RESTORE = 5;
/** Well below the submission reconciler's 60 s grace: a lost event must not wait for it. */
const OPENED_WITHIN_MS = 45_000;

const run = promisify(execFile);

describe('the database restored from a backup while Redis keeps its jobs', () => {
  it('matches every request once: those waiting in the backup, and those placed after the restore', async () => {
    const scene = useScene('fault 6');
    const { database, env } = await scene.stores();
    let api = await scene.api(env);
    const token = await bearerToken(api.origin, 'ent.demo');
    const submit = async (n: number) => {
      const ids: string[] = [];
      for (let i = 0; i < n; i++) {
        const answer = await submitRequest(api.origin, token, randomUUID());
        expect(answer.status).toBe(201);
        ids.push(answer.body.id as string);
      }
      return ids;
    };

    // Requests placed while no worker runs wait for the matcher; the backup is taken then.
    const waiting = await submit(WAITING_AT_BACKUP);
    const backupDir = mkdtempSync(path.join(tmpdir(), 'lcfin-chaos-backup-'));
    scene.defer(async () => rmSync(backupDir, { recursive: true, force: true }));
    const backup = path.join(backupDir, 'lcfin.dump');
    await run('pg_dump', ['-Fc', '-f', backup, database.url]);
    scene.log(`${WAITING_AT_BACKUP} requests waiting for the matcher; backed up`);

    // The platform goes on: the waiting requests and new ones are matched.
    let workers = await scene.workers(env);
    const lost = await submit(AFTER_BACKUP);
    await openedOnce(database, [...waiting, ...lost]);
    const beforeRestore = (await database.query<{ id: string }>('select id::text from outbox')).map((r) => r.id);
    scene.log(`${WAITING_AT_BACKUP + AFTER_BACKUP} requests matched; the restore follows`);

    // The restore, as the README describes it: stop the platform, restore, start it again.
    await stop(api, workers);
    await run('pg_restore', ['--clean', '--if-exists', '--no-owner', '-d', database.url, backup]);
    expect(await statuses(database, [...waiting, ...lost])).toEqual(waiting.map(() => 'submitted'));
    api = await scene.api(env);
    workers = await scene.workers(env);
    scene.log('restored and restarted');

    const placed = await submit(AFTER_RESTORE);
    // New requests' events reuse outbox ids of those lost with the restore, whose jobs Redis still holds.
    const reused = (await submittedEventIds(database, placed)).filter((id) => beforeRestore.includes(id));
    expect(reused.length).toBeGreaterThan(0);
    await openedOnce(database, [...waiting, ...placed]);
    expect(await statuses(database, lost)).toEqual([]);
    expect(workers.running() && api.running()).toBe(true);
    scene.log(`every restored and new request matched exactly once (${reused.length} outbox ids used again)`);
  });
});

async function stop(...processes: PlatformProcess[]): Promise<void> {
  for (const p of processes) p.kill('SIGTERM');
  const exits = await Promise.all(processes.map((p) => p.exited));
  expect(exits.map((e) => e.code)).toEqual(processes.map(() => 0));
}

async function statuses(database: PrivateDatabase, ids: string[]): Promise<string[]> {
  const rows = await database.query<{ status: string }>(
    `select status from loan_requests where id = any($1::uuid[]) order by created_at`,
    [ids],
  );
  return rows.map((r) => r.status);
}

async function submittedEventIds(database: PrivateDatabase, ids: string[]): Promise<string[]> {
  const rows = await database.query<{ id: string }>(
    `select id::text from outbox where event_type = 'loan_request.submitted' and aggregate_id = any($1::text[])`,
    [ids],
  );
  return rows.map((r) => r.id);
}

/** Each request opened in the pool, by exactly one matcher run: one timeline entry, one `opened` event. */
async function openedOnce(database: PrivateDatabase, ids: string[]): Promise<void> {
  await eventually(async () => {
    const open = await statuses(database, ids);
    return open.length === ids.length && open.every((s) => s === 'open') ? true : undefined;
  }, OPENED_WITHIN_MS);
  const rows = await database.query<{ id: string; entries: number; events: number }>(
    `select r.id,
            (select count(*)::int from request_events e
              where e.request_id = r.id and e.from_status = 'submitted' and e.to_status = 'open') as entries,
            (select count(*)::int from outbox o
              where o.aggregate_id = r.id::text and o.event_type = 'loan_request.opened') as events
       from loan_requests r where r.id = any($1::uuid[])`,
    [ids],
  );
  expect(rows.filter((r) => r.entries !== 1 || r.events !== 1)).toEqual([]);
}
