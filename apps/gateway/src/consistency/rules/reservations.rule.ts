import type { Disagreement } from '#contracts';
import type { SystemFacts } from '../system-facts.js';
import { type RuleDefinition, sumOf } from './rule.js';

/**
 * Rule 1: every reservation (inventory) belongs to a live order line (orders) with the same
 * quantity, and every live line orders says is reserved is reserved in inventory. Kits are
 * lines as orders models them: a kit whose stock is not counted reserves nothing itself,
 * its component lines reserve their own units.
 */
export const reservationsMatchLiveLines: RuleDefinition = {
  rule: 'reservations-match-live-lines',
  description:
    'Every reservation in inventory belongs to a live order line in orders with the same quantity, and every reserved live line is reserved in inventory',
  check(facts: SystemFacts) {
    const lineIds = new Set(facts.reservedLines.keys());
    for (const line of facts.orderLines.values()) if (line.heldInStock > 0) lineIds.add(line.lineId);
    const disagreements: Disagreement[] = [];
    for (const lineId of lineIds) {
      const held = facts.reservedLines.get(lineId);
      const line = facts.orderLines.get(lineId);
      const reserved = sumOf(held?.reservations, (r) => r.quantity);
      const ids = { orderId: line?.orderId ?? held?.orderId, orderNumber: line?.orderNumber, orderLineId: lineId };
      if (held && !held.counted) {
        // An item whose stock is not counted reserves nothing, whatever orders shows for the line.
        if (reserved > 0)
          disagreements.push({ about: 'reservation of an uncounted item', ...ids, expected: 0, found: reserved });
        continue;
      }
      if (!line) {
        if (reserved > 0)
          disagreements.push({ about: 'reservation of an unknown order line', ...ids, expected: 0, found: reserved });
        continue;
      }
      if (line.heldInStock === reserved) continue;
      disagreements.push({
        about: line.live ? 'reserved quantity' : 'reservation of a line that is not live',
        ...ids,
        expected: line.heldInStock,
        found: reserved,
        note: `line ${line.lineStatus} / ${line.fulfillStatus}`,
      });
    }
    return { checked: lineIds.size, disagreements };
  },
};
