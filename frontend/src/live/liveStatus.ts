import { createContext, useContext } from 'react';

/** Whether this tab's live stream is connected now (false while it reconnects). */
export const LiveStatusContext = createContext(false);

export function useLiveConnected(): boolean {
  return useContext(LiveStatusContext);
}
