import type { Language } from './language';

/** A moment as the reader's calendar and clock show it, e.g. 2025/3/10 14:05 or 3/10/25, 2:05 PM. */
export function formatDateTime(iso: string, language: Language): string {
  return new Date(iso).toLocaleString(language, { dateStyle: 'short', timeStyle: 'short' });
}
