import type { Translate } from './context';
import type { Language } from './language';
import { messages } from './messages';

/** The reader's messages, `{name}` placeholders filled from `values` (an unknown one is left as written). */
export function translator(language: Language): Translate {
  const dictionary = messages[language];
  return (key, values) =>
    dictionary[key].replace(/\{(\w+)\}/g, (placeholder, name: string) => String(values?.[name] ?? placeholder));
}
