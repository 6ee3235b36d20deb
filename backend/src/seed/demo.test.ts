import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../audit/schema';
import { TRANSITIONS, type RequestStatus } from '../lifecycle/state-machine';
import type { TimelineEntry } from '../requests/views';
import { shanghaiDay } from '../requests/stage-rules';
import { loanRequests, requestEvents, slaStages } from '../requests/schema';
import { reconcileDue } from '../sla/breaches';
import { urges } from '../supervision/schema';
import { API, createTestPlatform, type SignedIn, type TestPlatform } from '../testing/platform';
import { loadLivingDemo, LIVING_DEMO, type LivingDemoReport } from './demo';

/** A Wednesday morning: the six weeks before it include the National Day holidays (1–8 October 2026). */
const NOW = new Date('2026-11-18T10:30:00+08:00');
const DAY = 86_400_000;
/** Requests are placed on the days of the window: at any time of its first day. */
const WINDOW_START = new Date(NOW.getTime() - (LIVING_DEMO.days + 1) * DAY);
const LAST_FOUR_WEEKS = 'from=2026-10-22&to=2026-11-18';

let t: TestPlatform;
let report: LivingDemoReport | null;
let city: SignedIn;
const get = (who: SignedIn, path: string) => who.agent.get(`${API}${path}`).expect(200);

beforeAll(async () => {
  t = await createTestPlatform();
  t.setNow(NOW);
  report = await loadLivingDemo(t.platform.db, { now: t.now(), calendar: t.platform.sla.calendar });
  city = await t.signIn('bureau.city');
}, 120_000);
afterAll(() => t?.close());

/** The change a timeline entry records that its applicant is told of (not their own submit, cancel or reopen). */
function toldOf(e: TimelineEntry): string | null {
  if (e.to === 'open') {
    if (e.from === 'submitted') return 'open';
    if (e.from === 'open') return e.data?.tier === 'city' ? 'escalate' : 'endExclusive';
    return null;
  }
  if (e.to === 'claimed') return e.note === TRANSITIONS.assign.note ? 'assign' : 'claim';
  const told: Partial<Record<RequestStatus, string>> = {
    contacted: 'contact',
    investigated: 'investigate',
    approved: 'approve',
    rejected: 'reject',
    disbursed: 'disburse',
    expired: 'expire',
  };
  return told[e.to] ?? null;
}

const byTime = (a: { createdAt: string; kind: string }, b: { createdAt: string; kind: string }) =>
  a.createdAt.localeCompare(b.createdAt) || a.kind.localeCompare(b.kind);

describe('the living demo', () => {
  it('places requests in every state over the last six weeks, none after now', async () => {
    expect(report!.requests).toBeGreaterThan(300);
    for (const status of [
      'open',
      'claimed',
      'contacted',
      'investigated',
      'approved',
      'rejected',
      'disbursed',
      'cancelled',
    ]) {
      expect(report!.byStatus[status as keyof LivingDemoReport['byStatus']] ?? 0, status).toBeGreaterThan(0);
    }
    const rows = await t.platform.db.select().from(loanRequests);
    for (const r of rows) {
      expect(r.createdAt >= WINDOW_START && r.createdAt < NOW && r.updatedAt <= NOW, r.id).toBe(true);
    }
    // Every request was placed and opened at least: two timeline entries each.
    const [events] = await t.platform.db.select({ n: count() }).from(requestEvents);
    expect(events!.n).toBeGreaterThan(report!.requests * 2);
    console.info(`living demo: ${report!.requests} requests in ${(report!.ms / 1000).toFixed(1)} s`, report!.byStatus);
  });

  it('records breaches as the SLA timers would: every breached stage was overdue when breached', async () => {
    const stages = await t.platform.db.select().from(slaStages);
    const breached = stages.filter((s) => s.outcome === 'breached');
    expect(breached.length).toBe(report!.breaches);
    expect(breached.length).toBeGreaterThan(0);
    for (const s of breached) expect(s.breachedAt! > s.dueAt && s.breachedAt! <= NOW, s.id).toBe(true);
    for (const s of stages.filter((s) => s.outcome !== 'breached')) {
      expect(s.breachedAt).toBeNull();
      if (s.completedAt === null) expect(s.dueAt > NOW || s.breachedAt !== null, s.id).toBe(true);
    }
    // Nothing was left due for the timers: the reconciler at now finds no breach to record.
    const reconciled = await reconcileDue(t.platform.db, t.platform.sla);
    expect(reconciled.breaches).toBe(0);
  });

  it('shows the bureau true figures for the last four weeks', async () => {
    const { body } = await get(city, `/supervision/overview?${LAST_FOUR_WEEKS}&interval=week`);
    expect(body.requests).toBeGreaterThan(100);
    expect(body.claimed).toBeGreaterThan(0);
    expect(body.disbursed).toBeGreaterThan(0);
    expect(body.disbursedAmount).toBeGreaterThan(0);
    expect(body.escalated).toBeGreaterThan(0);
    expect(body.byCounty.filter((c: { requests: number }) => c.requests > 0).length).toBeGreaterThan(4);
    expect(body.trend.filter((w: { requests: number }) => w.requests > 0).length).toBeGreaterThanOrEqual(4);
    expect(body.requests).toBeLessThan(report!.requests);
    // The institutions and products the requests were placed on were there before them.
    expect(body.institutions).toBe(32);
    expect(body.listedProducts).toBeGreaterThan(0);
    expect(body.change.institutions).toBe(0);

    const sla = await get(city, `/supervision/sla?${LAST_FOUR_WEEKS}&groupBy=institution`);
    for (const stage of ['respond', 'contact', 'decide'] as const) {
      expect(sla.body.stages[stage].completed, stage).toBeGreaterThan(0);
      expect(sla.body.stages[stage].onTimeRate, stage).toBeGreaterThan(0.5);
    }
    expect(
      sla.body.stages.respond.breaches + sla.body.stages.contact.breaches + sla.body.stages.decide.breaches,
    ).toBeGreaterThan(0);
    expect(sla.body.rankings.best.length).toBeGreaterThan(0);
    expect(sla.body.rankings.worst.length).toBeGreaterThan(0);

    const month = await get(city, '/supervision/overview?from=2026-11-01&to=2026-11-30');
    expect(month.body.requests).toBeGreaterThan(0);
  });

  it('lists breaches that were overdue, with urges by the bureaus and the acknowledgements', async () => {
    const { body } = await get(city, '/supervision/breaches?pageSize=100');
    expect(body.total).toBe(report!.breaches);
    for (const b of body.items) {
      expect(new Date(b.breachedAt) > new Date(b.dueAt), b.id).toBe(true);
      expect(new Date(b.dueAt) < NOW && new Date(b.startedAt) >= WINDOW_START, b.id).toBe(true);
    }
    expect(body.items.some((b: { status: string }) => b.status === 'open')).toBe(true);
    expect(body.items.some((b: { urge: unknown }) => b.urge !== null)).toBe(true);

    const all = await get(city, '/supervision/urges?pageSize=100');
    expect(all.body.total).toBe(report!.urges);
    const states = new Set(all.body.items.map((u: { state: string }) => u.state));
    expect((states.has('resolved') && states.has('acknowledged')) || states.has('open')).toBe(true);
    for (const u of all.body.items) expect(new Date(u.urgedAt) < NOW, u.id).toBe(true);
    const guanxian = await t.signIn('bureau.guanxian');
    const county = await get(guanxian, '/supervision/urges?pageSize=100');
    expect(
      county.body.items.every(
        (u: { urgedBy: { displayName: string } }) => u.urgedBy.displayName === '冠县地方金融管理局',
      ),
    ).toBe(true);

    const [audited] = await t.platform.db
      .select({ n: count() })
      .from(auditLog)
      .where(eq(auditLog.action, 'urge.create'));
    expect(audited!.n).toBe(report!.urges);
    const [claims] = await t.platform.db
      .select({ n: count() })
      .from(auditLog)
      .where(eq(auditLog.action, 'request.claim'));
    expect(claims!.n).toBeGreaterThan(0);
  });

  it('gives the demo accounts a few requests of their own, in plain states', async () => {
    const ent = await t.signIn('ent.demo');
    const mine = await get(ent, '/loan-requests?pageSize=100');
    expect(mine.body.items.map((r: { status: string }) => r.status).sort()).toEqual(
      expect.arrayContaining(['disbursed', 'open']),
    );
    expect(mine.body.total).toBe(3);
    expect(mine.body.items.some((r: { status: string }) => ['contacted', 'investigated'].includes(r.status))).toBe(
      true,
    );

    const ind = await t.signIn('ind.demo');
    expect((await get(ind, '/loan-requests')).body.items.map((r: { status: string }) => r.status)).toEqual([
      'approved',
    ]);

    const officer = await t.signIn('officer.lcrcb');
    const orders = await get(officer, '/loan-requests?pageSize=100');
    expect(orders.body.total).toBeGreaterThanOrEqual(3);
    expect(orders.body.total).toBeLessThanOrEqual(8);
    const pool = await get(officer, '/pool');
    expect(pool.body.items.length).toBeGreaterThan(0);
  });

  it('tells the demo applicants of every step of their own requests, as the workers would have', async () => {
    for (const username of ['ent.demo', 'ind.demo']) {
      const applicant = await t.signIn(username);
      const notices = (await get(applicant, '/notifications?pageSize=100')).body;
      const requests = (await get(applicant, '/loan-requests?pageSize=100')).body.items as { id: string }[];
      // One notice for each change of their requests they did not make themselves, dated when it happened.
      const expected: { kind: string; createdAt: string; requestId: string }[] = [];
      for (const { id } of requests) {
        const { body: timeline } = await get(applicant, `/loan-requests/${id}/timeline`);
        for (const e of timeline.items as TimelineEntry[]) {
          // Contact and investigation record the visit, on the day they were recorded.
          if (e.to === 'contacted' || e.to === 'investigated') {
            expect(e.data?.visitDate, e.at).toBe(shanghaiDay(new Date(e.at)));
          }
          const action = toldOf(e);
          if (action) expected.push({ kind: `progress.${action}`, createdAt: e.at, requestId: id });
        }
      }
      expect(expected.length, username).toBeGreaterThan(1);
      const told = (notices.items as { kind: string; createdAt: string; params: { requestId: string } }[]).map((n) => ({
        kind: n.kind,
        createdAt: n.createdAt,
        requestId: n.params.requestId,
      }));
      expect(told.sort(byTime), username).toEqual(expected.sort(byTime));
      expect(notices.unread, username).toBe(expected.length);
    }
    const ent = await t.signIn('ent.demo');
    const kinds = (await get(ent, '/notifications?pageSize=100')).body.items.map((n: { kind: string }) => n.kind);
    expect(kinds).toEqual(expect.arrayContaining(['progress.open', 'progress.claim', 'progress.disburse']));
  });

  it('loads once: a second start adds nothing', async () => {
    const [before] = await t.platform.db.select({ n: count() }).from(loanRequests);
    expect(await loadLivingDemo(t.platform.db, { now: t.now(), calendar: t.platform.sla.calendar })).toBeNull();
    const [after] = await t.platform.db.select({ n: count() }).from(loanRequests);
    expect(after!.n).toBe(before!.n);
    const [urged] = await t.platform.db.select({ n: count() }).from(urges);
    expect(urged!.n).toBe(report!.urges);
  });
});
