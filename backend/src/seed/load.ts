import { and, count, eq, inArray, sql } from 'drizzle-orm';
import { enterpriseProfiles, individualProfiles, users } from '../auth/schema';
import { listingProblems } from '../catalog/rules';
import { products } from '../catalog/schema';
import { searchTextOf } from '../catalog/search';
import type { Database, Tx } from '../db/client';
import { inTransaction } from '../db/transaction';
import { INITIAL_DATA_LOCK } from '../initial-data';
import { institutions } from '../institutions/schema';
import { loadInstitutions } from '../institutions/load';
import { loadRegions, REFERENCE_DATA } from '../reference/load';
import { loanRequests, requestEvents } from '../requests/schema';
import { ensurePolicy } from '../sla-policy/policy';
import { slaPolicies } from '../sla-policy/schema';
import { slaStages } from '../requests/schema';
import { policyVersion } from '../sla-policy/policy';
import { composeCalendar, type WorkingCalendar } from '../calendar/calendar';
import { adminYears } from '../calendar/calendar-store';
import { topUpFiscal, type FiscalSeedReport } from './fiscal-load';
import { rebuildSupervisionSummaries } from '../supervision/summaries';
import {
  institutionSpeed,
  LoanHistory,
  settleDisbursedTotal,
  submissionTime,
  type HistoryApplicant,
  type HistoryInstitution,
  type SimulatedRequest,
} from './history';
import {
  DEFAULT_SEED,
  generateLiaocheng,
  HISTORY,
  LIAOCHENG_PEOPLE,
  LIAOCHENG_SCALE,
  type PeopleScale,
  type SeedDataset,
  type SeedProduct,
} from './liaocheng';
import {
  borrowerTypeOf,
  registeredBy,
  seededEnterprise,
  seededIndividual,
  seededOfficer,
  seedUsername,
  seedUsernamePrefix,
  UNUSABLE_PASSWORD_HASH,
  type ApplicantKind,
  type SeedUser,
} from './people';
import { Rng } from './random';
import { breathe, BULK_ROWS, bulkInsert, lastSeedNumber } from './write';

interface Count {
  before: number;
  inserted: number;
  after: number;
}

export interface SeedReport {
  seed: number;
  institutions: Count;
  listedProducts: Count;
  enterprises: Count;
  individuals: Count;
  /** Integer yuan over every disbursed request. */
  disbursedYuan: Count;
  /** Loan requests the history added (of every outcome), and the historic officers it added for them. */
  requests: number;
  officers: number;
  /** The history's fiscal programs added, and the enrolments, servicing reports and claims it added under them. */
  fiscal: FiscalSeedReport;
  /** How long each phase's transaction took, in milliseconds. */
  phaseMs: { catalog: number; applicants: number; history: number; fiscal: number };
}

export interface SeedOptions {
  seed?: number;
  /** The applicants and disbursed total to reach: the published figures unless a test asks for fewer. */
  people?: PeopleScale;
}

/** The seed cannot reach a figure without touching existing data; it checks before writing anything. */
export class SeedError extends Error {
  override name = 'SeedError';
}

/** Rows per INSERT: well below PostgreSQL's 65,535 bind parameters. */
const CHUNK = 100;
/** Accounts are generated and written this many at a time, so memory stays flat. */
const ACCOUNT_BATCH = 2_000;
const ALL_COUNTIES = REFERENCE_DATA.counties.map((c) => c.code);

/** Sorts by Unicode code points, as every database would if its collation did not differ. */
const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const counted = (before: number, after: number): Count => ({ before, inserted: after - before, after });

/**
 * Applies the Liaocheng-scale dataset to a database, one transaction per phase: the catalog
 * (reference data, then generated institutions and listed products until there are exactly 186 and
 * 340), the applicants (enterprises and individuals until there are exactly 12,000 and 274,000),
 * the loan history (requests until exactly 22.5亿 yuan has been disbursed over the platform's
 * life), whose transaction also rebuilds the supervision summaries, and the fiscal programs of
 * those two years with their enrolments, servicing reports, claims and ledger (fiscal-load.ts).
 * Existing rows are counted, never changed or deleted (but for the history's own programs, charged
 * with the claims added under them) — the demo accounts and whatever is already disbursed count
 * towards the totals — so it works on a database with or without the demo data, and a second run
 * adds nothing.
 */
export async function loadLiaochengSeed(db: Database, options: SeedOptions = {}): Promise<SeedReport> {
  const seed = options.seed ?? DEFAULT_SEED;
  const people = options.people ?? LIAOCHENG_PEOPLE;
  const phaseMs = { catalog: 0, applicants: 0, history: 0, fiscal: 0 };
  // Each phase takes the lock platform.ts takes while it loads its initial data: a seed never
  // interleaves with a platform loading the reference and demo data, nor with another seed.
  const phase = async <T>(name: keyof typeof phaseMs, work: (tx: Tx) => Promise<T>) => {
    const started = performance.now();
    const result = await inTransaction(db, async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${INITIAL_DATA_LOCK})`);
      return work(tx);
    });
    phaseMs[name] = Math.round(performance.now() - started);
    return result;
  };

  const catalog = await phase('catalog', async (tx) => {
    // Nothing is written unless every figure can still be reached.
    for (const figure of figures(people)) await assertReachable(tx, figure);
    const institutionsBefore = await countInstitutions(tx);
    const listedBefore = await countListed(tx);
    const dataset = generateLiaocheng(seed);
    await loadRegions(tx);
    await loadInstitutions(tx);
    await topUpInstitutions(tx, dataset);
    await topUpProducts(tx, dataset);
    return {
      institutions: counted(institutionsBefore, await countInstitutions(tx)),
      listedProducts: counted(listedBefore, await countListed(tx)),
    };
  });
  const applicants = await phase('applicants', async (tx) => ({
    enterprises: await topUpApplicants(tx, seed, 'enterprise', people.enterprises),
    individuals: await topUpApplicants(tx, seed, 'individual', people.individuals),
  }));
  // The schedules in force, the admin's among them, as the platform would have planned the history.
  const calendar = composeCalendar(await adminYears(db));
  const loadedWith = (requests: number) =>
    applicants.enterprises.inserted + applicants.individuals.inserted + requests > 0;
  const history = await phase('history', async (tx) => {
    const added = await topUpHistory(tx, seed, people.disbursedYuan, calendar);
    // The platform keeps the summaries in step with its own writes; the seed's went around them.
    if (loadedWith(added.requests)) await rebuildSupervisionSummaries(tx, calendar);
    return added;
  });
  const fiscal = await phase('fiscal', (tx) => topUpFiscal(tx, seed, people));
  if (loadedWith(history.requests) || fiscal.enrolments > 0) {
    // After a bulk load the planner has no statistics for it and no page is marked all-visible, so
    // the first readers would sort what the indexes hold in order (the bureau's 321 rankings, 3× slower).
    await db.execute(sql`vacuum (analyze)`);
  }
  return { seed, ...catalog, ...applicants, ...history, fiscal, phaseMs };
}

interface Figure {
  label: string;
  current: (tx: Tx) => Promise<number>;
  target: number;
}

const figures = (people: PeopleScale): Figure[] => [
  { label: 'institutions', current: countInstitutions, target: LIAOCHENG_SCALE.institutions },
  { label: 'listed products', current: countListed, target: LIAOCHENG_SCALE.listedProducts },
  { label: 'enterprises', current: (tx) => countRole(tx, 'enterprise'), target: people.enterprises },
  { label: 'individual users', current: (tx) => countRole(tx, 'individual'), target: people.individuals },
  { label: 'yuan disbursed', current: disbursedTotal, target: people.disbursedYuan },
];

/** Returns the current value, refusing when it is already beyond the target. */
async function assertReachable(tx: Tx, { label, current, target }: Figure): Promise<number> {
  const value = await current(tx);
  if (value > target) {
    throw new SeedError(
      `the database already has ${value} ${label}, more than the ${target} of the Liaocheng scale; ` +
        'the seed only adds data and never deletes, delists or changes any, so it cannot reach that scale here',
    );
  }
  return value;
}

async function countInstitutions(tx: Tx): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(institutions);
  return row!.n;
}

async function countListed(tx: Tx): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(products).where(eq(products.status, 'listed'));
  return row!.n;
}

async function insertInChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await breathe();
    await insert(rows.slice(i, i + CHUNK));
  }
}

/** Generated institutions in order, skipping names that exist, until there are exactly 186. */
async function topUpInstitutions(tx: Tx, dataset: SeedDataset): Promise<void> {
  const target = LIAOCHENG_SCALE.institutions;
  // A name taken by a concurrent insert is skipped by ON CONFLICT; the next round takes the next one.
  for (let round = 0; round < 3; round++) {
    const existing = new Set((await tx.select({ name: institutions.name }).from(institutions)).map((r) => r.name));
    const missing = target - existing.size;
    if (missing <= 0) break;
    const chosen = dataset.institutions.filter((i) => !existing.has(i.name)).slice(0, missing);
    if (chosen.length < missing) {
      throw new SeedError(`the seed has ${chosen.length} more institutions to add but ${missing} are missing`);
    }
    // Parents before sub-branches: a sub-branch's parent is a reference institution or one of the first wave.
    for (const wave of [
      chosen.filter((i) => i.level !== 'sub_branch'),
      chosen.filter((i) => i.level === 'sub_branch'),
    ]) {
      const parentNames = [...new Set(wave.flatMap((i) => (i.parentName ? [i.parentName] : [])))];
      const parents = parentNames.length
        ? await tx
            .select({ id: institutions.id, name: institutions.name })
            .from(institutions)
            .where(inArray(institutions.name, parentNames))
        : [];
      const parentId = new Map(parents.map((p) => [p.name, p.id]));
      const rows = wave.map((i) => {
        const parent = i.parentName ? parentId.get(i.parentName) : null;
        if (parent === undefined) throw new SeedError(`parent institution ${i.parentName} of ${i.name} is missing`);
        return {
          name: i.name,
          type: i.type,
          level: i.level,
          parentId: parent,
          regionCode: i.regionCode,
          countiesServed: i.countiesServed,
          contactName: i.contactName,
          contactPhone: i.contactPhone,
          address: i.address,
        };
      });
      await insertInChunks(rows, (chunk) =>
        tx.insert(institutions).values(chunk).onConflictDoNothing({ target: institutions.name }),
      );
    }
  }
  const after = await countInstitutions(tx);
  if (after !== target) {
    throw new SeedError(`expected ${target} institutions after seeding, found ${after}; nothing was changed`);
  }
}

const productKey = (institution: string, name: string) => `${institution}\u0000${name}`;

/**
 * Generated products in order until exactly 340 are listed. A product is skipped when its
 * institution already has one of that name (in any state: the demo catalog, or one an admin made),
 * when its institution is absent, or when it would serve a county its institution does not.
 */
async function topUpProducts(tx: Tx, dataset: SeedDataset): Promise<void> {
  const target = LIAOCHENG_SCALE.listedProducts;
  const missing = target - (await countListed(tx));
  if (missing <= 0) return;
  const existing = await tx
    .select({ product: products.name, institution: institutions.name })
    .from(products)
    .innerJoin(institutions, eq(institutions.id, products.institutionId));
  const taken = new Set(existing.map((r) => productKey(r.institution, r.product)));
  const owners = new Map(
    (
      await tx
        .select({ id: institutions.id, name: institutions.name, countiesServed: institutions.countiesServed })
        .from(institutions)
    ).map((i) => [i.name, i]),
  );
  const servable = (p: SeedProduct) => {
    const owner = owners.get(p.institution);
    if (!owner) return false;
    const counties = p.allCounties ? ALL_COUNTIES : p.counties;
    return counties.every((c) => owner.countiesServed.includes(c));
  };
  const chosen = dataset.products
    .filter((p) => !taken.has(productKey(p.institution, p.name)) && servable(p))
    .slice(0, missing);
  if (chosen.length < missing) {
    throw new SeedError(`the seed has ${chosen.length} more products to list but ${missing} are missing`);
  }
  const rows = chosen.map((p) => {
    const problems = listingProblems({ ...p, status: 'listed' });
    if (problems.length) {
      throw new SeedError(`generated product ${p.institution} ${p.name} is not listable: ${JSON.stringify(problems)}`);
    }
    const { institution, ...fields } = p;
    return {
      ...fields,
      institutionId: owners.get(institution)!.id,
      status: 'listed' as const,
      listedAt: new Date(),
      searchText: searchTextOf(p, institution),
    };
  });
  await insertInChunks(rows, (chunk) => tx.insert(products).values(chunk));
  const after = await countListed(tx);
  if (after !== target) {
    throw new SeedError(`expected ${target} listed products after seeding, found ${after}; nothing was changed`);
  }
}

// ---------------------------------------------------------------- applicants

async function countRole(tx: Tx, role: ApplicantKind): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(users).where(eq(users.role, role));
  return row!.n;
}

/**
 * Generated applicants of one kind until the database holds exactly `target` (demo and registered
 * accounts count). Numbering continues after the highest seed username, so a later run adds new
 * people under free usernames; a generated identity number a real account already holds is skipped.
 */
export async function topUpApplicants(tx: Tx, seed: number, kind: ApplicantKind, target: number): Promise<Count> {
  const label = kind === 'enterprise' ? 'enterprises' : 'individual users';
  const before = await assertReachable(tx, { label, current: (t) => countRole(t, kind), target });
  const missing = target - before;
  if (missing === 0) return counted(before, before);
  const first = (await lastSeedNumber(tx, kind)) + 1;
  const population = first - 1 + missing;
  let [n, inserted] = [first, 0];
  while (inserted < missing) {
    const size = Math.min(ACCOUNT_BATCH, missing - inserted);
    const numbers = Array.from({ length: size }, (_, i) => n + i);
    n += size;
    inserted +=
      kind === 'enterprise'
        ? await insertApplicants(
            tx,
            'enterprise',
            numbers.map((k) => seededEnterprise(seed, k, population)),
            enterpriseProfiles.uscc,
            (p) => p.uscc,
            (fresh) =>
              bulkInsert(
                tx,
                enterpriseProfiles,
                fresh.map((p) => ({
                  userId: p.id,
                  name: p.displayName,
                  uscc: p.uscc,
                  industry: p.industry,
                  phone: p.phone,
                  contactName: p.contactName,
                })),
              ),
          )
        : await insertApplicants(
            tx,
            'individual',
            numbers.map((k) => seededIndividual(seed, k, population)),
            individualProfiles.idNumber,
            (p) => p.idNumber,
            (fresh) =>
              bulkInsert(
                tx,
                individualProfiles,
                fresh.map((p) => ({ userId: p.id, name: p.displayName, idNumber: p.idNumber, phone: p.phone })),
              ),
          );
  }
  return counted(before, await countRole(tx, kind));
}

/**
 * Inserts the accounts and their profiles, skipping any whose identity number (USCC or ID number)
 * an existing account already holds; returns how many it inserted.
 */
async function insertApplicants<P extends SeedUser>(
  tx: Tx,
  role: ApplicantKind,
  people: P[],
  identity: typeof enterpriseProfiles.uscc | typeof individualProfiles.idNumber,
  identityOf: (p: P) => string,
  insertProfiles: (fresh: P[]) => Promise<void>,
): Promise<number> {
  const held = await tx
    .select({ value: identity })
    .from(identity.table)
    .where(sql`${identity} = any(${sql.param(people.map(identityOf))}::text[])`);
  const taken = new Set(held.map((r) => r.value));
  const fresh = people.filter((p) => !taken.has(identityOf(p)));
  await insertUsers(tx, role, fresh);
  await insertProfiles(fresh);
  return fresh.length;
}

async function insertUsers(tx: Tx, role: ApplicantKind, people: SeedUser[]) {
  await bulkInsert(
    tx,
    users,
    people.map((p) => ({
      id: p.id,
      username: p.username,
      displayName: p.displayName,
      regionCode: p.regionCode,
      createdAt: p.createdAt,
      role,
      passwordHash: UNUSABLE_PASSWORD_HASH,
    })),
  );
}

// ---------------------------------------------------------------- loan history

async function disbursedTotal(tx: Tx): Promise<number> {
  const [row] = await tx
    .select({ total: sql<string>`coalesce(sum(${loanRequests.disbursedAmount}), 0)` })
    .from(loanRequests)
    .where(eq(loanRequests.status, 'disbursed'));
  return Number(row!.total);
}

/**
 * Applicants looked up and requests simulated per round. Small, because the simulation holds the
 * event loop: in a process that also serves (tests, PGlite in-process), long stretches of it would
 * stall everything else.
 */
const HISTORY_BATCH = 500;
/** Requests kept back until the end, so the total can be settled on the last loans. */
const SETTLEMENT_TAIL = 200;
/** Applicants who registered after this place no request: each request needs time to run its course. */
const LAST_REGISTRATION = new Date(HISTORY.end.getTime() - 30 * 86_400_000);
/** The share of requests placed by enterprises; individuals place the rest. */
const ENTERPRISE_SHARE = 0.3;

/**
 * Loan requests until exactly `target` yuan has been disbursed over the platform's life, counting
 * what was disbursed before: requests are generated and written a chunk at a time, the last few
 * held back, and when the running total passes the target the last loans are settled to it.
 */
async function topUpHistory(tx: Tx, seed: number, target: number, calendar: WorkingCalendar) {
  const before = await assertReachable(tx, { label: 'yuan disbursed', current: disbursedTotal, target });
  const remaining = target - before;
  if (remaining === 0) return { disbursedYuan: counted(before, before), requests: 0, officers: 0 };

  await ensurePolicy(tx);
  const [oldest] = await tx.select({ version: sql<number>`min(${slaPolicies.version})` }).from(slaPolicies);
  // The history ran under the policy the platform started with.
  const policy = await policyVersion(tx, oldest!.version);
  const { institutions: staff, officers } = await historicOfficers(tx, seed);
  const history = new LoanHistory({ seed, policy, calendar, products: await historyProducts(tx), institutions: staff });
  const eligible = {
    enterprise: registeredBy(LAST_REGISTRATION, await lastSeedNumber(tx, 'enterprise')),
    individual: registeredBy(LAST_REGISTRATION, await lastSeedNumber(tx, 'individual')),
  };
  if (eligible.enterprise + eligible.individual === 0) {
    throw new SeedError('there are no seeded applicants to place the loan history; nothing was changed');
  }

  const rng = new Rng(seed ^ 0x5eed_1057);
  const pending: SimulatedRequest[] = [];
  let [total, requests] = [0, 0];
  while (total < remaining) {
    const picks = Array.from({ length: HISTORY_BATCH }, () => {
      const kind: ApplicantKind =
        eligible.individual === 0 || (eligible.enterprise > 0 && rng.chance(ENTERPRISE_SHARE))
          ? 'enterprise'
          : 'individual';
      return { kind, n: rng.int(1, eligible[kind]) };
    });
    await breathe();
    const placed = pending.length + requests;
    const applicants = await seededApplicants(tx, seed, picks);
    for (const pick of picks) {
      const applicant = applicants.get(seedUsername(pick.kind, pick.n));
      const draft = applicant && history.draft(rng, applicant);
      if (!applicant || !draft) continue;
      // A life that would run past the end of the history is moved earlier, never before the registration.
      let submittedAt = submissionTime(rng, applicant.registeredAt);
      let simulated = history.playOut(draft, submittedAt);
      while (simulated.request.updatedAt >= HISTORY.end) {
        const overrun = simulated.request.updatedAt.getTime() - HISTORY.end.getTime();
        submittedAt = new Date(submittedAt.getTime() - overrun - 86_400_000);
        if (submittedAt <= applicant.registeredAt) break;
        simulated = history.playOut(draft, submittedAt);
      }
      if (simulated.request.updatedAt >= HISTORY.end || submittedAt <= applicant.registeredAt) continue;
      pending.push(simulated);
      total += simulated.request.disbursedAmount ?? 0;
      if (total >= remaining) break;
    }
    if (pending.length + requests === placed) {
      throw new SeedError('none of the seeded applicants could place a request; nothing was changed');
    }
    if (pending.length > SETTLEMENT_TAIL + BULK_ROWS) {
      requests += await insertRequests(tx, pending.splice(0, pending.length - SETTLEMENT_TAIL));
    }
  }
  settleDisbursedTotal(
    pending.filter((s) => s.request.status === 'disbursed'),
    total - remaining,
  );
  requests += await insertRequests(tx, pending);
  const after = await disbursedTotal(tx);
  if (after !== target) {
    throw new SeedError(`expected ${target} yuan disbursed after seeding, found ${after}; nothing was changed`);
  }
  return { disbursedYuan: counted(before, after), requests, officers };
}

/**
 * The officer who worked each institution's share of the history, one per institution, created
 * where missing. They are disabled: the people they stand for are history, so they cannot sign in
 * and the matcher, which only counts active officers, does not offer them today's requests.
 */
export async function historicOfficers(tx: Tx, seed: number) {
  const prefix = seedUsernamePrefix('officer');
  const all = (
    await tx
      .select({ id: institutions.id, name: institutions.name, countiesServed: institutions.countiesServed })
      .from(institutions)
  ).sort((a, b) => byCodePoint(a.name, b.name));
  const existing = await tx
    .select({ id: users.id, institutionId: users.institutionId })
    .from(users)
    .where(and(eq(users.role, 'officer'), sql`${users.username} like ${`${prefix}%`}`));
  const officerOf = new Map(existing.map((o) => [o.institutionId!, o.id]));
  const missing = all.filter((i) => !officerOf.has(i.id));
  let n = await lastSeedNumber(tx, 'officer');
  const created = missing.map((i) => ({ ...seededOfficer(seed, ++n, i.name), institution: i }));
  await insertInChunks(created, (chunk) =>
    tx.insert(users).values(
      chunk.map((o) => ({
        id: o.id,
        username: o.username,
        displayName: o.displayName,
        passwordHash: UNUSABLE_PASSWORD_HASH,
        role: 'officer' as const,
        institutionId: o.institution.id,
        countiesServed: o.institution.countiesServed,
        status: 'disabled' as const,
        createdAt: HISTORY.start,
      })),
    ),
  );
  for (const o of created) officerOf.set(o.institution.id, o.id);
  const staff = new Map<string, HistoryInstitution>(
    all.map((i) => [
      i.name,
      { id: i.id, name: i.name, officerId: officerOf.get(i.id)!, speed: institutionSpeed(seed, i.name) },
    ]),
  );
  return { institutions: staff, officers: created.length };
}

/** The picked applicants as the history needs them, by username; accounts since removed are absent. */
export async function seededApplicants(
  tx: Tx,
  seed: number,
  picks: { kind: ApplicantKind; n: number }[],
): Promise<Map<string, HistoryApplicant>> {
  const wanted = (kind: ApplicantKind) => [
    ...new Set(picks.filter((p) => p.kind === kind).map((p) => seedUsername(kind, p.n))),
  ];
  const byUsername = new Map<string, HistoryApplicant>();
  const enterprises = wanted('enterprise');
  if (enterprises.length) {
    const rows = await tx
      .select({ user: users, profile: enterpriseProfiles })
      .from(users)
      .innerJoin(enterpriseProfiles, eq(enterpriseProfiles.userId, users.id))
      .where(inArray(users.username, enterprises));
    for (const { user, profile } of rows) {
      byUsername.set(user.username, {
        id: user.id,
        customerType: 'enterprise',
        county: user.regionCode!,
        industry: profile.industry,
        name: profile.name,
        phone: profile.phone,
        contactName: profile.contactName ?? profile.name,
        registeredAt: user.createdAt,
      });
    }
  }
  const individuals = wanted('individual');
  if (individuals.length) {
    const rows = await tx
      .select({ user: users, profile: individualProfiles })
      .from(users)
      .innerJoin(individualProfiles, eq(individualProfiles.userId, users.id))
      .where(inArray(users.username, individuals));
    for (const { user, profile } of rows) {
      const n = Number(user.username.slice(seedUsernamePrefix('individual').length));
      byUsername.set(user.username, {
        id: user.id,
        customerType: borrowerTypeOf(seed, n),
        county: user.regionCode!,
        industry: null,
        name: profile.name,
        phone: profile.phone,
        contactName: profile.name,
        registeredAt: user.createdAt,
      });
    }
  }
  return byUsername;
}

/** Writes simulated requests with their timelines and SLA stages; returns how many. */
export async function insertRequests(tx: Tx, simulated: SimulatedRequest[]): Promise<number> {
  await bulkInsert(
    tx,
    loanRequests,
    simulated.map((s) => s.request),
  );
  // In order within each request: the timeline reads its events by id.
  await bulkInsert(
    tx,
    requestEvents,
    simulated.flatMap((s) => s.events),
  );
  await bulkInsert(
    tx,
    slaStages,
    simulated.flatMap((s) => s.stages),
  );
  // Placing a directed order counts towards its product's popularity, as submitRequest does.
  const directed = new Map<string, number>();
  for (const { request } of simulated) {
    if (request.productId) directed.set(request.productId, (directed.get(request.productId) ?? 0) + 1);
  }
  if (directed.size) {
    await tx.execute(sql`
      update ${products} set request_count = ${products.requestCount} + v.n
      from unnest(${sql.param([...directed.keys()])}::uuid[], ${sql.param([...directed.values()])}::int[]) as v(id, n)
      where ${products.id} = v.id`);
  }
  return simulated.length;
}

/** The listed products a simulated history chooses from, each under its institution's name, in a fixed order. */
export async function historyProducts(tx: Tx) {
  const listed = await tx
    .select({ product: products, institution: institutions.name })
    .from(products)
    .innerJoin(institutions, eq(institutions.id, products.institutionId))
    .where(eq(products.status, 'listed'));
  return listed
    .map((row) => ({ ...row.product, institutionId: row.institution }))
    .sort((a, b) => byCodePoint(a.institutionId, b.institutionId) || byCodePoint(a.name, b.name));
}
