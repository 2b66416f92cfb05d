import fc from 'fast-check';
import { writeFileSync, mkdirSync } from 'node:fs';
import { Api, SERVICE_NAMES, TCP_PG, TcpProxy, TestSystem } from '#testing';
import { type LivesWorld, orderLivesProperty } from './order-lives.js';

/**
 * Random whole order lives through the gateway against the real system (see order-lives.ts).
 * `npm test` runs a short seeded version; `npm run soak -- --minutes N --seed S [--no-faults]` runs
 * the same property for as long as asked (ORDER_LIVES_* variables) and prints the seed and path
 * of any failure, which replays with `--seed S --path P`.
 */
const env = process.env;
const seed = Number(env.ORDER_LIVES_SEED ?? 20261203);
const minutes = Number(env.ORDER_LIVES_MINUTES ?? 0);
const soak = minutes > 0;
const onlyFaults = env.ORDER_LIVES_FAULTS === '1';
const path = env.ORDER_LIVES_PATH || undefined;

const timeoutMs = soak ? (minutes + 10) * 60_000 : 300_000;

describe('order lives: random sequences of user actions, checked against a model', () => {
  let system: TestSystem;
  let pg: TcpProxy;
  let world: LivesWorld;

  beforeAll(async () => {
    pg = await TcpProxy.start(TCP_PG);
    system = await TestSystem.start({
      env: { ORDERS_DOWNSTREAM_TIMEOUT_MS: '5000', GATEWAY_COMMAND_TIMEOUT_MS: '10000' },
      serviceEnv: ({ db }) =>
        Object.fromEntries(SERVICE_NAMES.map((name) => [name, { DATABASE_URL: pg.wrap(db.url) }])),
    });
    const api = new Api(system.gatewayUrl, system.adminKey);
    await api.post('/locations', { code: 'WH1', name: 'Main', priority: 1 }).expect(201);
    world = { api, system, pg, stats: { sequences: 0, commands: 0, faults: 0, retries: 0 } };
  });

  afterAll(async () => {
    if (world) {
      const report = { seed, minutes, withFaults: onlyFaults, ...world.stats };
      process.stdout.write(`order lives: ${JSON.stringify(report)}\n`);
      if (soak) {
        mkdirSync('bench/results', { recursive: true });
        writeFileSync('bench/results/order-lives-soak.json', JSON.stringify(report, null, 2) + '\n');
      }
    }
    await system?.stop();
    await pg?.down();
  });

  const run = async (faults: boolean, numRuns: number, maxCommands: number) => {
    await fc.assert(orderLivesProperty(world, { seed, numRuns, maxCommands, faults }), {
      seed,
      path,
      numRuns: soak ? 1_000_000 : numRuns,
      // Soak: new sequences until the time is up (one in flight finishes); a failure is reported, not shrunk for ever.
      ...(soak ? { interruptAfterTimeLimit: minutes * 60_000, markInterruptAsFailure: false, endOnFailure: true } : {}),
      verbose: 1,
    });
  };

  if (!soak || !onlyFaults) {
    it(
      'keeps every service in agreement with what the user was told',
      async () => {
        await run(false, Number(env.ORDER_LIVES_RUNS ?? 24), 16);
      },
      timeoutMs,
    );
  }

  if (!soak || onlyFaults) {
    it(
      'keeps them in agreement when services die, NATS restarts and Postgres goes away between steps',
      async () => {
        await run(true, Number(env.ORDER_LIVES_FAULT_RUNS ?? 3), 12);
      },
      timeoutMs,
    );
  }
});
