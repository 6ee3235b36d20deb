import { and, asc, count, desc, eq, sql } from 'drizzle-orm';
import { assertActsForInstitution, actsForInstitution } from '../auth/scope';
import type { Actor } from '../access/roles';
import { recordAudit } from '../audit/service';
import { users } from '../auth/schema';
import type { Database, Executor, Tx } from '../db/client';
import { inTransaction } from '../db/transaction';
import { AppError } from '../http/errors';
import { offsetOf, pageOf } from '../http/pagination';
import { institutions } from '../institutions/schema';
import { assertCountyCodes, assertServedByInstitution } from '../institutions/service';
import { consistencyProblems, fits, listingProblems, percentToBp, type Need, type Problem } from './rules';
import type { ProgramKind } from '../program-kinds';
import type { ProgramCoverage } from './coverage';
import type { CatalogSnapshot } from './snapshot';
import { productView } from './present';
import { productHistory, products, type ProductKind, type ProductStatus } from './schema';
import { searchTextOf } from './search';
import type { ProductFieldsInput, ProductPatchInput } from './validation';
import type { ProductChange, ProductField, ProductHistory, ProductView } from './views';

type ProductRow = typeof products.$inferSelect;
type FieldChanges = ProductChange['changes'];

const institutionRef = { id: institutions.id, name: institutions.name, type: institutions.type };
/** Read with a product, to hide it while its institution is suspended. */
const institutionStatus = institutions.status;

export interface CatalogQuery extends Need {
  q?: string | undefined;
  programKind?: ProgramKind | undefined;
  kind?: ProductKind | undefined;
  institutionId?: string | undefined;
  sort: 'popular' | 'rate' | 'amount';
  page: number;
  pageSize: number;
}

type SortKey = CatalogQuery['sort'];
const byNumber = (a: number | null, b: number | null) => (a ?? Infinity) - (b ?? Infinity);
const ORDER: Record<SortKey, (a: ProductView, b: ProductView) => number> = {
  popular: (a, b) => b.requestCount - a.requestCount || byNumber(a.minRate, b.minRate),
  rate: (a, b) => byNumber(a.minRate, b.minRate) || byNumber(b.maxAmount, a.maxAmount),
  amount: (a, b) => byNumber(b.maxAmount, a.maxAmount) || byNumber(a.minRate, b.minRate),
};
const byNameThenId = (a: ProductView, b: ProductView) =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** The public catalog: listed products only, every filter combinable, filtered by the pure rules. */
export async function searchCatalog(catalog: CatalogSnapshot, coverage: ProgramCoverage, query: CatalogQuery) {
  const q = query.q?.trim().toLowerCase();
  const found = (await catalog.listed()).filter(
    (e) =>
      fits(e.terms, query) &&
      (!q || e.searchText.includes(q)) &&
      (!query.kind || e.terms.kind === query.kind) &&
      (!query.institutionId || e.view.institution.id === query.institutionId),
  );
  const marks = await coverage(found);
  const matches = found
    .filter((e) => !query.programKind || marks.get(e.terms.id)?.some((m) => m.kind === query.programKind))
    .map((e) => ({ ...e.view, programs: marks.get(e.terms.id) ?? [] }))
    .sort((a, b) => ORDER[query.sort](a, b) || byNameThenId(a, b));
  const start = offsetOf(query);
  return pageOf(matches.slice(start, start + query.pageSize), matches.length, query);
}

/** An institution's own products in every state, for its admin (or the platform admin). */
export async function institutionProducts(
  db: Database,
  actor: Actor,
  institutionId: string,
  query: { status?: ProductStatus | undefined; page: number; pageSize: number },
) {
  assertActsForInstitution(actor, institutionId);
  const where = and(
    eq(products.institutionId, institutionId),
    ...(query.status ? [eq(products.status, query.status)] : []),
  );
  const [rows, [total]] = await Promise.all([
    db
      .select({ product: products, institution: institutionRef })
      .from(products)
      .innerJoin(institutions, eq(institutions.id, products.institutionId))
      .where(where)
      .orderBy(desc(products.updatedAt), asc(products.id))
      .limit(query.pageSize)
      .offset(offsetOf(query)),
    db.select({ n: count() }).from(products).where(where),
  ]);
  return pageOf(
    rows.map((r) => productView(r.product, r.institution)),
    total!.n,
    query,
  );
}

async function loadProduct(db: Executor, id: string, forUpdate = false) {
  const query = db
    .select({ product: products, institution: institutionRef, institutionStatus })
    .from(products)
    .innerJoin(institutions, eq(institutions.id, products.institutionId))
    .where(eq(products.id, id));
  const [row] = forUpdate ? await query.for('update', { of: products }) : await query;
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/** Anyone sees a listed product; drafts and delisted ones only their institution (and the admin). */
export async function getProduct(db: Database, actor: Actor | null, id: string) {
  const row = await loadProduct(db, id);
  const inCatalog = row.product.status === 'listed' && row.institutionStatus === 'active';
  if (!inCatalog && !actsForInstitution(actor, row.product.institutionId)) {
    throw new AppError('NOT_FOUND');
  }
  return row;
}

/** API fields → stored columns (rates in basis points); only the fields present. */
function toColumns(input: ProductPatchInput): Partial<ProductRow> {
  const { minRate, maxRate, ...rest } = input;
  const columns: Partial<ProductRow> = { ...rest };
  if (minRate !== undefined) columns.minRateBp = minRate === null ? null : percentToBp(minRate);
  if (maxRate !== undefined) columns.maxRateBp = maxRate === null ? null : percentToBp(maxRate);
  return columns;
}

function assertNoProblems(problems: Problem[]): void {
  if (problems.length) throw new AppError('VALIDATION_FAILED', problems);
}

/** What changed, in API terms (rates in percent), over the fields the caller wrote. */
function diff(before: Partial<ProductView>, after: ProductView, fields: ProductField[]): FieldChanges {
  const changes: FieldChanges = {};
  for (const field of fields) {
    const from = before[field as keyof ProductView] ?? null;
    const to = after[field as keyof ProductView] ?? null;
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[field] = { from, to };
  }
  return changes;
}

async function recordHistory(
  tx: Tx,
  productId: string,
  actor: Actor,
  action: 'created' | 'updated' | 'listed' | 'delisted',
  changes: FieldChanges,
) {
  await tx.insert(productHistory).values({ productId, actorId: actor.id, action, changes });
}

/** A new draft of the actor's institution. */
export async function createProduct(db: Database, actor: Actor, input: ProductFieldsInput) {
  const institutionId = actor.institutionId!;
  await assertCountyCodes(db, input.counties, 'counties');
  await assertServedByInstitution(db, institutionId, input, 'counties');
  return inTransaction(db, async (tx) => {
    const [institution] = await tx.select(institutionRef).from(institutions).where(eq(institutions.id, institutionId));
    const columns = toColumns(input);
    const draft = { ...columns, name: input.name, kind: input.kind };
    assertNoProblems(consistencyProblems({ ...emptyTerms, ...draft }));
    const [row] = await tx
      .insert(products)
      .values({
        ...draft,
        institutionId,
        searchText: searchTextOf({ name: input.name, description: input.description ?? '' }, institution!.name),
      })
      .returning();
    const view = productView(row!, institution!);
    await recordHistory(tx, row!.id, actor, 'created', diff({}, view, Object.keys(input) as ProductField[]));
    await recordAudit(tx, actor, 'product.create', row!.id, { name: input.name });
    return view;
  });
}

const emptyTerms = {
  status: 'draft' as const,
  minAmount: null,
  maxAmount: null,
  minTermMonths: null,
  maxTermMonths: null,
  minRateBp: null,
  maxRateBp: null,
  customerTypes: [],
  allCounties: false,
  counties: [],
  allIndustries: true,
  industries: [],
};

/** Edits a product of the actor's institution; a listed product must stay complete. */
export async function updateProduct(db: Database, actor: Actor, id: string, patch: ProductPatchInput) {
  await assertCountyCodes(db, patch.counties, 'counties');
  return inTransaction(db, async (tx) => {
    const { product, institution } = await loadProduct(tx, id, true);
    assertActsForInstitution(actor, product.institutionId);
    const next = { ...product, ...toColumns(patch) };
    if (patch.counties !== undefined || patch.allCounties !== undefined) {
      await assertServedByInstitution(tx, product.institutionId, next, 'counties');
    }
    const changes = diff(
      productView(product, institution),
      productView(next, institution),
      Object.keys(patch) as ProductField[],
    );
    if (Object.keys(changes).length === 0) return productView(product, institution);
    assertNoProblems(next.status === 'listed' ? listingProblems(next) : consistencyProblems(next));
    const [row] = await tx
      .update(products)
      .set({ ...toColumns(patch), searchText: searchTextOf(next, institution.name), updatedAt: sql`now()` })
      .where(eq(products.id, id))
      .returning();
    await recordHistory(tx, id, actor, 'updated', changes);
    await recordAudit(tx, actor, 'product.update', id, { changes });
    return productView(row!, institution);
  });
}

/** draft|delisted → listed, once complete; listed → delisted. */
export async function changeListing(db: Database, actor: Actor, id: string, to: 'listed' | 'delisted') {
  return inTransaction(db, async (tx) => {
    const { product, institution } = await loadProduct(tx, id, true);
    assertActsForInstitution(actor, product.institutionId);
    if (to === 'listed') {
      if (product.status === 'listed')
        throw new AppError('INVALID_STATE', [{ path: 'status', message: 'state.listed' }]);
      assertNoProblems(listingProblems(product));
    } else if (product.status !== 'listed') {
      throw new AppError('INVALID_STATE', [{ path: 'status', message: 'state.notListed' }]);
    }
    const [row] = await tx
      .update(products)
      .set({ status: to, updatedAt: sql`now()`, ...(to === 'listed' ? { listedAt: sql`now()` } : {}) })
      .where(eq(products.id, id))
      .returning();
    await recordHistory(tx, id, actor, to, { status: { from: product.status, to } });
    await recordAudit(tx, actor, to === 'listed' ? 'product.list' : 'product.delist', id);
    return productView(row!, institution);
  });
}

export async function productHistoryOf(db: Database, actor: Actor, id: string): Promise<ProductHistory> {
  const { product } = await loadProduct(db, id);
  assertActsForInstitution(actor, product.institutionId);
  const rows = await db
    .select({ entry: productHistory, actor: { id: users.id, displayName: users.displayName } })
    .from(productHistory)
    .innerJoin(users, eq(users.id, productHistory.actorId))
    .where(eq(productHistory.productId, id))
    .orderBy(asc(productHistory.at), asc(productHistory.id));
  return {
    items: rows.map((r) => ({
      action: r.entry.action,
      actor: r.actor,
      at: r.entry.at.toISOString(),
      changes: r.entry.changes,
    })),
  };
}
