#!/usr/bin/env node
// `npm test`: build (the system tests start the apps from dist/), type-check, lint, the check that no
// status is written around its transition table, then every jest
// test: unit specs, per-app integration tests and whole-system tests against the real Postgres
// (TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres) and a private
// nats-server per test file. Extra arguments go to jest (e.g. `npm test -- apps/orders`).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const step = (name, command, args) => {
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  process.stdout.write(
    `[test] ${name}: ${result.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
};

step('build', process.execPath, [join(root, 'tools/build.mjs')]);
step('typecheck', process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json', '--noEmit']);
step('format', process.execPath, [
  join(root, 'node_modules/prettier/bin/prettier.cjs'),
  '--check',
  '--log-level=warn',
  '.',
]);
step('lint', process.execPath, [join(root, 'node_modules/eslint/bin/eslint.js'), '.', '--max-warnings=0']);
step('status-writes', process.execPath, [join(root, 'tools/check-status-writes.mjs')]);
step('jest', process.execPath, [
  '--experimental-vm-modules',
  '--no-warnings=ExperimentalWarning',
  join(root, 'node_modules/jest/bin/jest.js'),
  '--maxWorkers=2',
  ...process.argv.slice(2),
]);
