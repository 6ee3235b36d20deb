/** The one error type of the platform; `errorHandler` (app.ts) maps it to HTTP. */
export interface ErrorDetail {
  path: string;
  message: string;
  /** Values the message names, put in its `{name}` places (a product's rate range, a date). */
  params?: Record<string, string>;
}

export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'UNAUTHENTICATED'
  | 'INVALID_CREDENTIALS'
  | 'ACCOUNT_DISABLED'
  | 'FORBIDDEN'
  | 'PASSWORD_CHANGE_REQUIRED'
  | 'CSRF_TOKEN_INVALID'
  | 'NOT_FOUND'
  | 'ALREADY_EXISTS'
  | 'INVALID_STATE'
  | 'ALREADY_CLAIMED'
  | 'NOT_ELIGIBLE'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'PAYLOAD_TOO_LARGE'
  | 'TOO_MANY_TOKENS'
  | 'RATE_LIMITED'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL';

const STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  ACCOUNT_DISABLED: 403,
  FORBIDDEN: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  CSRF_TOKEN_INVALID: 403,
  NOT_FOUND: 404,
  ALREADY_EXISTS: 409,
  INVALID_STATE: 422,
  ALREADY_CLAIMED: 409,
  NOT_ELIGIBLE: 403,
  IDEMPOTENCY_KEY_REUSED: 422,
  PAYLOAD_TOO_LARGE: 413,
  TOO_MANY_TOKENS: 409,
  RATE_LIMITED: 429,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL: 500,
};

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly details?: ErrorDetail[],
    /** Seconds a client should wait (429/503). */
    readonly retryAfter?: number,
  ) {
    super(code);
    this.name = 'AppError';
    this.status = STATUS[code];
  }
}

/** Socket errors, and PostgreSQL's "the server ended or refused the session" (57P0x, too many connections). */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);
/** Driver errors that carry no code: node-postgres on a dropped connection, ioredis on a stalled or closed one. */
const UNAVAILABLE_MESSAGES = new Set([
  'Connection terminated',
  'Connection terminated unexpectedly',
  'Connection terminated due to connection timeout',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
  'Command timed out',
  'Connection is closed.',
]);

/**
 * A lost or stalled database or Redis connection is the platform being unavailable, not a bug:
 * 503, which a client may retry (with its Idempotency-Key). Drivers wrap errors, so causes count.
 */
export function isUnavailable(err: unknown): boolean {
  type Cause = { code?: unknown; name?: string; message?: unknown; cause?: unknown };
  for (let e = err as Cause | undefined; e; e = e.cause as Cause | undefined) {
    const code = typeof e.code === 'string' ? e.code : '';
    // SQLSTATE class 08: connection exceptions.
    if (UNAVAILABLE_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
    if (e.name === 'MaxRetriesPerRequestError') return true;
    if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.has(e.message)) return true;
  }
  return false;
}
