import { useMe } from '../auth/session';
import { SignedInUserContext } from '../auth/signedInUser';
import { AppLayout } from './AppLayout';
import { LoadFailed } from './LoadFailed';
import { PageLoading } from './PageLoading';
import { PublicLayout } from './PublicLayout';

/** Public pages: inside the role's frame for a signed-in user, inside the public frame for a visitor. */
export function SessionLayout() {
  const me = useMe();
  if (me.data === null) return <PublicLayout />;
  if (me.data) {
    return (
      <SignedInUserContext value={me.data}>
        <AppLayout />
      </SignedInUserContext>
    );
  }
  if (me.isError) return <LoadFailed error={me.error} onRetry={() => void me.refetch()} />;
  return <PageLoading />;
}
