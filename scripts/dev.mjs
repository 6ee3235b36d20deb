#!/usr/bin/env node
// `npm run dev`: hot reload. Runs the API + workers (tsx watch scripts/serve.ts
// on PORT, default 3000) and the Vite dev server (5173, proxying /api to the
// API) side by side with prefixed output. Ctrl-C / SIGTERM stops both; if
// either exits, the other is stopped too.

import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const isWindows = process.platform === 'win32';
const color = process.stdout.isTTY;

const env = { ...process.env, PORT: process.env.PORT || '3000' };
if (color && !env.NO_COLOR) env.FORCE_COLOR ??= '1';

const procs = [
  { name: 'api', tint: 36, cmd: 'npx', args: ['tsx', 'watch', 'scripts/serve.ts'] },
  { name: 'web', tint: 35, cmd: 'npm', args: ['run', 'dev', '-w', 'frontend'] },
];

let stopping = false;
let exitCode = 0;

function prefix(p) {
  const label = `[${p.name}]`;
  return color ? `\x1b[${p.tint}m${label}\x1b[0m ` : `${label} `;
}

function pipe(stream, out, p) {
  const lines = readline.createInterface({ input: stream, crlfDelay: Infinity });
  lines.on('line', (line) => out.write(`${prefix(p)}${line}\n`));
}

/** Signals the child's whole process group (npx/npm spawn grandchildren). */
function signal(p, sig) {
  if (!p.child || p.exited) return;
  try {
    if (isWindows) p.child.kill(sig);
    else process.kill(-p.child.pid, sig);
  } catch {
    // already gone
  }
}

function stopAll(sig) {
  if (stopping) return;
  stopping = true;
  for (const p of procs) signal(p, sig);
  // Don't hang forever on a child that ignores the signal.
  setTimeout(() => {
    for (const p of procs) signal(p, 'SIGKILL');
    process.exit(exitCode || 1);
  }, 5000).unref();
}

function start(p) {
  p.child = spawn(p.cmd, p.args, {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: !isWindows,
    shell: isWindows,
  });
  pipe(p.child.stdout, process.stdout, p);
  pipe(p.child.stderr, process.stderr, p);
  p.child.on('error', (err) => {
    process.stderr.write(`${prefix(p)}could not start ${p.cmd}: ${err.message}\n`);
    p.exited = true;
    exitCode = 1;
    stopAll('SIGTERM');
    if (procs.every((q) => q.exited)) process.exit(exitCode);
  });
  p.child.on('exit', (code, sig) => {
    p.exited = true;
    if (!stopping) {
      process.stderr.write(`${prefix(p)}exited (${sig ?? `code ${code}`}); stopping the other process\n`);
      exitCode = code || 1;
      stopAll('SIGTERM');
    }
    if (procs.every((q) => q.exited)) process.exit(exitCode);
  });
}

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    if (stopping) {
      // Second Ctrl-C: stop waiting.
      for (const p of procs) signal(p, 'SIGKILL');
      process.exit(exitCode || 130);
    }
    stopAll(sig);
  });
}

procs.forEach(start);
console.log(`dev: API + workers on http://localhost:${env.PORT} (tsx watch), Vite on 5173`);
console.log('dev: open http://localhost:5173');
