/**
 * `npm run seed -- --scale=liaocheng [--seed=N]`: tops the configured database (DATABASE_URL, or
 * PGlite in PGLITE_DIR) up to the real Liaocheng platform's published figures — 186 institutions,
 * 340 listed products, 12,000 enterprises, 274,000 individual users and two years of loan requests
 * with exactly 2,250,000,000 yuan disbursed — without changing or deleting existing rows; a second
 * run changes nothing. `--scale=liaocheng-small` is the same catalog with a hundredth of the people
 * and money. Needs no Redis. With PGlite, stop `npm start` first: one PGlite folder serves one
 * process at a time.
 */
import { ConfigError, loadConfig, type Config } from '@lcfin/backend/config';
import { openDatabase } from '@lcfin/backend/db/client';
import { loadInitialData } from '@lcfin/backend/initial-data';
import { DEFAULT_SEED, LIAOCHENG_PEOPLE, LIAOCHENG_PEOPLE_SMALL } from '@lcfin/backend/seed/liaocheng';
import { loadLiaochengSeed, SeedError } from '@lcfin/backend/seed/load';

const SCALES = { liaocheng: LIAOCHENG_PEOPLE, 'liaocheng-small': LIAOCHENG_PEOPLE_SMALL } as const;
const USAGE = `usage: npm run seed -- --scale=liaocheng [--seed=N]
  --scale=liaocheng        the figures published in March 2025: 186 institutions, 340 listed products,
                           12,000 enterprises, 274,000 individual users, 2,250,000,000 yuan disbursed
  --scale=liaocheng-small  the same catalog with 120 enterprises, 2,740 individuals and 22,500,000 yuan
  --seed=N                 a non-negative integer; the same number always gives the same data (default ${DEFAULT_SEED})`;

interface Options {
  scale: keyof typeof SCALES;
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
      if (!value || !Object.hasOwn(SCALES, value)) {
        throw new UsageError(`unknown scale ${JSON.stringify(value ?? '')}: use "liaocheng" or "liaocheng-small"`);
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
    const report = await loadLiaochengSeed(database.db, { seed: options.seed, people: SCALES[options.scale] });
    const line = (label: string, c: { before: number; inserted: number; after: number }) =>
      console.log(
        `seed: ${label.padEnd(16)} ${c.before.toLocaleString('en').padStart(13)} → ${c.after.toLocaleString('en')}` +
          ` (+${c.inserted.toLocaleString('en')})`,
      );
    line('institutions', report.institutions);
    line('listed products', report.listedProducts);
    line('enterprises', report.enterprises);
    line('individual users', report.individuals);
    line('yuan disbursed', report.disbursedYuan);
    console.log(`seed: ${report.requests.toLocaleString('en')} loan requests and ${report.officers} officers added`);
    const { fiscal } = report;
    console.log(
      `seed: ${fiscal.programs} fiscal programs, ${fiscal.enrolments.toLocaleString('en')} enrolments, ` +
        `${fiscal.reports.toLocaleString('en')} servicing reports and ${fiscal.claims.toLocaleString('en')} claims added`,
    );
    const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    const { catalog, applicants, history } = report.phaseMs;
    console.log(
      `seed: catalog ${seconds(catalog)}, applicants ${seconds(applicants)}, ` +
        `history and supervision summaries ${seconds(history)}, fiscal programs ${seconds(report.phaseMs.fiscal)}`,
    );
    const added = report.institutions.inserted + report.listedProducts.inserted + report.requests + fiscal.enrolments;
    console.log(
      `seed: done in ${seconds(performance.now() - started)} (seed transactions ${seconds(performance.now() - seeded)})` +
        (added + report.enterprises.inserted + report.individuals.inserted === 0 ? '; nothing to add' : ''),
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
