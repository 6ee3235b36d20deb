import { Outlet } from 'react-router';
import { StatusPage } from '../pages/StatusPage';
import { useSignedInUser } from './signedInUser';
import type { Role } from './user';

/** Renders its child routes only for the given roles. */
export function RequireRole({ roles }: { roles: readonly Role[] }) {
  const user = useSignedInUser();
  return roles.includes(user.role) ? <Outlet /> : <StatusPage status={403} />;
}
