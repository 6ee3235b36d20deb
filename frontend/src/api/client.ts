import type { CsrfToken, ErrorBody, FieldError } from '@lcfin/backend/contract';
import { storedLanguage } from '../i18n/language';

/** Where the API lives, on the web app's own origin. */
export const basePath = '/api/v1';

export type { FieldError, Page } from '@lcfin/backend/contract';

/** A failed API call: the HTTP status and the body's `{ error: { code, message, details? } }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: FieldError[] = [],
    /** The whole answer, for the few failures that carry more than the error (an import's row report). */
    readonly body?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Status used when the server could not be reached at all. */
export const networkFailure = 0;

// The CSRF token belongs to the session; it is fetched once and replaced when the session changes.
let csrfToken: Promise<string> | null = null;

export function adoptCsrfToken(token: string): void {
  csrfToken = Promise.resolve(token);
}

export function forgetCsrfToken(): void {
  csrfToken = null;
}

function currentCsrfToken(): Promise<string> {
  csrfToken ??= get<CsrfToken>('/auth/csrf').then(
    (body) => body.csrfToken,
    (error: unknown) => {
      csrfToken = null;
      throw error;
    },
  );
  return csrfToken;
}

/** The API's error body, read defensively: a proxy or a crash may answer with anything. */
type LooseErrorBody = { error?: { [K in keyof ErrorBody['error']]?: unknown } & Pick<ErrorBody['error'], 'details'> };

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  return text ? JSON.parse(text) : undefined;
}

async function errorFrom(response: Response): Promise<ApiError> {
  const body = (await readJson(response).catch(() => undefined)) as LooseErrorBody | undefined;
  const error = body?.error;
  if (typeof error?.code === 'string' && typeof error.message === 'string') {
    return new ApiError(response.status, error.code, error.message, error.details ?? [], body);
  }
  return new ApiError(response.status, `HTTP_${response.status}`, response.statusText, [], body);
}

async function send<T>(
  method: string,
  path: string,
  body?: unknown,
  extraHeaders: Record<string, string> = {},
  retried = false,
): Promise<T> {
  const headers: Record<string, string> = {
    ...extraHeaders,
    Accept: 'application/json',
    'Accept-Language': storedLanguage(),
  };
  // A form (a file upload) sets its own multipart Content-Type, with the boundary.
  const isForm = body instanceof FormData;
  if (body !== undefined && !isForm) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = await currentCsrfToken();

  let response: Response;
  try {
    response = await fetch(basePath + path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(networkFailure, 'NETWORK_ERROR', 'Network error');
  }

  if (!response.ok) {
    const error = await errorFrom(response);
    if (error.status === 401) forgetCsrfToken();
    // A stale token (e.g. the session expired server-side): fetch a fresh one and try once more.
    if (error.status === 403 && error.code.includes('CSRF') && !retried) {
      forgetCsrfToken();
      return send<T>(method, path, body, extraHeaders, true);
    }
    throw error;
  }
  return (await readJson(response)) as T;
}

function get<T>(path: string): Promise<T> {
  return send<T>('GET', path);
}

/** `headers`: extra request headers, e.g. an `Idempotency-Key`. */
function post<T>(path: string, body?: unknown, headers?: Record<string, string>): Promise<T> {
  return send<T>('POST', path, body, headers);
}

function patch<T>(path: string, body: unknown): Promise<T> {
  return send<T>('PATCH', path, body);
}

/** Replaces a whole resource, e.g. a year's holiday schedule. */
function put<T>(path: string, body: unknown): Promise<T> {
  return send<T>('PUT', path, body);
}

/** Sends a multipart form: files, with their text fields. */
function upload<T>(path: string, form: FormData): Promise<T> {
  return send<T>('POST', path, form);
}

export const api = { get, post, patch, put, upload };
