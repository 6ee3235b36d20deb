import { Navigate, Outlet, useSearchParams } from 'react-router';
import { PageLoading } from '../layout/PageLoading';
import { NEXT_PARAM, safeReturnPath } from './returnTo';
import { useMe } from './session';

/** Pages for visitors (the landing page, sign-in, registration): a signed-in user goes on where they were headed, or home. */
export function GuestOnly() {
  const me = useMe();
  const next = safeReturnPath(useSearchParams()[0].get(NEXT_PARAM));
  if (me.data) return <Navigate to={next ?? '/home'} replace />;
  if (me.isPending) return <PageLoading />;
  return <Outlet />;
}
