import { DomainError } from './domain-error.js';

/** Seconds a client is told to wait (`Retry-After`) when a dependency is down for a moment. */
export const RETRY_AFTER_SECONDS = 2;

/**
 * Postgres SQLSTATEs that mean "the database is not there right now", not "your request is wrong":
 * class 08 (connection exception), 57P01-57P03 (admin or crash shutdown, cannot connect now: a
 * restart), 53300 (too many connections).
 */
const UNAVAILABLE_SQLSTATES = /^(08...|57P0[123]|53300)$/;
/** Socket errors of the driver when the server went away or is not listening. */
const UNAVAILABLE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);
/** pg and TypeORM say these in words only. */
const UNAVAILABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|not queryable|Cannot use a pool after calling end|Connection is not established|the database system is (starting up|shutting down|in recovery mode)/i;

/**
 * Whether an error means the service's database is unreachable (a restart, a failover, a
 * refused connection) rather than a bug or a bad request; TypeORM wraps the driver's error
 * as `driverError`, so both levels are looked at.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 3; depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (UNAVAILABLE_SQLSTATES.test(code) || UNAVAILABLE_ERRNOS.has(code))) return true;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message)) return true;
    e = (e as { driverError?: unknown; cause?: unknown }).driverError ?? (e as { cause?: unknown }).cause;
  }
  return false;
}

/** The error a client sees for a database outage: 503 with `Retry-After`, so it knows to retry. */
export function databaseUnavailable(): DomainError {
  return new DomainError('SERVICE_UNAVAILABLE', 'The database is not reachable right now; retry shortly', {
    retryAfterSeconds: RETRY_AFTER_SECONDS,
  });
}
