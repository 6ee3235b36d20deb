/**
 * `npm run bench`: runs the registered suites in order, prints each one's table, and writes
 * bench/RESULTS.md (the sections of the suites it ran; the others are kept). Env: BENCH_SECONDS (window per measurement, default 10), BENCH_ONLY
 * (comma-separated suite names), BENCH_POOL_SECONDS (pool-latency window), BENCH_POSTGRES_URL, REDIS_URL.
 * Exits 1 if any suite failed.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_ENV_VARS, readConfig, redactUrl, type BenchConfig } from './lib/config';
import { createContext } from './lib/context';
import { renderReport, renderSuite, type SuiteOutcome } from './lib/report';
import type { BenchSuite, Measurement } from './suite';
import { suites } from './suites/index';

const WARMUP_SECONDS = 1;
const RESULTS_FILE = fileURLToPath(new URL('../../bench/RESULTS.md', import.meta.url));
/** After the report is written, a leaked handle gets this long before the process exits anyway. */
const EXIT_GRACE_MS = 5_000;

const MAX_ERROR_CHARS = 1_000;

class SuiteTimeout extends Error {}

async function main(): Promise<number> {
  const config = readConfig(process.env);
  const selected = selectSuites(config.only);
  const date = new Date();
  const registry = new Map<string, Measurement>();
  const outcomes: SuiteOutcome[] = [];
  let timedOut: string | undefined;

  const loadAtStart = os.loadavg()[0] ?? 0;
  for (const suite of selected) {
    if (timedOut) {
      outcomes.push(notRun(suite, `${timedOut} timed out and may still hold resources`));
      continue;
    }
    const { outcome, timedOut: suiteTimedOut } = await runSuite(suite, config, registry);
    if (suiteTimedOut) timedOut = suite.name;
    outcomes.push(outcome);
    console.log(renderSuite(outcome, registry));
  }

  const header = {
    date,
    command: describeCommand(),
    seconds: config.seconds,
    warmupSeconds: WARMUP_SECONDS,
    loadAverage: { start: loadAtStart, end: os.loadavg()[0] ?? 0 },
  };
  mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  const previous = existsSync(RESULTS_FILE) ? readFileSync(RESULTS_FILE, 'utf8') : '';
  const order = suites.map((suite) => suite.name);
  writeFileSync(RESULTS_FILE, renderReport(header, outcomes, registry, order, previous));
  console.log(`Wrote ${path.relative(process.cwd(), RESULTS_FILE)}`);
  return outcomes.every((outcome) => outcome.error === undefined && outcome.skipped === undefined) ? 0 : 1;
}

function selectSuites(only: string[]): BenchSuite[] {
  const unknown = only.filter((name) => !suites.some((suite) => suite.name === name));
  if (unknown.length) {
    throw new Error(
      `BENCH_ONLY names unknown suites: ${unknown.join(', ')} (known: ${suites.map((s) => s.name).join(', ')})`,
    );
  }
  return only.length ? suites.filter((suite) => only.includes(suite.name)) : suites;
}

async function runSuite(
  suite: BenchSuite,
  config: BenchConfig,
  registry: Map<string, Measurement>,
): Promise<{ outcome: SuiteOutcome; timedOut: boolean }> {
  const notes: string[] = [];
  const ctx = createContext({
    config,
    warmupSeconds: WARMUP_SECONDS,
    measurements: registry,
    note: (text) => notes.push(text),
  });
  const started = performance.now();
  const outcome = (measurements: Measurement[], error?: string): SuiteOutcome => ({
    name: suite.name,
    title: suite.title,
    measurements,
    notes,
    error,
    wallSeconds: (performance.now() - started) / 1000,
  });
  try {
    const budgetMs = suiteBudgetMs(config.seconds) + (suite.extraBudgetSeconds?.(config) ?? 0) * 1000;
    const measurements = await withTimeout(suite.run(ctx), budgetMs);
    register(suite, measurements, registry);
    return { outcome: outcome(measurements), timedOut: false };
  } catch (error) {
    const full = error instanceof Error ? error.message : String(error);
    // A failed query's message lists every parameter; the report needs the gist, not 500 uuids.
    const message = full.length > MAX_ERROR_CHARS ? `${full.slice(0, MAX_ERROR_CHARS)}… (truncated)` : full;
    return { outcome: outcome([], message), timedOut: error instanceof SuiteTimeout };
  }
}

function notRun(suite: BenchSuite, reason: string): SuiteOutcome {
  return { name: suite.name, title: suite.title, measurements: [], notes: [], skipped: reason, wallSeconds: 0 };
}

/** Generous for setup, warm-up and teardown, yet bounded: a hung suite must not hang the run. */
function suiteBudgetMs(seconds: number): number {
  return (60 + 3 * (seconds + WARMUP_SECONDS)) * 1000;
}

async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SuiteTimeout(`timed out after ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Metric keys are global (later suites name them as baselines), so they must be prefixed and unique. */
function register(suite: BenchSuite, measurements: Measurement[], registry: Map<string, Measurement>): void {
  for (const m of measurements) {
    if (!m.metric.startsWith(`${suite.name}.`)) throw new Error(`metric ${m.metric} must start with "${suite.name}."`);
    if (registry.has(m.metric)) throw new Error(`metric ${m.metric} was already recorded`);
    if (!Number.isFinite(m.value)) throw new Error(`metric ${m.metric} is not a finite number: ${m.value}`);
  }
  for (const m of measurements) registry.set(m.metric, m);
}

/** The command line that reproduces this run, with the bench variables that were set. */
function describeCommand(): string {
  const env = BENCH_ENV_VARS.flatMap((name) => {
    const value = process.env[name];
    if (!value) return [];
    return [`${name}=${shellQuote(name.endsWith('_URL') ? redactUrl(value) : value)}`];
  });
  const script = path.relative(process.cwd(), process.argv[1] ?? '');
  const invoked = process.env.npm_lifecycle_event;
  const command = invoked === 'bench' ? 'npm run bench' : `${invoked === 'npx' ? 'npx ' : ''}tsx ${script}`;
  return [...env, command].join(' ');
}

function shellQuote(value: string): string {
  return /^[\w.,:/@*-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}

main().then(
  (code) => {
    process.exitCode = code;
    setTimeout(() => {
      console.error('bench: open handles kept the process alive after the report was written; exiting');
      process.exit(code);
    }, EXIT_GRACE_MS).unref();
  },
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
