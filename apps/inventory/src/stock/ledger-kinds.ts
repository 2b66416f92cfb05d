import type { LedgerKind } from '#contracts';

/** Which way a ledger row of a kind may move a quantity. */
export type Direction = 'up' | 'down' | 'none' | 'either' | 'downOrNone';

/**
 * What each kind of ledger row may do to on hand and to reserved. The consistency check
 * reports every row that breaks its kind's rule.
 */
export const ledgerKindRules = {
  RECEIPT: { onHand: 'up', reserved: 'none' },
  ADJUSTMENT: { onHand: 'either', reserved: 'none' },
  TRANSFER_OUT: { onHand: 'down', reserved: 'none' },
  TRANSFER_IN: { onHand: 'up', reserved: 'none' },
  RESERVATION: { onHand: 'none', reserved: 'up' },
  RELEASE: { onHand: 'none', reserved: 'down' },
  SHIPMENT: { onHand: 'down', reserved: 'downOrNone' },
  RETURN_RESTOCK: { onHand: 'up', reserved: 'none' },
  WRITE_OFF: { onHand: 'down', reserved: 'none' },
} as const satisfies Record<LedgerKind, { onHand: Direction; reserved: Direction }>;

const tests: Record<Direction, { holds: (delta: number) => boolean; sql: (column: string) => string }> = {
  up: { holds: (d) => d > 0, sql: (c) => `${c} > 0` },
  down: { holds: (d) => d < 0, sql: (c) => `${c} < 0` },
  none: { holds: (d) => d === 0, sql: (c) => `${c} = 0` },
  either: { holds: (d) => d !== 0, sql: (c) => `${c} <> 0` },
  downOrNone: { holds: (d) => d <= 0, sql: (c) => `${c} <= 0` },
};

/** Whether a ledger row with these changes obeys its kind's rule. */
export function obeysKind(kind: LedgerKind, onHandDelta: number, reservedDelta: number): boolean {
  const rule = ledgerKindRules[kind];
  return tests[rule.onHand].holds(onHandDelta) && tests[rule.reserved].holds(reservedDelta);
}

/** The same rule as a SQL condition over a ledger row aliased `g`. */
export function obeysKindSql(): string {
  return Object.entries(ledgerKindRules)
    .map(
      ([kind, rule]) =>
        `(g.kind = '${kind}' AND ${tests[rule.onHand].sql('g.on_hand_delta')} AND ${tests[rule.reserved].sql('g.reserved_delta')})`,
    )
    .join(' OR ');
}
