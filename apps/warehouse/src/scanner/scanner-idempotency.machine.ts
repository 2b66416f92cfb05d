import { defineStateMachine } from '#platform';

/** A scanner command's Idempotency-Key record: claimed while the command runs, then holding its answer. */
export const ScannerIdempotencyStates = ['IN_PROGRESS', 'DONE'] as const;
export type ScannerIdempotencyState = (typeof ScannerIdempotencyStates)[number];

/**
 * A claimed key completes once. A retry after its lease ran out takes the key over while it
 * is still IN_PROGRESS (no move), and a failed command frees it (the record goes); a
 * completed key never runs again.
 */
export const scannerIdempotencyState = defineStateMachine('scanner idempotency key state', {
  IN_PROGRESS: ['DONE'],
  DONE: [],
} as const satisfies Record<ScannerIdempotencyState, readonly ScannerIdempotencyState[]>);
