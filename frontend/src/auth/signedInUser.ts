import { createContext, useContext } from 'react';
import type { User } from './user';

export const SignedInUserContext = createContext<User | null>(null);

/** The current user inside pages guarded by <RequireAuth>. */
export function useSignedInUser(): User {
  const user = useContext(SignedInUserContext);
  if (!user) throw new Error('useSignedInUser must be used below <RequireAuth>');
  return user;
}
