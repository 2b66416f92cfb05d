#!/usr/bin/env node
// `npm run migrate`: runs every service's migrations against DATABASE_URL and exits.
// (Each service also migrates itself at start-up, under an advisory lock.)
import { spawnSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
if (!process.env.DATABASE_URL) {
  console.error('DATABASE_URL is required, e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/o2c npm run migrate');
  process.exit(2);
}
const build = spawnSync(process.execPath, [join(root, 'tools/build.mjs')], { stdio: 'inherit' });
if (build.status !== 0) process.exit(1);
let failed = false;
for (const app of ['gateway', 'orders', 'inventory', 'warehouse', 'billing', 'pricing']) {
  const result = spawnSync(process.execPath, [join(root, `dist/apps/${app}/src/main.js`)], {
    stdio: 'inherit',
    env: { ...process.env, MIGRATE_ONLY: '1', PORT: process.env.PORT ?? '0' },
  });
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
