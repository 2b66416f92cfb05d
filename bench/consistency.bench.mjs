#!/usr/bin/env node
// Benchmark: the system-wide consistency check over 100,000 orders.
//
//   npm run bench -- consistency
//   BENCH_ORDERS=20000 npm run bench -- consistency
//
// Starts the whole system (every app as its own process from dist/, built first when stale) on a
// fresh database and a private nats-server, then writes BENCH_ORDERS one-line orders straight into
// every service's tables, as the services would have left them: half shipped, invoiced (with their
// open items and one `invoice posted` event each on the stream), half open, reserved and waiting as
// pick demand. Seeding goes through SQL and a JetStream publish: placing 100,000 orders through the
// API would only measure placing. Then it measures:
//   1. each service's facts read page by page (1,000 a page): pages, time, the slowest page, the
//      largest page in bytes (every answer stays bounded, whatever the number of orders);
//   2. `npm run check` (the command, --settle-ms 0) and `GET /admin/consistency?settleMs=0`: time,
//      and that both find the data consistent;
//   3. one reservation deleted: the command finds exactly that one disagreement, and exits 1.
// Prints a table; writes bench/results/consistency.json.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root); // TestSystem finds dist/ from the working directory.

const settings = { orders: positiveInt('BENCH_ORDERS', 100_000), pageSize: 1000 };
const FACT_SUBJECTS = [
  'orders.consistency.facts',
  'inventory.consistency.facts',
  'warehouse.consistency.demand',
  'warehouse.consistency.ticket-lines',
  'billing.consistency.invoices',
  'billing.consistency.invoice-lines',
];

function positiveInt(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 2) {
    console.error(`${name} must be an integer of at least 2 (got "${raw}")`);
    process.exit(1);
  }
  return value;
}

const log = (message) => process.stderr.write(`[bench] ${message}\n`);
const seconds = (ms) => Math.round(ms / 100) / 10;

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

/**
 * The orders as every service holds them once they agree: odd-numbered orders open (reserved at
 * WH1, with open pick demand), even-numbered ones shipped on their own ticket and invoiced.
 */
async function seed(db, js, count) {
  const q = (sql, params = []) => db.query(sql, params);
  const [customer] = await q(
    `INSERT INTO orders.customers (number, name, currency) VALUES ('C-BENCH', 'Bench', 'EUR') RETURNING id`,
  );
  await q(
    `CREATE TABLE public.bench_orders AS
           SELECT n, gen_random_uuid() AS order_id, gen_random_uuid() AS line_id, gen_random_uuid() AS ticket_id,
                  gen_random_uuid() AS shipment_id, gen_random_uuid() AS invoice_id, n % 2 = 0 AS shipped,
                  'SO-' || lpad(n::text, 7, '0') AS number
             FROM generate_series(1, $1) n`,
    [count],
  );
  await q(
    `INSERT INTO orders.orders (id, number, type, customer_id, currency, created_by)
           SELECT order_id, number, 'ORDER', $1, 'EUR', 'bench' FROM public.bench_orders`,
    [customer.id],
  );
  await q(`INSERT INTO orders.order_lines (id, order_id, line_no, sku, quantity, unit_price_minor, price_id, line_status,
                                           fulfill_status, reserved_quantity, shipped_quantity, invoiced_quantity)
           SELECT line_id, order_id, 1, 'BENCH-1', 2, 500, 'bench', 'ACTIVE', CASE WHEN shipped THEN 'SHIPPED' ELSE 'NOT_FULFILLED' END,
                  2, CASE WHEN shipped THEN 2 ELSE 0 END, CASE WHEN shipped THEN 2 ELSE 0 END FROM public.bench_orders`);
  const [item] = await q(`INSERT INTO inventory.items (sku, name) VALUES ('BENCH-1', 'Bench item') RETURNING id`);
  const [location] = await q(`INSERT INTO inventory.locations (code, name, source_id)
                              SELECT 'WH1', 'Main', id FROM inventory.sources WHERE code = 'OWN' RETURNING id`);
  await q(
    `INSERT INTO inventory.reserve_lines (order_line_id, order_id, item_id, requested, backordered, order_number)
           SELECT line_id, order_id, $1, 2, 0, number FROM public.bench_orders`,
    [item.id],
  );
  await q(
    `INSERT INTO inventory.reservations (order_line_id, location_id, order_id, item_id, quantity)
           SELECT line_id, $1, order_id, $2, 2 FROM public.bench_orders WHERE NOT shipped`,
    [location.id, item.id],
  );
  await q(`INSERT INTO warehouse.pick_demand (order_id, order_number, order_line_id, sku, location_code, quantity, order_date)
           SELECT order_id, number, line_id, 'BENCH-1', 'WH1', 2, now() FROM public.bench_orders WHERE NOT shipped`);
  await q(`INSERT INTO warehouse.pick_tickets (id, number, order_id, order_number, location_code, picking_cycle, status, cutoff)
           SELECT ticket_id, 'PT-' || n, order_id, number, 'WH1', 1, 'SHIPPED', now() FROM public.bench_orders WHERE shipped`);
  await q(`INSERT INTO warehouse.pick_ticket_lines (pick_ticket_id, order_line_id, sku, quantity, picked_quantity, packed_quantity)
           SELECT ticket_id, line_id, 'BENCH-1', 2, 2, 2 FROM public.bench_orders WHERE shipped`);
  await q(`INSERT INTO warehouse.shipments (id, number, pick_ticket_id, order_id, order_number, location_code, status, carrier,
                                            tracking_number, shipped_at)
           SELECT shipment_id, 'SH-' || n, ticket_id, order_id, number, 'WH1', 'SHIPPED', 'DHL', 'T-' || n, now()
             FROM public.bench_orders WHERE shipped`);
  await q(
    `INSERT INTO billing.orders (id, number, customer_id, currency, order_date)
           SELECT order_id, number, $1, 'EUR', now() FROM public.bench_orders WHERE shipped`,
    [customer.id],
  );
  await q(`INSERT INTO billing.order_lines (id, order_id, line_no, sku, quantity, unit_price_minor)
           SELECT line_id, order_id, 1, 'BENCH-1', 2, 500 FROM public.bench_orders WHERE shipped`);
  await q(
    `INSERT INTO billing.invoices (id, series, seq, number, order_id, order_number, shipment_id, source, customer_id, currency, total_minor)
           SELECT invoice_id, 'INV', n, 'INV-' || lpad(n::text, 7, '0'), order_id, number, shipment_id, 'shipment:' || shipment_id, $1, 'EUR', 1000
             FROM public.bench_orders WHERE shipped`,
    [customer.id],
  );
  await q(`INSERT INTO billing.invoice_lines (invoice_id, line_no, order_line_id, sku, quantity, unit_price_minor, line_total_minor)
           SELECT invoice_id, 1, line_id, 'BENCH-1', 2, 500, 1000 FROM public.bench_orders WHERE shipped`);
  await q(
    `INSERT INTO billing.ar_open_items (invoice_id, customer_id, currency, original_minor, open_minor, due_date)
           SELECT invoice_id, $1, 'EUR', 1000, 1000, current_date + 30 FROM public.bench_orders WHERE shipped`,
    [customer.id],
  );
  const invoiced = await q(`SELECT n, order_id, number, invoice_id FROM public.bench_orders WHERE shipped ORDER BY n`);
  for (let i = 0; i < invoiced.length; i += 500) {
    await Promise.all(
      invoiced.slice(i, i + 500).map((row) => {
        const envelope = {
          id: randomUUID(),
          subject: 'events.billing.invoice.posted',
          occurredAt: new Date().toISOString(),
          v: 1,
          data: {
            invoiceId: row.invoice_id,
            number: `INV-${String(row.n).padStart(7, '0')}`,
            series: 'INV',
            orderId: row.order_id,
            orderNumber: row.number,
            customerId: customer.id,
            currency: 'EUR',
            totalMinor: 1000,
            postedAt: new Date().toISOString(),
            lines: [],
          },
        };
        return js.publish(envelope.subject, JSON.stringify(envelope), { msgID: envelope.id });
      }),
    );
  }
  // Fresh statistics, as autovacuum keeps them on a system that grew to this size.
  await q('ANALYZE');
  const [open] = await q(`SELECT line_id FROM public.bench_orders WHERE NOT shipped ORDER BY n LIMIT 1`);
  return { invoiced: invoiced.length, open: count - invoiced.length, openLineId: open.line_id };
}

/** Every page of one service's facts, timed, with the size of the largest answer. */
async function readFacts(client, subject) {
  const started = performance.now();
  let after;
  let facts = 0;
  let pages = 0;
  let slowestMs = 0;
  let largestBytes = 0;
  do {
    const pageStarted = performance.now();
    const page = await client.request(
      subject,
      after ? { after, limit: settings.pageSize } : { limit: settings.pageSize },
      // As the `ops` identity, as `npm run check` asks.
      { asService: true },
    );
    slowestMs = Math.max(slowestMs, performance.now() - pageStarted);
    largestBytes = Math.max(largestBytes, Buffer.byteLength(JSON.stringify(page)));
    facts += page.items.length;
    pages += 1;
    after = page.next;
  } while (after);
  return {
    subject,
    facts,
    pages,
    ms: Math.round(performance.now() - started),
    slowestMs: Math.round(slowestMs),
    largestBytes,
  };
}

function runCommand(natsUrl, credentials) {
  const started = performance.now();
  const result = spawnSync(
    process.execPath,
    ['dist/apps/gateway/src/consistency-check.main.js', '--settle-ms', '0', '--json'],
    {
      env: { ...process.env, NATS_URL: natsUrl, ...credentials, NATS_REQUEST_TIMEOUT_MS: '30000' },
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    },
  );
  const ms = Math.round(performance.now() - started);
  if (result.status === 2 || !result.stdout) throw new Error(`the check could not run: ${result.stderr}`);
  const report = JSON.parse(result.stdout);
  return {
    ms,
    exitStatus: result.status,
    consistent: report.consistent,
    checked: Object.fromEntries(report.rules.map((r) => [r.rule, r.checked])),
    disagreements: report.rules.flatMap((r) => r.disagreements.map((d) => ({ rule: r.rule, ...d }))),
  };
}

async function main() {
  buildIfStale();
  const { TestSystem, connectJetStream, testCallerContexts } = await import('../dist/libs/testing/src/index.js');
  const { NatsConnection, ServiceClient } = await import('../dist/libs/platform/src/index.js');
  const { Logger } = await import('@nestjs/common');
  Logger.overrideLogger(['error', 'warn']);
  log('starting every service (own processes) on a fresh database and a private nats-server');
  const system = await TestSystem.start({ env: { LOG_LEVEL: 'warn', RESERVATION_SWEEP_EVERY_MS: '0' } });
  const nats = new NatsConnection(system.nats.url, 'bench', undefined, system.nats.env('ops'));
  const stop = async () => {
    await nats.onApplicationShutdown().catch(() => undefined);
    await system.stop().catch(() => undefined);
  };
  process.once('SIGINT', () => void stop().then(() => process.exit(130)));
  try {
    log(`seeding ${settings.orders} orders in every service and ${settings.orders / 2} events on the stream`);
    const seedStarted = performance.now();
    const { nc, js } = await connectJetStream(system.nats.url);
    const seeded = await seed(system.db, js, settings.orders).finally(() => nc.close());
    log(`seeded in ${seconds(performance.now() - seedStarted)} s`);
    await nats.open();
    const client = new ServiceClient(nats, 30_000, testCallerContexts('ops'));
    const facts = [];
    for (const subject of FACT_SUBJECTS) {
      log(`reading ${subject}`);
      facts.push(await readFacts(client, subject));
    }
    log('npm run check (the command) and GET /admin/consistency');
    const command = runCommand(system.nats.url, system.nats.env('ops'));
    const routeStarted = performance.now();
    const response = await fetch(`${system.gatewayUrl}/admin/consistency?settleMs=0`, {
      headers: { 'X-Api-Key': system.adminKey },
    });
    const route = {
      ms: Math.round(performance.now() - routeStarted),
      status: response.status,
      consistent: (await response.json()).consistent,
    };
    log('one reservation deleted, then the command again');
    await system.db.query(`DELETE FROM inventory.reservations WHERE order_line_id = $1`, [seeded.openLineId]);
    const broken = runCommand(system.nats.url, system.nats.env('ops'));
    const results = {
      seeded,
      facts,
      command: {
        ms: command.ms,
        exitStatus: command.exitStatus,
        consistent: command.consistent,
        checked: command.checked,
      },
      route,
      oneReservationDeleted: {
        ms: broken.ms,
        exitStatus: broken.exitStatus,
        found: broken.disagreements.map((d) => ({
          rule: d.rule,
          orderLineId: d.orderLineId,
          expected: d.expected,
          found: d.found,
        })),
        foundTheLine: broken.disagreements.length === 1 && broken.disagreements[0].orderLineId === seeded.openLineId,
      },
    };
    report(results);
    await writeResults(results);
    const ok = command.consistent && command.exitStatus === 0 && route.consistent && broken.exitStatus === 1;
    return ok && results.oneReservationDeleted.foundTheLine ? 0 : 1;
  } finally {
    await stop();
  }
}

function report(r) {
  const rows = [
    ...r.facts.map((f) => [
      f.subject,
      `${f.facts} facts in ${f.pages} pages, ${seconds(f.ms)} s`,
      `slowest page ${f.slowestMs} ms, largest ${Math.round(f.largestBytes / 1024)} KiB`,
    ]),
    [
      'npm run check (whole check, services in parallel)',
      `${seconds(r.command.ms)} s`,
      r.command.consistent ? 'consistent, exit 0' : `exit ${r.command.exitStatus}`,
    ],
    [
      'GET /admin/consistency',
      `${seconds(r.route.ms)} s`,
      r.route.consistent ? 'consistent' : `status ${r.route.status}`,
    ],
    [
      'one reservation deleted',
      `${seconds(r.oneReservationDeleted.ms)} s`,
      `exit ${r.oneReservationDeleted.exitStatus}, ${r.oneReservationDeleted.found.length} disagreement(s)${r.oneReservationDeleted.foundTheLine ? ', the deleted one' : ''}`,
    ],
  ];
  const width = Math.max(...rows.map((row) => row[0].length));
  console.log('');
  console.log(
    `  ${r.seeded.invoiced + r.seeded.open} orders: ${r.seeded.invoiced} shipped and invoiced, ${r.seeded.open} open`,
  );
  for (const [what, figure, note] of rows) console.log(`  ${what.padEnd(width)}  ${figure}${note ? `   ${note}` : ''}`);
  console.log('');
}

async function writeResults(results) {
  const out = {
    benchmark: 'consistency',
    date: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    platform: `${os.platform()} ${os.release()}`,
    loadAverage: os.loadavg().map((l) => Math.round(l * 10) / 10),
    settings,
    results,
  };
  const dir = join(root, 'bench/results');
  await mkdir(dir, { recursive: true });
  const file = join(dir, 'consistency.json');
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
