import type { EntityManager } from 'typeorm';
import { maybeRow } from '#platform';

export type CounterName = 'pick_ticket' | 'picking_cycle' | 'shipment';

/**
 * Takes `count` consecutive values from a counter in one statement and returns the first.
 * The row lock it takes holds until commit, so concurrent takers queue and never share a value.
 */
export async function takeNumbers(em: EntityManager, counter: CounterName, count = 1): Promise<number> {
  const row = await maybeRow<{ value: number }>(
    em,
    `UPDATE warehouse.counters SET value = value + $2 WHERE name = $1 RETURNING value`,
    [counter, count],
  );
  if (!row) throw new Error(`Counter ${counter} is missing from warehouse.counters`);
  return row.value - count + 1;
}

/** `PT-000001`, `SH-000042`. */
export function documentNumber(prefix: 'PT' | 'SH', value: number): string {
  return `${prefix}-${String(value).padStart(6, '0')}`;
}
