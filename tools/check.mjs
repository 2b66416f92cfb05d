#!/usr/bin/env node
// `npm run check`: the system-wide consistency check against a running system. It builds, then asks
// every service over NATS for its facts and reads the `invoice posted` stream, and prints a report.
// NATS_URL names the system's NATS as it does for the services; when it is unset, the local
// nats-server `npm start` runs (127.0.0.1:LOCAL_NATS_PORT, default 4223) is used, as the `ops` user
// with the password npm start keeps in .data/nats/passwords.json, signing as `ops` with the key in
// .data/caller-keys.json (or OPS_CALLER_SIGNING_KEY).
// Flags: --settle-ms N (default 10000: how long to wait before looking again at what disagreed),
// --page-size N (facts per request, at most 1000), --json (the JSON report instead of text).
// Exit status: 0 the services agree, 1 they disagree, 2 the check could not run, 78 bad configuration.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const build = spawnSync(process.execPath, [join(root, 'tools/build.mjs')], { stdio: ['ignore', 'ignore', 'inherit'] });
if (build.status !== 0) process.exit(2);
const natsUrl = process.env.NATS_URL || `nats://127.0.0.1:${process.env.LOCAL_NATS_PORT ?? 4223}`;
const check = spawnSync(
  process.execPath,
  ['--enable-source-maps', join(root, 'dist/apps/gateway/src/consistency-check.main.js'), ...process.argv.slice(2)],
  { stdio: 'inherit', env: { ...process.env, NATS_URL: natsUrl, ...opsCredentials(), ...opsSigningKey() } },
);

/**
 * The check connects as `ops` (it may only page the services' facts and read the billing stream):
 * NATS_USER/NATS_PASSWORD when set, else OPS_NATS_PASSWORD, else the local server's password.
 */
function opsCredentials() {
  if (process.env.NATS_USER) return {};
  const local = join(root, '.data/nats/passwords.json');
  const password =
    process.env.OPS_NATS_PASSWORD ??
    (!process.env.NATS_URL && existsSync(local) ? JSON.parse(readFileSync(local, 'utf8')).ops : undefined);
  return password ? { NATS_USER: 'ops', NATS_PASSWORD: password } : {};
}

/**
 * The key the check signs its requests with, as `ops`: CALLER_SIGNING_KEY when set, else
 * OPS_CALLER_SIGNING_KEY, else the one npm start keeps in .data/caller-keys.json.
 */
function opsSigningKey() {
  if (process.env.CALLER_SIGNING_KEY) return {};
  const local = join(root, '.data/caller-keys.json');
  const key =
    process.env.OPS_CALLER_SIGNING_KEY ??
    (!process.env.NATS_URL && existsSync(local) ? JSON.parse(readFileSync(local, 'utf8')).ops?.signing : undefined);
  return key ? { CALLER_SIGNING_KEY: key } : {};
}
process.exit(check.status ?? 2);
