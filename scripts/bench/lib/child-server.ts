import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Servers under test run in a child process so that autocannon, in the runner process, does not
 * share their event loop. Any server that listens on HOST/PORT from its environment works.
 */
export interface ChildServerOptions {
  /** Absolute path of a .ts or .js entry point, run by node with the tsx loader. */
  script: string;
  env?: Record<string, string>;
  /** Polled until it answers with any HTTP status. */
  readyPath: string;
  readyTimeoutMs?: number;
}

const HOST = '127.0.0.1';
const STDERR_TAIL_CHARS = 4_000;
const STOP_GRACE_MS = 5_000;

/** Children still running when the runner exits (e.g. after a suite timeout) are killed with it. */
const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export async function withChildServer<T>(
  options: ChildServerOptions,
  fn: (server: { origin: string }) => Promise<T>,
): Promise<T> {
  const port = await freePort();
  // stdout ignored: request logging into a pipe nobody reads would stall the server.
  const child = spawnChild(options.script, { ...options.env, HOST, PORT: String(port) }, 'ignore');
  try {
    const origin = `http://${HOST}:${port}`;
    await waitUntilReady(
      `${origin}${options.readyPath}`,
      child.process,
      options.readyTimeoutMs ?? 20_000,
      child.stderr,
    );
    return await fn({ origin });
  } finally {
    await child.stop();
  }
}

/** A Node child running a .ts entry point with the tsx loader, killed with the runner if still alive. */
export interface Child {
  process: ChildProcess;
  /** The last few thousand characters it wrote to stderr, for error messages. */
  stderr(): string;
  /** SIGTERM, then SIGKILL after a grace period; resolves once it has exited. */
  stop(): Promise<void>;
}

export function spawnChild(script: string, env: Record<string, string>, stdout: 'ignore' | 'pipe'): Child {
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', stdout, 'pipe'],
  });
  running.add(child);
  let stderrTail = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderrTail = (stderrTail + chunk).slice(-STDERR_TAIL_CHARS);
  });
  child.on('error', (error) => (stderrTail += `\n${error.message}`));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    process: child,
    stderr: () => stderrTail,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const stopped = await Promise.race([exited.then(() => true), sleep(STOP_GRACE_MS, false)]);
        if (!stopped) child.kill('SIGKILL');
      }
      running.delete(child);
    },
  };
}

export async function waitUntilReady(url: string, child: ChildProcess, timeoutMs: number, stderr: () => string) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`server exited with code ${child.exitCode} before answering ${url}:\n${stderr()}`);
    }
    try {
      const response = await fetch(url);
      await response.body?.cancel();
      return;
    } catch {
      await sleep(100);
    }
  }
  throw new Error(`server did not answer ${url} within ${timeoutMs} ms:\n${stderr()}`);
}

/** Asks the OS for an unused port; the tiny window before the child binds it is acceptable on loopback. */
export async function freePort(): Promise<number> {
  const server = createServer().listen(0, HOST);
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') throw new Error('no TCP port assigned');
  return address.port;
}
