import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { meQueryKey } from '../auth/session';
import { ApiError } from './client';

function signOutWhenUnauthorized(error: Error): void {
  // The session ended server-side: forget the user so the guards send them to /login.
  if (error instanceof ApiError && error.status === 401) {
    queryClient.setQueryData(meQueryKey, null);
  }
}

export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: signOutWhenUnauthorized }),
  mutationCache: new MutationCache({ onError: signOutWhenUnauthorized }),
  defaultOptions: {
    queries: {
      // A 4xx answer will not change on retry; network failures and 5xx may.
      retry: (failureCount, error) =>
        failureCount < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
    },
  },
});
