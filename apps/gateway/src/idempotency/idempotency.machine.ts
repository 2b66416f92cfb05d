import { defineStateMachine } from '#platform';

/** An Idempotency-Key's record: claimed while its request runs, then holding the answer every retry gets. */
export const IdempotencyStates = ['IN_PROGRESS', 'DONE'] as const;
export type IdempotencyState = (typeof IdempotencyStates)[number];

/**
 * A claimed key completes once. A retry after its lease ran out takes the key over while it
 * is still IN_PROGRESS (no move), and a failed attempt frees it (the record goes); a
 * completed key never runs again.
 */
export const idempotencyState = defineStateMachine('idempotency key state', {
  IN_PROGRESS: ['DONE'],
  DONE: [],
} as const satisfies Record<IdempotencyState, readonly IdempotencyState[]>);
