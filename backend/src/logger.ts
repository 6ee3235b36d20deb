import { pino, type Logger } from 'pino';

export type { Logger };

/** Secrets and personal data never reach the logs, whatever object they sit in. */
const REDACTED_PATHS = [
  'password',
  '*.password',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.idNumber',
  '*.uscc',
  '*.phone',
];

export function createLogger(level: string): Logger {
  return pino({ level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } });
}
