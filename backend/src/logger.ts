import { pino, type DestinationStream, type Logger } from 'pino';
import { maskPhone } from './requests/masking';

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
 * message and stack, and PostgreSQL its offending values into `detail`: a logged error keeps the
 * SQL and the causes, never the values.
 */
function errorWithoutValues(err: Error): unknown {
  const serialized = pino.stdSerializers.err(err) as unknown as Record<string, unknown>;
  if (serialized === (err as unknown)) return err;
  const { params: _params, detail: _detail, ...rest } = serialized;
  const scrub = (text: unknown) =>
    typeof text === 'string' ? text.replace(/^params: .*?(?=; caused by: |$)/gm, 'params: [redacted]') : text;
  return { ...rest, message: scrub(rest.message), stack: scrub(rest.stack) };
}

/** The platform's logger; tests pass a destination to read what was logged. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    redact: { paths: REDACTED_PATHS, censor },
    serializers: { err: errorWithoutValues },
  };
  return destination ? pino(options, destination) : pino(options);
}
