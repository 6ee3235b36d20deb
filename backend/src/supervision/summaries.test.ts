import { and, desc, eq } from 'drizzle-orm';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGREEMENT_VERSION } from '../auth/agreements';
import { idNumberCheckCharacter } from '../auth/identifiers';
import { inTransaction } from '../db/transaction';
import { loanRequests, requestCandidates } from '../requests/schema';
import { reconcileDue } from '../sla/breaches';
import { slaStages } from '../requests/schema';
import { API, createTestPlatform, ORDINARY_NEED, post, type SignedIn, type TestPlatform } from '../testing/platform';
import { REQUEST_COUNTERS } from './figures';
import { disbursals, registrationsDaily, requestsDaily, stageTimes } from './schema';
import { ensureSupervisionSummaries, rebuildSupervisionSummaries } from './summaries';

/**
 * The summaries kept change by change must equal a recomputation from scratch, whatever
 * happened: a seeded random sequence of registrations, submissions, claims, stage steps,
 * rejections and re-openings, cancellations, escalations and assignments, with the SLA clock
 * jumping between them.
 */
let t: TestPlatform;
let ent: SignedIn;
let city: SignedIn;
const officers = new Map<string, SignedIn>();

beforeAll(async () => {
  t = await createTestPlatform();
  let lcrcb: SignedIn;
  let qilu: SignedIn;
  [ent, city, lcrcb, qilu] = await Promise.all([
    t.signIn('ent.demo'),
    t.signIn('bureau.city'),
    t.signIn('officer.lcrcb'),
    t.signIn('officer.qilu'),
  ]);
  officers.set(lcrcb.user.institutionId!, lcrcb);
  officers.set(qilu.user.institutionId!, qilu);
});
afterAll(async () => {
  await t?.close();
});

/** mulberry32: a small seeded generator, so a failure replays exactly. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** `requests_daily` per (day, county): the live hooks spread each over shards at random, the rebuild does not. */
async function requestsPerDayAndCounty() {
  const cells = new Map<string, Record<string, unknown>>();
  for (const { shard: _shard, ...row } of await t.platform.db.select().from(requestsDaily)) {
    const cell = cells.get(`${row.day}|${row.county}`);
    if (!cell) cells.set(`${row.day}|${row.county}`, row);
    else for (const c of REQUEST_COUNTERS) cell[c] = (cell[c] as number) + row[c];
  }
  return [...cells.values()];
}

async function snapshot() {
  const db = t.platform.db;
  const sorted = <T>(rows: T[]) => rows.map((r) => JSON.stringify(r)).sort();
  return {
    registrations: sorted(await db.select().from(registrationsDaily)),
    requests: sorted(await requestsPerDayAndCounty()),
    disbursals: sorted(await db.select().from(disbursals)),
    stageTimes: sorted(await db.select().from(stageTimes)),
  };
}

/**
 * Open requests the bureau may assign now: escalated city-wide and that window run out too, each
 * with the institutions that rejected it (it is never assigned back to them).
 */
async function assignable(open: (typeof loanRequests.$inferSelect)[]) {
  const db = t.platform.db;
  const now = t.now();
  const found = [];
  for (const request of open.filter((r) => r.poolTier === 'city')) {
    const [respond] = await db
      .select({ dueAt: slaStages.dueAt })
      .from(slaStages)
      .where(and(eq(slaStages.requestId, request.id), eq(slaStages.stage, 'respond')))
      .orderBy(desc(slaStages.attempt))
      .limit(1);
    if (!respond || respond.dueAt > now) continue;
    const rejections = await db
      .select({ institutionId: requestCandidates.institutionId })
      .from(requestCandidates)
      .where(and(eq(requestCandidates.requestId, request.id), eq(requestCandidates.excluded, true)));
    found.push({ ...request, rejectedBy: rejections.map((r) => r.institutionId) });
  }
  return found;
}

describe('summary tables', () => {
  it('equal a recomputation from scratch after a random sequence of changes', async () => {
    const next = random(20250312);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    const counties = ['371502', '371525', '371581'];
    const institutionIds = [...officers.keys()];
    let clock = new Date('2025-03-03T09:00:00+08:00').getTime();
    let registered = 0;

    for (let step = 0; step < 120; step++) {
      clock += pick([5, 25, 50, 130, 200, 900, 1440]) * 60_000;
      t.setNow(new Date(clock));
      const requests = await t.platform.db.select().from(loanRequests);
      const inState = (...statuses: string[]) => requests.filter((r) => statuses.includes(r.status));
      const roll = next();
      if (roll < 0.22) {
        await t.openRequest(ent, {
          ...ORDINARY_NEED,
          purpose: '流动资金周转',
          amount: 100_000 + Math.floor(next() * 90) * 10_000,
          county: pick(counties),
        });
      } else if (roll < 0.4 && inState('open').length) {
        const officer = officers.get(pick(institutionIds))!;
        const res = await post(officer, `/loan-requests/${pick(inState('open')).id}/claim`);
        expect([200, 403]).toContain(res.status);
      } else if (roll < 0.62 && inState('claimed', 'contacted', 'investigated', 'approved').length) {
        const request = pick(inState('claimed', 'contacted', 'investigated', 'approved'));
        const officer = officers.get(request.claimedInstitutionId!)!;
        const body =
          request.status === 'claimed'
            ? { to: 'contacted', visitDate: t.today() }
            : request.status === 'contacted'
              ? { to: 'investigated', visitDate: t.today() }
              : request.status === 'approved'
                ? { to: 'disbursed', disbursedAmount: request.approvedAmount! - pick([0, 10_000]) }
                : next() < 0.7
                  ? { to: 'approved', approvedAmount: request.amount, annualRate: 4.35, termMonths: 12 }
                  : { to: 'rejected', reasonCode: 'collateral', reason: '抵押物不足' };
        await post(officer, `/loan-requests/${request.id}/transition`, body).expect(200);
      } else if (roll < 0.68 && inState('rejected').length) {
        await post(ent, `/loan-requests/${pick(inState('rejected')).id}/reopen`).expect(200);
      } else if (roll < 0.74 && inState('submitted', 'open', 'claimed', 'contacted').length) {
        await post(
          ent,
          `/loan-requests/${pick(inState('submitted', 'open', 'claimed', 'contacted')).id}/cancel`,
        ).expect(200);
      } else if (roll < 0.8 && (await assignable(inState('open'))).length) {
        const request = pick(await assignable(inState('open')));
        const res = await post(city, `/loan-requests/${request.id}/assign`, {
          institutionId: pick(institutionIds.filter((id) => !request.rejectedBy.includes(id))),
        });
        expect(res.status).toBe(200);
      } else if (roll < 0.86) {
        registered++;
        const idBody = `37152519900101${String(registered).padStart(3, '0')}`;
        const visitor = supertest.agent(t.platform.app);
        const { body: csrf } = await visitor.get(`${API}/auth/csrf`);
        await visitor
          .post(`${API}/auth/register`)
          .set('x-csrf-token', csrf.csrfToken)
          .send({
            role: 'individual',
            agreementVersion: AGREEMENT_VERSION,
            username: `person${registered}`,
            password: 'secret123',
            name: '张三',
            idNumber: idBody + idNumberCheckCharacter(idBody),
            county: pick(counties),
            phone: '13900000002',
          })
          .expect(201);
      } else {
        await reconcileDue(t.platform.db, t.platform.sla);
      }
    }

    const kept = await snapshot();
    // The sequence exercised every kind of change the summaries count.
    const sum = (counter: keyof typeof requestsDaily.$inferSelect) =>
      kept.requests.map((r) => JSON.parse(r)[counter] as number).reduce((a, b) => a + b, 0);
    for (const counter of ['submitted', 'claimed', 'assigned', 'approved', 'rejected', 'reopened'] as const) {
      expect(sum(counter), counter).toBeGreaterThan(0);
    }
    expect(sum('cancelled')).toBeGreaterThan(0);
    expect(sum('escalated')).toBeGreaterThan(0);
    expect(kept.registrations.length).toBeGreaterThan(1);
    expect(kept.disbursals.length).toBeGreaterThan(0);
    expect(kept.stageTimes.some((r) => r.includes('"breached"'))).toBe(true);
    expect(kept.stageTimes.some((r) => r.includes('"on_time"'))).toBe(true);

    await inTransaction(t.platform.db, (tx) => rebuildSupervisionSummaries(tx, t.platform.sla.calendar));
    expect(await snapshot()).toEqual(kept);

    // A database with data but no summaries (one that predates them) gets them built at start, once.
    await t.platform.db.delete(registrationsDaily);
    await t.platform.db.delete(requestsDaily);
    await t.platform.db.delete(disbursals);
    await t.platform.db.delete(stageTimes);
    expect(await ensureSupervisionSummaries(t.platform.db, t.platform.sla.calendar)).toBe(true);
    expect(await snapshot()).toEqual(kept);
    expect(await ensureSupervisionSummaries(t.platform.db, t.platform.sla.calendar)).toBe(false);
    // A hundred-odd real API calls on a shared, loaded machine: minutes rather than seconds.
  }, 300_000);
});
