import type { FormInstance } from 'antd';
import type { Translate } from '../i18n/context';
import { ApiError, networkFailure } from './client';

/** A message fit to show the user for any failed call. */
export function describeError(error: unknown, t: Translate): string {
  if (error instanceof ApiError) {
    return error.status === networkFailure ? t('error.network') : error.message;
  }
  return t('error.loadFailed');
}

/**
 * Puts a 400 answer's `details` onto the form fields they name (a path such as "uscc", "body/uscc"
 * or "counties.0") and scrolls to the first. Returns the messages that match no field, for showing above the form.
 */
export function showFieldErrors(form: FormInstance, error: ApiError): string[] {
  const fields = new Set(Object.keys(form.getFieldsValue()));
  const unmatched: string[] = [];
  const errorsByField = new Map<string, string[]>();
  for (const detail of error.details) {
    const field = detail.path
      .split(/[./]/)
      .filter(Boolean)
      .findLast((segment) => fields.has(segment));
    if (field) {
      errorsByField.set(field, [...(errorsByField.get(field) ?? []), detail.message]);
    } else {
      unmatched.push(detail.message);
    }
  }
  form.setFields([...errorsByField].map(([name, errors]) => ({ name, errors })));
  const [firstField] = errorsByField.keys();
  if (firstField) form.scrollToField(firstField, { block: 'center' });
  return unmatched;
}

/**
 * After a failed submit: a 400's field errors go onto their fields; returns what to show above the form
 * (the messages no field took, or the error itself), or null when every message found its field.
 */
export function formProblem(form: FormInstance, error: unknown, t: Translate): string | null {
  if (error instanceof ApiError && error.status === 400 && error.details.length > 0) {
    return showFieldErrors(form, error).join('; ') || null;
  }
  return describeError(error, t);
}
