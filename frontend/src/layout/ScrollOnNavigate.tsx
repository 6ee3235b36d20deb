import { useEffect, useLayoutEffect, useRef } from 'react';
import { useLocation, useNavigationType } from 'react-router';

/**
 * Where the window stood on each history entry, by the router's location key. Kept for the tab's
 * life (sessionStorage), so back still restores after a reload.
 */
const storageKey = 'lcfin.scroll';
const positions = new Map<string, number>(readStored());

function readStored(): [string, number][] {
  try {
    return Object.entries(JSON.parse(sessionStorage.getItem(storageKey) ?? '{}') as Record<string, number>);
  } catch {
    return [];
  }
}

function store(): void {
  try {
    sessionStorage.setItem(storageKey, JSON.stringify(Object.fromEntries(positions)));
  } catch {
    // Storage can be unavailable (private mode); positions then last for this page only.
  }
}

/** How long a restore waits for the page (lazy chunk, cached queries) to grow tall enough. */
const RESTORE_WAIT_MS = 1500;

/**
 * Every route change starts at the top of the page; back and forward return to where the reader
 * was. react-router's <ScrollRestoration> needs a data router, and would also jump to the top on
 * every search-parameter change (filters, pages) — which here keeps its place. So: a new path by
 * PUSH or REPLACE scrolls to the top, a POP restores the entry's position once the page is tall
 * enough (or the reader scrolls first).
 */
export function ScrollOnNavigate() {
  const location = useLocation();
  const type = useNavigationType();
  const shown = useRef({ key: location.key, pathname: location.pathname });

  useEffect(() => {
    // The browser's own restoring runs before the page behind the entry is drawn, and clamps.
    window.history.scrollRestoration = 'manual';
    window.addEventListener('pagehide', store);
    return () => window.removeEventListener('pagehide', store);
  }, []);

  useEffect(() => {
    const record = () => positions.set(shown.current.key, window.scrollY);
    window.addEventListener('scroll', record, { passive: true });
    return () => window.removeEventListener('scroll', record);
  }, []);

  useLayoutEffect(() => {
    const previous = shown.current;
    if (previous.key === location.key) return;
    shown.current = { key: location.key, pathname: location.pathname };
    if (type !== 'POP') {
      if (previous.pathname !== location.pathname) window.scrollTo(0, 0);
      return;
    }
    const target = positions.get(location.key) ?? 0;
    const until = performance.now() + RESTORE_WAIT_MS;
    let frame = 0;
    const stop = () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('wheel', stop);
      window.removeEventListener('touchstart', stop);
      window.removeEventListener('keydown', stop);
    };
    const restore = () => {
      window.scrollTo(0, target);
      if (Math.abs(window.scrollY - target) < 1 || performance.now() > until) stop();
      else frame = requestAnimationFrame(restore);
    };
    window.addEventListener('wheel', stop, { passive: true });
    window.addEventListener('touchstart', stop, { passive: true });
    window.addEventListener('keydown', stop);
    restore();
    return stop;
  }, [location.key, location.pathname, type]);

  return null;
}
