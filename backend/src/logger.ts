import { pino, type DestinationStream, type Logger } from 'pino';
import { maskPhone } from './privacy/masking';

export type { Logger };

const SECRET_FIELDS = ['password', 'passwordHash', 'token', 'tokenHash', 'csrfToken'];
const PERSONAL_FIELDS = ['idNumber', 'uscc', 'phone', 'contactPhone'];
const PHONE_FIELDS = new Set(['phone', 'contactPhone']);

/**
 * Secrets and personal data never reach the logs, at the top level or up to two levels down
 * (pino's redaction has no recursive wildcard): request credentials and cookies, passwords and
 * tokens, ID numbers and credit codes are replaced; phone numbers are masked as in the UI.
 */
const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  ...[...SECRET_FIELDS, ...PERSONAL_FIELDS].flatMap((f) => [f, `*.${f}`, `*.*.${f}`]),
];

function censor(value: unknown, path: string[]): string {
  return PHONE_FIELDS.has(path.at(-1)!) && typeof value === 'string' ? maskPhone(value) : '[redacted]';
}

/**
 * drizzle puts a failed query's parameters (a password hash, a phone number) into the error's
 * message and stack, PGlite puts them on the error itself, and PostgreSQL its offending values into
 * `detail`: a logged error keeps the SQL and the causes, never the values. The one error serializer
 * of every logger.
 */
function errorWithoutValues(err: unknown): unknown {
  const serialized = pino.stdSerializers.err(err as Error) as unknown;
  if (serialized === err) return err;
  const { params: _params, detail: _detail, ...rest } = serialized as Record<string, unknown>;
  // Each error of the chain that carried parameters wrote them as `params: <values joined by commas>`.
  const written: string[] = [];
  const seen = new Set<unknown>();
  for (let e = err as { params?: unknown; cause?: unknown } | undefined; e && !seen.has(e); e = e.cause as typeof e) {
    seen.add(e);
    if (Array.isArray(e.params) && e.params.length) written.push(`params: ${String(e.params)}`);
  }
  const scrub = (text: unknown) =>
    typeof text === 'string' ? written.reduce((t, w) => t.replaceAll(w, 'params: [redacted]'), text) : text;
  return { ...rest, message: scrub(rest.message), stack: scrub(rest.stack) };
}

/** Requests and responses, logged at debug (http/request-log.ts), by pino's standard serializers. */
const serializers = { err: errorWithoutValues, req: pino.stdSerializers.req, res: pino.stdSerializers.res };

/**
 * The platform's logger: one JSON line per entry, with its level as a word and an ISO time, so a
 * person reads it as it is; no pid or hostname, which every line of a process shares (the process
 * manager or container runtime names the source). Tests pass a destination to read what was logged.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
    redact: { paths: REDACTED_PATHS, censor },
    serializers,
  };
  return destination ? pino(options, destination) : pino(options);
}
