import { type Disagreement, orderTypeRule } from '#contracts';
import type { SystemFacts } from '../system-facts.js';
import type { RuleDefinition } from './rule.js';

/**
 * Rule 2: every open order line that is reserved at one of our warehouse locations has pick
 * demand there, or is on a pick ticket there that has not shipped yet (nor been voided), unless its order
 * type is never picked (`OrderTypeRules`: a one-step invoice is handed over at the counter).
 * A supplier ships its own allocations (drop-ship): nothing to pick.
 */
export const reservedLinesHavePickDemand: RuleDefinition = {
  rule: 'reserved-lines-have-pick-demand',
  description:
    'Every open order line reserved at one of our warehouse locations has pick demand or an unshipped pick ticket there (order types that are never picked aside)',
  check(facts: SystemFacts) {
    const toPick = new Set(facts.openDemand.map((d) => `${d.orderLineId}|${d.locationCode}`));
    for (const t of facts.ticketLines)
      if (t.ticketStatus !== 'SHIPPED' && t.ticketStatus !== 'VOIDED') toPick.add(`${t.orderLineId}|${t.locationCode}`);
    let checked = 0;
    const disagreements: Disagreement[] = [];
    for (const held of facts.reservedLines.values()) {
      const line = facts.orderLines.get(held.lineId);
      // A line orders does not have, or that is not live, is rule 1's to report.
      if (!held.counted || !line?.live || !orderTypeRule(line.orderType).picked) continue;
      for (const reservation of held.reservations) {
        if (reservation.quantity <= 0 || reservation.sourceKind !== 'WAREHOUSE') continue;
        checked += 1;
        if (toPick.has(`${held.lineId}|${reservation.locationCode}`)) continue;
        disagreements.push({
          about: 'reserved units with nothing to pick them',
          orderId: line.orderId,
          orderNumber: line.orderNumber,
          orderLineId: line.lineId,
          locationCode: reservation.locationCode,
          expected: `pick demand or an unshipped pick ticket at ${reservation.locationCode}`,
          found: 'none',
          note: `${reservation.quantity} reserved; line ${line.lineStatus} / ${line.fulfillStatus}`,
        });
      }
    }
    return { checked, disagreements };
  },
};
