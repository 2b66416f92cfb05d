#!/usr/bin/env node
// Benchmark: reserving stock in the inventory service, request-reply over NATS to Postgres.
//
//   npm run bench -- reserve
//   BENCH_SECONDS=5 BENCH_INFLIGHT=64 npm run bench -- reserve
//
// Starts only the inventory service, as its own process from dist/ (built first when stale),
// on a fresh database beside TEST_DATABASE_URL and a private nats-server, then measures:
//   1. one order of 5,000 lines (5,000 items, each at two locations): the time of the one
//      reserve request-reply, several times; target under 1 s. Also 5,000 lines over 500
//      items (ten lines per item, so ten set-based rounds).
//   2. many small orders (one line) all on one hot item, BENCH_INFLIGHT in flight for
//      BENCH_SECONDS: reservations per second and latency.
//   3. the same on many items (one or two lines of 5,000 items).
// Then it runs the consistency check. Prints a table; writes bench/results/reserve.json.
// Items and their opening stock are seeded in SQL with matching ledger rows (5,000 API
// calls would only measure the seeding); locations and every reservation go through NATS.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root); // TestSystem finds dist/ from the working directory.

const settings = {
  seconds: positiveInt('BENCH_SECONDS', 10),
  inflight: positiveInt('BENCH_INFLIGHT', 32),
  bigOrderLines: 5000,
  bigOrderRuns: 5,
  items: 5000,
};
const SUBJECTS = {
  reserve: 'inventory.stock.reserve',
  createLocation: 'inventory.location.create',
  check: 'inventory.stock.check',
};

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

function buildIfStale() {
  let newest = 0;
  const visit = (dir) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const group of ['apps', 'libs'])
    for (const name of readdirSync(join(root, group))) visit(join(root, group, name, 'src'));
  const stamp = join(root, 'dist/BUILT');
  if (existsSync(stamp) && statSync(stamp).mtimeMs >= newest) return;
  log('dist/ is missing or older than the sources: building');
  const result = spawnSync(process.execPath, [join(root, 'tools/build.mjs')], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`build failed (exit ${result.status})`);
}

/** Items ITEM-00001.. with `perLocation` units at each location, with the ledger rows a receipt would write. */
async function seed(db, count, perLocation) {
  await db.query(
    `INSERT INTO inventory.items (sku, name) SELECT 'ITEM-' || lpad(n::text, 5, '0'), 'Bench item ' || n FROM generate_series(1, $1) n`,
    [count],
  );
  await db.query(`INSERT INTO inventory.items (sku, name) VALUES ('HOT', 'Hot item')`);
  await db.query(
    `INSERT INTO inventory.stock (item_id, location_id, on_hand) SELECT i.id, l.id, CASE WHEN i.sku = 'HOT' THEN 1000000 ELSE $1 END
                    FROM inventory.items i CROSS JOIN inventory.locations l WHERE l.code IN ('WH1', 'WH2')`,
    [perLocation],
  );
  await db.query(`INSERT INTO inventory.ledger (item_id, location_id, kind, on_hand_delta, reserved_delta, reference, actor)
                  SELECT item_id, location_id, 'RECEIPT', on_hand, 0, 'BENCH-SEED', 'bench' FROM inventory.stock`);
}

const sku = (n) => `ITEM-${String(n).padStart(5, '0')}`;
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const round = (n, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

async function bigOrder(rpc, lineSku) {
  const request = {
    orderId: randomUUID(),
    lines: Array.from({ length: settings.bigOrderLines }, (_, i) => ({
      lineId: randomUUID(),
      sku: lineSku(i),
      quantity: 1 + (i % 3),
    })),
  };
  const started = performance.now();
  const reply = await rpc.request(SUBJECTS.reserve, request);
  const ms = performance.now() - started;
  if (reply.lines.length !== settings.bigOrderLines) throw new Error(`the reply has ${reply.lines.length} lines`);
  return {
    ms,
    reserved: reply.lines.reduce((s, l) => s + l.reserved, 0),
    backordered: reply.lines.reduce((s, l) => s + l.backordered, 0),
  };
}

/** Keeps `inflight` small orders going for `seconds`; returns reservations per second and latency. */
async function smallOrders(rpc, makeLines) {
  const latencies = [];
  let errors = 0;
  let lines = 0;
  const deadline = performance.now() + settings.seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const request = { orderId: randomUUID(), lines: makeLines() };
      const started = performance.now();
      try {
        await rpc.request(SUBJECTS.reserve, request);
        latencies.push(performance.now() - started);
        lines += request.lines.length;
      } catch {
        errors++;
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: settings.inflight }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    ordersPerSec: round(latencies.length / seconds),
    linesPerSec: round(lines / seconds),
    orders: latencies.length,
    errors,
    latencyMs: {
      p50: round(percentile(latencies, 50)),
      p99: round(percentile(latencies, 99)),
      max: round(latencies.at(-1) ?? 0),
    },
  };
}

async function main() {
  buildIfStale();
  const { TestSystem, TestRpcClient } = await import('../dist/libs/testing/src/index.js');
  log('starting inventory (own process) on a fresh database and a private nats-server');
  const system = await TestSystem.start({ services: ['inventory'], env: { LOG_LEVEL: 'warn' } });
  const rpc = await TestRpcClient.connect(system.nats.url);
  const stop = async () => {
    await rpc.close().catch(() => undefined);
    await system.stop().catch(() => undefined);
  };
  process.once('SIGINT', () => void stop().then(() => process.exit(130)));
  try {
    await rpc.request(SUBJECTS.createLocation, { code: 'WH1', name: 'First', priority: 1 });
    await rpc.request(SUBJECTS.createLocation, { code: 'WH2', name: 'Second', priority: 2 });
    log(`seeding ${settings.items} items at two locations`);
    // Enough for every run below (each big order takes up to 3 of an item; ten-lines-per-item orders up to 30).
    await seed(system.db, settings.items, 200);

    const results = await measure(rpc);
    report(results);
    await writeResults(results);
    return results.consistency.consistent && results.hotItem.errors === 0 && results.manyItems.errors === 0 ? 0 : 1;
  } finally {
    await stop();
  }
}

/** Every measurement, in order; then the consistency check over all that was reserved. */
async function measure(rpc) {
  log(`warm-up, then ${settings.bigOrderRuns} orders of ${settings.bigOrderLines} lines over ${settings.items} items`);
  await bigOrder(rpc, (i) => sku(1 + (i % settings.items)));
  const distinct = [];
  for (let run = 0; run < settings.bigOrderRuns; run++)
    distinct.push(await bigOrder(rpc, (i) => sku(1 + (i % settings.items))));
  log(`${settings.bigOrderRuns} orders of ${settings.bigOrderLines} lines over 500 items (ten lines per item)`);
  const repeated = [];
  for (let run = 0; run < settings.bigOrderRuns; run++) repeated.push(await bigOrder(rpc, (i) => sku(1 + (i % 500))));

  log(`small orders on one hot item: ${settings.inflight} in flight for ${settings.seconds} s`);
  const hot = await smallOrders(rpc, () => [{ lineId: randomUUID(), sku: 'HOT', quantity: 1 }]);
  log(`small orders on many items: ${settings.inflight} in flight for ${settings.seconds} s`);
  const many = await smallOrders(rpc, () => {
    const n = 1 + Math.floor(Math.random() * 2);
    return Array.from({ length: n }, () => ({
      lineId: randomUUID(),
      sku: sku(1 + Math.floor(Math.random() * settings.items)),
      quantity: 1,
    }));
  });
  const check = await rpc.request(SUBJECTS.check, {});
  const summary = (runs) => {
    const ms = runs.map((r) => r.ms).sort((a, b) => a - b);
    return {
      runs: ms.map((m) => round(m)),
      minMs: round(ms[0]),
      medianMs: round(percentile(ms, 50)),
      maxMs: round(ms.at(-1)),
      unitsReserved: runs[0].reserved,
      unitsBackordered: runs[0].backordered,
    };
  };
  return {
    bigOrder5000Lines5000Items: summary(distinct),
    bigOrder5000Lines500Items: summary(repeated),
    hotItem: hot,
    manyItems: many,
    consistency: {
      consistent: check.consistent,
      rowsChecked: check.rowsChecked,
      differences: check.differences.length,
    },
  };
}

function report(r) {
  const b = r.bigOrder5000Lines5000Items;
  const c = r.bigOrder5000Lines500Items;
  const rows = [
    [
      '5,000-line order, 5,000 items (one reserve request)',
      `median ${b.medianMs} ms (min ${b.minMs}, max ${b.maxMs})`,
      b.medianMs < 1000 ? 'target < 1 s: met' : 'target < 1 s: MISSED',
    ],
    ['5,000-line order, 500 items (10 lines each)', `median ${c.medianMs} ms (min ${c.minMs}, max ${c.maxMs})`, ''],
    [
      'small orders, one hot item',
      `${r.hotItem.ordersPerSec} reservations/s`,
      `p50 ${r.hotItem.latencyMs.p50} ms, p99 ${r.hotItem.latencyMs.p99} ms, errors ${r.hotItem.errors}`,
    ],
    [
      'small orders, many items',
      `${r.manyItems.ordersPerSec} orders/s (${r.manyItems.linesPerSec} lines/s)`,
      `p50 ${r.manyItems.latencyMs.p50} ms, p99 ${r.manyItems.latencyMs.p99} ms, errors ${r.manyItems.errors}`,
    ],
    [
      'consistency check afterwards',
      r.consistency.consistent ? 'consistent' : `${r.consistency.differences} differences`,
      `${r.consistency.rowsChecked} stock rows`,
    ],
  ];
  const width = Math.max(...rows.map((row) => row[0].length));
  console.log('');
  for (const [what, figure, note] of rows) console.log(`  ${what.padEnd(width)}  ${figure}${note ? `   ${note}` : ''}`);
  console.log('');
}

async function writeResults(results) {
  const out = {
    benchmark: 'reserve',
    date: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    platform: `${os.platform()} ${os.release()}`,
    settings,
    results,
  };
  const dir = join(root, 'bench/results');
  await mkdir(dir, { recursive: true });
  const file = join(dir, 'reserve.json');
  await writeFile(`${file}.tmp`, `${JSON.stringify(out, null, 2)}\n`);
  await rename(`${file}.tmp`, file);
  log(`figures written to ${file}`);
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
