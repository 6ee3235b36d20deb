/**
 * The violated unique constraint's name, if `err` (or its cause: drizzle wraps driver errors)
 * is PostgreSQL's unique_violation. node-postgres and PGlite both expose `code` and `constraint`.
 */
export function uniqueViolation(err: unknown): string | null {
  for (let e = err as { code?: string; constraint?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '23505') return e.constraint ?? '';
  }
  return null;
}

/** Whether `err` is `assert_as_read` refusing a statement: what it changes is no longer as it was read. */
export function changedSinceRead(err: unknown): boolean {
  for (let e = err as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === 'LC409') return true;
  }
  return false;
}
