import { count, sql } from 'drizzle-orm';
import { createFirstAdmin, loadDemoAccounts } from './accounts/demo-accounts';
import { users } from './auth/schema';
import { loadDemoProducts } from './catalog/demo-products';
import type { Config } from './config';
import type { Database } from './db/client';
import { inTransaction } from './db/transaction';
import { loadInstitutions } from './institutions/load';
import { loadDemoProfiles } from './profiles/demo-profiles';
import { loadRegions } from './reference/load';
import { regions } from './reference/schema';
import { ensurePolicy } from './sla-policy/policy';

/** Serialises initial and seed data loads when several processes start against one database. */
export const INITIAL_DATA_LOCK = 7_315_001;

/**
 * What an empty database needs, loaded once even with several processes starting: the SLA
 * policy and reference data always; in demo mode the demo accounts and catalog; the first
 * admin when BOOTSTRAP_ADMIN_PASSWORD is set. Returns what it loaded, for the log.
 */
export async function loadInitialData(
  db: Database,
  config: Pick<Config, 'DEMO_DATA' | 'BOOTSTRAP_ADMIN_PASSWORD'>,
  /** The platform's clock: what the demo data dates from. */
  now = new Date(),
): Promise<string[]> {
  const loaded: string[] = [];
  await inTransaction(db, async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${INITIAL_DATA_LOCK})`);
    await ensurePolicy(tx);
    const [regionCount] = await tx.select({ n: count() }).from(regions);
    if (regionCount!.n === 0) {
      await loadRegions(tx);
      await loadInstitutions(tx);
      loaded.push('reference data (regions, institutions)');
    }
    const [userCount] = await tx.select({ n: count() }).from(users);
    if (config.DEMO_DATA && userCount!.n === 0) {
      await loadDemoAccounts(tx);
      await loadDemoProducts(tx);
      await loadDemoProfiles(tx, now);
      loaded.push('demo accounts (password demo1234), their profiles and demo products');
    }
    if (config.BOOTSTRAP_ADMIN_PASSWORD && (await createFirstAdmin(tx, config.BOOTSTRAP_ADMIN_PASSWORD))) {
      loaded.push('the first platform admin account "admin"');
    }
  });
  return loaded;
}
