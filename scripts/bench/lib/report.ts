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

export function renderReport(
  header: RunHeader,
  outcomes: SuiteOutcome[],
  registry: ReadonlyMap<string, Measurement>,
): string {
  const failed = outcomes.filter((outcome) => outcome.error !== undefined);
  const skipped = outcomes.filter((outcome) => outcome.skipped !== undefined);
  return [
    '# Benchmark results',
    '',
    `- Date: ${header.date.toISOString()}`,
    `- Machine: ${describeMachine()}`,
    `- Load average (1 min): ${header.loadAverage.start.toFixed(2)} at start, ${header.loadAverage.end.toFixed(2)} at end`,
    `- Command: \`${header.command}\``,
    `- Window: ${header.seconds} s per measurement, after an untimed ${header.warmupSeconds} s warm-up`,
    '',
    ...outcomes.map((outcome) => renderSuite(outcome, registry)),
    '## Notes',
    '',
    '- Ratios are value ÷ the named baseline measured in this same run, so they survive a noisy machine better',
    '  than absolute numbers: compare ratios across runs, not req/s. Throughput ratios below 1 and latency',
    '  ratios above 1 mean slower than the baseline.',
    "- The load generator, the servers under test, PostgreSQL and Redis all share the machine's cores.",
    ...(failed.length ? [`- Failed suites: ${failed.map((outcome) => outcome.name).join(', ')}.`] : []),
    ...(skipped.length ? [`- Suites not run: ${skipped.map((outcome) => outcome.name).join(', ')}.`] : []),
    '',
  ].join('\n');
}

export function renderSuite(outcome: SuiteOutcome, registry: ReadonlyMap<string, Measurement>): string {
  const lines = [`## ${outcome.title} (\`${outcome.name}\`)`, ''];
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
