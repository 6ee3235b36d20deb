import os from 'node:os';
import type { Measurement } from '../suite';

/** What one suite produced: measurements on success, the error message otherwise. */
export interface SuiteOutcome {
  name: string;
  title: string;
  measurements: Measurement[];
  notes: string[];
  error?: string;
  /** Why the suite was not started at all. */
  skipped?: string;
  wallSeconds: number;
}

export interface RunHeader {
  date: Date;
  command: string;
  seconds: number;
  warmupSeconds: number;
  /** One-minute load averages: how busy the shared machine was around the run. */
  loadAverage: { start: number; end: number };
}

/**
 * The results file: one section per suite, each saying which run produced it. Sections of the
 * suites in `outcomes` are (re)written; those of other suites are kept from `previous`, so a
 * `BENCH_ONLY=…` run updates its own sections without discarding the rest.
 */
export function renderReport(
  header: RunHeader,
  outcomes: SuiteOutcome[],
  registry: ReadonlyMap<string, Measurement>,
  suiteOrder: readonly string[],
  previous = '',
): string {
  const sections = previousSections(previous);
  for (const outcome of outcomes) sections.set(outcome.name, renderSuite(outcome, registry, header));
  const ordered = [...suiteOrder.filter((name) => sections.has(name))];
  return [
    '# Benchmark results',
    '',
    `- Machine: ${describeMachine()}`,
    '- `npm run bench` runs every suite; `BENCH_ONLY=a,b npm run bench` re-runs those and keeps the other sections.',
    '  Each section names the run (date, command, load) it comes from.',
    '',
    ...ordered.map((name) => sections.get(name)!),
    '## Notes',
    '',
    '- Ratios are value ÷ the named baseline measured in the same run, so they survive a noisy machine better',
    '  than absolute numbers: compare ratios across runs, not req/s. Throughput ratios below 1 and latency',
    '  ratios above 1 mean slower than the baseline. A ratio needs its baseline in the same `BENCH_ONLY` run.',
    "- The load generator, the servers under test, PostgreSQL and Redis all share the machine's cores.",
    '',
  ].join('\n');
}

/** The suite sections of an earlier results file, by suite name (the name ends the heading). */
function previousSections(previous: string): Map<string, string> {
  const sections = new Map<string, string>();
  for (const chunk of previous.split(/^(?=## )/m)) {
    const name = /^## .*\(`([\w.-]+)`\)\s*$/m.exec(chunk.split('\n', 1)[0] ?? '')?.[1];
    if (name) sections.set(name, chunk.endsWith('\n\n') ? chunk : `${chunk.trimEnd()}\n\n`);
  }
  return sections;
}

export function renderSuite(
  outcome: SuiteOutcome,
  registry: ReadonlyMap<string, Measurement>,
  run?: RunHeader,
): string {
  const lines = [`## ${outcome.title} (\`${outcome.name}\`)`, ''];
  if (run) {
    lines.push(
      `Run ${run.date.toISOString()}: \`${run.command}\`, ${run.seconds} s per measurement after an untimed ` +
        `${run.warmupSeconds} s warm-up; load average (1 min) ${run.loadAverage.start.toFixed(2)} at the run's ` +
        `start, ${run.loadAverage.end.toFixed(2)} at its end.`,
      '',
    );
  }
  if (outcome.error !== undefined) {
    lines.push(`**Failed** after ${outcome.wallSeconds.toFixed(1)} s: ${outcome.error}`, '');
  }
  if (outcome.skipped !== undefined) lines.push(`**Not run**: ${outcome.skipped}`, '');
  if (outcome.measurements.length) lines.push(...renderTable(outcome.measurements, registry), '');
  lines.push(...outcome.notes.map((note) => `- ${note}`));
  if (outcome.notes.length) lines.push('');
  return lines.join('\n');
}

function renderTable(measurements: Measurement[], registry: ReadonlyMap<string, Measurement>): string[] {
  const withRatio = measurements.some((m) => m.baseline !== undefined);
  const withNote = measurements.some((m) => m.note !== undefined);
  const header = [
    'metric',
    'value',
    'unit',
    ...(withRatio ? ['ratio to baseline'] : []),
    ...(withNote ? ['note'] : []),
  ];
  const rows = measurements.map((m) => [
    `\`${m.metric}\``,
    formatNumber(m.value),
    m.unit,
    ...(withRatio ? [formatRatio(m, registry)] : []),
    ...(withNote ? [(m.note ?? '').replaceAll('|', '\\|')] : []),
  ]);
  const alignment = header.map((column) => (column === 'value' || column === 'ratio to baseline' ? '---:' : '---'));
  return [header, alignment, ...rows].map((cells) => `| ${cells.join(' | ')} |`);
}

function formatRatio(measurement: Measurement, registry: ReadonlyMap<string, Measurement>): string {
  if (measurement.baseline === undefined) return '';
  const baseline = registry.get(measurement.baseline);
  if (!baseline) return `— (\`${measurement.baseline}\` not measured in this run)`;
  if (baseline.value === 0) return `— (\`${measurement.baseline}\` is 0)`;
  return `${(measurement.value / baseline.value).toFixed(2)}× \`${measurement.baseline}\``;
}

function formatNumber(value: number): string {
  if (Number.isInteger(value) || Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  return value.toFixed(2);
}

function describeMachine(): string {
  const cpus = os.cpus();
  const memoryGiB = (os.totalmem() / 2 ** 30).toFixed(1);
  return `${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown model'}), ${memoryGiB} GiB RAM, Node ${process.version}, ${os.platform()}/${os.arch()}`;
}
