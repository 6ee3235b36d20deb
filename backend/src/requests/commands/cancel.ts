import type { Actor } from '../../access/roles';
import type { Database } from '../../db/client';
import { inTransaction } from '../../db/transaction';
import type { SlaContext } from '../../clock/clock';
import { getRequest } from '../service';
import { transition } from '../transitions';
import { lockForAction } from './lock';

/** The applicant withdraws the request (before approval). */
export async function cancelRequest(db: Database, sla: SlaContext, actor: Actor, id: string) {
  await inTransaction(db, async (tx) => {
    const request = await lockForAction(tx, actor, id, 'applicant', 'cancel');
    await transition(tx, sla, 'cancel', id, { actor, locked: request, audit: { from: request.status } });
  });
  return getRequest(db, sla, actor, id);
}
