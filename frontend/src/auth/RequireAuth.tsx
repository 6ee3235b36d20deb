import { Navigate, Outlet } from 'react-router';
import { LoadFailed } from '../layout/LoadFailed';
import { PageLoading } from '../layout/PageLoading';
import { useMe } from './session';
import { SignedInUserContext } from './signedInUser';

/** Renders its child routes for a signed-in user; anyone else goes to /login. */
export function RequireAuth() {
  const me = useMe();
  if (me.data === null) return <Navigate to="/login" replace />;
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
