import type { ZodType } from 'zod';
import type { FieldMessageKey } from './messages';

/**
 * What text the platform accepts, in every string any route is sent: no control
 * characters (PostgreSQL refuses NUL outright; the rest only garble what people later read) and no
 * half of a UTF-16 pair (the drivers would store it as U+FFFD). Line breaks and tabs are kept only
 * in free text marked `multiline`: everywhere else — names, codes, search words — a string is one line.
 */
const SINGLE_LINE_REFUSED = /[\p{Cc}\p{Cs}]/u;
const MULTILINE_REFUSED = /[^\P{Cc}\t\n\r]|\p{Cs}/u;
const LINE_BREAKS_AND_TABS = /[\t\n\r]/g;

const multilineSchemas = new WeakSet<ZodType>();

/** Marks a string schema as free text that may run over several lines (notes, descriptions, reasons). */
export function multiline<T extends ZodType>(schema: T): T {
  multilineSchemas.add(schema);
  return schema;
}

export interface TextIssue {
  path: (string | number)[];
  message: FieldMessageKey;
}

/** The zod 4 definition fields the walk follows (`schema._zod.def`). */
interface Def {
  type: string;
  innerType?: ZodType;
  in?: ZodType;
  shape?: Record<string, ZodType>;
  catchall?: ZodType;
  element?: ZodType;
  valueType?: ZodType;
  options?: ZodType[];
  discriminator?: string;
  getter?: () => ZodType;
}

/**
 * Every string in `value` — a route's input, object keys included — that breaks the rule above, with
 * its path. The walk follows `schema` to find the strings marked `multiline`; where it cannot follow
 * (a preprocessed value, an intersection, a key the schema does not know) every string must be one line.
 */
export function textIssues(schema: ZodType | undefined, value: unknown, path: (string | number)[] = []): TextIssue[] {
  const def = schema?._zod.def as Def | undefined;
  switch (def?.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      return textIssues(def.innerType, value, path);
    case 'pipe':
      return textIssues(def.in, value, path);
    case 'lazy':
      return textIssues(def.getter?.(), value, path);
    case 'union': {
      // A discriminated union's own alternative; of a plain union's, the most lenient.
      const discriminator = def.discriminator;
      const tag = discriminator && isPlainObject(value) ? value[discriminator] : undefined;
      const options = (def.options ?? []).filter(
        (option) => !discriminator || option._zod.propValues?.[discriminator]?.has(tag as never),
      );
      const byOption = options.map((option) => textIssues(option, value, path));
      if (byOption.length) return byOption.reduce((best, issues) => (issues.length < best.length ? issues : best));
      // No alternative claims the value (the parse refuses it): every string in it is read as one line.
      break;
    }
  }
  if (typeof value === 'string') return stringIssues(value, !!schema && multilineSchemas.has(schema), path);
  if (Array.isArray(value)) {
    const element = def?.type === 'array' ? def.element : undefined;
    return value.flatMap((item, i) => textIssues(element, item, [...path, i]));
  }
  if (!isPlainObject(value)) return [];
  return Object.entries(value).flatMap(([key, item]) => {
    const known = def?.type === 'object' && def.shape && Object.hasOwn(def.shape, key);
    const child = known ? def.shape![key] : def?.type === 'object' ? def.catchall : def?.valueType;
    return [...(known ? [] : stringIssues(key, false, path)), ...textIssues(child, item, [...path, key])];
  });
}

function stringIssues(text: string, multilineAllowed: boolean, path: (string | number)[]): TextIssue[] {
  if (!(multilineAllowed ? MULTILINE_REFUSED : SINGLE_LINE_REFUSED).test(text)) return [];
  const onlyLineBreaks = !SINGLE_LINE_REFUSED.test(text.replace(LINE_BREAKS_AND_TABS, ''));
  return [{ path, message: onlyLineBreaks ? 'text.singleLine' : 'text.controlCharacter' }];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
