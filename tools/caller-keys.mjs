#!/usr/bin/env node
// Ed25519 keys for signed caller contexts (libs/platform/src/nats/caller-context.ts): one key pair
// per identity of the NATS permissions table. Each process gets its own private key as
// CALLER_SIGNING_KEY and every public key as CALLER_TRUSTED_KEYS.
//
// `npm run caller-keys` prints a fresh set as environment lines for docker compose's .env or a
// Kubernetes secret: `<IDENTITY>_CALLER_SIGNING_KEY=…` for each identity, then `CALLER_TRUSTED_KEYS=…`.
//   npm run --silent caller-keys >> .env
// `npm start` keeps its own set in .data/caller-keys.json (made on first start, see localCallerKeys).
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** A new key pair: base64 PKCS#8 DER (private) and SPKI DER (public). */
export function newCallerKeyPair() {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    signing: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    public: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
  };
}

/** CALLER_TRUSTED_KEYS for a set of key pairs by identity. */
export function trustedKeys(pairs) {
  return Object.entries(pairs)
    .map(([name, pair]) => `${name}:${pair.public}`)
    .join(',');
}

/** The key pairs in `file` (made on first use; an identity added to the table gets one too). */
export function localCallerKeys(file, names) {
  const known = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const pairs = Object.fromEntries(names.map((name) => [name, known[name] ?? newCallerKeyPair()]));
  writeFileSync(file, `${JSON.stringify(pairs, null, 2)}\n`, { mode: 0o600 });
  return pairs;
}

/** The identities of the permissions table (from the build in dist/). */
export async function identityNames() {
  const { NATS_IDENTITY_NAMES } = await import('../dist/libs/platform/src/nats/nats-identities.js');
  return NATS_IDENTITY_NAMES;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const build = spawnSync(process.execPath, [join(root, 'tools/build.mjs')], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (build.status !== 0) process.exit(1);
  const pairs = Object.fromEntries((await identityNames()).map((name) => [name, newCallerKeyPair()]));
  const lines = Object.entries(pairs).map(([name, pair]) => `${name.toUpperCase()}_CALLER_SIGNING_KEY=${pair.signing}`);
  process.stdout.write(`${[...lines, `CALLER_TRUSTED_KEYS=${trustedKeys(pairs)}`].join('\n')}\n`);
}
