import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { eventually } from '@lcfin/backend/testing/eventually';
import { drained, useScene, type PrivateDatabase } from './harness';

/**
 * Fault 2: the workers process is killed with SIGKILL while it is recording the reminders and
 * breaches of 1,000 deadlines falling due within seconds (real clock), and started again. Timers
 * (delayed jobs), the stalled jobs of the killed process and the reconciler then race for the same
 * deadlines; each reminder and each breach must still be recorded exactly once.
 */
const DEADLINES = 1_000;
/** Time for the relay to turn 1,000 outbox events into timers before the first reminder is due. */
const FIRST_REMINDER_IN_MS = 3_000;
const REMINDERS_SPREAD_MS = 3_000;
const BREACH_AFTER_REMINDER_MS = 4_000;
/** Killed once this many reminders are recorded: in the middle of the work. */
const KILL_AFTER_REMINDERS = 300;
const DOWN_MS = 3_000;

describe('a worker killed with SIGKILL mid-processing', () => {
  it('records every one of 1,000 reminders and breaches exactly once after a restart', async () => {
    const scene = useScene('fault 2');
    const { database, env } = await scene.stores();
    const first = await scene.workers(env);

    await createDueDeadlines(database);
    scene.log('workers started; 1,000 deadlines written');
    await eventually(
      async () => ((await progress(database)).reminded >= KILL_AFTER_REMINDERS ? true : undefined),
      60_000,
    );
    first.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    const atKill = await progress(database);
    // Killed in the middle: some reminders recorded, not every breach.
    expect(atKill.reminded).toBeGreaterThan(0);
    expect(atKill.breached).toBeLessThan(DEADLINES);
    scene.log(`killed after ${atKill.reminded} reminders and ${atKill.breached} breaches`);
    await sleep(DOWN_MS);

    const second = await scene.workers(env);
    await eventually(async () => {
      const { reminded, breached } = await progress(database);
      return reminded === DEADLINES && breached === DEADLINES ? true : undefined;
    }, 60_000);
    scene.log('restarted; every reminder and breach recorded');
    // Let every timer, including the killed process's stalled ones, run to its end before counting.
    const queues = scene.queues(env);
    await eventually(async () => ((await drained(queues.slaTimers)) ? true : undefined), 90_000);
    scene.log('every timer job has run');

    // Exactly once: one alert event per deadline and kind, and one notification per recipient.
    const alerts = await database.query<{ kind: string; deadlines: number; events: number }>(
      `select payload->>'kind' as kind, count(distinct aggregate_id)::int as deadlines, count(*)::int as events
         from outbox where event_type = 'sla.alerted' group by 1 order by 1`,
    );
    expect(alerts).toEqual([
      { kind: 'sla.breach', deadlines: DEADLINES, events: DEADLINES },
      { kind: 'sla.reminder', deadlines: DEADLINES, events: DEADLINES },
    ]);
    const [recipients] = await database.query<{ breach: number }>(
      `select count(*)::int as breach from users u, institutions i
        where i.name = '聊城农商银行' and u.status = 'active'
          and ((u.role = 'institution_admin' and u.institution_id = i.id) or (u.role = 'bureau' and u.region_code = '371502'))`,
    );
    const notified = await database.query<{ kind: string; n: number }>(
      `select kind, count(*)::int as n from notifications where kind in ('sla.breach', 'sla.reminder') group by 1 order by 1`,
    );
    expect(notified).toEqual([
      { kind: 'sla.breach', n: DEADLINES * recipients!.breach },
      { kind: 'sla.reminder', n: DEADLINES },
    ]);
    expect(second.running()).toBe(true);
    scene.log(`each of the ${DEADLINES} reminders and breaches recorded exactly once`);
  });
});

/**
 * 1,000 claimed requests of 聊城农商银行 whose contact stage falls due within seconds, written as the
 * platform writes a stage: the row and its `sla.timers_needed` outbox event in one statement.
 */
async function createDueDeadlines(database: PrivateDatabase): Promise<void> {
  const firstReminder = new Date(Date.now() + FIRST_REMINDER_IN_MS);
  const stepMs = REMINDERS_SPREAD_MS / DEADLINES;
  await database.query(
    `with officer as (
       select u.id, u.institution_id from users u where u.username = 'officer.lcrcb'
     ), applicant as (
       select id from users where username = 'ent.demo'
     ), requests as (
       insert into loan_requests (applicant_id, customer_type, applicant_name, amount, term_months, purpose, collateral,
                                  county, industry, contact_name, contact_phone, status, pool_tier, sla_policy_version,
                                  claimed_institution_id, claimed_officer_id, claimed_at)
       select applicant.id, 'enterprise', '聊城故障测试有限公司', 500000, 12, '故障测试', 'credit', '371502', 'C',
              '王经理', '13800138000', 'claimed', 'county', (select max(version) from sla_policies),
              officer.institution_id, officer.id, now()
         from generate_series(1, $1::int), officer, applicant
       returning id, claimed_institution_id, sla_policy_version
     ), stages as (
       insert into sla_stages (request_id, stage, attempt, policy_version, owner_institution_id, started_at, remind_at, due_at)
       select id, 'contact', 1, sla_policy_version, claimed_institution_id, now(),
              $2::timestamptz + (n - 1) * $3::double precision * interval '1 millisecond',
              $2::timestamptz + ((n - 1) * $3::double precision + $4::int) * interval '1 millisecond'
         from (select *, row_number() over () as n from requests) numbered
       returning id, request_id, remind_at, due_at
     )
     insert into outbox (event_type, aggregate_id, payload)
     select 'sla.timers_needed', request_id::text, jsonb_build_object('timers', jsonb_build_array(
              jsonb_build_object('kind', 'remind', 'id', id, 'at', to_json(remind_at)),
              jsonb_build_object('kind', 'breach', 'id', id, 'at', to_json(due_at))))
       from stages`,
    [DEADLINES, firstReminder.toISOString(), stepMs, BREACH_AFTER_REMINDER_MS],
  );
}

async function progress(database: PrivateDatabase): Promise<{ reminded: number; breached: number }> {
  const [row] = await database.query<{ reminded: number; breached: number }>(
    `select count(reminded_at)::int as reminded, count(breached_at)::int as breached from sla_stages`,
  );
  return row!;
}
