#!/usr/bin/env node
// Preflight for `npm start | dev | test | bench`: makes sure Node, the npm
// dependencies, Redis and (for tests) the frontend build, Chromium, the CJK
// font and PostgreSQL are in place. Plain Node, no npm dependencies: it runs
// before `npm install`.
//
// Usage: node scripts/preflight.mjs <start|dev|test|bench>
//
// Environment:
//   REDIS_URL          Redis to use (default redis://127.0.0.1:6379)
//   TEST_POSTGRES_URL  PostgreSQL for the second test pass
//                      (default postgres://postgres@127.0.0.1:5432/postgres)

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MODES = ['start', 'dev', 'test', 'bench'];
const MIN_NODE = [20, 19];
const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);

let aptUpdated = false;

// ---------------------------------------------------------------- helpers

function say(msg) {
  console.log(`preflight: ${msg}`);
}

function fail(msg) {
  console.error(`preflight: ${msg}`);
  process.exit(1);
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Runs a command with inherited stdio; returns true when it exits 0. */
function run(cmd, args, opts = {}) {
  const res = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', ...opts });
  if (res.error) console.error(`preflight: ${cmd}: ${res.error.message}`);
  return res.status === 0;
}

/** Full path of an executable found on PATH, or null. */
function which(name) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, name);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      if (fs.statSync(file).isFile()) return file;
    } catch {
      // not here
    }
  }
  return null;
}

function mtime(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/** Newest mtime of a file, or of any file below a directory. */
function newestMtime(target) {
  let stat;
  try {
    stat = fs.statSync(target);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) {
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

function isRootOnDebian() {
  return (
    typeof process.getuid === 'function' &&
    process.getuid() === 0 &&
    fs.existsSync('/etc/debian_version') &&
    which('apt-get') !== null
  );
}

function aptInstall(packages) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated) {
    say('apt-get update…');
    if (!run('apt-get', ['update'], { env })) return false;
    aptUpdated = true;
  }
  say(`apt-get install -y ${packages.join(' ')}…`);
  return run('apt-get', ['install', '-y', ...packages], { env });
}

/** Host and port of a URL; IPv6 brackets stripped. */
function hostPort(url, defaultPort) {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1') || '127.0.0.1';
  return { host, port: Number(url.port) || defaultPort };
}

function parseUrl(raw, varName) {
  try {
    return new URL(raw);
  } catch {
    return fail(`${varName} is not a valid URL: ${raw}`);
  }
}

/** Opens a TCP connection, writes `payload`, resolves with the first reply
 *  (a string) or null if unreachable / no reply within `timeoutMs`. */
function tcpExchange(host, port, payload, timeoutMs = 1500) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    let done = false;
    const finish = (value) => {
      if (done) return;
      done = true;
      socket.destroy();
      resolve(value);
    };
    socket.setTimeout(timeoutMs, () => finish(null));
    socket.on('error', () => finish(null));
    socket.on('connect', () => socket.write(payload));
    socket.on('data', (buf) => finish(buf));
  });
}

// ------------------------------------------------------------------ steps

function checkNode() {
  say(`checking Node.js version (need >= ${MIN_NODE.join('.')})`);
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < MIN_NODE[0] || (major === MIN_NODE[0] && minor < MIN_NODE[1])) {
    fail(
      `Node.js ${process.versions.node} is too old: this project needs Node.js >= ${MIN_NODE.join('.')} (see https://nodejs.org).`,
    );
  }
}

function ensureDependencies() {
  const lock = path.join(ROOT, 'package-lock.json');
  const installed = path.join(ROOT, 'node_modules', '.package-lock.json');
  const hasLock = fs.existsSync(lock);
  if (fs.existsSync(installed) && (!hasLock || mtime(lock) <= mtime(installed))) {
    say('dependencies are installed');
    return;
  }
  say('installing dependencies…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const args = hasLock ? ['ci', '--no-audit', '--no-fund'] : ['install', '--no-audit', '--no-fund'];
  if (!run(npm, args, { shell: process.platform === 'win32' })) {
    fail(`\`npm ${args[0]}\` failed; fix the error above and try again.`);
  }
}

async function redisAnswers(host, port) {
  const reply = await tcpExchange(host, port, 'PING\r\n');
  if (!reply) return false;
  const text = reply.toString('latin1');
  return text.startsWith('+PONG') || text.startsWith('-NOAUTH');
}

async function waitForRedis(host, port, seconds) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (await redisAnswers(host, port)) return true;
    await sleep(200);
  }
  return false;
}

function startRedisServer(port, mode) {
  const persistent = mode === 'start' || mode === 'dev';
  const dir = persistent
    ? path.join(ROOT, 'data', 'redis')
    : path.join(os.tmpdir(), `lcfin-redis-${process.getuid?.() ?? 'u'}-${port}`);
  fs.mkdirSync(dir, { recursive: true });
  say(
    `starting redis-server on port ${port} (${persistent ? `data kept in ${path.relative(ROOT, dir)}` : 'no persistence'})`,
  );
  const options = {
    daemonize: 'yes',
    port: String(port),
    dir,
    pidfile: path.join(dir, 'redis.pid'),
    logfile: path.join(dir, 'redis.log'),
    save: '',
    appendonly: persistent ? 'yes' : 'no',
  };
  const args = Object.entries(options).flatMap(([name, value]) => [`--${name}`, value]);
  args.push('--bind', '127.0.0.1', '-::1');
  return run('redis-server', args);
}

async function ensureRedis(mode) {
  const raw = process.env.REDIS_URL || DEFAULT_REDIS_URL;
  const url = parseUrl(raw, 'REDIS_URL');
  const { host, port } = hostPort(url, 6379);
  say(`checking Redis at ${host}:${port}`);
  if (await redisAnswers(host, port)) return;

  if (!LOCAL_HOSTS.has(host)) {
    fail(`Redis at REDIS_URL=${raw} is not reachable; start it or point REDIS_URL at a reachable Redis server.`);
  }
  if (!which('redis-server')) {
    if (!isRootOnDebian()) {
      fail(
        'Redis is required: install redis-server (e.g. `sudo apt-get install redis-server` or `brew install redis`) or set REDIS_URL to a reachable server.',
      );
    }
    say('redis-server is not installed; installing it with apt-get');
    if (!aptInstall(['redis-server'])) fail('could not install redis-server with apt-get (see the output above).');
    // The package may have started its own server on the default port.
    if (await waitForRedis(host, port, 2)) return;
  }
  if (!startRedisServer(port, mode) || !(await waitForRedis(host, port, 10))) {
    fail(`redis-server did not answer on ${host}:${port} within 10 s; check that the port is free.`);
  }
  say(`Redis is up on ${host}:${port}`);
}

function ensureFrontendBuild() {
  const fe = path.join(ROOT, 'frontend');
  const built = mtime(path.join(fe, 'dist', 'index.html'));
  const sources = Math.max(
    newestMtime(path.join(fe, 'src')),
    newestMtime(path.join(fe, 'index.html')),
    newestMtime(path.join(fe, 'vite.config.ts')),
  );
  if (built && built >= sources) {
    say('frontend build is up to date');
    return;
  }
  say('building the frontend (npm run build -w frontend)…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  if (!run(npm, ['run', 'build', '-w', 'frontend'], { shell: process.platform === 'win32' })) {
    fail('the frontend build failed; fix the error above and try again.');
  }
}

function hasCjkFont() {
  if (!which('fc-list')) return false;
  const res = spawnSync('fc-list', [], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return res.status === 0 && /noto sans cjk/i.test(res.stdout);
}

function ensureBrowser() {
  say('checking Chromium and the Noto Sans CJK font for browser tests');
  const missing = [];
  if (!fs.existsSync('/usr/bin/chromium')) missing.push('chromium');
  if (!hasCjkFont()) missing.push('fonts-noto-cjk', 'fontconfig');
  if (missing.length === 0) return;
  if (!isRootOnDebian()) {
    fail(
      'Browser tests need /usr/bin/chromium and the Noto Sans CJK font: install them (e.g. `sudo apt-get install chromium fonts-noto-cjk`).',
    );
  }
  if (!aptInstall(missing) || !fs.existsSync('/usr/bin/chromium') || !hasCjkFont()) {
    fail('could not install chromium and fonts-noto-cjk with apt-get (see the output above).');
  }
}

/** Speaks just enough of the PostgreSQL wire protocol to tell whether we can
 *  log in: 'ok' (trust), 'password' (server wants a password), 'unreachable',
 *  or the server's error message (e.g. no pg_hba.conf entry). */
async function probePostgres(host, port, user, database) {
  const params = Buffer.from(`user\0${user}\0database\0${database}\0\0`, 'utf8');
  const msg = Buffer.alloc(8 + params.length);
  msg.writeInt32BE(msg.length, 0);
  msg.writeInt32BE(196608, 4); // protocol 3.0
  params.copy(msg, 8);
  const reply = await tcpExchange(host, port, msg, 3000);
  if (!reply || reply.length < 1) return 'unreachable';
  // Walk the messages of the first reply: type byte, int32 length, body.
  let state = 'the server sent an unexpected reply';
  for (let at = 0; at + 5 <= reply.length; at += 1 + reply.readInt32BE(at + 1)) {
    const type = String.fromCharCode(reply[at]);
    if (type === 'R' && at + 9 <= reply.length) {
      if (reply.readInt32BE(at + 5) !== 0) return 'password';
      state = 'ok';
    } else if (type === 'E') {
      // ErrorResponse fields: (code byte, C string)*; 'M' is the message.
      const fields = reply
        .subarray(at + 5, at + 1 + reply.readInt32BE(at + 1))
        .toString('utf8')
        .split('\0');
      const message = fields.find((f) => f.startsWith('M'));
      return message ? message.slice(1) : 'the server refused the connection';
    } else if (type === 'Z') {
      return 'ok';
    }
  }
  return state;
}

function postgresClusterVersion() {
  try {
    const versions = fs
      .readdirSync('/etc/postgresql')
      .filter((v) => fs.existsSync(path.join('/etc/postgresql', v, 'main', 'pg_hba.conf')))
      .sort((a, b) => Number(a) - Number(b));
    return versions.at(-1) ?? null;
  } catch {
    return null;
  }
}

/** Port the Debian cluster `<version>/main` listens on. */
function clusterPort(version) {
  try {
    const conf = fs.readFileSync(`/etc/postgresql/${version}/main/postgresql.conf`, 'utf8');
    const match = /^\s*port\s*=\s*(\d+)/m.exec(conf);
    return match ? Number(match[1]) : 5432;
  } catch {
    return 5432;
  }
}

/** Puts `host all all 127.0.0.1/32 trust` (and ::1) at the top of pg_hba.conf. */
function trustLocalTcp(version) {
  const file = `/etc/postgresql/${version}/main/pg_hba.conf`;
  const text = fs.readFileSync(file, 'utf8');
  const wanted = ['127.0.0.1/32', '::1/128'].filter((cidr) => {
    const escaped = cidr.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    return !new RegExp(`^host\\s+all\\s+all\\s+${escaped}\\s+trust\\b`, 'm').test(text);
  });
  if (wanted.length === 0) return;
  say(`allowing password-less TCP logins from ${wanted.join(' and ')} in ${file}`);
  const lines = [
    '# added by scripts/preflight.mjs: tests connect over TCP as postgres without a password',
    ...wanted.map((cidr) => `host all all ${cidr} trust`),
    '',
  ].join('\n');
  fs.writeFileSync(file, lines + text);
}

function pgCtl(version, action) {
  fs.mkdirSync('/var/run/postgresql', { recursive: true });
  spawnSync('chown', ['postgres:postgres', '/var/run/postgresql'], { stdio: 'ignore' });
  return run('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', action]);
}

async function ensurePostgres() {
  const raw = process.env.TEST_POSTGRES_URL || DEFAULT_PG_URL;
  const url = parseUrl(raw, 'TEST_POSTGRES_URL');
  const { host, port } = hostPort(url, 5432);
  const user = decodeURIComponent(url.username) || 'postgres';
  const database = decodeURIComponent(url.pathname.slice(1)) || user;
  say(`checking PostgreSQL at ${host}:${port}`);

  let state = await probePostgres(host, port, user, database);
  if (state === 'ok' || (state === 'password' && url.password)) {
    say('PostgreSQL is reachable; the PostgreSQL test pass will run');
    return;
  }
  if (LOCAL_HOSTS.has(host) && isRootOnDebian()) {
    let version = postgresClusterVersion();
    if (!version) {
      say('PostgreSQL is not installed; installing it with apt-get');
      if (aptInstall(['postgresql'])) version = postgresClusterVersion();
    }
    if (version && clusterPort(version) !== port) {
      say(`PostgreSQL cluster ${version}/main listens on port ${clusterPort(version)}, not ${port}; leaving it alone`);
    } else if (version) {
      trustLocalTcp(version);
      pgCtl(version, state === 'unreachable' ? 'start' : 'reload');
      for (let i = 0; i < 50 && state !== 'ok'; i++) {
        await sleep(200);
        state = await probePostgres(host, port, user, database);
      }
      if (state === 'ok') {
        say('PostgreSQL is reachable; the PostgreSQL test pass will run');
        return;
      }
    }
  }
  const why =
    state === 'unreachable'
      ? 'is not reachable'
      : state === 'password'
        ? 'wants a password'
        : `refused the login (${state})`;
  say(`PostgreSQL at ${raw} ${why}; the PostgreSQL test pass will be skipped`);
}

// ------------------------------------------------------------------- main

const mode = process.argv[2];
if (!MODES.includes(mode)) {
  fail(`usage: node scripts/preflight.mjs <${MODES.join('|')}>`);
}
checkNode();
ensureDependencies();
await ensureRedis(mode);
if (mode === 'start' || mode === 'test') ensureFrontendBuild();
if (mode === 'test') {
  ensureBrowser();
  await ensurePostgres();
}
say('ok');
