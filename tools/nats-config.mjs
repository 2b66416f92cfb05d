#!/usr/bin/env node
// Writes deploy/nats/nats.conf from the permissions table (libs/platform/src/nats/nats-identities.ts):
// one user per identity, its password read by nats-server from the environment variable
// `<IDENTITY>_NATS_PASSWORD`. `npm run nats:config` after changing the table; a test fails while the
// checked-in file differs from what this writes.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const build = spawnSync(process.execPath, [join(root, 'tools/build.mjs')], { stdio: ['ignore', 'ignore', 'inherit'] });
if (build.status !== 0) process.exit(1);
const { deployNatsConfig } = await import('../dist/libs/platform/src/nats/nats-permissions.js');
writeFileSync(join(root, 'deploy/nats/nats.conf'), deployNatsConfig());
process.stdout.write('wrote deploy/nats/nats.conf\n');
