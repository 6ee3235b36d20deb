export type Language = 'zh-CN' | 'en';

const storageKey = 'lcfin.language';

export const defaultLanguage: Language = 'zh-CN';

function isLanguage(value: unknown): value is Language {
  return value === 'zh-CN' || value === 'en';
}

/** The language the user chose last time, or Chinese. Also read by the API client for Accept-Language. */
export function storedLanguage(): Language {
  try {
    const value = localStorage.getItem(storageKey);
    return isLanguage(value) ? value : defaultLanguage;
  } catch {
    return defaultLanguage;
  }
}

export function storeLanguage(language: Language): void {
  try {
    localStorage.setItem(storageKey, language);
  } catch {
    // Storage can be unavailable (private mode); the choice then lasts for this page only.
  }
}
