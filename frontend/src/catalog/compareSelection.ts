import { useSyncExternalStore } from 'react';

/** A product picked for comparison; its name is kept to show in the compare bar. */
export interface ComparedProduct {
  id: string;
  name: string;
}

export const compareLimit = 4;

// Kept for the browser tab, so the selection survives going to a detail page and reloading.
const storageKey = 'lcfin.compare';
const listeners = new Set<() => void>();
let selection: readonly ComparedProduct[] = load();

function load(): ComparedProduct[] {
  try {
    const stored: unknown = JSON.parse(sessionStorage.getItem(storageKey) ?? '[]');
    return Array.isArray(stored)
      ? stored
          .filter((item): item is ComparedProduct => typeof item?.id === 'string' && typeof item?.name === 'string')
          .slice(0, compareLimit)
      : [];
  } catch {
    return [];
  }
}

function replace(next: readonly ComparedProduct[]): void {
  selection = next;
  try {
    sessionStorage.setItem(storageKey, JSON.stringify(next));
  } catch {
    // Storage unavailable: the selection then lasts for this page only.
  }
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The products picked for comparison (at most `compareLimit`), shared by every catalog page. */
export function useCompareSelection() {
  const selected = useSyncExternalStore(subscribe, () => selection);
  return {
    selected,
    has: (id: string) => selected.some((product) => product.id === id),
    /** false when the selection is already full. */
    add: (product: ComparedProduct): boolean => {
      if (selection.some((item) => item.id === product.id)) return true;
      if (selection.length >= compareLimit) return false;
      replace([...selection, { id: product.id, name: product.name }]);
      return true;
    },
    remove: (id: string) => replace(selection.filter((product) => product.id !== id)),
    clear: () => replace([]),
  };
}

export function comparePath(ids: readonly string[]): string {
  return `/products/compare?ids=${ids.map(encodeURIComponent).join(',')}`;
}
