/**
 * `npm run seed -- --scale=liaocheng [--seed=N]`: tops the configured database (DATABASE_URL, or
 * PGlite in PGLITE_DIR) up to the real Liaocheng platform's scale — 186 institutions and 340 listed
 * products — without changing or deleting existing rows; a second run changes nothing. Needs no
 * Redis. With PGlite, stop `npm start` first: one PGlite folder serves one process at a time.
 */
import { ConfigError, loadConfig, type Config } from '@lcfin/backend/config';
import { openDatabase } from '@lcfin/backend/db/client';
import { loadInitialData } from '@lcfin/backend/initial-data';
import { DEFAULT_SEED } from '@lcfin/backend/seed/liaocheng';
import { loadLiaochengSeed, SeedError } from '@lcfin/backend/seed/load';

const SCALES = ['liaocheng'] as const;
const USAGE = `usage: npm run seed -- --scale=liaocheng [--seed=N]
  --scale=liaocheng  186 institutions and 340 listed products, as published in March 2025 (the only scale)
  --seed=N           a non-negative integer; the same number always gives the same data (default ${DEFAULT_SEED})`;

interface Options {
  scale: (typeof SCALES)[number];
  seed: number;
}

function parseArgs(args: string[]): Options {
  const options: Options = { scale: 'liaocheng', seed: DEFAULT_SEED };
  for (const arg of args) {
    const at = arg.indexOf('=');
    const [key, value] = at < 0 ? [arg, undefined] : [arg.slice(0, at), arg.slice(at + 1)];
    if (key === '--help' || key === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else if (key === '--scale') {
      if (!SCALES.includes(value as Options['scale'])) {
        throw new UsageError(`unknown scale ${JSON.stringify(value ?? '')}: the only scale is "liaocheng"`);
      }
      options.scale = value as Options['scale'];
    } else if (key === '--seed') {
      if (!value || !/^\d{1,10}$/.test(value) || Number(value) > 0xffffffff) {
        throw new UsageError(`--seed=${value ?? ''}: must be an integer from 0 to ${0xffffffff}`);
      }
      options.seed = Number(value);
    } else {
      throw new UsageError(`unknown argument ${JSON.stringify(arg)}`);
    }
  }
  return options;
}

class UsageError extends Error {}

async function main(): Promise<number> {
  let options: Options;
  let config: Config;
  try {
    options = parseArgs(process.argv.slice(2));
    config = loadConfig();
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`seed: ${error.message}\n${USAGE}`);
      return 2;
    }
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }

  const started = performance.now();
  const where = config.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.PGLITE_DIR}`;
  console.log(`seed: scale ${options.scale}, seed ${options.seed}, database ${where}`);
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, pgliteDir: config.PGLITE_DIR });
  try {
    for (const what of await loadInitialData(database.db, config)) console.log(`seed: loaded the initial ${what}`);
    const seeded = performance.now();
    const report = await loadLiaochengSeed(database.db, { seed: options.seed });
    const line = (label: string, c: { before: number; inserted: number; after: number }) =>
      console.log(`seed: ${label.padEnd(16)} ${String(c.before).padStart(4)} → ${c.after} (+${c.inserted})`);
    line('institutions', report.institutions);
    line('listed products', report.listedProducts);
    const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    console.log(
      `seed: done in ${seconds(performance.now() - started)} (seed transaction ${seconds(performance.now() - seeded)})` +
        (report.institutions.inserted + report.listedProducts.inserted === 0 ? '; nothing to add' : ''),
    );
    return 0;
  } catch (error) {
    if (error instanceof SeedError) {
      console.error(`seed: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
