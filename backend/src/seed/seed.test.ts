import { asc, eq, like, sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isMainlandMobile, isValidIdNumber, isValidUscc } from '../auth/identifiers';
import { verifyPassword } from '../auth/passwords';
import { enterpriseProfiles, individualProfiles, users } from '../auth/schema';
import { DEMO_PRODUCTS } from '../catalog/demo-products';
import { fits, listingProblems } from '../catalog/rules';
import { products } from '../catalog/schema';
import { searchTextOf } from '../catalog/search';
import { daysBetween } from '../fiscal/rules';
import { programClaims, programEnrollments, programLedger, programs, servicingReports } from '../fiscal/schema';
import { institutions } from '../institutions/schema';
import { REFERENCE_DATA } from '../reference/load';
import { loanRequests, requestEvents } from '../requests/schema';
import { reconcileDue } from '../sla/breaches';
import { dayStageDeadline, respondDeadlines } from '../sla-policy/deadlines';
import { slaStages } from '../requests/schema';
import { policyVersion } from '../sla-policy/policy';
import { API, createTestPlatform, ORDINARY_NEED, post, type TestPlatform } from '../testing/platform';
import { settleDisbursedTotal, type SimulatedRequest } from './history';
import { DEFAULT_SEED, generateLiaocheng, HISTORY, LIAOCHENG_PEOPLE_SMALL, LIAOCHENG_SCALE } from './liaocheng';
import { loadLiaochengSeed, SeedError, type SeedReport } from './load';
import { fiscalBreaches } from './fiscal-invariants';
import { seededEnterprise, seededIndividual, UNUSABLE_PASSWORD_HASH } from './people';

const ALL_COUNTIES = REFERENCE_DATA.counties.map((c) => c.code);
/**
 * The full published scale (286,000 accounts, about 10,000 requests) takes minutes to load on a
 * busy machine, too slow for the suite: these tests seed a hundredth of the people and money
 * (2,740 individuals, 120 enterprises, 22,500,000 yuan) over the same catalog, with the same code.
 */
const SMALL = { people: LIAOCHENG_PEOPLE_SMALL };

/** The seed writes behind the API's back, as another process would: read the catalog afresh. */
async function totals(t: TestPlatform) {
  t.platform.catalog.invalidate();
  const inst = await t.api.get(`${API}/institutions?pageSize=1`).expect(200);
  const prod = await t.api.get(`${API}/products?pageSize=1`).expect(200);
  return { institutions: inst.body.total as number, products: prod.body.total as number };
}

async function search(t: TestPlatform, q: string): Promise<string[]> {
  t.platform.catalog.invalidate();
  const res = await t.api.get(`${API}/products?pageSize=100&q=${encodeURIComponent(q)}`).expect(200);
  return res.body.items.map((p: { name: string }) => p.name);
}

/** How many applicants of each kind, and the disbursed total, as the database holds them. */
async function people(t: TestPlatform) {
  const db = t.platform.db;
  const [row] = await db
    .select({
      enterprises: sql<number>`count(*) filter (where ${users.role} = 'enterprise')`.mapWith(Number),
      individuals: sql<number>`count(*) filter (where ${users.role} = 'individual')`.mapWith(Number),
    })
    .from(users);
  const [money] = await db
    .select({ disbursed: sql<number>`coalesce(sum(${loanRequests.disbursedAmount}), 0)`.mapWith(Number) })
    .from(loanRequests)
    .where(eq(loanRequests.status, 'disbursed'));
  return { ...row!, disbursed: money!.disbursed };
}

/** A digest of everything the seed generated, ids included: equal digests, equal data. */
async function digest(t: TestPlatform) {
  const db = t.platform.db;
  const md5 = (rows: SQL, order: SQL) => sql<string>`md5(string_agg(${rows}, ',' order by ${order}))`;
  const [accounts] = await db
    .select({
      d: md5(
        sql`concat_ws('|', ${users.id}, ${users.username}, ${users.displayName}, ${users.regionCode}, ${users.createdAt},
          ${enterpriseProfiles.uscc}, ${enterpriseProfiles.industry}, ${individualProfiles.idNumber})`,
        sql`${users.username}`,
      ),
    })
    .from(users)
    .leftJoin(enterpriseProfiles, eq(enterpriseProfiles.userId, users.id))
    .leftJoin(individualProfiles, eq(individualProfiles.userId, users.id))
    .where(like(users.username, 'seed.%'));
  const [requests] = await db
    .select({
      d: md5(
        sql`concat_ws('|', ${loanRequests.id}, ${loanRequests.amount}, ${loanRequests.status}, ${loanRequests.disbursedAmount},
          ${loanRequests.createdAt}, ${loanRequests.updatedAt}, ${institutions.name})`,
        sql`${loanRequests.id}`,
      ),
    })
    .from(loanRequests)
    .leftJoin(institutions, eq(institutions.id, loanRequests.claimedInstitutionId));
  const [events] = await db
    .select({
      d: md5(
        sql`concat_ws('|', ${requestEvents.requestId}, ${requestEvents.toStatus}, ${requestEvents.at}, ${requestEvents.data})`,
        sql`${requestEvents.requestId}, ${requestEvents.id}`,
      ),
    })
    .from(requestEvents);
  const [stages] = await db
    .select({
      d: md5(
        sql`concat_ws('|', ${slaStages.requestId}, ${slaStages.stage}, ${slaStages.attempt}, ${slaStages.dueAt},
          ${slaStages.completedAt}, ${slaStages.outcome})`,
        sql`${slaStages.requestId}, ${slaStages.stage}, ${slaStages.attempt}`,
      ),
    })
    .from(slaStages);
  const [claims] = await db
    .select({
      d: md5(
        sql`concat_ws('|', ${programClaims.id}, ${programClaims.requestId}, ${programClaims.amountFen}, ${programClaims.status},
          ${programClaims.periodStart}, ${servicingReports.status}, ${servicingReports.interestPaidFen})`,
        sql`${programClaims.id}`,
      ),
    })
    .from(programClaims)
    .innerJoin(servicingReports, eq(servicingReports.id, programClaims.reportId));
  return { accounts: accounts!.d, requests: requests!.d, events: events!.d, stages: stages!.d, claims: claims!.d };
}

describe('the generator', () => {
  const dataset = generateLiaocheng();

  it('is deterministic for a seed, and another seed gives another dataset', () => {
    expect(generateLiaocheng(DEFAULT_SEED)).toEqual(dataset);
    const other = generateLiaocheng(DEFAULT_SEED + 1);
    expect(other).not.toEqual(dataset);
    expect(other.institutions).toHaveLength(dataset.institutions.length);
  });

  it('adds unique institutions that reach the published 186 with the reference data', () => {
    const names = [...REFERENCE_DATA.institutions.map((i) => i.name), ...dataset.institutions.map((i) => i.name)];
    expect(new Set(names).size).toBe(names.length);
    expect(names).toHaveLength(LIAOCHENG_SCALE.institutions);
    for (const i of dataset.institutions) {
      if (i.level === 'sub_branch') expect(names.indexOf(i.parentName!)).toBeLessThan(names.indexOf(i.name));
      expect(i.countiesServed.every((c) => ALL_COUNTIES.includes(c))).toBe(true);
    }
    // Every county has its own sub-branches, a village bank and a guarantee company.
    for (const county of ALL_COUNTIES) {
      const here = dataset.institutions.filter((i) => i.regionCode === county);
      expect(here.filter((i) => i.level === 'sub_branch').length).toBeGreaterThan(5);
      expect(here.some((i) => i.type === 'village_bank')).toBe(true);
      expect(here.some((i) => i.type === 'guarantee')).toBe(true);
    }
    expect(names).toContain('中国农业银行冠县支行');
    expect(names).toContain('齐鲁银行临清支行');
  });

  it('lists products that are complete, plausible and unique per institution', () => {
    const keys = dataset.products.map((p) => `${p.institution}/${p.name}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(dataset.products.length).toBeGreaterThan(LIAOCHENG_SCALE.listedProducts);
    for (const p of dataset.products) {
      expect(listingProblems({ ...p, status: 'listed' }), `${p.institution} ${p.name}`).toEqual([]);
      expect(p.minRateBp).toBeGreaterThanOrEqual(320);
      expect(p.maxRateBp).toBeLessThanOrEqual(800);
      if (p.customerTypes.includes('farmer')) expect(p.maxAmount).toBeLessThanOrEqual(500_000);
      expect(p.maxAmount).toBeLessThanOrEqual(50_000_000);
      expect(p.description.length).toBeGreaterThan(10);
    }
    const first = dataset.products.slice(0, DEMO_PRODUCTS.length).map((p) => p.name);
    expect(first).toEqual(DEMO_PRODUCTS.map((p) => p.name));
  });

  it('makes applicants with valid, distinct identity numbers, in registration order, the same for a seed', () => {
    const individuals = Array.from({ length: 30_000 }, (_, i) => seededIndividual(DEFAULT_SEED, i + 1, 30_000));
    const enterprises = Array.from({ length: 3_000 }, (_, i) => seededEnterprise(DEFAULT_SEED, i + 1, 3_000));
    // Each check lists the accounts that fail it: none should.
    expect(individuals.filter((p) => !isValidIdNumber(p.idNumber) || !p.idNumber.startsWith(p.regionCode))).toEqual([]);
    expect(enterprises.filter((p) => !isValidUscc(p.uscc) || p.uscc.slice(2, 8) !== p.regionCode)).toEqual([]);
    const everyone = [...individuals, ...enterprises];
    expect(everyone.filter((p) => !isMainlandMobile(p.phone) || !ALL_COUNTIES.includes(p.regionCode))).toEqual([]);
    expect(everyone.filter((p) => p.displayName.length < 2)).toEqual([]);
    expect(everyone.filter((p) => p.createdAt < HISTORY.start || p.createdAt >= HISTORY.end)).toEqual([]);
    expect(new Set(individuals.map((p) => p.idNumber)).size).toBe(individuals.length);
    expect(new Set(enterprises.map((p) => p.uscc)).size).toBe(enterprises.length);
    expect(new Set(individuals.map((p) => p.id)).size).toBe(individuals.length);
    const dates = individuals.map((p) => p.createdAt.getTime());
    expect(dates).toEqual([...dates].sort((a, b) => a - b));
    expect(seededIndividual(DEFAULT_SEED, 7, 30_000)).toEqual(individuals[6]);
    expect(seededIndividual(DEFAULT_SEED + 1, 7, 30_000)).not.toEqual(individuals[6]);
  }, 60_000);

  it('gives generated accounts a password hash that nothing matches, checked at the usual cost', async () => {
    for (const password of ['demo1234', '', 'seeded']) {
      expect(await verifyPassword(password, UNUSABLE_PASSWORD_HASH)).toBe(false);
    }
  });

  describe('settling the disbursed total', () => {
    /** Disbursed loans of these amounts, each from a product whose minimum is `min`. */
    const loans = (amounts: number[], min: number): SimulatedRequest[] =>
      amounts.map((amount, i) => ({
        request: { disbursedAmount: amount } as SimulatedRequest['request'],
        events: [
          {
            requestId: `r${i}`,
            toStatus: 'disbursed',
            data: { disbursedAmount: amount },
            at: HISTORY.start,
            action: 'disburse',
            enteredTier: null,
          },
        ],
        stages: [],
        audits: [],
        candidates: [],
        productMinAmount: min,
      }));
    const amounts = (settled: SimulatedRequest[]) => settled.map((s) => s.request.disbursedAmount);

    it('takes the overshoot from the last loan', () => {
      const settled = loans([300_000, 200_000, 500_000], 100_000);
      settleDisbursedTotal(settled, 123_457);
      expect(amounts(settled)).toEqual([300_000, 200_000, 376_543]);
      expect(settled[2]!.events[0]!.data).toEqual({ disbursedAmount: 376_543 });
    });

    it('keeps the last loan at its product’s minimum, taking the rest from the loans before it', () => {
      const settled = loans([300_000, 150_000, 500_000], 100_000);
      settleDisbursedTotal(settled, 450_000);
      expect(amounts(settled)).toEqual([300_000, 100_000, 100_000]);
      expect(amounts(settled).reduce((a, b) => a! + b!, 0)).toBe(950_000 - 450_000);
    });

    it('leaves a partial drawdown on the last loan when the others are at their minimum', () => {
      const settled = loans([100_000, 500_000], 100_000);
      settleDisbursedTotal(settled, 499_000);
      expect(amounts(settled)).toEqual([100_000, 1_000]);
    });
  });
});

describe('seeding a database with the demo data', () => {
  let t: TestPlatform;
  let before: Awaited<ReturnType<typeof totals>>;
  let seeded: SeedReport;
  /** What ent.demo had already borrowed through 聊城农商银行 before the seed. */
  const ALREADY_DISBURSED = 450_000;
  beforeAll(async () => {
    t = await createTestPlatform();
    const [ent, officer] = await Promise.all([t.signIn('ent.demo'), t.signIn('officer.lcrcb')]);
    const id = await t.openRequest(ent, { ...ORDINARY_NEED, purpose: '购买数控机床，扩大产能', amount: 500_000 });
    await post(officer, `/loan-requests/${id}/claim`).expect(200);
    for (const step of [
      { to: 'contacted', visitDate: t.today() },
      { to: 'investigated', visitDate: t.today() },
      { to: 'approved', approvedAmount: ALREADY_DISBURSED, annualRate: 4.15, termMonths: 12 },
      { to: 'disbursed', disbursedAmount: ALREADY_DISBURSED },
    ]) {
      await post(officer, `/loan-requests/${id}/transition`, step).expect(200);
    }
    before = await totals(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('tops it up to the figures exactly, counting the demo accounts and what was already disbursed', async () => {
    expect(before.products).toBe(DEMO_PRODUCTS.length);
    expect(await people(t)).toEqual({ enterprises: 1, individuals: 1, disbursed: ALREADY_DISBURSED });
    const report = await loadLiaochengSeed(t.platform.db, SMALL);
    seeded = report;
    expect(report.institutions).toEqual({
      before: before.institutions,
      inserted: 186 - before.institutions,
      after: 186,
    });
    expect(report.listedProducts).toEqual({ before: before.products, inserted: 340 - before.products, after: 340 });
    expect(report.enterprises).toEqual({ before: 1, inserted: 119, after: 120 });
    expect(report.individuals).toEqual({ before: 1, inserted: 2_739, after: 2_740 });
    expect(report.disbursedYuan).toEqual({
      before: ALREADY_DISBURSED,
      inserted: 22_500_000 - ALREADY_DISBURSED,
      after: 22_500_000,
    });
    expect(report.requests).toBeGreaterThan(50);
    expect(report.officers).toBe(186);
    expect(await totals(t)).toEqual({ institutions: 186, products: 340 });
    expect(await people(t)).toEqual({ enterprises: 120, individuals: 2_740, disbursed: 22_500_000 });
  }, 120_000);

  it('runs the two years under the 2023—2025 programs: loans enrolled by their rule, quarters reported, claims mostly paid', async () => {
    const db = t.platform.db;
    expect(await fiscalBreaches(db)).toEqual([]);
    const all = await db.select().from(programs);
    expect(all.map((p) => [p.name, p.region, p.startsOn, p.endsOn]).sort()).toEqual([
      ['冠县风险补偿资金池（2023—2025年）', '371525', '2023-04-01', '2025-12-31'],
      ['创业担保贷款贴息（2023—2025年）', '371500', '2023-04-01', '2025-12-31'],
      ['政府性融资担保费补贴（2023—2025年）', '371500', '2023-04-01', '2025-12-31'],
    ]);
    // A hundredth of the money, a hundredth of the budgets.
    expect(all.find((p) => p.kind === 'risk_compensation')!.budgetFen).toBe(351_000 * 100);

    const enrolled = await db.select().from(programEnrollments);
    const reports = await db.select().from(servicingReports);
    const claims = await db.select().from(programClaims);
    console.info('Liaocheng history, fiscal (a hundredth):', seeded.fiscal);
    expect(seeded.fiscal).toEqual({
      programs: 3,
      enrolments: enrolled.length,
      reports: reports.length,
      claims: claims.length,
    });
    for (const p of all.filter((p) => p.kind !== 'risk_compensation')) {
      expect(enrolled.filter((e) => e.programId === p.id).length, p.name).toBeGreaterThan(5);
      expect(p.paidFen, p.name).toBeGreaterThan(0);
    }
    // Banks settle by the quarter and report soon after; the history ends with March 2025.
    for (const r of reports) {
      expect(r.periodEnd <= '2025-04-01', r.id).toBe(true);
      expect(daysBetween(r.periodStart, r.periodEnd), r.id).toBeLessThanOrEqual(92);
    }
    expect(reports.filter((r) => r.periodEnd.endsWith('-21')).length).toBeGreaterThan(reports.length / 2);
    expect(reports.some((r) => r.status === 'repaid')).toBe(true);
    // Most claims paid by the end, the last quarter's still on their way; never checked by their reviewer.
    const paid = claims.filter((c) => c.status === 'paid');
    expect(paid.length).toBeGreaterThan(claims.length * 0.7);
    expect(claims.some((c) => c.status !== 'paid')).toBe(true);
    for (const c of claims.filter((c) => c.checkedBy)) expect(c.checkedBy, c.id).not.toBe(c.reviewedBy);
    // The history's bureau staff, two per funding region, who cannot sign in.
    const staff = await db.select().from(users).where(like(users.username, 'seed.bureau.%'));
    expect(staff.map((u) => [u.role, u.regionCode, u.status]).sort()).toEqual([
      ['bureau', null, 'disabled'],
      ['bureau', null, 'disabled'],
      ['bureau', '371525', 'disabled'],
      ['bureau', '371525', 'disabled'],
    ]);
    const ledger = await db.select().from(programLedger);
    expect(ledger.filter((l) => l.kind === 'pay').length).toBe(paid.length);
  });

  it('changes nothing when run again', async () => {
    const rows = async () => {
      const count = sql<number>`count(*)`.mapWith(Number);
      const db = t.platform.db;
      return {
        users: (await db.select({ n: count }).from(users))[0]!.n,
        requests: (await db.select({ n: count }).from(loanRequests))[0]!.n,
        events: (await db.select({ n: count }).from(requestEvents))[0]!.n,
        stages: (await db.select({ n: count }).from(slaStages))[0]!.n,
        programs: (await db.select({ n: count }).from(programs))[0]!.n,
        enrolments: (await db.select({ n: count }).from(programEnrollments))[0]!.n,
        reports: (await db.select({ n: count }).from(servicingReports))[0]!.n,
        claims: (await db.select({ n: count }).from(programClaims))[0]!.n,
        ledger: (await db.select({ n: count }).from(programLedger))[0]!.n,
      };
    };
    const first = await rows();
    const report = await loadLiaochengSeed(t.platform.db, SMALL);
    for (const figure of ['institutions', 'listedProducts', 'enterprises', 'individuals', 'disbursedYuan'] as const) {
      expect(report[figure].inserted, figure).toBe(0);
    }
    expect([report.requests, report.officers]).toEqual([0, 0]);
    expect(report.fiscal).toEqual({ programs: 0, enrolments: 0, reports: 0, claims: 0 });
    expect(await rows()).toEqual(first);
    expect(await totals(t)).toEqual({ institutions: 186, products: 340 });
  });

  it('shows the figures in the city bureau’s overview of the platform’s whole life', async () => {
    const bureau = await t.signIn('bureau.city');
    const res = await bureau.agent.get(`${API}/supervision/overview`).expect(200);
    expect(res.body).toMatchObject({
      institutions: 186,
      listedProducts: 340,
      individuals: 2_740,
      enterprises: 120,
      disbursedAmount: 22_500_000,
    });
  });

  it('makes the published products and a start-up guarantee loan findable', async () => {
    for (const name of ['水城快贷', '幸福e贷', '莱e贷', '创业担保贷款']) {
      expect(await search(t, name), name).toContain(name);
    }
    expect((await search(t, '快贷')).length).toBeGreaterThan(5);
  });

  it('keeps every listed product listable, searchable and within its institution\u2019s counties', async () => {
    const rows = await t.platform.db
      .select({ product: products, institution: institutions })
      .from(products)
      .innerJoin(institutions, eq(institutions.id, products.institutionId))
      .where(eq(products.status, 'listed'));
    expect(rows).toHaveLength(340);
    for (const { product, institution } of rows) {
      expect(listingProblems(product), product.name).toEqual([]);
      expect(product.searchText).toBe(searchTextOf(product, institution.name));
      const counties = product.allCounties ? ALL_COUNTIES : product.counties;
      expect(
        counties.every((c) => institution.countiesServed.includes(c)),
        product.name,
      ).toBe(true);
    }
  });

  it('links county sub-branches to their city-level branch', async () => {
    const res = await t.api.get(`${API}/institutions?q=${encodeURIComponent('中国农业银行冠县支行')}`).expect(200);
    expect(res.body.items).toHaveLength(1);
    const branch = res.body.items[0];
    expect(branch).toMatchObject({ level: 'sub_branch', regionCode: '371525', countiesServed: ['371525'] });
    const parent = await t.api.get(`${API}/institutions/${branch.parentId}`).expect(200);
    expect(parent.body.name).toBe('中国农业银行聊城分行');
  });

  it('leaves the demo accounts working; generated people cannot sign in', async () => {
    const ent = await t.signIn('ent.demo');
    expect(ent.user.role).toBe('enterprise');
    expect((await t.signIn('ind.demo')).user.role).toBe('individual');
    await t.signIn('officer.lcrcb');
    for (const username of ['seed.ent.000001', 'seed.ind.000001', 'seed.officer.000001']) {
      await expect(t.signIn(username), username).rejects.toThrow(/failed: 401 .*INVALID_CREDENTIALS/);
    }
  });

  it('gives every generated account valid identity numbers and a mobile phone', async () => {
    const db = t.platform.db;
    const enterprises = await db.select().from(enterpriseProfiles);
    const individuals = await db.select().from(individualProfiles);
    expect(enterprises).toHaveLength(120);
    expect(individuals).toHaveLength(2_740);
    expect(enterprises.filter((p) => !isValidUscc(p.uscc))).toEqual([]);
    expect(individuals.filter((p) => !isValidIdNumber(p.idNumber))).toEqual([]);
    expect([...enterprises, ...individuals].filter((p) => !isMainlandMobile(p.phone))).toEqual([]);
  });

  it('writes each request’s life as the platform would: timeline, deadlines, outcomes, eligible claimant', async () => {
    const db = t.platform.db;
    const seeded = await db
      .select()
      .from(loanRequests)
      .innerJoin(users, eq(users.id, loanRequests.applicantId))
      .where(like(users.username, 'seed.%'));
    const requests = seeded.map((r) => r.loan_requests);
    const events = await db.select().from(requestEvents).orderBy(asc(requestEvents.id));
    const stages = await db.select().from(slaStages);
    const listed = await db.select().from(products).where(eq(products.status, 'listed'));
    const officers = new Map((await db.select().from(users).where(eq(users.role, 'officer'))).map((u) => [u.id, u]));
    const policy = await policyVersion(db, 1);
    const { calendar } = t.platform.sla;

    // Every request is finished: nothing open, claimed or under way at the end of the history.
    const statuses = new Set(requests.map((r) => r.status));
    expect((['disbursed', 'rejected', 'cancelled'] as const).every((s) => statuses.has(s))).toBe(true);
    const finished: string[] = ['approved', 'cancelled', 'disbursed', 'expired', 'rejected'];
    expect([...statuses].filter((s) => !finished.includes(s))).toEqual([]);
    for (const request of requests) {
      const timeline = events.filter((e) => e.requestId === request.id);
      expect(timeline[0]).toMatchObject({ fromStatus: null, toStatus: 'submitted', actorId: request.applicantId });
      timeline.forEach((e, i) => {
        if (i === 0) return;
        expect(e.fromStatus).toBe(timeline[i - 1]!.toStatus);
        expect(e.at >= timeline[i - 1]!.at).toBe(true);
      });
      expect(timeline.at(-1)!.toStatus).toBe(request.status);
      expect(request.createdAt >= HISTORY.start && request.updatedAt < HISTORY.end).toBe(true);

      const own = stages.filter((s) => s.requestId === request.id);
      for (const stage of own) {
        // Finished, with the promise the real deadline arithmetic gives for its start.
        expect(stage.completedAt).not.toBeNull();
        const expected =
          stage.stage === 'respond'
            ? respondDeadlines(policy, calendar, stage.startedAt, false).respond
            : dayStageDeadline(policy, calendar, stage.startedAt, policy[stage.stage].workingDays);
        expect([stage.remindAt, stage.dueAt]).toEqual([expected.remindAt, expected.dueAt]);
        if (stage.outcome === 'on_time') expect(stage.completedAt! <= stage.dueAt).toBe(true);
        if (stage.outcome === 'breached') expect(stage.completedAt! > stage.dueAt).toBe(true);
      }

      if (!request.claimedInstitutionId) continue;
      // Claimed by an officer of an institution with a listed product that fits the need —
      // in the request's county unless it had escalated to the city-wide pool.
      expect(officers.get(request.claimedOfficerId!)?.institutionId).toBe(request.claimedInstitutionId);
      const need = { ...request, county: request.poolTier === 'city' ? undefined : request.county };
      const fitting = listed.filter((p) => p.institutionId === request.claimedInstitutionId && fits(p, need));
      expect(fitting.length, request.id).toBeGreaterThan(0);
      expect(own.map((s) => s.stage)).toContain('contact');
    }
    expect(stages.some((s) => s.outcome === 'breached')).toBe(true);

    // Nothing in the history is left for the SLA timers.
    expect(await reconcileDue(db, t.platform.sla)).toMatchObject({
      reminders: 0,
      breaches: 0,
      exclusiveEnded: 0,
      expired: 0,
    });
  });
});

describe('seeding a database without the demo data', () => {
  let t: TestPlatform;
  /** A second database, to see that the same seed writes the same data. */
  let other: TestPlatform;
  beforeAll(async () => {
    [t, other] = await Promise.all([
      createTestPlatform({ DEMO_DATA: 'false' }),
      createTestPlatform({ DEMO_DATA: 'false' }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([t?.close(), other?.close()]);
  });

  it('reaches the same scale, including the published products', async () => {
    expect((await totals(t)).products).toBe(0);
    const report = await loadLiaochengSeed(t.platform.db, SMALL);
    expect(report.institutions.after).toBe(186);
    expect(await totals(t)).toEqual({ institutions: 186, products: 340 });
    expect(await people(t)).toEqual({ enterprises: 120, individuals: 2_740, disbursed: 22_500_000 });
    for (const name of ['水城快贷', '幸福e贷', '莱e贷', '创业担保贷款']) {
      expect(await search(t, name), name).toContain(name);
    }
  }, 120_000);

  it('writes the same data for the same seed on another database', async () => {
    await loadLiaochengSeed(other.platform.db, SMALL);
    expect(await digest(other)).toEqual(await digest(t));
  }, 120_000);

  it('refuses, changing nothing, when more than 340 products are already listed', async () => {
    const [owner] = await t.platform.db.select().from(institutions).limit(1);
    await t.platform.db.insert(products).values({
      institutionId: owner!.id,
      name: '额外产品',
      kind: 'credit',
      minAmount: 10_000,
      maxAmount: 100_000,
      minTermMonths: 6,
      maxTermMonths: 12,
      minRateBp: 400,
      maxRateBp: 600,
      customerTypes: ['enterprise'],
      allCounties: true,
      status: 'listed',
      searchText: '额外产品',
    });
    await expect(loadLiaochengSeed(t.platform.db, SMALL)).rejects.toThrow(SeedError);
    await expect(loadLiaochengSeed(t.platform.db, SMALL)).rejects.toThrow(/341 listed products, more than the 340/);
    expect(await totals(t)).toEqual({ institutions: 186, products: 341 });
  });
});
