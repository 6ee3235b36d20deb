import { and, count, eq, gte, lte, sql } from 'drizzle-orm';
import type { Actor } from '../../access/roles';
import { enterpriseProfiles, individualProfiles } from '../../auth/schema';
import { assertCounty } from '../../auth/service';
import { misfits, type Need } from '../../catalog/rules';
import { products, type CustomerType } from '../../catalog/schema';
import type { Database, Executor } from '../../db/client';
import { uniqueViolation } from '../../db/errors';
import { inTransaction } from '../../db/transaction';
import { AppError } from '../../http/errors';
import { currentPolicy } from '../../sla-policy/policy';
import type { SlaContext } from '../../clock/clock';
import { loanRequests } from '../schema';
import { submit } from '../transitions';
import { CUSTOMER_TYPES_BY_APPLICANT } from '../enums';
import type { NewLoanRequestInput } from '../validation';
import { presentRequests, selectRequestDetails } from '../details';
import type { RequestView } from '../views';

/** Who the applicant is, from their account: the name and phone a request starts with. */
async function applicantProfile(
  db: Executor,
  actor: Actor,
): Promise<{ name: string; phone: string; contactName: string; customerTypes: readonly CustomerType[] }> {
  if (actor.role === 'enterprise') {
    const [p] = await db.select().from(enterpriseProfiles).where(eq(enterpriseProfiles.userId, actor.id));
    return {
      name: p!.name,
      phone: p!.phone,
      contactName: p!.contactName ?? p!.name,
      customerTypes: CUSTOMER_TYPES_BY_APPLICANT.enterprise,
    };
  }
  const [p] = await db.select().from(individualProfiles).where(eq(individualProfiles.userId, actor.id));
  return {
    name: p!.name,
    phone: p!.phone,
    contactName: p!.name,
    customerTypes: CUSTOMER_TYPES_BY_APPLICANT.individual,
  };
}

/** A directed order's product must be listed and allow the need; an open one must fit some product's ranges. */
async function assertSomethingFits(db: Executor, input: NewLoanRequestInput, need: Need): Promise<void> {
  if (input.productId) {
    const [product] = await db.select().from(products).where(eq(products.id, input.productId));
    if (!product || product.status !== 'listed') {
      throw new AppError('VALIDATION_FAILED', [{ path: 'productId', message: 'product.notListed' }]);
    }
    const fields = misfits(product, need);
    if (fields.length) {
      throw new AppError(
        'VALIDATION_FAILED',
        fields.map((path) => ({ path, message: 'product.doesNotAllow' })),
      );
    }
    return;
  }
  const listed = eq(products.status, 'listed');
  const [byAmount] = await db
    .select({ n: count() })
    .from(products)
    .where(and(listed, lte(products.minAmount, need.amount!), gte(products.maxAmount, need.amount!)));
  const [byTerm] = await db
    .select({ n: count() })
    .from(products)
    .where(and(listed, lte(products.minTermMonths, need.termMonths!), gte(products.maxTermMonths, need.termMonths!)));
  const problems = [
    ...(byAmount!.n === 0 ? [{ path: 'amount', message: 'amount.noProduct' }] : []),
    ...(byTerm!.n === 0 ? [{ path: 'termMonths', message: 'termMonths.noProduct' }] : []),
  ];
  if (problems.length) throw new AppError('VALIDATION_FAILED', problems);
}

/**
 * Places a request (any hour): the submit transition, in one transaction with the chosen
 * product's request count; the matcher takes it from there. A retry with the same
 * Idempotency-Key returns the first request instead of placing another — if it asks for the same.
 */
export async function submitRequest(
  db: Database,
  sla: SlaContext,
  actor: Actor,
  input: NewLoanRequestInput,
  idempotencyKey: string | undefined,
): Promise<{ request: RequestView; replayed: boolean }> {
  const profile = await applicantProfile(db, actor);
  const customerType = (input.customerType ?? profile.customerTypes[0]) as CustomerType;
  const placement: Placement = {
    amount: input.amount,
    termMonths: input.termMonths,
    purpose: input.purpose,
    collateral: input.collateral,
    county: input.county,
    industry: input.industry,
    customerType,
    contactName: input.contactName ?? profile.contactName,
    contactPhone: input.contactPhone ?? profile.phone,
    productId: input.productId ?? null,
  };
  if (idempotencyKey) {
    const earlier = await replayOf(db, sla, actor, idempotencyKey, placement);
    if (earlier) return { request: earlier, replayed: true };
  }
  if (!profile.customerTypes.includes(customerType)) {
    throw new AppError('VALIDATION_FAILED', [{ path: 'customerType', message: 'customerType.notYours' }]);
  }
  await assertCounty(db, input.county);
  const need: Need = { ...input, customerType };
  await assertSomethingFits(db, input, need);

  try {
    const id = await inTransaction(db, async (tx) => {
      // The respond clock starts now: the request enters the pool as soon as the matcher has run.
      const policy = await currentPolicy(tx);
      const row = await submit(tx, sla, actor, {
        ...placement,
        applicantId: actor.id,
        applicantName: profile.name,
        idempotencyKey: idempotencyKey ?? null,
        slaPolicyVersion: policy.version,
      });
      if (input.productId) {
        await tx
          .update(products)
          .set({ requestCount: sql`${products.requestCount} + 1` })
          .where(eq(products.id, input.productId));
      }
      return row.id;
    });
    return { request: (await findRequestView(db, sla, id, 'full'))!, replayed: false };
  } catch (err) {
    // The same key raced in twice: the first one won; answer with it.
    if (idempotencyKey && uniqueViolation(err) !== null) {
      return { request: (await replayOf(db, sla, actor, idempotencyKey, placement))!, replayed: true };
    }
    throw err;
  }
}

/** What a request asks for, its defaults filled in from the applicant's account. */
type Placement = Pick<
  typeof loanRequests.$inferInsert,
  | 'amount'
  | 'termMonths'
  | 'purpose'
  | 'collateral'
  | 'county'
  | 'industry'
  | 'customerType'
  | 'contactName'
  | 'contactPhone'
  | 'productId'
>;

/**
 * The request the applicant placed earlier under `key`, or null. A key names one request: reused
 * for a request that asks for anything else, it is refused rather than answered with the first.
 */
async function replayOf(
  db: Executor,
  sla: SlaContext,
  actor: Actor,
  key: string,
  placement: Placement,
): Promise<RequestView | null> {
  const byKey = and(eq(loanRequests.applicantId, actor.id), eq(loanRequests.idempotencyKey, key));
  const [earlier] = await db.select().from(loanRequests).where(byKey);
  if (!earlier) return null;
  const fields = Object.keys(placement) as (keyof Placement)[];
  if (fields.some((field) => earlier[field] !== placement[field])) throw new AppError('IDEMPOTENCY_KEY_REUSED');
  const [view] = await presentRequests(db, sla, await selectRequestDetails(db).where(byKey), () => 'full');
  return view!;
}

async function findRequestView(
  db: Executor,
  sla: SlaContext,
  id: string,
  mode: 'full' | 'masked',
): Promise<RequestView | null> {
  const details = await selectRequestDetails(db).where(eq(loanRequests.id, id));
  const [view] = await presentRequests(db, sla, details, () => mode);
  return view ?? null;
}
