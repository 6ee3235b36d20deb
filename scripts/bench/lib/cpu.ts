import { readFileSync } from 'node:fs';

/**
 * Where the CPU went during a measurement: the platform's own process (from its /metrics), the
 * runner process (load generator) and the whole machine. On a small shared machine these tell a
 * saturated server from a saturated machine.
 */
export interface CpuUsage {
  /** Cores' worth of CPU the platform's processes used together, from their own /metrics. */
  serverCores?: number;
  /** How many platform processes that is. */
  servers: number;
  /** Cores' worth of CPU the runner (load generator) used. */
  runnerCores: number;
  /** Fraction of all of the machine's cores that were busy, when /proc/stat is readable. */
  machineBusy?: number;
}

/** Starts measuring (the platform's processes at `origins`, each directly); the returned function stops and reports. */
export async function startCpuSample(...origins: string[]): Promise<() => Promise<CpuUsage>> {
  const serverStart = await serversCpuSeconds(origins);
  const wallStart = performance.now();
  const runnerStart = process.cpuUsage();
  const machineStart = machineTicks();
  return async () => {
    const wallMs = performance.now() - wallStart;
    const runner = process.cpuUsage(runnerStart);
    const machineEnd = machineTicks();
    const serverEnd = await serversCpuSeconds(origins);
    const usage: CpuUsage = { runnerCores: (runner.user + runner.system) / 1000 / wallMs, servers: origins.length };
    if (serverStart !== undefined && serverEnd !== undefined) {
      usage.serverCores = ((serverEnd - serverStart) * 1000) / wallMs;
    }
    if (machineStart && machineEnd && machineEnd.total > machineStart.total) {
      usage.machineBusy = (machineEnd.busy - machineStart.busy) / (machineEnd.total - machineStart.total);
    }
    return usage;
  };
}

/** The sum over the processes; undefined if any cannot tell. */
async function serversCpuSeconds(origins: string[]): Promise<number | undefined> {
  const seconds = await Promise.all(origins.map(serverCpuSeconds));
  return seconds.some((s) => s === undefined) ? undefined : seconds.reduce((sum, s) => sum! + s!, 0);
}

/** The platform's `process_cpu_seconds_total` (prom-client's default metrics). */
async function serverCpuSeconds(origin: string): Promise<number | undefined> {
  try {
    const text = await (await fetch(`${origin}/metrics`)).text();
    const match = /^process_cpu_seconds_total(?:\{[^}]*\})? ([\d.e+-]+)$/m.exec(text);
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

function machineTicks(): { busy: number; total: number } | undefined {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const total = fields.reduce((sum, n) => sum + n, 0);
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
    return { busy: total - idle, total };
  } catch {
    return undefined;
  }
}

/** `the platform process used 1.05 cores, the runner 0.30 cores, the whole machine was 80% busy` */
export function describeCpu(usage: CpuUsage, runnerName = 'the runner'): string {
  return [
    ...(usage.serverCores === undefined
      ? []
      : [
          `${usage.servers === 1 ? 'the platform process' : `the ${usage.servers} platform processes`} used ` +
            `${usage.serverCores.toFixed(2)} cores`,
        ]),
    `${runnerName} ${usage.runnerCores.toFixed(2)} cores`,
    ...(usage.machineBusy === undefined ? [] : [`the whole machine was ${(usage.machineBusy * 100).toFixed(0)}% busy`]),
  ].join(', ');
}
