#!/usr/bin/env node
// Benchmark: the pricing service answering over NATS against a table of 100,000 price rules.
//
//   npm run bench -- pricing                         20 runs of a 5,000-line order, 10 s of 1-line orders
//   BENCH_RUNS=50 BENCH_SECONDS=20 BENCH_CONCURRENCY=64 npm run bench -- pricing
//
// Needs Postgres (TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres; a
// fresh database is created beside it and dropped afterwards) and the nats-server binary (a
// private one is started). Builds dist/ first if it is missing or older than the sources.
// Starts the pricing service alone, as its own process, seeds the rules with SQL, then:
//   1. prices one 5,000-line order BENCH_RUNS times, one at a time (target: under 200 ms);
//   2. sends 1-line pricing requests for BENCH_SECONDS with BENCH_CONCURRENCY in flight.
// Every time is end to end as a caller sees it: JSON encoding, NATS both ways, the
// service's queries and pricing, and decoding the reply. Prints a table and writes
// bench/results/pricing.json.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

const settings = {
  rules: 100_000,
  skus: 20_000,
  customers: 400,
  orderLines: 5_000,
  runs: positiveInt('BENCH_RUNS', 20),
  warmupRuns: 3,
  seconds: positiveInt('BENCH_SECONDS', 10),
  concurrency: positiveInt('BENCH_CONCURRENCY', 32),
  targetMs: 200,
};
const BENCH_CUSTOMER = '00000000-0000-4000-8000-000000000001';

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

const log = (message) => process.stderr.write(`[bench] ${message}\n`);

// ---------------------------------------------------------------------------- build

function newestSourceMtime() {
  let newest = 0;
  const visit = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const group of ['apps', 'libs']) {
    for (const name of readdirSync(join(root, group)))
      if (existsSync(join(root, group, name, 'src'))) visit(join(root, group, name, 'src'));
  }
  return newest;
}

function buildIfStale() {
  const stamp = join(root, 'dist/BUILT');
  if (existsSync(stamp) && statSync(stamp).mtimeMs >= newestSourceMtime()) return;
  log('dist/ is missing or older than the sources: building');
  const result = spawnSync(process.execPath, [join(root, 'tools/build.mjs')], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`build failed (exit ${result.status})`);
}

// ---------------------------------------------------------------------------- pricing service

/** Times the service logs for each request it handled (debug log "request done"), from validation to reply. */
const serviceTimes = [];

async function startPricing(testing, db, nats) {
  const port = await testing.freePort();
  const child = spawn(process.execPath, [join(root, 'dist/apps/pricing/src/main.js')], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATABASE_URL: db.url,
      NATS_URL: nats.url,
      ...nats.env('pricing'),
      PORT: String(port),
      LOG_LEVEL: 'debug',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let pending = '';
  child.stdout.on('data', (chunk) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop();
    for (const line of lines) {
      if (!line.includes('"request done"') && !line.includes('"level":50') && !line.includes('"level":40')) continue;
      let entry;
      try {
        entry = JSON.parse(line);
      } catch {
        continue;
      }
      if (entry.msg === 'request done' && entry.subject === 'pricing.order.price') serviceTimes.push(entry.ms);
      else if (entry.level >= 40) process.stderr.write(`${line}\n`);
    }
  });
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`pricing exited with ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('pricing did not become healthy within 30 s');
}

// ---------------------------------------------------------------------------- seed

/**
 * 20,000 SKUs with list prices, costs, categories and tax classes; 400 customers of 10
 * types in 20 regions; tax rates and freight per region; and 100,000 rules of every kind:
 * per SKU with quantity breaks, per customer and SKU, per customer type and category, per
 * category and region, markups per category, per SKU and location, and expired ones.
 */
async function seed(db) {
  const s = settings;
  const sku = (n) => `'BENCH-' || lpad((${n})::text, 5, '0')`;
  await db.query(`INSERT INTO pricing.prices (sku, currency, unit_price_minor, valid_from)
    SELECT ${sku('n')}, 'EUR', 500 + (n * 37) % 9500, '2026-01-01' FROM generate_series(1, ${s.skus}) n`);
  await db.query(`INSERT INTO pricing.items (sku, category, tax_class, weight_grams)
    SELECT ${sku('n')}, 'CAT-' || (n % 200), CASE WHEN n % 5 = 0 THEN 'REDUCED' ELSE 'STANDARD' END, 100 + n % 900 FROM generate_series(1, ${s.skus}) n`);
  await db.query(`INSERT INTO pricing.item_costs (sku, currency, unit_cost_minor)
    SELECT ${sku('n')}, 'EUR', 300 + (n * 37) % 6000 FROM generate_series(1, ${s.skus}) n`);
  await db.query(`INSERT INTO pricing.customers (customer_id, customer_type, ship_to_region)
    SELECT CASE WHEN n = 1 THEN '${BENCH_CUSTOMER}' ELSE gen_random_uuid()::text END, 'TYPE-' || (n % 10), 'R' || (n % 20)
      FROM generate_series(1, ${s.customers}) n`);
  await db.query(`INSERT INTO pricing.tax_rates (region, tax_class, rate_ppm, valid_from)
    SELECT 'R' || r, c, CASE c WHEN 'STANDARD' THEN 210000 ELSE 90000 END, '2026-01-01'
      FROM generate_series(0, 19) r, unnest(ARRAY['STANDARD', 'REDUCED']) c`);
  await db.query(`INSERT INTO pricing.freight_rules (code, currency, ship_to_region, method, per_kg_minor, free_above_minor, tax_class, valid_from)
    SELECT 'FREIGHT-R' || r, 'EUR', 'R' || r, 'WEIGHT', 95, 50000000, 'STANDARD', '2026-01-01' FROM generate_series(0, 19) r`);
  const rule = (code, targets, method, breaks, validFrom, validTo = 'NULL') =>
    `INSERT INTO pricing.price_rules (code, currency, customer_id, customer_type, sku, category, ship_to_region, location_code, method, break_basis, breaks, valid_from, valid_to)
     SELECT ${code}, 'EUR', ${targets.customer ?? 'NULL'}, ${targets.type ?? 'NULL'}, ${targets.sku ?? 'NULL'}, ${targets.category ?? 'NULL'},
            ${targets.region ?? 'NULL'}, ${targets.location ?? 'NULL'}, '${method}', 'QUANTITY', ${breaks}, ${validFrom}, ${validTo}`;
  const price3 = `jsonb_build_array(jsonb_build_object('from', 1, 'value', 450 + (n * 37) % 9000),
                  jsonb_build_object('from', 10, 'value', 400 + (n * 37) % 8500), jsonb_build_object('from', 100, 'value', 350 + (n * 37) % 8000))`;
  const pct = (expr) => `jsonb_build_array(jsonb_build_object('from', 1, 'value', ${expr}))`;
  const statements = [
    // 20,000: every SKU, three quantity breaks.
    `${rule(`'SKU-' || n`, { sku: sku('n') }, 'PRICE', price3, `'2026-01-01'`)} FROM generate_series(1, 20000) n`,
    // 40,000: 400 customers × 100 SKUs each (the bench customer gets SKUs 1-100, and more below).
    `${rule(`'CUST-' || (c.k * 100 + n0)`, { customer: `c.customer_id`, sku: sku('1 + (c.k * 100 + n0 - 1) % 20000') }, 'PRICE', price3.replaceAll('n * 37', 'n0 * 41'), `'2026-01-01'`)}
       FROM (SELECT customer_id, row_number() OVER (ORDER BY customer_id = '${BENCH_CUSTOMER}' DESC, customer_id) - 1 AS k FROM pricing.customers) c,
            generate_series(1, 100) n0`,
    // 2,000: more deals of the bench customer, within the order's SKUs.
    `${rule(`'BENCH-DEAL-' || n`, { customer: `'${BENCH_CUSTOMER}'`, sku: sku('100 + n * 2') }, 'PRICE', price3, `'2026-02-01'`)} FROM generate_series(1, 2000) n`,
    // 20,000: customer type × category discounts, ten start dates each (history).
    `${rule(`'TYPECAT-' || n`, { type: `'TYPE-' || (n % 10)`, category: `'CAT-' || ((n / 10) % 200)` }, 'DISCOUNT', pct('10000 + (n % 20) * 5000'), `DATE '2026-01-01' + (n / 2000)`)} FROM generate_series(0, 19999) n`,
    // 8,000: category × region discounts, two start dates each.
    `${rule(`'CATREG-' || n`, { category: `'CAT-' || (n % 200)`, region: `'R' || ((n / 200) % 20)` }, 'DISCOUNT', pct('20000 + (n % 7) * 10000'), `DATE '2026-01-01' + (n / 4000) * 30`)} FROM generate_series(0, 7999) n`,
    // 2,000: markups over cost per category and customer type.
    `${rule(`'MARKUP-' || n`, { type: `'TYPE-' || (n % 10)`, category: `'CAT-' || ((n / 10) % 200)`, region: `'R' || (n % 20)` }, 'MARKUP', pct('250000 + (n % 5) * 50000'), `'2026-01-15'`)} FROM generate_series(0, 1999) n`,
    // 5,000: SKU at a ship-from location.
    `${rule(`'SKULOC-' || n`, { sku: sku('n'), location: `'WH' || (n % 3)` }, 'PRICE', price3, `'2026-01-10'`)} FROM generate_series(1, 5000) n`,
    // 3,000: expired SKU rules.
    `${rule(`'OLD-' || n`, { sku: sku('n'), type: `'TYPE-' || (n % 10)` }, 'PRICE', price3, `'2025-01-01'`, `'2025-12-31'`)} FROM generate_series(1, 3000) n`,
  ];
  for (const statement of statements) await db.query(statement);
  await db.query(
    `ANALYZE pricing.price_rules; ANALYZE pricing.prices; ANALYZE pricing.items; ANALYZE pricing.item_costs`,
  );
  const [{ count }] = await db.query(`SELECT count(*)::int AS count FROM pricing.price_rules`);
  if (count !== settings.rules) throw new Error(`seeded ${count} rules, expected ${settings.rules}`);
}

// ---------------------------------------------------------------------------- measure

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const round = (value, digits = 1) => Number(value.toFixed(digits));

function orderRequest() {
  const lines = Array.from({ length: settings.orderLines }, (_, i) => ({
    lineId: `line-${i + 1}`,
    sku: `BENCH-${String(i + 1).padStart(5, '0')}`,
    quantity: 1 + ((i * 7) % 150),
  }));
  return { currency: 'EUR', customerId: BENCH_CUSTOMER, shipFromLocation: 'WH1', asOf: '2026-06-01', lines };
}

/** Checks the reply is a whole, consistent pricing, and counts what priced the lines. */
function check(reply) {
  if (reply.lines.length !== settings.orderLines) throw new Error(`reply has ${reply.lines.length} lines`);
  const sum = reply.lines.reduce((a, l) => a + l.lineTotalMinor, 0);
  if (
    sum !== reply.totalMinor ||
    reply.totals.grandTotalMinor !== reply.totals.linesMinor + reply.totals.chargesMinor + reply.totals.taxMinor
  ) {
    throw new Error('totals do not add up');
  }
  const by = {};
  for (const line of reply.lines) {
    const kind = line.ruleCode ? line.ruleCode.replace(/-\d+$/, '') : 'LIST_PRICE';
    by[kind] = (by[kind] ?? 0) + 1;
  }
  return by;
}

async function bigOrder(rpc) {
  const body = orderRequest();
  let pricedBy;
  let replyBytes = 0;
  const times = [];
  const service = [];
  for (let i = 0; i < settings.warmupRuns + settings.runs; i++) {
    serviceTimes.length = 0;
    const started = process.hrtime.bigint();
    const reply = await rpc.request('pricing.order.price', body, { actorId: 'bench', role: 'system' });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (i === 0) {
      pricedBy = check(reply);
      replyBytes = Buffer.byteLength(JSON.stringify(reply));
    }
    if (i >= settings.warmupRuns) times.push(ms);
    // The service logs after it replies: give the log line a moment to arrive.
    await new Promise((r) => setTimeout(r, 20));
    if (i >= settings.warmupRuns && serviceTimes.length === 1) service.push(serviceTimes[0]);
  }
  times.sort((a, b) => a - b);
  service.sort((a, b) => a - b);
  return {
    runs: times.length,
    ms: {
      min: round(times[0]),
      p50: round(percentile(times, 50)),
      p95: round(percentile(times, 95)),
      max: round(times.at(-1)),
      mean: round(times.reduce((a, b) => a + b, 0) / times.length),
    },
    serviceMs: service.length
      ? { p50: round(percentile(service, 50)), p95: round(percentile(service, 95)), min: round(service[0]) }
      : null,
    requestBytes: Buffer.byteLength(JSON.stringify(body)),
    replyBytes,
    pricedBy,
  };
}

async function singleLines(rpc, customers) {
  const deadline = Date.now() + settings.seconds * 1000;
  const times = [];
  let errors = 0;
  let n = 0;
  const worker = async () => {
    while (Date.now() < deadline) {
      const i = n++;
      const body = {
        currency: 'EUR',
        customerId: customers[i % customers.length],
        lines: [
          {
            lineId: 'l1',
            sku: `BENCH-${String(1 + ((i * 7919) % settings.skus)).padStart(5, '0')}`,
            quantity: 1 + (i % 120),
          },
        ],
      };
      const started = process.hrtime.bigint();
      try {
        await rpc.request('pricing.order.price', body, { actorId: 'bench', role: 'system' });
        times.push(Number(process.hrtime.bigint() - started) / 1e6);
      } catch {
        errors++;
      }
    }
  };
  const started = Date.now();
  await Promise.all(Array.from({ length: settings.concurrency }, worker));
  const seconds = (Date.now() - started) / 1000;
  times.sort((a, b) => a - b);
  return {
    requests: times.length,
    errors,
    perSecond: round(times.length / seconds),
    latencyMs: { p50: round(percentile(times, 50)), p99: round(percentile(times, 99)), max: round(times.at(-1)) },
  };
}

// ---------------------------------------------------------------------------- main

async function main() {
  buildIfStale();
  const testing = await import('../dist/libs/testing/src/index.js');
  log('fresh database and private nats-server');
  const [db, nats] = await Promise.all([testing.createTestDatabase('o2c_bench'), testing.startTestNats()]);
  let pricing;
  let rpc;
  try {
    pricing = await startPricing(testing, db, nats);
    const seeding = Date.now();
    await seed(db);
    log(
      `seeded ${settings.rules} rules, ${settings.skus} SKUs, ${settings.customers} customers in ${Date.now() - seeding} ms`,
    );
    rpc = await testing.TestRpcClient.connect(nats.url);
    log(
      `pricing a ${settings.orderLines}-line order ${settings.runs} times (after ${settings.warmupRuns} warm-up runs)`,
    );
    const order = await bigOrder(rpc);
    const customers = (await db.query(`SELECT customer_id FROM pricing.customers ORDER BY customer_id`)).map(
      (r) => r.customer_id,
    );
    log(`1-line orders for ${settings.seconds} s, ${settings.concurrency} in flight`);
    const single = await singleLines(rpc, customers);
    return report(order, single);
  } finally {
    await rpc?.close().catch(() => undefined);
    if (pricing && pricing.exitCode === null) {
      pricing.kill('SIGTERM');
      await new Promise((r) => pricing.once('exit', r));
    }
    await nats.stop();
    // BENCH_KEEP_DB=1 leaves the seeded database for a look at query plans (drop it by hand).
    if (process.env.BENCH_KEEP_DB === '1') log(`kept the database: ${db.url}`);
    else await db.drop();
  }
}

async function report(order, single) {
  const rows = [
    [`${settings.orderLines}-line order, p50 (ms)`, order.ms.p50],
    [`${settings.orderLines}-line order, p95 (ms)`, order.ms.p95],
    [`${settings.orderLines}-line order, min / max (ms)`, `${order.ms.min} / ${order.ms.max}`],
    [
      `  of which in the service, p50 / p95 (ms)`,
      order.serviceMs ? `${order.serviceMs.p50} / ${order.serviceMs.p95}` : 'n/a',
    ],
    [`target (ms)`, `${settings.targetMs} (${order.ms.p50 < settings.targetMs ? 'met' : 'MISSED'} at p50, end to end)`],
    ['request / reply size (bytes)', `${order.requestBytes} / ${order.replyBytes}`],
    ['1-line orders per second', single.perSecond],
    ['1-line latency p50 / p99 (ms)', `${single.latencyMs.p50} / ${single.latencyMs.p99}`],
    ['1-line errors', single.errors],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  const load = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  console.log(
    `\npricing: ${settings.rules} rules, ${settings.skus} SKUs, ${os.cpus().length} CPUs, load average ${load} at the end`,
  );
  for (const [key, value] of rows) console.log(`  ${key.padEnd(width)}  ${value}`);
  console.log(`  lines priced by: ${JSON.stringify(order.pricedBy)}\n`);
  const dir = join(root, 'bench/results');
  await mkdir(dir, { recursive: true });
  const file = join(dir, 'pricing.json');
  const result = {
    benchmark: 'pricing',
    date: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? null,
    platform: `${os.platform()} ${os.release()}`,
    loadAverageAtEnd: os.loadavg(),
    settings,
    results: { order, singleLine: single },
  };
  await writeFile(`${file}.tmp`, `${JSON.stringify(result, null, 2)}\n`);
  await rename(`${file}.tmp`, file);
  log(`wrote ${file}`);
  return single.errors === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
