import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { basePath } from '../api/client';
import { useMe } from '../auth/session';
import { useLiveNotice } from '../notifications/useLiveNotice';
import { LiveStatusContext } from './liveStatus';
import { streamHandlers } from './streamHandlers';

/**
 * The tab's one `GET /stream` connection, open while someone is signed in. EventSource reconnects
 * by itself and resumes from the last event id; each (re)open also refetches, so views converge.
 */
export function LiveUpdates({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const me = useMe().data;
  // Until a reset password is replaced the API opens nothing else, the stream included.
  const userId = me && !me.mustChangePassword ? me.id : undefined;
  const [connected, setConnected] = useState(false);
  // The latest, so that switching language rewords notices without reconnecting.
  const liveNotice = useLiveNotice();
  const showNotice = useRef(liveNotice);
  useEffect(() => {
    showNotice.current = liveNotice;
  }, [liveNotice]);

  useEffect(() => {
    if (!userId) return;
    const source = new EventSource(`${basePath}/stream`);
    const handlers = streamHandlers(queryClient, (data) => showNotice.current(data));
    source.onopen = () => {
      setConnected(true);
      void handlers.resync();
    };
    source.onerror = () => setConnected(false);
    for (const [event, handle] of Object.entries(handlers.events)) {
      source.addEventListener(event, (message) => void handle(JSON.parse(message.data as string)));
    }
    return () => {
      source.close();
      setConnected(false);
    };
  }, [queryClient, userId]);

  return <LiveStatusContext value={connected}>{children}</LiveStatusContext>;
}
