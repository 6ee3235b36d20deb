import type { QueryClient } from '@tanstack/react-query';
import type { StreamMessageData, StreamMessageName } from '@lcfin/backend/contract';
import { notificationsChanged } from '../notifications/queries';
import { poolCached, poolKey, putInPool, removeFromPool } from '../pool/poolQueries';
import { fetchRequest, requestChanged, requestKeys } from '../requests/queries';

type Data<E extends StreamMessageName> = StreamMessageData<E>;

/**
 * What each `GET /stream` event does to the cached data: the grab hall gains and loses requests,
 * a changed request refetches with its timeline and the lists; an SLA alert (a reminder or a
 * breach) refreshes the notification centre and the request wherever it shows; an applicant's
 * notice goes to `onNotice`. Built once per connection.
 */
export function streamHandlers(
  queryClient: QueryClient,
  /** The applicant's notice of a change of their request is in the notification centre. */
  onNotice: (data: Data<'request.notice'>) => Promise<void>,
) {
  // Requests taken out of the pool, so that an addition still being fetched does not bring one back.
  const removed = new Set<string>();

  return {
    /** On (re)connecting: whatever was missed meanwhile, the views converge by refetching. */
    resync: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: poolKey }),
        queryClient.invalidateQueries({ queryKey: requestKeys.all }),
        notificationsChanged(queryClient),
      ]),
    events: {
      'pool.added': async ({ requestId }: Data<'pool.added'>) => {
        removed.delete(requestId);
        if (!poolCached(queryClient)) return;
        try {
          const request = await fetchRequest(requestId);
          if (request.status === 'open' && !removed.has(requestId)) putInPool(queryClient, request);
        } catch {
          // Gone already (claimed elsewhere, withdrawn): its pool.removed follows or came first.
        }
      },
      'pool.removed': ({ requestId }: Data<'pool.removed'>) => {
        removed.add(requestId);
        removeFromPool(queryClient, requestId);
      },
      'request.updated': ({ requestId }: Data<'request.updated'>) => requestChanged(queryClient, requestId),
      'request.notice': onNotice,
      'sla.alert': ({ requestId }: Data<'sla.alert'>) =>
        Promise.all([
          notificationsChanged(queryClient),
          requestChanged(queryClient, requestId),
          queryClient.invalidateQueries({ queryKey: poolKey }),
        ]),
    },
  };
}
