import { hashKey, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { adoptCsrfToken, api, ApiError, forgetCsrfToken } from '../api/client';
import type {
  CredentialsBody,
  Me,
  PasswordChangeBody,
  Registered,
  Registration,
  SignedIn,
} from '@lcfin/backend/contract';
import type { User } from './user';

export const meQueryKey = ['auth', 'me'] as const;

/** The signed-in user, or `null` when signed out (the API answers 401). */
export function useMe() {
  return useQuery({
    queryKey: meQueryKey,
    queryFn: async (): Promise<User | null> => {
      try {
        return (await api.get<Me>('/auth/me')).user;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

/** Records who is signed in now and drops everything cached for the previous session. */
export function replaceSession(queryClient: QueryClient, user: User | null): void {
  queryClient.setQueryData(meQueryKey, user);
  const meHash = hashKey(meQueryKey);
  queryClient.removeQueries({
    predicate: (query) => query.queryHash !== meHash,
  });
}

export type Credentials = CredentialsBody;

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (credentials: Credentials) => api.post<SignedIn>('/auth/login', credentials),
    onSuccess: ({ user, csrfToken }) => {
      // The session was regenerated at login, and with it the CSRF token.
      adoptCsrfToken(csrfToken);
      replaceSession(queryClient, user);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      try {
        await api.post<unknown>('/auth/logout');
      } catch (error) {
        // Already signed out (e.g. the session expired): nothing left to end.
        if (!(error instanceof ApiError && error.status === 401)) throw error;
      }
    },
    onSuccess: () => {
      forgetCsrfToken();
      replaceSession(queryClient, null);
    },
  });
}

/** Replaces the password; the API signs this session in afresh (a new CSRF token) and ends every other. */
export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: PasswordChangeBody) => api.post<SignedIn>('/auth/change-password', change),
    onSuccess: ({ user, csrfToken }) => {
      adoptCsrfToken(csrfToken);
      replaceSession(queryClient, user);
    },
  });
}

export type { Registration } from '@lcfin/backend/contract';

export function useRegister() {
  return useMutation({
    mutationFn: (registration: Registration) => api.post<Registered>('/auth/register', registration),
  });
}
