import type { EntityManager } from 'typeorm';

/** Advisory-lock namespace for "one order at a time" (reserve, release, move of one order's lines). */
const ORDER_LOCK_SPACE = 1101;

/**
 * Serialises requests about the same order (a retried reserve racing the first, a release
 * racing a reserve). Taken before any stock row lock, so it never joins a lock cycle.
 */
export async function lockOrder(em: EntityManager, orderId: string): Promise<void> {
  await em.query(`SELECT pg_advisory_xact_lock($1::int, hashtext($2::text))`, [ORDER_LOCK_SPACE, orderId]);
}
