import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { spawnChild, type Child } from './child-server';

/**
 * The platform's workers as production runs them: `workers/src/main.ts`, each in its own Node
 * process, configured from the environment. The runner reads their pino log lines (stdout) and
 * their memory and CPU from /proc.
 */
const WORKERS_MAIN = fileURLToPath(new URL('../../../workers/src/main.ts', import.meta.url));
/** tsx compiles the backend and the platform checks migrations before the workers start. */
const READY_TIMEOUT_MS = 60_000;
const READY_MESSAGE = 'workers started';
/** Linux reports CPU time in clock ticks of USER_HZ, which is 100 on every mainstream architecture. */
const TICKS_PER_SECOND = 100;

/** One pino log line. */
export type LogRecord = Record<string, unknown> & { msg?: string };

export interface WorkerProcess {
  pid: number;
  /** Still running (a worker that crashed mid-run invalidates the run). */
  alive(): boolean;
  /** Peak resident set size so far (VmHWM) in bytes; undefined without /proc. */
  peakRssBytes(): number | undefined;
  /** CPU time (user + system) used so far, in seconds; undefined without /proc. */
  cpuSeconds(): number | undefined;
  /** Calls `listener` with every log line written from now on. */
  onLog(listener: (record: LogRecord) => void): void;
}

/** Starts `count` worker processes, waits until each has started its processors, and stops them afterwards. */
export async function withWorkerProcesses<T>(
  count: number,
  env: Record<string, string>,
  fn: (workers: WorkerProcess[]) => Promise<T>,
): Promise<T> {
  const children: Child[] = [];
  try {
    // info: the readiness signal is an info line.
    for (let i = 0; i < count; i++) children.push(spawnChild(WORKERS_MAIN, { ...env, LOG_LEVEL: 'info' }, 'pipe'));
    const workers = await Promise.all(children.map(started));
    return await fn(workers);
  } finally {
    await Promise.all(children.map((child) => child.stop()));
  }
}

function started(child: Child): Promise<WorkerProcess> {
  const listeners: ((record: LogRecord) => void)[] = [];
  const lines = createInterface({ input: child.process.stdout! });
  lines.on('line', (line) => {
    let record: LogRecord;
    try {
      record = JSON.parse(line) as LogRecord;
    } catch {
      return;
    }
    for (const listener of listeners) listener(record);
  });
  const pid = child.process.pid!;
  const worker: WorkerProcess = {
    pid,
    alive: () => child.process.exitCode === null && child.process.signalCode === null,
    peakRssBytes: () => {
      const kib = /^VmHWM:\s+(\d+) kB$/m.exec(readProc(pid, 'status') ?? '')?.[1];
      return kib === undefined ? undefined : Number(kib) * 1024;
    },
    cpuSeconds: () => {
      // Fields after the parenthesised command name: utime and stime are the 12th and 13th.
      const fields = readProc(pid, 'stat')?.split(') ')[1]?.split(' ');
      if (!fields) return undefined;
      return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
    },
    onLog: (listener) => listeners.push(listener),
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`worker ${pid} did not start within ${READY_TIMEOUT_MS} ms:\n${child.stderr()}`)),
      READY_TIMEOUT_MS,
    );
    child.process.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`worker ${pid} exited with code ${code} before starting:\n${child.stderr()}`));
    });
    worker.onLog((record) => {
      if (record.msg !== READY_MESSAGE) return;
      clearTimeout(timer);
      resolve(worker);
    });
  });
}

function readProc(pid: number, file: 'status' | 'stat'): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return undefined;
  }
}
