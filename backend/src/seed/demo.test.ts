import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../audit/schema';
import { TRANSITIONS, type RequestStatus } from '../lifecycle/state-machine';
import type { TimelineEntry } from '../requests/views';
import { shanghaiDay } from '../requests/stage-rules';
import { users } from '../auth/schema';
import { daysBetween } from '../fiscal/rules';
import { programClaims, programEnrollments, programs, servicingReports } from '../fiscal/schema';
import { loanRequests, requestEvents, slaStages } from '../requests/schema';
import { reconcileDue } from '../sla/breaches';
import { urges } from '../supervision/schema';
import { API, createTestPlatform, type SignedIn, type TestPlatform } from '../testing/platform';
import { loadLivingDemo, LIVING_DEMO, type LivingDemoReport } from './demo';
import { fiscalBreaches } from './fiscal-invariants';

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
    // But ent.demo's loan, placed a quarter ago so that a quarter of its interest has been reported.
    const own = rows.filter(
      (r) => r.applicantName === '聊城市东昌府区鲁西机械制造有限公司' && r.status === 'disbursed',
    );
    expect(own).toHaveLength(1);
    expect(own[0]!.createdAt < new Date(NOW.getTime() - 100 * DAY)).toBe(true);
    for (const r of rows.filter((r) => r !== own[0])) {
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

  it('runs the demo’s fiscal programs: loans enrolled by their rule, claims in every state, budgets that add up', async () => {
    const db = t.platform.db;
    const all = await db.select().from(programs);
    expect(all.map((p) => [p.name, p.kind, p.region, p.status, p.budgetFen]).sort()).toEqual([
      ['冠县风险补偿资金池', 'risk_compensation', '371525', 'active', 3_510_000_000],
      ['创业担保贷款贴息', 'interest_subsidy', '371500', 'active', 1_000_000_000],
      ['政府性融资担保费补贴', 'guarantee_fee_subsidy', '371500', 'active', 300_000_000],
    ]);
    const byKind = new Map(all.map((p) => [p.kind, p]));
    expect(byKind.get('interest_subsidy')).toMatchObject({
      policyRef: '聊财金〔2026〕18号',
      startsOn: '2026-01-01',
      endsOn: '2028-12-31',
      terms: { subsidyRateBp: 150, perBorrowerCapPerYearFen: 2_000_000 },
    });
    expect(byKind.get('risk_compensation')!.terms).toEqual({ lossShareBp: 4_000, capPerLoanFen: 200_000_000 });
    expect(byKind.get('guarantee_fee_subsidy')!.terms).toEqual({ feeCapBp: 50 });
    expect(await fiscalBreaches(db)).toEqual([]);

    const enrolled = await db.select().from(programEnrollments);
    expect(report!.fiscal).toMatchObject({ programs: 3, enrolments: enrolled.length });
    for (const p of all) expect(enrolled.filter((e) => e.programId === p.id).length, p.name).toBeGreaterThan(0);
    // bureau.city reviews, bureau.checker checks: the two-person rule with the demo's own accounts.
    const claims = await db.select().from(programClaims);
    const states = new Set(claims.map((c) => c.status));
    const byStatus: Record<string, number> = {};
    for (const c of claims) byStatus[c.status] = (byStatus[c.status] ?? 0) + 1;
    console.info('living demo, fiscal:', report!.fiscal, 'claims', byStatus);
    for (const status of ['submitted', 'reviewed', 'approved', 'paid'])
      expect(states.has(status as never), status).toBe(true);
    const [city, checker] = await Promise.all(
      ['bureau.city', 'bureau.checker'].map(
        async (u) => (await db.select().from(users).where(eq(users.username, u)))[0]!.id,
      ),
    );
    const checked = claims.filter((c) => c.checkedBy !== null);
    expect(checked.length).toBeGreaterThan(0);
    for (const c of checked) expect([c.reviewedBy, c.checkedBy].sort()).toEqual([city, checker].sort());
    const subsidy = byKind.get('interest_subsidy')!;
    const paid = claims.filter((c) => c.programId === subsidy.id && c.status === 'paid');
    expect(subsidy.paidFen).toBe(paid.reduce((sum, c) => sum + c.amountFen, 0));
    expect(subsidy.paidFen).toBeGreaterThan(0);
    for (const action of ['servicing.report', 'claim.submit', 'claim.review', 'claim.check', 'claim.pay'] as const) {
      const [n] = await db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, action));
      expect(n!.n, action).toBeGreaterThan(0);
    }
  });

  it('leaves ent.demo its small loan’s first quarter reported under the 贴息 program, for it to claim', async () => {
    const db = t.platform.db;
    const [loan] = await db
      .select()
      .from(loanRequests)
      .where(
        and(eq(loanRequests.applicantName, '聊城市东昌府区鲁西机械制造有限公司'), eq(loanRequests.status, 'disbursed')),
      );
    expect(loan!.disbursedAmount).toBeLessThanOrEqual(200_000);
    const enrolments = await db
      .select({ name: programs.name })
      .from(programEnrollments)
      .innerJoin(programs, eq(programs.id, programEnrollments.programId))
      .where(eq(programEnrollments.requestId, loan!.id));
    expect(enrolments.map((e) => e.name)).toContain('创业担保贷款贴息');
    // Its bank settles interest by the quarter (on 20 March, June, September and December).
    const [first] = await db.select().from(servicingReports).where(eq(servicingReports.requestId, loan!.id));
    expect(first).toMatchObject({
      periodStart: loan!.valueDate,
      status: 'normal',
      outstandingPrincipal: loan!.disbursedAmount,
    });
    expect(first!.periodEnd).toMatch(/^\d{4}-(03|06|09|12)-21$/);
    expect(daysBetween(first!.periodStart, first!.periodEnd)).toBeGreaterThan(20);
    expect(first!.interestPaidFen).toBeGreaterThan(0);
    expect(await db.select().from(programClaims).where(eq(programClaims.requestId, loan!.id))).toEqual([]);
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
