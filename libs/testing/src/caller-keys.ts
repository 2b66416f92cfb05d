import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { Caller } from '#contracts';
import { CallerContexts, NATS_IDENTITY_NAMES } from '#platform';

/** The tests' own identity (the `test` NATS user): it signs only itself. */
export const TEST_ISSUER = 'test';

interface KeyPair {
  privateKey: KeyObject;
  /** base64 PKCS#8 DER, as CALLER_SIGNING_KEY takes it. */
  signing: string;
  /** base64 SPKI DER, as CALLER_TRUSTED_KEYS lists it. */
  public: string;
}

let pairs: Map<string, KeyPair> | undefined;

/**
 * One Ed25519 key pair per identity of the permissions table (and `test`), made once per test
 * process: every service a test starts, in-process or as a child process, gets its own signing
 * key and trusts all of them, as `npm start` sets them up.
 */
function keyPairs(): Map<string, KeyPair> {
  if (pairs) return pairs;
  pairs = new Map();
  for (const name of [...NATS_IDENTITY_NAMES, TEST_ISSUER]) {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    pairs.set(name, {
      privateKey,
      signing: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
      public: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    });
  }
  return pairs;
}

function pair(identity: string): KeyPair {
  const found = keyPairs().get(identity);
  if (!found) throw new Error(`no caller key for ${identity} in the tests`);
  return found;
}

/** `CALLER_TRUSTED_KEYS` of every process a test starts. */
export function testTrustedKeys(): string {
  return [...keyPairs()].map(([name, keys]) => `${name}:${keys.public}`).join(',');
}

/** `CALLER_SIGNING_KEY` and `CALLER_TRUSTED_KEYS` for a process that signs as `identity`. */
export function testCallerEnv(identity: string): { CALLER_SIGNING_KEY: string; CALLER_TRUSTED_KEYS: string } {
  return { CALLER_SIGNING_KEY: pair(identity).signing, CALLER_TRUSTED_KEYS: testTrustedKeys() };
}

/** The private key of `identity` (for a test that signs a claim by hand, to see it refused). */
export function testSigningKey(identity: string): KeyObject {
  return pair(identity).privateKey;
}

const contexts = new Map<string, CallerContexts>();

/** Signs and verifies caller contexts as `identity` would (one per identity, its keys parsed once). */
export function testCallerContexts(identity: string): CallerContexts {
  let found = contexts.get(identity);
  if (!found) contexts.set(identity, (found = CallerContexts.fromConfig(identity, testCallerEnv(identity))));
  return found;
}

/**
 * A signed caller context for `caller`, as the process that may make that claim signs it: a
 * person by the gateway (which learns people from their keys), a service by itself.
 */
export function signTestCaller(caller: Caller, requestId: string): string {
  return testCallerContexts(caller.role === 'service' ? caller.actorId : 'gateway').sign(caller, requestId);
}
