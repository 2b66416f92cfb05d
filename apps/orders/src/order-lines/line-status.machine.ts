import type { FulfillStatus, LineStatus } from '#contracts';
import { DomainError } from '#platform';

/** Which line status may follow which (domain 002). */
export const lineTransitions = {
  PROFORMA: ['ACTIVE', 'CANCELLED', 'BACK_ORDERED'],
  ACTIVE: ['HELD', 'CANCELLED', 'RETURNED', 'BACK_ORDERED'],
  HELD: ['ACTIVE', 'CANCELLED'],
  BACK_ORDERED: ['ACTIVE', 'CANCELLED'],
  CANCELLED: [],
  RETURNED: [],
} as const satisfies Record<LineStatus, readonly LineStatus[]>;

/** Which fulfill status may follow which (domain 002). */
export const fulfillTransitions = {
  NOT_FULFILLED: ['PACKING_SLIP_PRINTED', 'PRE_SHIPPED', 'SHIPPED', 'STANDING_ORDER_TERMINATED'],
  PACKING_SLIP_PRINTED: ['SHIPPED', 'STANDING_ORDER_TERMINATED'],
  PRE_SHIPPED: ['RETURNED'],
  SHIPPED: ['RETURNED'],
  RETURNED: [],
  STANDING_ORDER_TERMINATED: [],
} as const satisfies Record<FulfillStatus, readonly FulfillStatus[]>;

export function canMoveLine(from: LineStatus, to: LineStatus): boolean {
  return (lineTransitions[from] as readonly LineStatus[]).includes(to);
}

export function canMoveFulfill(from: FulfillStatus, to: FulfillStatus): boolean {
  return (fulfillTransitions[from] as readonly FulfillStatus[]).includes(to);
}

/** Refuses an illegal move with the current status and the move asked for. */
export function assertLineMove(lineId: string, from: LineStatus, to: LineStatus): void {
  if (!canMoveLine(from, to)) {
    throw new DomainError('ILLEGAL_TRANSITION', `Line ${lineId} is ${from}; it cannot become ${to}`, {
      lineId,
      from,
      to,
      kind: 'lineStatus',
    });
  }
}

export function assertFulfillMove(lineId: string, from: FulfillStatus, to: FulfillStatus): void {
  if (!canMoveFulfill(from, to)) {
    throw new DomainError('ILLEGAL_TRANSITION', `Line ${lineId} is ${from}; it cannot become ${to}`, {
      lineId,
      from,
      to,
      kind: 'fulfillStatus',
    });
  }
}
