import { count, eq, inArray, sql } from 'drizzle-orm';
import { listingProblems } from '../catalog/rules';
import { products } from '../catalog/schema';
import { searchTextOf } from '../catalog/search';
import type { Database, Tx } from '../db/client';
import { inTransaction } from '../db/transaction';
import { INITIAL_DATA_LOCK } from '../initial-data';
import { institutions } from '../institutions/schema';
import { loadReferenceData, REFERENCE_DATA } from '../reference/load';
import { DEFAULT_SEED, generateLiaocheng, LIAOCHENG_SCALE, type SeedDataset, type SeedProduct } from './liaocheng';

/**
 * Applies the Liaocheng-scale dataset to a database in one transaction: the reference data, then
 * generated institutions and listed products until there are exactly 186 and 340. Existing rows are
 * counted, never changed or deleted, so it works on a database with or without the demo data, and a
 * second run inserts nothing.
 */
export interface SeedReport {
  seed: number;
  institutions: { before: number; inserted: number; after: number };
  listedProducts: { before: number; inserted: number; after: number };
}

/** The seed cannot reach the target without touching existing data; nothing was written. */
export class SeedError extends Error {
  override name = 'SeedError';
}

/**
 * The advisory lock platform.ts takes while it loads its initial data: a seed never interleaves with
 * a platform loading the reference and demo data, nor with another seed.
 */
/** Rows per INSERT: well below PostgreSQL's 65,535 bind parameters. */
const CHUNK = 100;
const ALL_COUNTIES = REFERENCE_DATA.counties.map((c) => c.code);

export async function loadLiaochengSeed(db: Database, options: { seed?: number } = {}): Promise<SeedReport> {
  const dataset = generateLiaocheng(options.seed ?? DEFAULT_SEED);
  return inTransaction(db, async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${INITIAL_DATA_LOCK})`);
    const institutionsBefore = await countInstitutions(tx);
    const listedBefore = await countListed(tx);
    if (institutionsBefore > LIAOCHENG_SCALE.institutions) {
      throw new SeedError(
        `the database already has ${institutionsBefore} institutions, more than the ${LIAOCHENG_SCALE.institutions} ` +
          'of the Liaocheng scale; the seed only adds data and never deletes any, so it cannot reach that scale here',
      );
    }
    if (listedBefore > LIAOCHENG_SCALE.listedProducts) {
      throw new SeedError(
        `the database already has ${listedBefore} listed products, more than the ${LIAOCHENG_SCALE.listedProducts} ` +
          'of the Liaocheng scale; the seed only adds data and never deletes or delists any, so it cannot reach that scale here',
      );
    }

    await loadReferenceData(tx);
    await topUpInstitutions(tx, dataset);
    await topUpProducts(tx, dataset);

    const institutionsAfter = await countInstitutions(tx);
    const listedAfter = await countListed(tx);
    return {
      seed: dataset.seed,
      institutions: {
        before: institutionsBefore,
        inserted: institutionsAfter - institutionsBefore,
        after: institutionsAfter,
      },
      listedProducts: { before: listedBefore, inserted: listedAfter - listedBefore, after: listedAfter },
    };
  });
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
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
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
