#!/usr/bin/env node
// `npm run bench`: runs every bench/*.bench.mjs in turn (or only those whose names contain
// the arguments: `npm run bench -- reserve`). Each prints its figures and writes
// bench/results/<name>.json.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2);
const benches = readdirSync(here)
  .filter((f) => f.endsWith('.bench.mjs'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
let failed = 0;
for (const bench of benches) {
  process.stderr.write(`\n=== ${bench} ===\n`);
  const result = spawnSync(process.execPath, [join(here, bench)], { stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
