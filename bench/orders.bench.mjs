#!/usr/bin/env node
// Benchmark: a 5,000-line order through the gateway (target under 2 s end to end) and changing
// one line's quantity on it (target under 50 ms; the answer carries the line, not the order,
// so the cost should not grow with the number of lines). Starts the whole system on a fresh
// database and a private nats-server; prints the figures and writes bench/results/orders.json.
//
//   npm run bench -- orders          BENCH_LINES=5000 BENCH_EDITS=30
import { spawnSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const LINES = Number(process.env.BENCH_LINES ?? 5000);
const EDITS = Number(process.env.BENCH_EDITS ?? 30);
const SKUS = Math.min(1000, LINES);
const log = (m) => process.stderr.write(`[bench] ${m}\n`);

if (spawnSync(process.execPath, ['tools/build.mjs'], { stdio: 'inherit' }).status !== 0) process.exit(1);
const { TestSystem } = await import('../dist/libs/testing/src/index.js');

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

async function call(system, method, path, body) {
  const started = performance.now();
  const response = await fetch(`${system.gatewayUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'x-api-key': system.adminKey },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const ms = performance.now() - started;
  if (!response.ok) throw new Error(`${method} ${path} -> ${response.status}: ${text.slice(0, 300)}`);
  return { body: JSON.parse(text), ms, bytes: text.length };
}

async function inParallel(items, width, fn) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}

log('starting the system');
const system = await TestSystem.start({ env: { LOG_LEVEL: 'warn', RECURRING_RUN_EVERY_MS: '0' } });
try {
  await call(system, 'POST', '/locations', { code: 'WH1', name: 'Main', priority: 1 });
  const skus = Array.from({ length: SKUS }, (_, i) => `BIG-${String(i).padStart(5, '0')}`);
  const setupStarted = Date.now();
  await inParallel(skus, 16, async (sku) => {
    await call(system, 'POST', '/items', { sku, name: sku });
    await call(system, 'POST', '/stock/receipts', { sku, locationCode: 'WH1', quantity: 100000 });
    await call(system, 'POST', '/prices', { sku, currency: 'EUR', unitPriceMinor: 100 + (sku.length % 7) });
  });
  log(`set up ${SKUS} items in ${Date.now() - setupStarted} ms`);
  const customer = (await call(system, 'POST', '/customers', { name: 'Big buyer' })).body;
  const lines = Array.from({ length: LINES }, (_, i) => ({ sku: skus[i % SKUS], quantity: 1 + (i % 3) }));

  const placeMs = [];
  let order;
  for (let run = 0; run < 3; run++) {
    const placed = await call(system, 'POST', '/orders', { customerId: customer.id, lines });
    placeMs.push(placed.ms);
    order = placed.body;
    log(
      `placed ${order.number} with ${order.lines.length} lines in ${placed.ms.toFixed(0)} ms (${(placed.bytes / 1024).toFixed(0)} KiB answer)`,
    );
  }
  const line = order.lines[Math.floor(order.lines.length / 2)];
  const editMs = [];
  for (let i = 0; i < EDITS; i++) {
    const edited = await call(system, 'PATCH', `/orders/${order.id}/lines/${line.id}`, { quantity: 2 + (i % 5) });
    if (i >= 3) editMs.push(edited.ms); // the first few warm up the path
  }
  const results = {
    benchmark: 'orders',
    date: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    settings: { lines: LINES, distinctSkus: SKUS, edits: EDITS },
    placeLargeOrderMs: {
      runs: placeMs.map((m) => Math.round(m)),
      best: Math.round(Math.min(...placeMs)),
      targetMs: 2000,
    },
    changeOneQuantityMs: {
      p50: Math.round(percentile(editMs, 50) * 10) / 10,
      p95: Math.round(percentile(editMs, 95) * 10) / 10,
      targetMs: 50,
    },
  };
  process.stdout.write(
    [
      '',
      `orders: ${LINES}-line order through the gateway, ${os.cpus().length} CPUs`,
      `  place the order (ms, 3 runs)     ${results.placeLargeOrderMs.runs.join(', ')}   target < 2000`,
      `  change one quantity p50 / p95   ${results.changeOneQuantityMs.p50} / ${results.changeOneQuantityMs.p95} ms   target < 50`,
      '',
    ].join('\n'),
  );
  await mkdir(join(root, 'bench/results'), { recursive: true });
  await writeFile(join(root, 'bench/results/orders.json'), `${JSON.stringify(results, null, 2)}\n`);
  log('wrote bench/results/orders.json');
} finally {
  await system.stop();
}
