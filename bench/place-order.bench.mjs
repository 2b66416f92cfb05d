#!/usr/bin/env node
// Benchmark: place an order through the whole system, HTTP -> gateway -> NATS -> orders ->
// pricing -> inventory -> Postgres, and compare it with the database's own ceiling.
//
//   npm run bench                                   20 s, 20 connections
//   BENCH_SECONDS=5 BENCH_CONNECTIONS=50 npm run bench
//
// Needs Postgres (TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres;
// a fresh database is created beside it and dropped afterwards) and the nats-server
// binary (a private server is started). pgbench on PATH is optional. Builds dist/ first
// if it is missing or older than the sources. Prints a table and writes
// bench/results/place-order.json. See bench/README.md for what the figures mean.
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// TestSystem finds dist/ from the working directory.
process.chdir(root);

const SERVICES = ['gateway', 'orders', 'inventory', 'warehouse', 'billing', 'pricing'];
const settings = {
  seconds: positiveInt('BENCH_SECONDS', 20),
  connections: positiveInt('BENCH_CONNECTIONS', 20),
  warmupSeconds: 3,
  items: 20,
  linesPerOrder: 2,
  pgbench: { scale: 10, clients: 32, threads: 2, seconds: 10, mode: 'TPC-B-like' },
  // Processes of each hot service (the place-order path: gateway, orders, pricing, inventory) per run.
  replicas: replicaCounts('BENCH_REPLICAS', [1, 2]),
  hotServices: ['gateway', 'orders', 'pricing', 'inventory'],
};
const ADMIN_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function positiveInt(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    console.error(`${name} must be a positive integer (got "${raw}")`);
    process.exit(1);
  }
  return value;
}

function replicaCounts(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const counts = raw.split(',').map((x) => Number(x.trim()));
  if (counts.some((n) => !Number.isInteger(n) || n < 1 || n > 8)) {
    console.error(`${name} must be replica counts from 1 to 8, comma-separated (got "${raw}")`);
    process.exit(1);
  }
  return counts;
}

function log(message) {
  process.stderr.write(`[bench] ${message}\n`);
}

// ---------------------------------------------------------------------------- build

function newestSourceMtime() {
  let newest = 0;
  const visit = (dir) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const group of ['apps', 'libs']) {
    const base = join(root, group);
    if (!existsSync(base)) continue;
    for (const name of readdirSync(base)) visit(join(base, name, 'src'));
  }
  for (const file of ['.swcrc', 'tools/build.mjs', 'package.json']) {
    const path = join(root, file);
    if (existsSync(path)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function buildIfStale() {
  const stamp = join(root, 'dist/BUILT');
  const builtAt = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
  if (builtAt >= newestSourceMtime()) return;
  log(builtAt ? 'dist/ is older than the sources: building' : 'dist/ is missing: building');
  const result = spawnSync(process.execPath, [join(root, 'tools/build.mjs')], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`build failed (exit ${result.status})`);
}

// ---------------------------------------------------------------------------- API

function apiClient(baseUrl, adminKey) {
  return async function api(method, path, body) {
    const headers = { 'X-Api-Key': adminKey, Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method === 'POST') headers['Idempotency-Key'] = randomUUID();
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 500)}`);
    return text ? JSON.parse(text) : undefined;
  };
}

async function seed(api) {
  await api('POST', '/locations', { code: 'WH1', name: 'Main', priority: 1 });
  const skus = [];
  for (let i = 1; i <= settings.items; i++) {
    const sku = `BENCH-${String(i).padStart(2, '0')}`;
    await api('POST', '/items', { sku, name: `Bench item ${i}` });
    await api('POST', '/stock/receipts', { sku, locationCode: 'WH1', quantity: 1_000_000 });
    await api('POST', '/prices', { sku, currency: 'EUR', unitPriceMinor: 1999 });
    skus.push(sku);
  }
  const customer = await api('POST', '/customers', { name: 'Bench customer', currency: 'EUR' });
  if (!customer?.id) throw new Error(`POST /customers returned no id: ${JSON.stringify(customer)}`);
  return { skus, customerId: customer.id };
}

/** The body of the n-th order: two different SKUs, rotating through all of them. */
function orderBody(customerId, skus, n) {
  return {
    customerId,
    lines: [
      { sku: skus[n % skus.length], quantity: 1 },
      { sku: skus[(n + 7) % skus.length], quantity: 2 },
    ],
  };
}

// ---------------------------------------------------------------------------- load

let current; // the running autocannon instance, so Ctrl-C can stop it

async function loadTest(baseUrls, adminKey, customerId, skus) {
  let n = 0;
  const instance = autocannon({
    // Several gateways: autocannon spreads its connections over them in turn.
    url: baseUrls,
    connections: settings.connections,
    duration: settings.seconds,
    warmup: { connections: settings.connections, duration: settings.warmupSeconds },
    timeout: 10,
    requests: [
      {
        method: 'POST',
        path: '/orders',
        headers: { 'content-type': 'application/json', 'x-api-key': adminKey },
        setupRequest: (req) => ({
          ...req,
          headers: { ...req.headers, 'idempotency-key': randomUUID() },
          body: JSON.stringify(orderBody(customerId, skus, n++)),
        }),
      },
    ],
  });
  current = instance;
  const statuses = new Map();
  instance.on('response', (_client, statusCode) => statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1));
  const result = await instance;
  current = undefined;
  return { result, statuses };
}

// ---------------------------------------------------------------------------- CPU per order

const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim()) || 100;

/** CPU seconds (user + system) a process has used, from /proc; undefined once it is gone. */
function cpuSecondsOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
  } catch {
    return undefined;
  }
}

/** The pids of the system's own processes by group: each service, its Postgres backends, its nats-server. */
async function systemPids(system) {
  const groups = new Map();
  const add = (group, pid) => groups.set(group, [...(groups.get(group) ?? []), pid]);
  for (const name of SERVICES) for (const instance of system.instances(name)) add(name, system.process(instance).pid);
  const backends = await system.db.query(
    'SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
    [system.db.name],
  );
  for (const { pid } of backends) add('postgres', Number(pid));
  const natsPort = new URL(system.nats.url.split(',')[0]).port;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (cmd[0].endsWith('nats-server') && cmd.includes(natsPort)) add('nats', Number(entry));
    } catch {
      // gone
    }
  }
  return groups;
}

async function cpuSnapshot(system) {
  const snapshot = new Map();
  for (const [group, pids] of await systemPids(system))
    snapshot.set(group, new Map(pids.map((pid) => [pid, cpuSecondsOf(pid) ?? 0])));
  const own = process.cpuUsage();
  snapshot.set('load client', new Map([[process.pid, (own.user + own.system) / 1e6]]));
  return snapshot;
}

/** CPU ms per order of each group between two snapshots (a process new since `before` counts from 0). */
function cpuMsPerOrder(before, after, orders) {
  const perOrder = {};
  let total = 0;
  for (const [group, pids] of after) {
    let seconds = 0;
    for (const [pid, end] of pids) seconds += Math.max(0, end - (before.get(group)?.get(pid) ?? 0));
    perOrder[group] = orders > 0 ? round((seconds * 1000) / orders, 2) : null;
    if (group !== 'load client') total += seconds;
  }
  perOrder.total = orders > 0 ? round((total * 1000) / orders, 2) : null;
  return perOrder;
}

const ordersPlaced = async (system) =>
  Number((await system.db.query('SELECT count(*)::int AS n FROM orders.orders'))[0].n);

// ---------------------------------------------------------------------------- pgbench

function hasPgbench() {
  const probe = spawnSync('pgbench', ['--version'], { encoding: 'utf8' });
  return probe.status === 0 ? probe.stdout.trim() : null;
}

function run(command, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve(out)
        : reject(new Error(`${command} ${args.join(' ')} exited ${code}:\n${out.slice(-2000)}`)),
    );
  });
}

/** TPC-B-like transactions per second on a scratch database beside the test databases. */
async function pgbenchTps() {
  const p = settings.pgbench;
  const name = `o2c_pgbench_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_DATABASE_URL);
  const env = {
    ...process.env,
    PGHOST: url.hostname,
    PGPORT: url.port || '5432',
    PGUSER: decodeURIComponent(url.username || 'postgres'),
    PGDATABASE: name,
  };
  if (url.password) env.PGPASSWORD = decodeURIComponent(url.password);
  for (const [key, value] of url.searchParams) if (key === 'sslmode') env.PGSSLMODE = value;
  try {
    log(`pgbench: initialising scale ${p.scale} in ${name}`);
    await run('pgbench', ['-i', '-q', '-s', String(p.scale)], env);
    log(`pgbench: ${p.clients} clients, ${p.threads} threads, ${p.seconds} s`);
    const out = await run(
      'pgbench',
      ['-c', String(p.clients), '-j', String(p.threads), '-T', String(p.seconds), '-n'],
      env,
    );
    // Newer pgbench: "tps = N (without initial connection time)"; older: "(including ...)" then "(excluding ...)".
    const match =
      out.match(/tps = ([\d.]+) \((?:without initial connection time|excluding connections establishing)\)/) ??
      out.match(/tps = ([\d.]+)/);
    if (!match) throw new Error(`could not find "tps = " in pgbench output:\n${out}`);
    return Number(match[1]);
  } finally {
    const c = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  }
}

// ---------------------------------------------------------------------------- report

const round = (value, digits = 1) =>
  value === null || value === undefined || Number.isNaN(value) ? null : Number(value.toFixed(digits));

function printTable(figures, pgbenchNote, replicas) {
  const rows = [
    ['orders/s', figures.ordersPerSec],
    ['latency p50 (ms)', figures.latencyMs.p50],
    ['latency p99 (ms)', figures.latencyMs.p99],
    ['errors', figures.errors],
    ['non-2xx', figures.non2xx],
    [
      'CPU ms per order',
      `${figures.cpuMsPerOrder.total} (${Object.entries(figures.cpuMsPerOrder)
        .filter(([g]) => g !== 'total')
        .map(([g, ms]) => `${g} ${ms}`)
        .join(', ')})`,
    ],
    ['pgbench tps', figures.pgbenchTps ?? `n/a (${pgbenchNote})`],
    ['orders/s ÷ pgbench tps', figures.ratio ?? 'n/a'],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(
    `\nplace-order: ${replicas} of each of ${settings.hotServices.join(', ')}; ${settings.seconds} s, ${settings.connections} connections, ${settings.linesPerOrder} lines per order, ${os.cpus().length} CPUs`,
  );
  for (const [key, value] of rows) console.log(`  ${key.padEnd(width)}  ${value}`);
  console.log('');
}

async function writeResults(report) {
  const dir = join(root, 'bench/results');
  await mkdir(dir, { recursive: true });
  const file = join(dir, 'place-order.json');
  await writeFile(`${file}.tmp`, `${JSON.stringify(report, null, 2)}\n`);
  await rename(`${file}.tmp`, file);
  log(`wrote ${file}`);
}

// ---------------------------------------------------------------------------- main

/** One system with `replicas` processes of each hot service, seeded, then loaded through every gateway. */
async function runOnce(TestSystem, replicas) {
  log(
    `starting the system (fresh database, private nats-server, six apps; ${replicas} of ${settings.hotServices.join(', ')})`,
  );
  const started = Date.now();
  const system = await TestSystem.start({
    env: { LOG_LEVEL: 'warn' },
    replicas: Object.fromEntries(settings.hotServices.map((name) => [name, replicas])),
  });
  let load;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await system.stop();
  };
  const onSignal = () => {
    log('interrupted: stopping');
    current?.stop();
    stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const gateways = system.instances('gateway').map((instance) => system.url(instance));
    log(`system up in ${Date.now() - started} ms at ${gateways.join(', ')}; logs in ${system.logDir}`);
    const api = apiClient(system.gatewayUrl, system.adminKey);
    const { skus, customerId } = await seed(api);
    // One order by hand first, so a broken route fails here with its message, not as 100% non-2xx.
    const probe = await api('POST', '/orders', orderBody(customerId, skus, 0));
    log(
      `probe order ${probe?.number ?? probe?.id ?? '?'}: ${(probe?.lines ?? []).map((l) => `${l.sku} ${l.lineStatus}`).join(', ')}`,
    );
    log(
      `load: ${settings.warmupSeconds} s warm-up, then ${settings.seconds} s with ${settings.connections} connections`,
    );
    const [cpuBefore, ordersBefore] = [await cpuSnapshot(system), await ordersPlaced(system)];
    load = await loadTest(gateways, system.adminKey, customerId, skus);
    // Over the whole load (warm-up included): the orders the system committed, and what each process spent.
    const [cpuAfter, ordersAfter] = [await cpuSnapshot(system), await ordersPlaced(system)];
    load.cpuMsPerOrder = cpuMsPerOrder(cpuBefore, cpuAfter, ordersAfter - ordersBefore);
    // Let the last orders and the events they caused settle, so stopping does not cut them
    // off mid-way and fill the logs with shutdown noise.
    await new Promise((r) => setTimeout(r, 2000));
  } catch (error) {
    for (const name of SERVICES) {
      try {
        process.stderr.write(`--- ${name} log tail ---\n${system.logTail(name, 15)}\n`);
      } catch {
        // not started
      }
    }
    throw error;
  } finally {
    await stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  return load;
}

async function main() {
  buildIfStale();
  const missing = SERVICES.filter((name) => !existsSync(join(root, `dist/apps/${name}/src/main.js`)));
  if (missing.length) throw new Error(`no build of ${missing.join(', ')} in dist/apps: these apps do not exist yet`);

  const { TestSystem } = await import('../dist/libs/testing/src/index.js');
  const loads = [];
  for (const replicas of settings.replicas) loads.push({ replicas, ...(await runOnce(TestSystem, replicas)) });

  // The database's own ceiling, measured after the system has stopped so nothing competes.
  const pgbenchVersion = hasPgbench();
  let pgbench = null;
  let pgbenchNote = 'pgbench is not on PATH';
  if (pgbenchVersion) {
    try {
      pgbench = await pgbenchTps();
      pgbenchNote = pgbenchVersion;
    } catch (error) {
      pgbenchNote = `pgbench failed: ${error.message.split('\n')[0]}`;
      log(pgbenchNote);
    }
  } else {
    log('pgbench is not on PATH: database ceiling not measured (install postgresql-contrib or the postgresql client)');
  }

  const figuresOf = ({ result, statuses, cpuMsPerOrder: cpu }) => {
    const ok = result['2xx'];
    const ordersPerSec = result.duration > 0 ? ok / result.duration : 0;
    return {
      ordersPerSec: round(ordersPerSec),
      latencyMs: {
        p50: round(result.latency.p50),
        p90: round(result.latency.p90),
        p99: round(result.latency.p99),
        avg: round(result.latency.average),
        max: round(result.latency.max),
      },
      requests: result.requests.total,
      ok2xx: ok,
      non2xx: result.non2xx,
      errors: result.errors + result.non2xx, // socket errors and timeouts, plus every non-2xx answer
      socketErrors: result.errors,
      timeouts: result.timeouts,
      statusCodes: Object.fromEntries([...statuses].sort(([a], [b]) => a - b)),
      pgbenchTps: round(pgbench),
      ratio: pgbench ? round(ordersPerSec / pgbench, 3) : null,
      durationMeasuredSeconds: result.duration,
      // CPU ms per committed order of each process group (the system's own, from /proc) and in all.
      cpuMsPerOrder: cpu,
    };
  };
  const byReplicas = Object.fromEntries(loads.map((load) => [String(load.replicas), figuresOf(load)]));
  for (const [replicas, figures] of Object.entries(byReplicas)) printTable(figures, pgbenchNote, Number(replicas));
  const [first] = Object.values(byReplicas);
  await writeResults({
    benchmark: 'place-order',
    date: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? null,
    platform: `${os.platform()} ${os.release()}`,
    settings,
    pgbench: pgbenchNote,
    // The first run (one process of each service unless BENCH_REPLICAS says otherwise).
    results: first,
    byReplicas,
  });
  const errors = Object.values(byReplicas).reduce((sum, f) => sum + f.errors, 0);
  if (errors > 0) log(`${errors} request(s) failed: the figures are not trustworthy`);
  return errors === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
