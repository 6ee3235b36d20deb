import { useState } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { LoadFailed } from '../layout/LoadFailed';
import { PageLoading } from '../layout/PageLoading';
import { withReturn } from './returnTo';
import { useMe } from './session';
import { SignedInUserContext } from './signedInUser';

/** The one page open to an account whose password the admin reset, until it is changed. */
export const CHANGE_PASSWORD_PATH = '/change-password';

/** Renders its child routes for a signed-in user; anyone else goes to /login, and comes back here after. */
export function RequireAuth() {
  const me = useMe();
  const { pathname, search } = useLocation();
  // After signing out, the plain sign-in page: whoever signs in next at this browser starts afresh.
  const [wasSignedIn, setWasSignedIn] = useState(false);
  if (me.data && !wasSignedIn) setWasSignedIn(true);
  if (me.data === null) {
    return <Navigate to={wasSignedIn ? '/login' : withReturn('/login', `${pathname}${search}`)} replace />;
  }
  if (me.data?.mustChangePassword && pathname !== CHANGE_PASSWORD_PATH) {
    return <Navigate to={CHANGE_PASSWORD_PATH} replace />;
  }
  if (me.data) {
    return (
      <SignedInUserContext value={me.data}>
        <Outlet />
      </SignedInUserContext>
    );
  }
  if (me.isError) return <LoadFailed error={me.error} onRetry={() => void me.refetch()} />;
  return <PageLoading />;
}
