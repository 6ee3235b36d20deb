#!/usr/bin/env node
// `npm test`: runs the whole vitest suite twice — against PGlite, then against
// a real PostgreSQL server — and prints the combined totals as the last line:
//   N passed, N failed[, N skipped]
//
// Extra arguments are forwarded to vitest in both passes:
//   npm test -- backend/src/auth
//
// Environment:
//   TEST_POSTGRES_URL  server for the second pass
//                      (default postgres://postgres@127.0.0.1:5432/postgres)
//   CI, REQUIRE_POSTGRES=1  make an unreachable PostgreSQL a failure instead
//                      of a skipped pass

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

function flag(value) {
  return !!value && value !== '0' && value.toLowerCase() !== 'false';
}

function tcpReachable(host, port, timeoutMs = 2000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const finish = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.on('error', () => finish(false));
    socket.on('connect', () => finish(true));
  });
}

async function postgresReachable(rawUrl) {
  let url;
  try {
    url = new URL(rawUrl);
  } catch {
    return false;
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1') || '127.0.0.1';
  return tcpReachable(host, Number(url.port) || 5432);
}

/** Runs vitest once; resolves with { name, passed, failed, skipped, ok }. */
function runPass(name, env, extraArgs, tmpDir) {
  const reportFile = path.join(tmpDir, `${name}.json`);
  const args = [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${reportFile}`,
    ...extraArgs,
  ];
  console.log(`\n=== test pass: ${name} (TEST_DATABASE=${env.TEST_DATABASE}) ===\n`);
  return new Promise((resolve) => {
    const child = spawn('npx', args, {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, ...env },
      shell: process.platform === 'win32',
    });
    child.on('error', (err) => {
      console.error(`could not run vitest: ${err.message}`);
      resolve({ name, passed: 0, failed: 1, skipped: 0, ok: false });
    });
    child.on('exit', (code, signal) => {
      const result = readReport(name, reportFile);
      result.ok = code === 0 && result.failed === 0 && result.passed + result.failed > 0;
      if (code === 0 && result.passed + result.failed === 0) {
        console.error(`the ${name} pass ran zero tests`);
      } else if (code !== 0 && result.failed === 0) {
        // vitest failed without a failing test (crash, bad config, signal…).
        console.error(`vitest (${name} pass) exited with ${signal ?? `code ${code}`}`);
        result.failed = 1;
      }
      resolve(result);
    });
  });
}

/** Totals from vitest's JSON report. A test file that failed without any
 *  failing test (import error, failing hook) counts as one failure. */
function readReport(name, file) {
  let report;
  try {
    report = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return { name, passed: 0, failed: 0, skipped: 0 };
  }
  const passed = report.numPassedTests ?? 0;
  let failed = report.numFailedTests ?? 0;
  const skipped = Math.max(0, (report.numTotalTests ?? 0) - passed - failed);
  for (const file of report.testResults ?? []) {
    const failedTests = (file.assertionResults ?? []).filter((t) => t.status === 'failed');
    if (file.status === 'failed' && failedTests.length === 0) failed += 1;
  }
  return { name, passed, failed, skipped };
}

function describe(r) {
  return `${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''}`;
}

async function main() {
  const extraArgs = process.argv.slice(2);
  const pgUrl = process.env.TEST_POSTGRES_URL || DEFAULT_PG_URL;
  const requirePg = flag(process.env.CI) || process.env.REQUIRE_POSTGRES === '1';
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lcfin-test-'));

  const results = [];
  let exitCode = 0;
  try {
    results.push(await runPass('pglite', { TEST_DATABASE: 'pglite' }, extraArgs, tmpDir));

    if (await postgresReachable(pgUrl)) {
      results.push(
        await runPass('postgres', { TEST_DATABASE: 'postgres', TEST_POSTGRES_URL: pgUrl }, extraArgs, tmpDir),
      );
    } else if (requirePg) {
      console.error(
        `\nPostgreSQL at ${pgUrl} is not reachable and is required here (CI or REQUIRE_POSTGRES=1); the PostgreSQL pass failed.`,
      );
      results.push({ name: 'postgres', passed: 0, failed: 1, skipped: 0, ok: false });
    } else {
      console.log(`\nPostgreSQL at ${pgUrl} is not reachable: the PostgreSQL pass was skipped and is not counted.`);
    }
  } finally {
    fs.rmSync(tmpDir, { recursive: true, force: true });
  }

  const total = { passed: 0, failed: 0, skipped: 0 };
  console.log('');
  for (const r of results) {
    console.log(`${r.name} pass: ${describe(r)}${r.ok ? '' : ' (FAILED)'}`);
    total.passed += r.passed;
    total.failed += r.failed;
    total.skipped += r.skipped;
    if (!r.ok) exitCode = 1;
  }
  console.log(describe(total));
  process.exit(exitCode);
}

await main();
