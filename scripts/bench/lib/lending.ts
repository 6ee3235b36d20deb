import { eq, inArray, sql } from 'drizzle-orm';
import { usccCheckCharacter } from '@lcfin/backend/auth/identifiers';
import { hashPassword } from '@lcfin/backend/auth/passwords';
import { enterpriseProfiles, users } from '@lcfin/backend/auth/schema';
import { products } from '@lcfin/backend/catalog/schema';
import type { Database } from '@lcfin/backend/db/client';
import { institutions } from '@lcfin/backend/institutions/schema';
import { matchCandidates } from '@lcfin/backend/requests/matching';
import { loanRequests } from '@lcfin/backend/requests/schema';
import { forEachLimited, type ApiClient } from './api-client';

/**
 * The people of a lending benchmark on a seeded production-mode platform (which has no demo
 * accounts): officers of institutions that the matcher puts in the county pool of the standard
 * request below, one enterprise applicant, and a bearer token for each from POST /auth/tokens.
 */
export const API = '/api/v1';

/** An open (not directed) request the seeded catalog has plenty of products for. */
export const STANDARD_REQUEST = {
  amount: 500_000,
  termMonths: 12,
  purpose: '基准测试：流动资金周转',
  collateral: 'credit',
  county: '371502',
  industry: 'C',
} as const;

export interface Officer {
  id: string;
  username: string;
  institutionId: string;
  token: string;
}

export interface LendingActors {
  /** In the matcher's rank order for the standard request. */
  institutionIds: string[];
  /** `officersPerInstitution` per institution, grouped by institution in the order above. */
  officers: Officer[];
  applicant: { id: string; username: string; token: string };
}

const PASSWORD = 'bench-password-2026';
/** Token requests in flight: scrypt runs on libuv's 4 threads in the server. */
const TOKEN_CONCURRENCY = 4;

export async function createLendingActors(
  db: Database,
  api: ApiClient,
  options: { institutions: number; officersPerInstitution: number },
): Promise<LendingActors> {
  const served = await countiesServed(db);
  const institutionIds = await countyPoolInstitutions(db, served, options.institutions);
  // One scrypt hash for everyone: hashing 100 passwords would only slow the setup down.
  const passwordHash = await hashPassword(PASSWORD);

  const officerRows = await db
    .insert(users)
    .values(
      institutionIds.flatMap((institutionId, i) =>
        Array.from({ length: options.officersPerInstitution }, (_, j) => ({
          username: `bench.officer.${i + 1}.${j + 1}`,
          passwordHash,
          role: 'officer' as const,
          displayName: `基准客户经理 ${i + 1}-${j + 1}`,
          institutionId,
          countiesServed: served.get(institutionId)!,
          status: 'active' as const,
        })),
      ),
    )
    .returning({ id: users.id, username: users.username, institutionId: users.institutionId });

  const applicant = await createEnterprise(db, passwordHash);
  const token = (username: string) =>
    api
      .expectJson<{ token: string }>('POST', `${API}/auth/tokens`, 201, { json: { username, password: PASSWORD } })
      .then((body) => body.token);

  const officers: Officer[] = officerRows.map((row) => ({ ...row, institutionId: row.institutionId!, token: '' }));
  await forEachLimited(officers, TOKEN_CONCURRENCY, async (officer) => {
    officer.token = await token(officer.username);
  });
  return { institutionIds, officers, applicant: { ...applicant, token: await token(applicant.username) } };
}

/** Each institution's counties: its officers may serve these and no others (institutions/service.ts). */
async function countiesServed(db: Database): Promise<Map<string, string[]>> {
  const rows = await db.select({ id: institutions.id, counties: institutions.countiesServed }).from(institutions);
  return new Map(rows.map((row) => [row.id, row.counties]));
}

/**
 * The first `count` institutions, in rank order, that the matcher itself (the pure matchCandidates
 * that openInPool runs) puts in the county pool of the standard request, assuming each has an
 * officer serving all of its institution's counties — which createLendingActors then makes true.
 */
async function countyPoolInstitutions(
  db: Database,
  served: ReadonlyMap<string, string[]>,
  count: number,
): Promise<string[]> {
  const listed = await db.select().from(products).where(eq(products.status, 'listed'));
  const candidates = matchCandidates({
    need: { ...STANDARD_REQUEST, customerType: 'enterprise' },
    products: listed,
    officerCounties: served,
  }).filter((c) => c.servesCounty);
  if (candidates.length < count) {
    throw new Error(
      `only ${candidates.length} institutions can take the standard request in its county; need ${count}`,
    );
  }
  return candidates.slice(0, count).map((c) => c.institutionId);
}

async function createEnterprise(db: Database, passwordHash: string) {
  const first17 = `91${STANDARD_REQUEST.county}MA3C00001`;
  const check = usccCheckCharacter(first17);
  if (!check) throw new Error(`${first17} is not a USCC prefix`);
  const [user] = await db
    .insert(users)
    .values({
      username: 'bench.enterprise',
      passwordHash,
      role: 'enterprise',
      displayName: '聊城基准测试制造有限公司',
      regionCode: STANDARD_REQUEST.county,
    })
    .returning({ id: users.id, username: users.username });
  await db.insert(enterpriseProfiles).values({
    userId: user!.id,
    name: '聊城基准测试制造有限公司',
    uscc: first17 + check,
    industry: STANDARD_REQUEST.industry,
    phone: '13800138000',
    contactName: '王经理',
  });
  return user!;
}

/** POST /loan-requests with the standard request; returns the new request's id. */
export async function placeStandardRequest(api: ApiClient, token: string): Promise<string> {
  const body = await api.expectJson<{ id: string }>('POST', `${API}/loan-requests`, 201, {
    token,
    json: STANDARD_REQUEST,
  });
  return body.id;
}

/**
 * What the matcher decided for these requests. Each should be open at county tier with exactly
 * `institutionIds` as its county-pool candidates; `problem` describes those that are opened
 * otherwise (or missing), `notOpened` counts those still waiting for the matcher.
 */
export async function checkCountyPool(
  db: Database,
  requestIds: readonly string[],
  institutionIds: readonly string[],
): Promise<{ notOpened: number; problem?: string }> {
  const expected = [...institutionIds].sort().join(',');
  const rows = await db
    .select({
      id: loanRequests.id,
      status: loanRequests.status,
      tier: loanRequests.poolTier,
      // Qualified by hand: drizzle renders bare column names inside a subquery.
      institutions: sql<string>`coalesce((
        select string_agg(c.institution_id::text, ',' order by c.institution_id::text)
        from request_candidates c
        where c.request_id = loan_requests.id and c.serves_county and not c.excluded
      ), '')`,
    })
    .from(loanRequests)
    .where(inArray(loanRequests.id, [...requestIds]));
  const notOpened = rows.filter((r) => r.status === 'submitted').length;
  if (rows.length !== requestIds.length) {
    return { notOpened, problem: `${requestIds.length - rows.length} requests are missing` };
  }
  const wrong = rows.filter(
    (r) => r.status !== 'submitted' && (r.status !== 'open' || r.tier !== 'county' || r.institutions !== expected),
  );
  if (!wrong.length) return { notOpened };
  const first = wrong[0]!;
  const count = first.institutions ? first.institutions.split(',').length : 0;
  return {
    notOpened,
    problem:
      `${wrong.length} of ${rows.length} requests are not open at county tier with the ${institutionIds.length} ` +
      `expected candidates (e.g. ${first.id}: ${first.status}, tier ${first.tier}, ${count} county candidates)`,
  };
}
