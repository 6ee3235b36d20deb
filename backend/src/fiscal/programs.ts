import { and, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../access/roles';
import { recordAudit } from '../audit/service';
import { percentToBp } from '../catalog/rules';
import { products } from '../catalog/schema';
import type { SlaContext } from '../clock/clock';
import type { Database, Executor } from '../db/client';
import { inTransaction } from '../db/transaction';
import { AppError, type ErrorDetail } from '../http/errors';
import { offsetOf, pageOf } from '../http/pagination';
import { institutions } from '../institutions/schema';
import { regions } from '../reference/schema';
import { shanghaiDay } from '../requests/stage-rules';
import { enrolLoansDisbursedBefore } from './enrolment';
import { assertManages, cityCodeOf, type ProgramRow } from './program-scope';
import { accruedFen, daysBetween, interestSubsidyFen, type ProgramEligibility } from './rules';
import { programs, type StoredTerms } from './schema';
import {
  ProgramInput,
  type ProgramParams,
  type ProgramViewType,
  type ProgramInputType,
  type ProgramChange,
  type ProgramQuery,
  type PreviewQuery,
} from './views';
import type { z } from '../http/zod';

/**
 * Fiscal programs (政策项目): each funded by one region's bureau — the city's or a county's — which
 * alone drafts, changes, activates and closes it; everyone may read the active ones.
 */

const yuanToFen = (yuan: number) => Math.round(yuan * 100);
const fenToYuan = (fen: number) => fen / 100;

/** API parameters (percent, yuan) → stored terms (basis points, fen). */
function termsOf(params: ProgramParams): StoredTerms {
  const bp = (pct: number | undefined) => (pct === undefined ? undefined : percentToBp(pct));
  const fen = (yuan: number | undefined) => (yuan === undefined ? undefined : yuanToFen(yuan));
  const terms: StoredTerms = {
    subsidyRateBp: bp(params.subsidyRatePct),
    perBorrowerCapPerYearFen: fen(params.perBorrowerCapPerYear),
    feeFloorBp: bp(params.feeFloorPct),
    feeShareBp: bp(params.feeSharePct),
    feeCapBp: bp(params.feeCapPct),
    lossShareBp: bp(params.lossSharePct),
    capPerLoanFen: fen(params.capPerLoan),
  };
  return Object.fromEntries(Object.entries(terms).filter(([, v]) => v !== undefined));
}

function paramsOf(terms: StoredTerms): ProgramParams {
  const pct = (bp: number | undefined) => (bp === undefined ? undefined : bp / 100);
  const yuan = (fen: number | undefined) => (fen === undefined ? undefined : fenToYuan(fen));
  const params: ProgramParams = {
    subsidyRatePct: pct(terms.subsidyRateBp),
    perBorrowerCapPerYear: yuan(terms.perBorrowerCapPerYearFen),
    feeFloorPct: pct(terms.feeFloorBp),
    feeSharePct: pct(terms.feeShareBp),
    feeCapPct: pct(terms.feeCapBp),
    lossSharePct: pct(terms.lossShareBp),
    capPerLoan: yuan(terms.capPerLoanFen),
  };
  return Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined));
}

export function budgetOf(p: ProgramRow) {
  return {
    budget: fenToYuan(p.budgetFen),
    committedFen: p.committedFen,
    paidFen: p.paidFen,
    remainingFen: p.budgetFen - p.committedFen - p.paidFen,
  };
}

export function programView(p: ProgramRow, regionName: string): ProgramViewType {
  return {
    id: p.id,
    kind: p.kind,
    name: p.name,
    policyRef: p.policyRef,
    region: p.region,
    regionName,
    startsOn: p.startsOn,
    endsOn: p.endsOn,
    status: p.status,
    eligibility: p.eligibility,
    params: paramsOf(p.terms),
    budget: budgetOf(p),
    createdAt: p.createdAt.toISOString(),
    activatedAt: p.activatedAt?.toISOString() ?? null,
    closedAt: p.closedAt?.toISOString() ?? null,
  };
}

async function regionNames(db: Executor): Promise<Map<string, string>> {
  const rows = await db.select({ code: regions.code, name: regions.name }).from(regions);
  return new Map(rows.map((r) => [r.code, r.name]));
}

/**
 * Which programs an actor may read beyond the active ones: the admin and the city bureau every
 * program, a county bureau its county's; anyone else none.
 */
function readableBeyondActive(actor: Actor | null): SQL | undefined {
  if (actor?.role === 'admin' || (actor?.role === 'bureau' && actor.county === null)) return sql`true`;
  if (actor?.role === 'bureau') return eq(programs.region, actor.county!);
  return undefined;
}

const visibleTo = (actor: Actor | null) => or(eq(programs.status, 'active'), readableBeyondActive(actor));

export async function listPrograms(db: Database, actor: Actor | null, query: z.output<typeof ProgramQuery>) {
  const where = and(
    visibleTo(actor),
    query.kind ? eq(programs.kind, query.kind) : undefined,
    query.region ? eq(programs.region, query.region) : undefined,
    query.status ? eq(programs.status, query.status) : undefined,
  );
  const [rows, [total], names] = await Promise.all([
    db
      .select()
      .from(programs)
      .where(where)
      .orderBy(desc(programs.createdAt), programs.id)
      .limit(query.pageSize)
      .offset(offsetOf(query)),
    db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(programs)
      .where(where),
    regionNames(db),
  ]);
  return pageOf(
    rows.map((p) => programView(p, names.get(p.region) ?? p.region)),
    total!.n,
    query,
  );
}

export async function loadProgram(
  db: Executor,
  actor: Actor | null,
  id: string,
  forUpdate = false,
): Promise<ProgramRow> {
  const query = db
    .select()
    .from(programs)
    .where(and(eq(programs.id, id), visibleTo(actor)));
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

export async function getProgram(db: Database, actor: Actor | null, id: string) {
  const row = await loadProgram(db, actor, id);
  return programView(row, (await regionNames(db)).get(row.region) ?? row.region);
}

/** What a program names beyond its own fields must exist and stay within its region. */
async function eligibilityProblems(db: Executor, region: string, cityCode: string, e: ProgramEligibility) {
  const problems: ErrorDetail[] = [];
  if (region !== cityCode && e.counties?.some((c) => c !== region)) {
    problems.push({ path: 'eligibility.counties', message: 'program.countyOutsideRegion' });
  }
  if (e.productIds?.length) {
    const found = await db.select({ id: products.id }).from(products).where(inArray(products.id, e.productIds));
    if (found.length < new Set(e.productIds).size) {
      problems.push({ path: 'eligibility.productIds', message: 'program.unknownProduct' });
    }
  }
  if (e.institutionIds?.length) {
    const found = await db
      .select({ id: institutions.id })
      .from(institutions)
      .where(inArray(institutions.id, e.institutionIds));
    if (found.length < new Set(e.institutionIds).size) {
      problems.push({ path: 'eligibility.institutionIds', message: 'program.unknownInstitution' });
    }
  }
  return problems;
}

async function assertSound(db: Executor, input: ProgramInputType, cityCode: string) {
  const [known] = await db.select({ code: regions.code }).from(regions).where(eq(regions.code, input.region));
  if (!known) throw new AppError('VALIDATION_FAILED', [{ path: 'region', message: 'region.unknown' }]);
  const problems = await eligibilityProblems(db, input.region, cityCode, input.eligibility);
  if (problems.length) throw new AppError('VALIDATION_FAILED', problems);
}

const columnsOf = (input: Omit<ProgramInputType, 'kind' | 'region'>) => ({
  name: input.name,
  policyRef: input.policyRef ?? null,
  budgetFen: yuanToFen(input.budget),
  startsOn: input.startsOn,
  endsOn: input.endsOn,
  eligibility: input.eligibility,
  terms: termsOf(input.params),
});

export async function createProgram(db: Database, actor: Actor, input: ProgramInputType) {
  const id = await inTransaction(db, async (tx) => {
    const cityCode = await cityCodeOf(tx);
    assertManages(actor, input, cityCode);
    await assertSound(tx, input, cityCode);
    const [row] = await tx
      .insert(programs)
      .values({ kind: input.kind, region: input.region, createdBy: actor.id, ...columnsOf(input) })
      .returning({ id: programs.id });
    await recordAudit(tx, actor, 'program.create', row!.id, {
      kind: input.kind,
      region: input.region,
      budget: input.budget,
    });
    return row!.id;
  });
  return getProgram(db, actor, id);
}

/** What an active program may still change: its name, its end, its budget (never below what it spent). */
const CHANGEABLE_WHILE_ACTIVE = ['name', 'endsOn', 'budget'] as const;

export async function updateProgram(db: Database, actor: Actor, id: string, change: z.output<typeof ProgramChange>) {
  await inTransaction(db, async (tx) => {
    const current = await loadProgram(tx, actor, id, true);
    const cityCode = await cityCodeOf(tx);
    assertManages(actor, current, cityCode);
    if (current.status === 'closed')
      throw new AppError('INVALID_STATE', [{ path: 'status', message: 'program.closed' }]);
    const fields = Object.keys(change).filter((k) => change[k as keyof typeof change] !== undefined);
    if (current.status === 'active') {
      const frozen = fields.filter((f) => !(CHANGEABLE_WHILE_ACTIVE as readonly string[]).includes(f));
      if (frozen.length) {
        throw new AppError(
          'INVALID_STATE',
          frozen.map((path) => ({ path, message: 'program.notDraft' })),
        );
      }
    }
    const view = programView(current, '');
    // The whole program is checked again as it will stand, with the rules of its kind.
    const parsed = ProgramInput.safeParse({
      kind: current.kind,
      region: current.region,
      name: change.name ?? view.name,
      policyRef: change.policyRef ?? view.policyRef ?? undefined,
      budget: change.budget ?? view.budget.budget,
      startsOn: change.startsOn ?? view.startsOn,
      endsOn: change.endsOn ?? view.endsOn,
      eligibility: change.eligibility ?? view.eligibility,
      params: change.params ?? view.params,
    });
    if (!parsed.success) {
      throw new AppError(
        'VALIDATION_FAILED',
        parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      );
    }
    const next = parsed.data;
    await assertSound(tx, next, cityCode);
    const spentFen = current.committedFen + current.paidFen;
    if (yuanToFen(next.budget) < spentFen) {
      throw new AppError('VALIDATION_FAILED', [
        { path: 'budget', message: 'program.budgetBelowSpent', params: { spent: fenToYuan(spentFen).toFixed(2) } },
      ]);
    }
    await tx
      .update(programs)
      .set({ ...columnsOf(next), updatedAt: new Date() })
      .where(eq(programs.id, id));
    await recordAudit(tx, actor, 'program.update', id, { fields });
  });
  return getProgram(db, actor, id);
}

/**
 * A draft goes live: from now on the catalog marks what it covers and disbursed loans enrol; loans
 * already disbursed within its period enrol at once.
 */
export async function activateProgram(db: Database, sla: SlaContext, actor: Actor, id: string) {
  await inTransaction(db, async (tx) => {
    const current = await loadProgram(tx, actor, id, true);
    const cityCode = await cityCodeOf(tx);
    assertManages(actor, current, cityCode);
    if (current.status !== 'draft')
      throw new AppError('INVALID_STATE', [{ path: 'status', message: 'program.notDraft' }]);
    if (current.endsOn < shanghaiDay(sla.now())) {
      throw new AppError('INVALID_STATE', [{ path: 'endsOn', message: 'program.endsInPast' }]);
    }
    const [active] = await tx
      .update(programs)
      .set({ status: 'active', activatedAt: sla.now(), updatedAt: sla.now() })
      .where(eq(programs.id, id))
      .returning();
    const enrolled = await enrolLoansDisbursedBefore(tx, active!, cityCode);
    await recordAudit(tx, actor, 'program.activate', id, { enrolled });
  });
  return getProgram(db, actor, id);
}

/** A closed program takes no new claims; those already submitted finish their way. */
export async function closeProgram(db: Database, sla: SlaContext, actor: Actor, id: string) {
  await inTransaction(db, async (tx) => {
    const current = await loadProgram(tx, actor, id, true);
    assertManages(actor, current, await cityCodeOf(tx));
    if (current.status !== 'active')
      throw new AppError('INVALID_STATE', [{ path: 'status', message: 'program.notActive' }]);
    await tx
      .update(programs)
      .set({ status: 'closed', closedAt: sla.now(), updatedAt: sla.now() })
      .where(eq(programs.id, id));
    await recordAudit(tx, actor, 'program.close', id);
  });
  return getProgram(db, actor, id);
}

/**
 * What an interest subsidy would pay on a loan over a period: the subsidy, never more than the
 * interest the loan's own rate gives (the form's 「预计贴息」).
 */
export async function previewSubsidy(db: Database, actor: Actor | null, id: string, q: z.output<typeof PreviewQuery>) {
  const program = await loadProgram(db, actor, id);
  if (program.kind !== 'interest_subsidy') {
    throw new AppError('INVALID_STATE', [{ path: 'kind', message: 'program.previewInterestOnly' }]);
  }
  if (q.from >= q.to) throw new AppError('VALIDATION_FAILED', [{ path: 'to', message: 'period.endNotAfterStart' }]);
  const days = daysBetween(q.from, q.to);
  const principalFen = yuanToFen(q.principal);
  const interestFen = accruedFen(principalFen, percentToBp(q.annualRate), days);
  const subsidyFen = interestSubsidyFen(program.terms.subsidyRateBp ?? 0, {
    outstandingPrincipalFen: principalFen,
    interestPaidFen: interestFen,
    periodStart: q.from,
    periodEnd: q.to,
    capLeftFen: program.terms.perBorrowerCapPerYearFen ?? null,
  });
  return { subsidyFen, interestFen, days };
}
