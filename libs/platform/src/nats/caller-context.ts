import { createPrivateKey, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import { type Caller, type Role, Roles } from '#contracts';
import { DomainError } from '../errors/domain-error.js';
import { NATS_IDENTITIES, type NatsIdentity } from './nats-identities.js';

/**
 * Signed caller contexts: who is asking, as the only thing a service believes about it.
 *
 * The process that learns who a person is (the gateway from an API key, the warehouse's scanner
 * API from a scanner's key) signs that person with its Ed25519 key for each request; a service
 * acting on its own (event consumers, sweeps, recurring runs) signs its own identity. Every
 * service verifies the signature, the expiry and the issuer's right to make the claim before any
 * handler runs, and passes the token on unchanged when it calls another service.
 *
 * Token: `v1.<payload>.<signature>`, both base64url; the signature is over `v1.<payload>`.
 */
export interface CallerClaims {
  /** Who signed: a name of the NATS identity table (a service, `ops`). */
  iss: string;
  /** The caller's id (`key:<name>` for an API key's person; the issuer's own name for a service). */
  sub: string;
  role: Role;
  /** For the `customer` role: the customer the key belongs to. */
  cid?: string;
  /** For a service's own work started by a person's action: that person, for audit trails only. */
  obo?: string;
  /** The request id of the unit of work. */
  rid: string;
  /** Expiry, milliseconds since the epoch. */
  exp: number;
}

/** A verified caller context: what a handler may rely on. */
export interface VerifiedCaller {
  caller: Caller;
  requestId: string;
  issuer: string;
  /** The token as received: passed on unchanged to the services this one calls. */
  token: string;
}

const VERSION = 'v1';
/** Clock difference between hosts tolerated on expiry and lifetime checks. */
const CLOCK_SKEW_MS = 5_000;
export const DEFAULT_CALLER_CONTEXT_TTL_SECONDS = 60;

/** The identities that may speak for a person (whose work starts from a person's key). */
export const PERSON_ISSUERS: readonly string[] = Object.entries(NATS_IDENTITIES as Record<string, NatsIdentity>)
  .filter(([, identity]) => identity.speaksForPeople)
  .map(([name]) => name);

/** The role of a service acting on its own. */
export const SERVICE_ROLE: Role = 'service';

/** The caller a service (or `ops`) acts as when nobody asked it to: itself. */
export function serviceCaller(name: string, onBehalfOf?: string): Caller {
  return { actorId: name, role: SERVICE_ROLE, ...(onBehalfOf ? { onBehalfOf } : {}) };
}

/** The name to record as the actor of a change: the person behind a service's work when known. */
export function auditActorOf(caller: Caller | undefined): string {
  return caller?.onBehalfOf ?? caller?.actorId ?? 'system';
}

/**
 * May `issuer`, acting as a service, send a request on `subject`? Only if the identity table lists
 * the subject among its calls (the same rights NATS enforces), or the subject is its own.
 */
export function serviceMayCall(issuer: string, subject: string): boolean {
  const identity = (NATS_IDENTITIES as Record<string, NatsIdentity>)[issuer];
  if (!identity) return false;
  return (
    identity.calls.includes(subject) || (identity.service !== undefined && subject.startsWith(`${identity.service}.`))
  );
}

/** Reads an Ed25519 private key: base64 of its PKCS#8 DER, or PEM. */
export function parseSigningKey(value: string): KeyObject {
  const key = value.includes('-----BEGIN')
    ? createPrivateKey(value)
    : createPrivateKey({ key: Buffer.from(value, 'base64'), format: 'der', type: 'pkcs8' });
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`an ${key.asymmetricKeyType} key, not Ed25519`);
  return key;
}

/** Reads an Ed25519 public key: base64 of its SPKI DER. */
export function parsePublicKey(value: string): KeyObject {
  const key = createPublicKey({ key: Buffer.from(value, 'base64'), format: 'der', type: 'spki' });
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`an ${key.asymmetricKeyType} key, not Ed25519`);
  return key;
}

/** `name:key,name:key,…` (a name may appear more than once while its key is rotated). */
export function parseTrustedKeys(value: string): Map<string, KeyObject[]> {
  const trusted = new Map<string, KeyObject[]>();
  for (const entry of value.split(',').map((s) => s.trim())) {
    if (!entry) continue;
    const at = entry.indexOf(':');
    const name = entry.slice(0, at);
    if (at <= 0 || !/^[a-z][a-z0-9_-]{0,63}$/.test(name)) throw new Error(`"${entry.slice(0, 40)}" is not name:key`);
    let key: KeyObject;
    try {
      key = parsePublicKey(entry.slice(at + 1));
    } catch (error) {
      throw new Error(`the key of ${name} is not an Ed25519 public key (${(error as Error).message})`);
    }
    trusted.set(name, [...(trusted.get(name) ?? []), key]);
  }
  if (trusted.size === 0) throw new Error('no keys');
  return trusted;
}

export interface CallerKeysConfig {
  CALLER_SIGNING_KEY?: string;
  CALLER_TRUSTED_KEYS?: string;
  CALLER_CONTEXT_TTL_SECONDS?: number;
}

function unauthenticated(message: string): DomainError {
  return new DomainError('UNAUTHENTICATED', message);
}

/** Signs this process's caller contexts and verifies the ones it receives. */
export class CallerContexts {
  private readonly ttlMs: number;

  constructor(
    /** The identity this process signs as (its NATS identity name). */
    readonly issuer: string,
    private readonly signingKey: KeyObject,
    private readonly trusted: ReadonlyMap<string, readonly KeyObject[]>,
    ttlSeconds = DEFAULT_CALLER_CONTEXT_TTL_SECONDS,
  ) {
    this.ttlMs = ttlSeconds * 1000;
  }

  /** From validated configuration (a command that only asks needs no trusted keys). */
  static fromConfig(issuer: string, config: CallerKeysConfig): CallerContexts {
    if (!config.CALLER_SIGNING_KEY) throw new Error(`${issuer}: CALLER_SIGNING_KEY is required`);
    return new CallerContexts(
      issuer,
      parseSigningKey(config.CALLER_SIGNING_KEY),
      config.CALLER_TRUSTED_KEYS ? parseTrustedKeys(config.CALLER_TRUSTED_KEYS) : new Map(),
      config.CALLER_CONTEXT_TTL_SECONDS,
    );
  }

  /** This process acting on its own. */
  get self(): Caller {
    return serviceCaller(this.issuer);
  }

  /** A fresh token for `caller`. Refuses (a programming error) a claim this issuer may not make. */
  sign(caller: Caller, requestId: string, now = Date.now()): string {
    const problem = claimProblem(this.issuer, caller.role, caller.actorId);
    if (problem) throw new Error(problem);
    const claims: CallerClaims = {
      iss: this.issuer,
      sub: caller.actorId,
      role: caller.role,
      ...(caller.customerId ? { cid: caller.customerId } : {}),
      ...(caller.onBehalfOf ? { obo: caller.onBehalfOf } : {}),
      rid: requestId,
      exp: now + this.ttlMs,
    };
    return signClaims(claims, this.signingKey);
  }

  /** The caller a token names, or UNAUTHENTICATED saying exactly why it is not believed. */
  verify(token: string | undefined, now = Date.now()): VerifiedCaller {
    if (!token)
      throw unauthenticated(
        'The request carries no caller context (x-caller-context header); services believe only a signed caller',
      );
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== VERSION || token.length > 4096)
      throw unauthenticated('The caller context is malformed (expected v1.<payload>.<signature>)');
    let claims: CallerClaims;
    try {
      claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as CallerClaims;
    } catch {
      throw unauthenticated('The caller context is malformed: its payload is not JSON');
    }
    if (
      typeof claims !== 'object' ||
      claims === null ||
      typeof claims.iss !== 'string' ||
      typeof claims.sub !== 'string' ||
      typeof claims.rid !== 'string' ||
      typeof claims.exp !== 'number' ||
      !(Roles as readonly string[]).includes(claims.role) ||
      (claims.cid !== undefined && typeof claims.cid !== 'string') ||
      (claims.obo !== undefined && typeof claims.obo !== 'string')
    )
      throw unauthenticated('The caller context is malformed: it lacks iss, sub, a known role, rid or exp');
    const keys = this.trusted.get(claims.iss);
    if (!keys)
      throw unauthenticated(
        `The caller context is signed by "${claims.iss.slice(0, 64)}", which this service does not trust (CALLER_TRUSTED_KEYS)`,
      );
    const signature = Buffer.from(parts[2], 'base64url');
    const signed = Buffer.from(`${parts[0]}.${parts[1]}`);
    if (!keys.some((key) => verify(null, signed, key, signature)))
      throw unauthenticated(
        `The caller context's signature does not verify against ${claims.iss}'s key: it was forged or changed`,
      );
    if (claims.exp <= now - CLOCK_SKEW_MS)
      throw unauthenticated(
        `The caller context expired at ${new Date(claims.exp).toISOString()}; a caller signs a fresh one for each request`,
      );
    if (claims.exp > now + this.ttlMs + CLOCK_SKEW_MS)
      throw unauthenticated(
        `The caller context claims to be valid until ${new Date(claims.exp).toISOString()}, longer than the ${this.ttlMs / 1000} s a context may live`,
      );
    const problem = claimProblem(claims.iss, claims.role, claims.sub);
    if (problem) throw unauthenticated(`The caller context is refused: ${problem}`);
    return {
      caller: {
        actorId: claims.sub,
        role: claims.role,
        ...(claims.cid ? { customerId: claims.cid } : {}),
        ...(claims.obo ? { onBehalfOf: claims.obo } : {}),
      },
      requestId: claims.rid,
      issuer: claims.iss,
      token,
    };
  }
}

/** Why `issuer` may not claim a caller with `role` and `actorId`, or undefined when it may. */
function claimProblem(issuer: string, role: Role, actorId: string): string | undefined {
  if (role === SERVICE_ROLE)
    return actorId === issuer
      ? undefined
      : `${issuer} may act only as itself, not as the service "${actorId.slice(0, 64)}"`;
  return PERSON_ISSUERS.includes(issuer)
    ? undefined
    : `${issuer} may not speak for a person (role ${role}); only ${PERSON_ISSUERS.join(' and ')} may`;
}

/** Signs claims as they are, without the issuer checks (for tests of what a service refuses). */
export function signClaims(claims: CallerClaims, key: KeyObject): string {
  const payload = `${VERSION}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${payload}.${sign(null, Buffer.from(payload), key).toString('base64url')}`;
}
