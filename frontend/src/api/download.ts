import type { ErrorBody } from '@lcfin/backend/contract';
import { storedLanguage } from '../i18n/language';
import { ApiError, basePath } from './client';

/**
 * Downloads a file the API writes (an export), in the reader's language (a plain link would send the
 * browser's Accept-Language, not the one chosen in the app), under the name the server gives it.
 */
export async function downloadFile(path: string, fallbackName: string): Promise<void> {
  const response = await fetch(`${basePath}${path}`, {
    headers: { 'Accept-Language': storedLanguage() },
    credentials: 'same-origin',
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as Partial<ErrorBody> | null;
    throw new ApiError(
      response.status,
      body?.error?.code ?? 'EXPORT_FAILED',
      body?.error?.message ?? response.statusText,
    );
  }
  const name = /filename="?([^";]+)"?/.exec(response.headers.get('content-disposition') ?? '')?.[1];
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await response.blob());
  link.download = name ?? fallbackName;
  link.click();
  URL.revokeObjectURL(link.href);
}
