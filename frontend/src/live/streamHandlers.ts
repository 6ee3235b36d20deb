import type { QueryClient } from '@tanstack/react-query';
import { notificationsChanged } from '../notifications/queries';
import { poolCached, poolKey, putInPool, removeFromPool } from '../pool/poolQueries';
import { fetchRequest, requestChanged, requestKeys } from '../requests/queries';

/** What the stream's pool.added, pool.removed, request.updated and sla.alert events say, as far as they are read. */
interface AboutRequest {
  requestId: string;
}

/**
 * What each `GET /stream` event does to the cached data: the grab hall gains and loses requests,
 * a changed request refetches with its timeline and the lists; an SLA alert (a reminder or a
 * breach) refreshes the notification centre and the request wherever it shows. Built once per connection.
 */
export function streamHandlers(queryClient: QueryClient) {
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
      'pool.added': async ({ requestId }: AboutRequest) => {
        removed.delete(requestId);
        if (!poolCached(queryClient)) return;
        try {
          const request = await fetchRequest(requestId);
          if (request.status === 'open' && !removed.has(requestId)) putInPool(queryClient, request);
        } catch {
          // Gone already (claimed elsewhere, withdrawn): its pool.removed follows or came first.
        }
      },
      'pool.removed': ({ requestId }: AboutRequest) => {
        removed.add(requestId);
        removeFromPool(queryClient, requestId);
      },
      'request.updated': ({ requestId }: AboutRequest) => requestChanged(queryClient, requestId),
      'sla.alert': ({ requestId }: AboutRequest) =>
        Promise.all([
          notificationsChanged(queryClient),
          requestChanged(queryClient, requestId),
          queryClient.invalidateQueries({ queryKey: poolKey }),
        ]),
    },
  };
}
