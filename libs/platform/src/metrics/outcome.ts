import { type ErrorCode, ErrorCodes } from '#contracts';

/** The `outcome` of a request that succeeded. */
export const OK = 'ok';

const KNOWN = new Set<string>(ErrorCodes);

/**
 * The `outcome` label of a failed NATS request: its error code from contracts
 * (`VALIDATION_FAILED`, `SERVICE_TIMEOUT`, …), or `INTERNAL` for anything else (a driver error's
 * own code, a bug), so a label value is always one of a fixed set.
 */
export function outcomeOf(error: unknown): ErrorCode {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' && KNOWN.has(code) ? (code as ErrorCode) : 'INTERNAL';
}

/** What became of one event delivered to a durable consumer (`o2c_events_handled_total{outcome}`). */
export type EventOutcome =
  /** Its handler applied it (and the inbox recorded it). */
  | 'applied'
  /** The inbox had it already: a redelivery or a duplicate publish, nothing changed. */
  | 'duplicate'
  /** It waits for something not there yet (RETRY_LATER): delivered again later. */
  | 'retry_later'
  /** Its handler failed: delivered again later, or dead-lettered once out of attempts. */
  | 'failed'
  /** Kept in the dead letters (out of attempts, or a schema version this consumer does not read). */
  | 'dead_lettered'
  /** Not JSON: dropped. */
  | 'unreadable';
