#!/usr/bin/env node
// `npm run fuzz -- --requests N --seed S [--concurrency C]`: the generated fuzz of every gateway
// route (test/fuzz/openapi-fuzz.ts), as many requests as asked, built from the OpenAPI document
// the gateway serves. It starts the whole system on the tests' Postgres (TEST_DATABASE_URL) and
// a private nats-server, or fuzzes the gateway at GATEWAY_URL when that is set (with an admin
// key in GATEWAY_API_KEY; it adds its reference data there, tagged with the seed). Prints the
// counts of requests per status class and writes them, with every 5xx, to bench/results/fuzz.json.
// A 5xx fails the run: it is a defect to fix at its cause.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '20000' },
    seed: { type: 'string', default: String(Date.now() % 2147483647) },
    concurrency: { type: 'string', default: '4' },
    out: { type: 'string', default: 'bench/results/fuzz.json' },
  },
});
const requests = Number(values.requests);
if (!Number.isSafeInteger(requests) || requests <= 0) {
  console.error('fuzz: --requests must be a positive whole number');
  process.exit(2);
}
console.log(
  `fuzz: ${requests} requests, seed ${values.seed}, against ${process.env.GATEWAY_URL ?? 'a system it starts'}`,
);
if (!process.env.GATEWAY_URL) {
  const build = spawnSync(process.execPath, [join(root, 'tools/build.mjs')], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const result = spawnSync(
  process.execPath,
  [
    '--experimental-vm-modules',
    '--no-warnings=ExperimentalWarning',
    join(root, 'node_modules/jest/bin/jest.js'),
    'test/fuzz/gateway-fuzz.e2e-spec.ts',
  ],
  {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      FUZZ_REQUESTS: String(requests),
      FUZZ_SEED: values.seed,
      FUZZ_CONCURRENCY: values.concurrency,
      FUZZ_OUT: values.out,
    },
  },
);
if (result.status !== 0) console.error(`fuzz: FAILED with seed ${values.seed}; every 5xx is in ${values.out}`);
else console.log(`fuzz: no 5xx in ${requests} requests with seed ${values.seed} (counts in ${values.out})`);
process.exit(result.status ?? 1);
