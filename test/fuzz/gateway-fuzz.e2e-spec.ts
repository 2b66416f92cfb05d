import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Api, TestSystem } from '#testing';
import { buildFuzzWorld } from './fuzz-world.js';
import { type FuzzReport, runFuzz } from './fuzz-runner.js';
import type { OpenApiDocument } from './openapi-schema.js';

/**
 * A generated fuzz of every gateway route, built from the OpenAPI document the gateway serves
 * (see openapi-fuzz.ts): no request, valid or mutated, may be answered 5xx. `npm test` runs a
 * short seeded version; `npm run fuzz -- --requests N --seed S` runs as many as asked, against
 * a system it starts or the gateway at GATEWAY_URL (with its admin key in GATEWAY_API_KEY).
 */
const env = process.env;
const seed = Number(env.FUZZ_SEED ?? 20261203);
const requests = Number(env.FUZZ_REQUESTS ?? 1500);
const out = env.FUZZ_OUT ?? 'bench/results/fuzz-test.json';
const external = env.GATEWAY_URL;

describe('gateway fuzz: every route from the OpenAPI document', () => {
  let system: TestSystem | undefined;
  let admin: Api;

  beforeAll(async () => {
    if (external) {
      if (!env.GATEWAY_API_KEY) throw new Error('GATEWAY_URL needs GATEWAY_API_KEY (an admin key)');
      admin = new Api(external.replace(/\/$/, ''), env.GATEWAY_API_KEY);
    } else {
      system = await TestSystem.start({ env: { RECURRING_RUN_EVERY_MS: '0', LOG_LEVEL: 'warn' } });
      admin = new Api(system.gatewayUrl, system.adminKey);
    }
  });

  afterAll(async () => {
    await system?.stop();
  });

  it(
    `answers ${requests} generated requests (seed ${seed}) without a 5xx`,
    async () => {
      const tag = `FZ${(seed % 1_000_000).toString(36).toUpperCase()}`;
      const world = await buildFuzzWorld(admin, tag);
      const doc = (await admin.get('/docs-json').expect(200)).body as OpenApiDocument;
      const report: FuzzReport = await runFuzz(doc, {
        baseUrl: admin.baseUrl,
        keys: world.keys,
        pools: world.pools,
        linked: world.linked,
        seed,
        requests,
        concurrency: Number(env.FUZZ_CONCURRENCY ?? 4),
        onProgress: (done, r) => process.stdout.write(`fuzz: ${done}/${requests} ${JSON.stringify(r.byClass)}\n`),
      });
      const { operations, byClass, resent } = report;
      const summary = { seed, requests: report.requests, operations, byClass, resent };
      process.stdout.write(
        `fuzz: ${JSON.stringify(summary)} in ${(report.durationMs / 1000).toFixed(1)} s; ${report.failures.length} 5xx\n`,
      );
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, `${JSON.stringify({ ...report, at: new Date().toISOString() }, null, 2)}\n`);
      expect(report.requests).toBe(requests);
      expect(report.failures).toEqual([]);
    },
    Math.max(300_000, requests * 200),
  );
});
