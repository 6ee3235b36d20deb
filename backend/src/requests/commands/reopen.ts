import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../access/roles';
import type { Database } from '../../db/client';
import { inTransaction } from '../../db/transaction';
import type { SlaContext } from '../../clock/clock';
import { requestCandidates } from '../schema';
import { getRequest } from '../service';
import { transition } from '../transitions';
import { lockForAction } from './lock';

/** A rejected request goes back to the county pool, never again to the institutions that rejected it. */
export async function reopenRequest(db: Database, sla: SlaContext, actor: Actor, id: string) {
  await inTransaction(db, async (tx) => {
    const request = await lockForAction(tx, actor, id, 'applicant', 'reopen');
    const excludedInstitutionId = request.claimedInstitutionId;
    await tx
      .update(requestCandidates)
      .set({ excluded: true })
      .where(and(eq(requestCandidates.requestId, id), eq(requestCandidates.institutionId, excludedInstitutionId!)));
    await transition(tx, sla, 'reopen', id, {
      actor,
      locked: request,
      set: {
        exclusiveInstitutionId: null,
        claimedInstitutionId: null,
        claimedOfficerId: null,
        claimedAt: null,
        rejectionCode: null,
        rejectionReason: null,
      },
      data: { excludedInstitutionId },
      audit: { excludedInstitutionId },
    });
  });
  return getRequest(db, sla, actor, id);
}
