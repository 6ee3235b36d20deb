import DataLoader from 'dataloader';
import { and, eq, exists, or, sql, type Placeholder, type SQL } from 'drizzle-orm';
import type { Actor } from '../access/roles';
import type { Database, Executor } from '../db/client';
import { institutions } from '../institutions/schema';
import { poolMembers, type PoolCandidate } from './matching';
import { loanRequests, requestCandidates, type slaStages } from './schema';
import { openStagesOfRow, stageOfJson, type StageJson } from './stages';
import { detailsOf, returningDetails, type RequestDetails } from './details';
import type { RequestStatus } from '../lifecycle/state-machine';

/**
 * The pool rule as SQL: the officer's institution is an active (not suspended) candidate not
 * excluded, and the tier lets it in — exclusive: it is the directed institution; county: it serves
 * the county and so does the officer; city: any candidate. The pool list and the claim use this
 * same condition.
 */
export function claimableBy(
  institutionId: string | Placeholder | SQL,
  counties: readonly string[] | Placeholder | SQL,
): SQL {
  // An array must go as one parameter (drizzle would spread it into a list); an empty one matches nothing.
  const countiesParam = Array.isArray(counties) ? sql.param(counties) : counties;
  return exists(
    sql`(select 1 from ${requestCandidates}
      join ${institutions} on ${institutions.id} = ${requestCandidates.institutionId}
      where ${and(
        eq(requestCandidates.requestId, loanRequests.id),
        eq(requestCandidates.institutionId, institutionId),
        eq(requestCandidates.excluded, false),
        // Suspended after the request was matched: it keeps what it holds but is offered nothing new.
        eq(institutions.status, 'active'),
        or(
          eq(loanRequests.poolTier, 'city'),
          and(eq(loanRequests.poolTier, 'exclusive'), eq(loanRequests.exclusiveInstitutionId, institutionId)),
          and(
            eq(loanRequests.poolTier, 'county'),
            eq(requestCandidates.servesCounty, true),
            sql`${loanRequests.county} = any(${countiesParam}::text[])`,
          ),
        ),
      )})`,
  );
}

/** A request as a command read it just before acting: enough to carry out a change without reading again. */
export interface RequestAsRead {
  details: RequestDetails;
  candidates: PoolCandidate[];
  /** Its SLA stages not yet ended. */
  openStages: (typeof slaStages.$inferSelect)[];
}

/**
 * The request's candidates, read with the update that changes it: the institutions it is offered to
 * at its tier (or was, at the tier it leaves) follow from them without another round trip.
 */
export const candidatesOfRow = sql<PoolCandidate[]>`(select coalesce(json_agg(json_build_object(
    'institutionId', c.institution_id, 'servesCounty', c.serves_county, 'excluded', c.excluded)), '[]'::json)
  from request_candidates c where c.request_id = loan_requests.id)`;

/**
 * What a claim needs to know first: the request's status, and whether the officer's institution
 * may take it now; when it may, the request as read (for `transitionAsRead`) and the name of the
 * institution that would hold it.
 */
export interface ClaimState {
  status: RequestStatus;
  claimable: boolean;
  asRead?: RequestAsRead & { institutionName: string };
}

interface ClaimQuestion {
  id: string;
  institutionId: string;
  counties: readonly string[];
}

/** Questions per query at most: a storm's batch stays one modest statement. */
const MAX_BATCH = 500;

/**
 * Many questions in one statement: a row per question (request, institution, the officer's
 * counties joined by commas — county codes are digits), numbered so the answers can be matched.
 */
function prepareClaimStates(db: Database) {
  const asked = sql`unnest(${sql.placeholder('ids')}::uuid[], ${sql.placeholder('institutions')}::uuid[], ${sql.placeholder('counties')}::text[]) with ordinality as asked(id, institution_id, counties, n)`;
  const claimable = sql<boolean>`${claimableBy(sql`asked.institution_id`, sql`string_to_array(asked.counties, ',')`)}`;
  // Only a claim that may win needs the request as read; the others answer from status alone.
  const mayWin = sql`${loanRequests.status} = 'open' and ${claimable}`;
  return db
    .select({
      n: sql<number>`asked.n::int`,
      claimable,
      ...returningDetails,
      asRead: sql<AsReadJson | null>`case when ${mayWin} then json_build_object(
        'candidates', ${candidatesOfRow},
        'openStages', ${openStagesOfRow},
        'institutionName', (select name from institutions where id = asked.institution_id)) end`,
    })
    .from(asked)
    .leftJoin(loanRequests, eq(loanRequests.id, sql`asked.id`))
    .prepare('claim_states');
}

interface AsReadJson {
  candidates: PoolCandidate[];
  openStages: StageJson[];
  institutionName: string;
}

function createClaimStateLoader(db: Database) {
  const prepared = prepareClaimStates(db);
  return new DataLoader<ClaimQuestion, ClaimState | undefined>(
    async (questions) => {
      const rows = await prepared.execute({
        ids: questions.map((q) => q.id),
        institutions: questions.map((q) => q.institutionId),
        counties: questions.map((q) => q.counties.join(',')),
      });
      // Dense: DataLoader takes an array with a hole at its end (an unknown last request) for no array.
      const answers = new Array<ClaimState | undefined>(questions.length).fill(undefined);
      for (const { n, claimable, asRead, ...row } of rows) {
        if (row.status === null) continue;
        const details = detailsOf(row as Parameters<typeof detailsOf>[0]);
        answers[n - 1] = {
          status: details.request.status,
          claimable,
          ...(asRead && {
            asRead: {
              details,
              candidates: asRead.candidates,
              openStages: asRead.openStages.map(stageOfJson),
              institutionName: asRead.institutionName,
            },
          }),
        };
      }
      return answers;
    },
    // Every question is asked afresh (no cache); a batch takes all claims that arrived in one turn of the loop.
    { cache: false, maxBatchSize: MAX_BATCH, batchScheduleFn: (dispatch) => setImmediate(dispatch) },
  );
}

const loaders = new WeakMap<Database, ReturnType<typeof createClaimStateLoader>>();

/**
 * The claim state of a request for an officer; undefined for an unknown request. Claims come in
 * storms (抢单: every officer of every candidate institution at once), so the questions asked in
 * one turn of the event loop are answered by one query: a query per claim cost the API a write to
 * PostgreSQL's socket and a pool connection each, far more than PostgreSQL's part of answering.
 */
export function claimState(db: Database, actor: Actor, id: string): Promise<ClaimState | undefined> {
  let loader = loaders.get(db);
  if (!loader) loaders.set(db, (loader = createClaimStateLoader(db)));
  return loader.load({ id, institutionId: actor.institutionId!, counties: actor.countiesServed });
}

/** The institutions that may claim an open request at its current tier (or at the tier it just left). */
export async function poolInstitutionIds(
  db: Executor,
  request: Pick<typeof loanRequests.$inferSelect, 'id' | 'poolTier' | 'exclusiveInstitutionId'>,
): Promise<string[]> {
  const candidates = await db.select().from(requestCandidates).where(eq(requestCandidates.requestId, request.id));
  return poolMembers(request.poolTier, request.exclusiveInstitutionId, candidates);
}
