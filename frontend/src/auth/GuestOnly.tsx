import { Navigate, Outlet } from 'react-router';
import { PageLoading } from '../layout/PageLoading';
import { useMe } from './session';

/** Sign-in and registration pages: a signed-in user is sent home instead. */
export function GuestOnly() {
  const me = useMe();
  if (me.data) return <Navigate to="/home" replace />;
  if (me.isPending) return <PageLoading />;
  return <Outlet />;
}
