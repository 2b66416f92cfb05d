#!/usr/bin/env node
// `npm run soak -- --minutes N --seed S [--no-faults] [--path P]`: the randomized test of whole
// order lives (test/model/order-lives.ts) for as long as asked, against a whole system it starts
// on the tests' Postgres (TEST_DATABASE_URL) and a private nats-server. With faults (the default)
// steps between actions SIGKILL and restart a service, restart NATS or cut Postgres off. Prints
// the seed and the counterexample of any failure; `--seed S --path P` replays one. With faults it
// then runs the fault run (test/system/fault-run.e2e-spec.ts) under steady load for a third as
// long. Figures go to bench/results/order-lives-soak.json.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    seed: { type: 'string', default: String(Date.now() % 2147483647) },
    'no-faults': { type: 'boolean', default: false },
    path: { type: 'string' },
  },
});
const minutes = Number(values.minutes);
if (!Number.isFinite(minutes) || minutes <= 0) {
  console.error('soak: --minutes must be a positive number');
  process.exit(2);
}
const faults = !values['no-faults'];
console.log(`soak: ${minutes} min, seed ${values.seed}, faults ${faults ? 'on' : 'off'}`);
const build = spawnSync(process.execPath, [join(root, 'tools/build.mjs')], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const jest = (file, env) =>
  spawnSync(
    process.execPath,
    [
      '--experimental-vm-modules',
      '--no-warnings=ExperimentalWarning',
      join(root, 'node_modules/jest/bin/jest.js'),
      // The run reports its own outcome; after half an hour of killed services and restarted
      // servers, a handle left open must not keep jest (and the fault run after it) waiting.
      '--forceExit',
      file,
    ],
    { cwd: root, stdio: 'inherit', env: { TEST_HEALTH_TIMEOUT_MS: '300000', ...process.env, ...env } },
  );
let result = jest('test/model/order-lives.e2e-spec.ts', {
  ORDER_LIVES_MINUTES: String(minutes),
  ORDER_LIVES_SEED: values.seed,
  ORDER_LIVES_FAULTS: faults ? '1' : '0',
  ORDER_LIVES_PATH: values.path ?? '',
});
// Then the fault run under steady load (a third of the time, at least a minute), unless replaying one path.
if (result.status === 0 && faults && !values.path) {
  const seconds = Math.max(60, Math.round((minutes * 60) / 3));
  console.log(`soak: fault run under steady load for ${seconds} s`);
  result = jest('test/system/fault-run.e2e-spec.ts', { FAULT_RUN_SECONDS: String(seconds) });
}
if (result.status !== 0)
  console.error(
    `soak: FAILED with seed ${values.seed}; replay with: npm run soak -- --seed ${values.seed} --path <path above>`,
  );
else
  console.log(
    `soak: clean after ${minutes} min with seed ${values.seed} (figures in bench/results/order-lives-soak.json)`,
  );
process.exit(result.status ?? 1);
