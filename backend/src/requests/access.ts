import { and, eq } from 'drizzle-orm';
import type { Actor } from '../access/roles';
import type { Executor } from '../db/client';
import type { RequestDetails } from './details';
import { requestCandidates } from './schema';

export type Visibility = 'full' | 'masked' | 'none';

/**
 * How much of a request the actor may see. Applicants see their own; the claiming institution
 * sees everything; an institution the request is offered to sees it masked while it is open;
 * a bureau sees its county (the city bureau every county); nobody else sees it at all.
 */
export async function visibilityOf(db: Executor, actor: Actor, d: RequestDetails): Promise<Visibility> {
  const r = d.request;
  switch (actor.role) {
    case 'admin':
      return 'full';
    case 'enterprise':
    case 'individual':
      return r.applicantId === actor.id ? 'full' : 'none';
    case 'bureau':
      return actor.county === null || actor.county === r.county ? 'full' : 'none';
    case 'officer':
    case 'institution_admin': {
      if (r.claimedInstitutionId && r.claimedInstitutionId === actor.institutionId) return 'full';
      if (r.status !== 'open' || !actor.institutionId) return 'none';
      const [offered] = await db
        .select({ excluded: requestCandidates.excluded })
        .from(requestCandidates)
        .where(and(eq(requestCandidates.requestId, r.id), eq(requestCandidates.institutionId, actor.institutionId)));
      return offered && !offered.excluded ? 'masked' : 'none';
    }
  }
}
