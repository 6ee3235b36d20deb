import { z } from 'zod';
import { EXPIRY_WORKING_DAYS } from './lifecycle/state-machine';

/**
 * Every setting comes from the environment and is validated once at start;
 * a bad value stops the process with one line per problem (see README "Configuration").
 */
const boolean = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const ConfigSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    HOST: z.string().min(1).default('0.0.0.0'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
    PGLITE_DIR: z.string().min(1).default('./data/pglite'),
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
      .default('redis://127.0.0.1:6379'),
    /** In braces (a hash tag): every key lands in one Redis Cluster slot, as BullMQ's scripts require. */
    REDIS_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9:_{}.-]+$/, 'may only hold letters, digits and : _ { } . -')
      .default('{lcfin}'),
    SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    SESSION_TTL_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .default(12),
    TOKEN_TTL_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 365)
      .default(24 * 30),
    COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
    TRUST_PROXY: z.string().default('loopback'),
    DEMO_DATA: boolean.optional(),
    BOOTSTRAP_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** `npm start` runs the workers in the API process unless told not to (API-only replicas). */
    RUN_WORKERS: boolean.default(true),
    /**
     * How often the workers look for reminders and breaches that no timer handled: also how late
     * they may be once Redis has lost the timers (the SLA benchmark's flush).
     */
    SLA_RECONCILE_MS: z.coerce.number().int().min(100).max(600_000).default(1_000),
    /** Working days after its last respond window ran out that an open request nobody took expires. */
    REQUEST_EXPIRY_WORKING_DAYS: z.coerce.number().int().min(1).max(250).default(EXPIRY_WORKING_DAYS),
    OUTBOX_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(50),
    /** Domain events (chiefly the matcher's) each worker process handles at once. */
    MATCHER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
    FRONTEND_DIST: z.string().min(1).optional(),
    /** JSON file adding years the calendar library lacks: { "2027": { "holidays": [...], "workdays": [...] } }. */
    SLA_CALENDAR_FILE: z.string().min(1).optional(),
    /** When set, GET /metrics asks for `Authorization: Bearer <METRICS_TOKEN>` (the scraper's secret). */
    METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  })
  .superRefine((c, ctx) => {
    if (c.NODE_ENV === 'production' && !c.SESSION_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['SESSION_SECRET'], message: 'is required in production' });
    }
    if (c.NODE_ENV === 'production' && c.DEMO_DATA) {
      ctx.addIssue({ code: 'custom', path: ['DEMO_DATA'], message: 'demo accounts are never loaded in production' });
    }
  });

export type Config = Omit<z.infer<typeof ConfigSchema>, 'DEMO_DATA' | 'SESSION_SECRET'> & {
  DEMO_DATA: boolean;
  SESSION_SECRET: string;
};

/** Only for development and tests: production must set SESSION_SECRET (enforced above). */
const DEVELOPMENT_SESSION_SECRET = 'development-only-session-secret-do-not-use-in-production';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ConfigSchema.safeParse(defined);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => {
        const key = String(i.path[0] ?? '');
        return `${key}=${JSON.stringify(defined[key] ?? '')}: ${i.message}`;
      }),
    );
  }
  const c = parsed.data;
  return {
    ...c,
    DEMO_DATA: c.DEMO_DATA ?? c.NODE_ENV !== 'production',
    SESSION_SECRET: c.SESSION_SECRET ?? DEVELOPMENT_SESSION_SECRET,
  };
}
