#!/usr/bin/env node
// Writes deploy/nats/nats.conf from the permissions table (libs/platform/src/nats/nats-identities.ts):
// one user per identity, its password read by nats-server from the environment variable
// `<IDENTITY>_NATS_PASSWORD`; and the same users into the `authorization` block of the Helm values
// (deploy/nats/values.yaml). `npm run nats:config` after changing the table; tests fail while the
// checked-in files differ from what this writes.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const build = spawnSync(process.execPath, [join(root, 'tools/build.mjs')], { stdio: ['ignore', 'ignore', 'inherit'] });
if (build.status !== 0) process.exit(1);
const { deployNatsConfig, natsPermissions } = await import('../dist/libs/platform/src/nats/nats-permissions.js');
const { NATS_IDENTITY_NAMES } = await import('../dist/libs/platform/src/nats/nats-identities.js');
writeFileSync(join(root, 'deploy/nats/nats.conf'), deployNatsConfig());
process.stdout.write('wrote deploy/nats/nats.conf\n');

// values.yaml: everything from `    authorization:` up to the next top-level key is this block.
const valuesPath = join(root, 'deploy/nats/values.yaml');
const values = readFileSync(valuesPath, 'utf8').split('\n');
const start = values.indexOf('    authorization:');
const end = values.findIndex((line, i) => i > start && /^\S/.test(line));
if (start < 0 || end < 0) throw new Error('deploy/nats/values.yaml: no `    authorization:` block under config.merge');
const quote = (s) => `'${s.replaceAll("'", "''")}'`;
const block = ['    authorization:', '      users:'];
for (const name of NATS_IDENTITY_NAMES) {
  const p = natsPermissions(name);
  block.push(`        - user: ${name}`, `          password: '<< $${name.toUpperCase()}_NATS_PASSWORD >>'`);
  block.push('          permissions:', '            publish:', '              allow:');
  for (const subject of p.publish) block.push(`                - ${quote(subject)}`);
  block.push('            subscribe:', '              allow:');
  for (const subject of p.subscribe) block.push(`                - ${quote(subject)}`);
  if (p.allowResponses) block.push('            allow_responses: true');
}
writeFileSync(valuesPath, [...values.slice(0, start), ...block, ...values.slice(end)].join('\n'));
process.stdout.write('wrote the authorization block of deploy/nats/values.yaml\n');
