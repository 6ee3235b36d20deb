/**
 * The living demo: what `npm start` adds to an empty demo database so that every dashboard, ranking
 * and list has something true to show — six weeks of loan requests up to today by generated
 * applicants, in every state, replayed from the state machine's declarations by the seed's own
 * history (history.ts) and cut at the clock's now: requests still in the pool, claimed, in contact,
 * awaiting a decision, and finished ones, with their timelines, SLA stages (breaches where the
 * simulated work ran over, as the timers would have recorded them), the matcher's candidates, the
 * audit log, the bureaus' urges (督办) on breached stages and the institutions' acknowledgements,
 * the fiscal programs (the city's 贴息 and 担保费补贴, 冠县's risk-compensation pool) with the
 * disbursed loans they cover, their servicing reports and claims in every state, and the
 * supervision summaries rebuilt from it all. The demo accounts get a few requests of their own,
 * easy to follow: ent.demo one open, one in progress and a small one disbursed a quarter ago (its
 * first quarter reported, its 贴息 not yet claimed), ind.demo one decided; officer.lcrcb and
 * officer.qilu handle a few each, and the demo applicants find the notices of their requests' progress
 * in their notification centre. Loaded once: a database with any loan request gets nothing (a
 * restart adds nothing).
 */
import { and, count, eq, gt, inArray, sql } from 'drizzle-orm';
import { DEMO_ACCOUNTS } from '../accounts/demo-accounts';
import { auditLog } from '../audit/schema';
import { enterpriseProfiles, individualProfiles, users } from '../auth/schema';
import type { WorkingCalendar } from '../calendar/calendar';
import { products } from '../catalog/schema';
import type { Database, Tx } from '../db/client';
import { inTransaction } from '../db/transaction';
import { INITIAL_DATA_LOCK } from '../initial-data';
import { institutions } from '../institutions/schema';
import { isEligible } from '../fiscal/rules';
import type { RequestStatus } from '../lifecycle/state-machine';
import { noticeToApplicant } from '../requests/notices';
import { loanRequests, requestCandidates } from '../requests/schema';
import { shanghaiDay } from '../requests/stage-rules';
import { currentPolicy, ensurePolicy } from '../sla-policy/policy';
import { rebuildSupervisionSummaries } from '../supervision/summaries';
import { urges } from '../supervision/schema';
import {
  atTimeOfDay,
  LoanHistory,
  type AuditedAction,
  type Draft,
  type HistoryApplicant,
  type SimulatedRequest,
} from './history';
import { DEFAULT_SEED } from './liaocheng';
import { historicOfficers, insertRequests, historyProducts, seededApplicants, topUpApplicants } from './load';
import { seedUsername, type ApplicantKind } from './people';
import { fiscalLoan, simulateFiscal, type FiscalLags, type LoanPace } from './fiscal';
import { insertFiscalHistory, insertPrograms } from './fiscal-load';
import { CITY_CODE, demoPrograms, type SeedProgram } from './programs';
import { Rng } from './random';
import { bulkInsert, lastSeedNumber } from './write';

/**
 * How much life: applicants generated, requests they placed, over how many days before now; and
 * how long ago ent.demo placed the loan it has had a quarter's interest reported on.
 */
export const LIVING_DEMO = { enterprises: 60, individuals: 240, requests: 420, days: 42, ownLoanDays: 130 } as const;
/** ent.demo's own loan is a small one (yuan), within its product's range. */
const OWN_LOAN = 200_000;
/**
 * The weeks-old loans' banks settle interest each month (按月结息) and report it; most subsidies
 * are claimed, a few periods run overdue, no loan has had time to default. ent.demo's bank settles
 * by the quarter, and what it reported is left for the borrower to claim.
 */
const DEMO_PACE: LoanPace = { periodMonths: 1, claimChance: 0.85, overdueChance: 0.05, defaultChance: 0 };
const OWN_LOAN_PACE: LoanPace = { periodMonths: 3, claimChance: 0, overdueChance: 0, defaultChance: 0 };
const DEMO_LAGS: FiscalLags = { report: [1, 5], claim: [0, 25], review: [1, 10], check: [1, 6], pay: [3, 20] };

const DAY_MS = 86_400_000;
const IN_PROGRESS: readonly RequestStatus[] = ['claimed', 'contacted', 'investigated'];
/** The institutions whose demo officers handle a few of the generated requests, and how many. */
const DEMO_OFFICERS = [
  { username: 'officer.lcrcb', institution: '聊城农商银行', requests: 4 },
  { username: 'officer.qilu', institution: '齐鲁银行聊城分行', requests: 2 },
] as const;
/** The county bureaus among the demo accounts urge in their county; the city bureau everywhere else. */
const URGE_NOTES = ['请尽快办理并反馈进度', '该笔需求已超时，请于今日内联系客户', '请说明超时原因并加快审批'];
const ACKNOWLEDGEMENT_NOTES = [null, '已安排客户经理跟进', '已联系客户，材料补齐后即审批'];

export interface LivingDemoReport {
  requests: number;
  byStatus: Partial<Record<RequestStatus, number>>;
  /** Stages breached, and urges on them. */
  breaches: number;
  urges: number;
  /** The demo's programs, and the enrolments, servicing reports and claims under them. */
  fiscal: { programs: number; enrolments: number; reports: number; claims: number };
  ms: number;
}

/**
 * Loads the living demo dated back from `now`, unless the database already holds a loan request or
 * lacks the demo accounts (then null). `calendar` is the platform's working calendar.
 */
export async function loadLivingDemo(
  db: Database,
  { now, calendar, seed = DEFAULT_SEED }: { now: Date; calendar: WorkingCalendar; seed?: number },
): Promise<LivingDemoReport | null> {
  const started = performance.now();
  const report = await inTransaction(db, async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${INITIAL_DATA_LOCK})`);
    const [placed] = await tx.select({ n: count() }).from(loanRequests);
    if (placed!.n > 0) return null;
    const demo = await demoAccounts(tx);
    if (!demo) return null;
    return living(tx, seed, now, calendar, demo);
  });
  return report && { ...report, ms: Math.round(performance.now() - started) };
}

type DemoAccounts = NonNullable<Awaited<ReturnType<typeof demoAccounts>>>;

/** The demo accounts by username, with the applicants as the history needs them; null when absent. */
async function demoAccounts(tx: Tx) {
  const rows = await tx
    .select({ user: users, enterprise: enterpriseProfiles, individual: individualProfiles })
    .from(users)
    .leftJoin(enterpriseProfiles, eq(enterpriseProfiles.userId, users.id))
    .leftJoin(individualProfiles, eq(individualProfiles.userId, users.id))
    .where(
      inArray(users.username, [
        'ent.demo',
        'ind.demo',
        'bureau.city',
        'bureau.checker',
        'bureau.guanxian',
        'inst.lcrcb',
        'officer.lcrcb',
        'officer.qilu',
      ]),
    );
  const by = new Map(rows.map((r) => [r.user.username, r]));
  const ent = by.get('ent.demo');
  const ind = by.get('ind.demo');
  const city = by.get('bureau.city');
  if (!ent?.enterprise || !ind?.individual || !city) return null;
  const applicant = (
    user: typeof users.$inferSelect,
    profile: { name: string; phone: string; contactName: string },
    industry: string | null,
  ): HistoryApplicant => ({
    id: user.id,
    // ind.demo borrows for the shop he runs.
    customerType: industry ? 'enterprise' : 'sole_trader',
    county: user.regionCode!,
    industry,
    name: profile.name,
    phone: profile.phone,
    contactName: profile.contactName,
    registeredAt: user.createdAt,
  });
  const { enterprise, individual } = { enterprise: ent.enterprise, individual: ind.individual };
  return {
    ent: applicant(
      ent.user,
      { ...enterprise, contactName: enterprise.contactName ?? enterprise.name },
      enterprise.industry,
    ),
    ind: applicant(ind.user, { ...individual, contactName: individual.name }, null),
    cityBureau: city.user.id,
    /** The city bureau's second person, who checks (复核) what bureau.city reviewed. */
    cityChecker: by.get('bureau.checker')?.user.id ?? null,
    countyBureaus: new Map(
      rows.filter((r) => r.user.role === 'bureau' && r.user.regionCode).map((r) => [r.user.regionCode!, r.user.id]),
    ),
    officers: new Map(rows.filter((r) => r.user.role === 'officer').map((r) => [r.user.username, r.user.id])),
  };
}

async function living(tx: Tx, seed: number, now: Date, calendar: WorkingCalendar, demo: DemoAccounts) {
  const rng = new Rng(seed ^ 0x11fe_de70);
  // The institutions, their products and the demo accounts were there before the weeks of use
  // (the initial data was loaded a moment ago): a request never predates what it was placed on.
  const since = new Date(now.getTime() - (LIVING_DEMO.ownLoanDays + 30) * DAY_MS);
  await tx.update(institutions).set({ createdAt: since }).where(gt(institutions.createdAt, since));
  await tx.update(products).set({ createdAt: since }).where(gt(products.createdAt, since));
  await tx.update(products).set({ listedAt: since }).where(gt(products.listedAt, since));
  await tx
    .update(users)
    .set({ createdAt: since })
    .where(
      and(
        gt(users.createdAt, since),
        inArray(
          users.username,
          DEMO_ACCOUNTS.map((a) => a.username),
        ),
      ),
    );
  // Generated applicants to place the requests (they cannot sign in), counted on from what exists.
  const population = { enterprise: 0, individual: 0 };
  for (const [kind, wanted] of [
    ['enterprise', LIVING_DEMO.enterprises],
    ['individual', LIVING_DEMO.individuals],
  ] as const) {
    const [row] = await tx.select({ n: count() }).from(users).where(eq(users.role, kind));
    await topUpApplicants(tx, seed, kind, row!.n + wanted);
    population[kind] = await lastSeedNumber(tx, kind);
  }

  await ensurePolicy(tx);
  const policy = await currentPolicy(tx);
  const { institutions: staff } = await historicOfficers(tx, seed);
  const history = new LoanHistory({ seed, policy, calendar, products: await historyProducts(tx), institutions: staff });

  const picks = Array.from({ length: LIVING_DEMO.requests }, () => {
    const kind: ApplicantKind = rng.chance(0.3) ? 'enterprise' : 'individual';
    return { kind, n: rng.int(1, population[kind]) };
  });
  const applicants = await seededApplicants(tx, seed, picks);
  const from = now.getTime() - LIVING_DEMO.days * DAY_MS;
  const simulated: SimulatedRequest[] = [];
  for (const pick of picks) {
    const applicant = applicants.get(seedUsername(pick.kind, pick.n));
    const draft = applicant && history.draft(rng, applicant);
    if (!applicant || !draft) continue;
    const submittedAt = atTimeOfDay(rng, new Date(from + rng.float() * LIVING_DEMO.days * DAY_MS));
    if (submittedAt < now) simulated.push(history.playOut(draft, submittedAt, now));
  }
  const demoPrograms = programsOfDemo(since);
  const own = demoApplicantsRequests(rng, history, now, demo, demoPrograms);
  simulated.push(...own.requests);
  handOverToDemoOfficers(simulated, staff, demo);

  // Stages get their ids here: the urges name them.
  for (const s of simulated) for (const stage of s.stages) stage.id = rng.uuid();
  const urged = urgesOn(rng, simulated, now, demo, staff);

  await insertRequests(tx, simulated);
  const idOf = new Map([...staff.values()].map((i) => [i.name, i.id]));
  await bulkInsert(
    tx,
    requestCandidates,
    simulated.flatMap((s) =>
      s.candidates.map((c) => ({
        requestId: s.request.id,
        institutionId: idOf.get(c.institutionId)!,
        productId: c.productId,
        servesCounty: c.servesCounty,
        rank: c.rank,
      })),
    ),
  );
  await noticesToDemoApplicants(tx, simulated, demo);
  await bulkInsert(tx, urges, urged.urges);
  const fiscal = await fiscalLife(
    tx,
    { seed, rng, now, since, demo, staff, simulated, ownLoan: own.loanId },
    demoPrograms,
  );
  await insertAudits(tx, [...simulated.flatMap((s) => s.audits), ...urged.audits, ...fiscal.audits]);
  await rebuildSupervisionSummaries(tx, calendar);

  const byStatus: Partial<Record<RequestStatus, number>> = {};
  for (const { request } of simulated) byStatus[request.status!] = (byStatus[request.status!] ?? 0) + 1;
  return {
    requests: simulated.length,
    byStatus,
    breaches: simulated.reduce((n, s) => n + s.stages.filter((st) => st.outcome === 'breached').length, 0),
    urges: urged.urges.length,
    fiscal: fiscal.counts,
  };
}

/**
 * The demo applicants' own requests, a few in plain states: ent.demo's open one placed a moment
 * ago, one in progress at 聊城农商银行 and a small one disbursed there a quarter ago under the city's
 * 贴息 program, and ind.demo's one decided. Each is a drawn request whose timing is fixed where the
 * state needs it, placed as many days back as its replayed life needs to have reached that state by
 * now. Returns them with the disbursed loan's id.
 */
function demoApplicantsRequests(
  rng: Rng,
  history: LoanHistory,
  now: Date,
  demo: DemoAccounts,
  programs: readonly SeedProgram[],
): { requests: SimulatedRequest[]; loanId: string } {
  const lcrcb = '聊城农商银行';
  const drawn = (applicant: HistoryApplicant, atLcrcb: boolean, fits: (draft: Draft) => boolean = () => true) => {
    for (let attempt = 0; attempt < 50; attempt++) {
      const draft = history.draft(rng, applicant);
      if (!draft || !fits(draft)) continue;
      if (!atLcrcb) return draft;
      if (draft.candidates.some((c) => c.institutionId === lcrcb && c.servesCounty)) {
        return { ...draft, directed: false, claimant: { ...draft.claimant, first: lcrcb, exclusive: false } };
      }
    }
    throw new Error(`the demo catalog has no product for ${applicant.name}`);
  };
  /** The life placed `daysBack` days before now, or as many more as it takes to reach one of `states`. */
  const placed = (draft: Draft, daysBack: number, states: readonly RequestStatus[]) => {
    for (let days = daysBack; days < daysBack + LIVING_DEMO.days; days++) {
      const life = history.playOut(draft, atTimeOfDay(rng, new Date(now.getTime() - days * DAY_MS)), now);
      if (life.request.createdAt < now && states.includes(life.request.status!)) return life;
    }
    throw new Error(`no demo request reaches ${states.join('/')} within ${LIVING_DEMO.days} days`);
  };
  const settled = { cancelledAfter: null, cancelledIn: null, respond: 25 } as const;
  const approved = (draft: Draft, disbursedAfter: number | null): Draft['decision'] => ({
    approved: true,
    amount: draft.amount,
    rateBp: draft.product.minRateBp!,
    disbursedAfter,
  });
  // ent.demo's loan is one the city's 贴息 covers, by the rule the platform enrols loans by.
  const subsidy = programs.find((p) => p.kind === 'interest_subsidy')!;
  const smallLoan = (draft: Draft): Draft => ({
    ...draft,
    amount: Math.min(Math.max(OWN_LOAN, draft.product.minAmount!), draft.product.maxAmount!),
  });
  const covered = (draft: Draft) =>
    isEligible(subsidy.eligibility, {
      customerType: draft.applicant.customerType,
      industry: draft.industry,
      county: draft.applicant.county,
      productKind: draft.product.kind,
      productId: null,
      institutionId: null,
      amount: smallLoan(draft).amount,
      termMonths: draft.termMonths,
      firstLoan: true,
    });

  const open = drawn(demo.ent, false);
  const waiting = history.playOut(
    { ...open, ...settled, respond: Infinity, respondCityWide: Infinity },
    new Date(now.getTime() - 20 * 60_000),
    now,
  );
  const inProgress = drawn(demo.ent, true);
  const loan = smallLoan(drawn(demo.ent, true, covered));
  const decided = drawn(demo.ind, false);
  // Worked at a steady pace: a quarter-old life with no breach in it.
  const steady = { ...settled, contact: 300, decide: 600 };
  return {
    requests: [
      waiting,
      placed({ ...inProgress, ...settled, contactedAt: 0.2, contact: 900 }, 1, ['contacted', 'investigated']),
      placed({ ...loan, ...steady, decision: approved(loan, 240) }, LIVING_DEMO.ownLoanDays, ['disbursed']),
      placed({ ...decided, ...settled, decision: approved(decided, null) }, 9, ['approved']),
    ],
    loanId: loan.id,
  };
}

/**
 * What the workers would have told the demo applicants of their requests' progress: one notice per
 * change the outbox announced, written by the workers' own notice writer, dated when it happened.
 */
async function noticesToDemoApplicants(tx: Tx, simulated: readonly SimulatedRequest[], demo: DemoAccounts) {
  const applicants = new Set([demo.ent.id, demo.ind.id]);
  for (const { request, events } of simulated) {
    if (!applicants.has(request.applicantId)) continue;
    for (const [n, e] of events.entries()) {
      const announced = { requestId: request.id, applicantId: request.applicantId, action: e.action };
      await noticeToApplicant(tx, announced, e.enteredTier, `living-demo:${request.id}:${n}`, e.at);
    }
  }
}

/**
 * The demo's programs (programs.ts), run by the demo's bureau accounts from `since`: the disbursed
 * loans enrolled where their rule fits, their periods reported by the lending officer, and claims
 * made, reviewed by one person of the region's bureau, checked by another and paid — each as far as
 * it got by now (fiscal.ts), audited as the platform audits them.
 */
async function fiscalLife(
  tx: Tx,
  world: {
    seed: number;
    rng: Rng;
    now: Date;
    since: Date;
    demo: DemoAccounts;
    staff: ReadonlyMap<string, { id: string }>;
    simulated: readonly SimulatedRequest[];
    ownLoan: string;
  },
  specs: readonly SeedProgram[],
) {
  const { seed, rng, now, since, demo, staff, simulated, ownLoan } = world;
  const staffOf = (region: string) =>
    region === CITY_CODE
      ? [demo.cityBureau, ...(demo.cityChecker ? [demo.cityChecker] : [])]
      : [demo.countyBureaus.get(region) ?? demo.cityBureau];
  const programs = await insertPrograms(tx, rng, specs, staffOf, since);
  const audits: AuditedAction[] = programs.flatMap((p) =>
    (['program.create', 'program.activate'] as const).map((action) => ({
      action,
      actorId: p.staff[0]!,
      subjectId: p.id,
      at: since,
      details: { kind: p.kind, region: p.region },
    })),
  );
  const institutionName = new Map([...staff.entries()].map(([name, i]) => [i.id, name]));
  const disbursed = simulated
    .filter((s) => s.request.status === 'disbursed')
    .sort((a, b) => a.request.updatedAt.getTime() - b.request.updatedAt.getTime());
  const borrowed = new Set<string>();
  const loans = disbursed.map(({ request }) => {
    const firstLoan = !borrowed.has(request.applicantId);
    borrowed.add(request.applicantId);
    return fiscalLoan(request, {
      productKind: request.collateral,
      firstLoan,
      institutionName: institutionName.get(request.claimedInstitutionId!)!,
      disbursedAt: request.updatedAt,
      pace: request.id === ownLoan ? OWN_LOAN_PACE : DEMO_PACE,
    });
  });
  const life = simulateFiscal(seed, programs, loans, now, DEMO_LAGS);
  await insertFiscalHistory(tx, life);
  return {
    audits: [...audits, ...life.audits],
    counts: {
      programs: programs.length,
      enrolments: life.enrolments.length,
      reports: life.reports.length,
      claims: life.claims.length,
    },
  };
}

/** The demo's programs run three years from January of the year its weeks of use begin in. */
const programsOfDemo = (since: Date) => demoPrograms(Number(shanghaiDay(since).slice(0, 4)));

/**
 * The demo officers take over a few of their institution's requests from its historic officer —
 * the demo applicants' ones first, then the latest others — so their 我的订单 has a handful.
 */
function handOverToDemoOfficers(
  simulated: SimulatedRequest[],
  staff: ReadonlyMap<string, { id: string; officerId: string }>,
  demo: DemoAccounts,
) {
  const demoApplicants = new Set([demo.ent.id, demo.ind.id]);
  for (const { username, institution, requests } of DEMO_OFFICERS) {
    const officer = demo.officers.get(username);
    const historic = staff.get(institution);
    if (!officer || !historic) continue;
    const theirs = simulated
      .filter((s) => s.request.claimedInstitutionId === historic.id)
      .sort(
        (a, b) =>
          Number(demoApplicants.has(b.request.applicantId)) - Number(demoApplicants.has(a.request.applicantId)) ||
          Number(IN_PROGRESS.includes(b.request.status!)) - Number(IN_PROGRESS.includes(a.request.status!)) ||
          b.request.claimedAt!.getTime() - a.request.claimedAt!.getTime(),
      );
    const own = theirs.filter((s) => demoApplicants.has(s.request.applicantId));
    for (const s of [...own, ...theirs.filter((t) => !own.includes(t)).slice(0, requests)]) {
      s.request.claimedOfficerId = officer;
      for (const e of s.events) if (e.actorId === historic.officerId) e.actorId = officer;
      for (const a of s.audits) if (a.actorId === historic.officerId) a.actorId = officer;
    }
  }
}

/**
 * 督办 as the bureaus would have done it: most contact and decide stages that breached are urged a
 * little after the breach (by the county's bureau where the demo has one, else the city bureau),
 * while still open; the institution's officer acknowledges most of them some hours later.
 */
function urgesOn(
  rng: Rng,
  simulated: SimulatedRequest[],
  now: Date,
  demo: DemoAccounts,
  staff: ReadonlyMap<string, { id: string; officerId: string }>,
) {
  const officerOf = new Map([...staff.values()].map((i) => [i.id, i.officerId]));
  const rows: (typeof urges.$inferInsert)[] = [];
  const audits: AuditedAction[] = [];
  for (const { request, stages } of simulated) {
    for (const stage of stages) {
      if (stage.stage === 'respond' || !stage.breachedAt || !stage.ownerInstitutionId || !rng.chance(0.7)) continue;
      const urgedAt = new Date(stage.breachedAt.getTime() + rng.int(20, 180) * 60_000);
      const until = stage.completedAt ?? now;
      if (urgedAt >= until) continue;
      const urgedBy = demo.countyBureaus.get(request.county) ?? demo.cityBureau;
      const id = rng.uuid();
      const acknowledgedAt = new Date(urgedAt.getTime() + rng.int(30, 300) * 60_000);
      const acknowledgedBy = request.claimedOfficerId ?? officerOf.get(stage.ownerInstitutionId)!;
      const acknowledged = acknowledgedAt < until && rng.chance(0.75);
      const note = rng.pick(URGE_NOTES);
      rows.push({
        id,
        stageId: stage.id!,
        requestId: request.id,
        institutionId: stage.ownerInstitutionId,
        county: request.county,
        note,
        urgedBy,
        urgedAt,
        ...(acknowledged && { acknowledgedBy, acknowledgedAt, acknowledgementNote: rng.pick(ACKNOWLEDGEMENT_NOTES) }),
      });
      audits.push({
        action: 'urge.create',
        actorId: urgedBy,
        subjectId: id,
        at: urgedAt,
        details: { stageId: stage.id, requestId: request.id, institutionId: stage.ownerInstitutionId },
      });
      if (acknowledged) {
        audits.push({
          action: 'urge.acknowledge',
          actorId: acknowledgedBy,
          subjectId: id,
          at: acknowledgedAt,
          details: { requestId: request.id },
        });
      }
    }
  }
  return { urges: rows, audits };
}

/** The audit entries in the order they happened, with each actor's username and role as recordAudit keeps them. */
async function insertAudits(tx: Tx, entries: AuditedAction[]) {
  const actors = new Map(
    (
      await tx
        .select({ id: users.id, username: users.username, role: users.role })
        .from(users)
        .where(inArray(users.id, [...new Set(entries.map((e) => e.actorId))]))
    ).map((u) => [u.id, u]),
  );
  await bulkInsert(
    tx,
    auditLog,
    [...entries]
      .sort((a, b) => a.at.getTime() - b.at.getTime())
      .map((e) => ({
        at: e.at,
        actorId: e.actorId,
        actorUsername: actors.get(e.actorId)!.username,
        actorRole: actors.get(e.actorId)!.role,
        action: e.action,
        subjectId: e.subjectId,
        details: e.details,
      })),
  );
}
