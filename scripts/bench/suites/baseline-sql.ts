import { runClosedLoop } from '../lib/closed-loop';
import type { BenchDatabase, BenchSuite } from '../suite';

const ROWS = 10_000;
const CLIENTS = 16;
/** Short enough that claimed rows stay a minority, so most claims win (see the note below). */
const REOPEN_INTERVAL_MS = 1_000;

const CREATE_TABLE = 'CREATE TABLE claims (id int PRIMARY KEY, status text, claimed_by int, version int)';
const FILL_TABLE = `INSERT INTO claims SELECT id, 'open', NULL, 0 FROM generate_series(1, ${ROWS}) AS id`;
const CLAIM = `
  UPDATE claims SET status = 'claimed', claimed_by = $1, version = version + 1
  WHERE id = $2 AND status = 'open' RETURNING id`;
const REOPEN = `UPDATE claims SET status = 'open', claimed_by = NULL WHERE status = 'claimed'`;

export const baselineSql: BenchSuite = {
  name: 'baseline.sql',
  title: 'Baseline: raw SQL conditional-update transactions (pg)',
  run: (ctx) =>
    ctx.withPostgres(
      async (db) => {
        await db.query(CREATE_TABLE);
        await db.query(FILL_TABLE);
        await claimFor(db, ctx.warmupSeconds);
        await db.query(REOPEN);
        const { loop, won, lost } = await claimFor(db, ctx.seconds);

        ctx.note(
          `${db.engine === 'postgres' ? `pg Pool of ${CLIENTS}` : 'PGlite'}, ${CLIENTS} concurrent clients, each running ` +
            "`BEGIN; UPDATE claims SET status='claimed' … WHERE id=$2 AND status='open' RETURNING id; COMMIT` " +
            `back to back on a uniformly random id of ${ROWS.toLocaleString('en-US')} rows.`,
        );
        ctx.note(
          `Every ${REOPEN_INTERVAL_MS} ms one statement through the same database handle reopens all claimed rows, so most claims win; ` +
            `a loss is the conditional UPDATE matching no open row. Won ${percent(won, won + lost)} of transactions.`,
        );
        return [
          { metric: 'baseline.sql.tps', value: loop.perSecond, unit: 'tx/s' },
          { metric: 'baseline.sql.p50', value: loop.p50, unit: 'ms' },
          { metric: 'baseline.sql.p99', value: loop.p99, unit: 'ms' },
          { metric: 'baseline.sql.won', value: won, unit: 'transactions' },
          { metric: 'baseline.sql.lost', value: lost, unit: 'transactions' },
        ];
      },
      { poolSize: CLIENTS },
    ),
};

async function claimFor(db: BenchDatabase, seconds: number) {
  let won = 0;
  let lost = 0;
  const loop = await whileReopening(db, () =>
    runClosedLoop({
      concurrency: CLIENTS,
      seconds,
      async operation(worker) {
        const id = 1 + Math.floor(Math.random() * ROWS);
        const claimed = await db.transaction(async (tx) => (await tx.query(CLAIM, [worker + 1, id])).rows.length > 0);
        if (claimed) won++;
        else lost++;
      },
    }),
  );
  return { loop, won, lost };
}

/** Runs work while reopening claimed rows every REOPEN_INTERVAL_MS, one reopen at a time. */
async function whileReopening<T>(db: BenchDatabase, work: () => Promise<T>): Promise<T> {
  let failure: { error: unknown } | undefined;
  const reopen = async () => {
    try {
      await db.query(REOPEN);
    } catch (error) {
      failure ??= { error };
    }
  };
  let pending = Promise.resolve();
  const timer = setInterval(() => (pending = pending.then(reopen)), REOPEN_INTERVAL_MS);
  let result: T;
  try {
    result = await work();
  } finally {
    clearInterval(timer);
    await pending;
  }
  if (failure) throw failure.error;
  return result;
}

function percent(part: number, whole: number): string {
  return `${((100 * part) / Math.max(whole, 1)).toFixed(1)}%`;
}
