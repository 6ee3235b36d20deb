/** Where a visitor goes back to after signing in or registering: `?next=` on /login and /register. */
export const NEXT_PARAM = 'next';

/**
 * `next` if it is a path of this site, else null: an address elsewhere (`https://evil…`,
 * `//evil…`, `/\evil…`, `javascript:`) must never be followed, or the sign-in page becomes an open
 * redirect. The URL parser decides, as the browser would, with a placeholder origin.
 */
export function safeReturnPath(next: string | null | undefined): string | null {
  if (!next?.startsWith('/')) return null;
  const base = 'http://return.invalid';
  let url: URL;
  try {
    url = new URL(next, base);
  } catch {
    return null;
  }
  if (url.origin !== base) return null;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Back to the sign-in pages would only loop.
  return ['/login', '/register'].includes(url.pathname) ? null : path;
}

/** A sign-in or registration page that returns to `next` afterwards (when it is a path of this site). */
export function withReturn(page: '/login' | '/register', next: string | null | undefined): string {
  const path = safeReturnPath(next);
  return path ? `${page}?${new URLSearchParams({ [NEXT_PARAM]: path }).toString()}` : page;
}
