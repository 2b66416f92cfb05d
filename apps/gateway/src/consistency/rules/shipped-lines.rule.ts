import { type Disagreement, isBilledAtEntry, type OrderLineFact, orderTypeRule } from '#contracts';
import type { SystemFacts } from '../system-facts.js';
import type { RuleDefinition } from './rule.js';

/**
 * Rule 3: every shipped line has a shipment (warehouse) for what orders says shipped and,
 * unless its order type is never billed, invoice lines (billing) for what was billed of it:
 * what shipped when billed per shipment, the whole line when billed at entry or handed over
 * (`OrderTypeRules`: a loss/reshipment is no sale; a one-step invoice, and a prepaid
 * customer's sale, is billed at entry).
 * A kit whose components ship as their own lines has no shipment of its own. Shipments and
 * invoices from before an order was re-opened were reversed and do not count.
 */
export const shippedLinesHaveShipmentsAndInvoices: RuleDefinition = {
  rule: 'shipped-lines-have-shipments-and-invoices',
  description:
    'Every shipped line has shipments in the warehouse for what shipped and, unless its order type is never billed, invoice lines in billing for what was billed',
  check(facts: SystemFacts) {
    const shipped = shippedByLine(facts);
    const billed = billedByLine(facts);
    const lineIds = new Set([...shipped.keys(), ...billed.keys()]);
    for (const line of facts.orderLines.values())
      if (line.shippedQuantity > 0 || line.fulfillStatus === 'PRE_SHIPPED') lineIds.add(line.lineId);
    const disagreements: Disagreement[] = [];
    for (const lineId of lineIds) {
      const line = facts.orderLines.get(lineId);
      const found = shipped.get(lineId) ?? 0;
      if (!line) {
        // An invoice line of a line orders does not have is rule 4's to report.
        if (found > 0)
          disagreements.push({ about: 'shipment of an unknown order line', orderLineId: lineId, expected: 0, found });
        continue;
      }
      const ids = { orderId: line.orderId, orderNumber: line.orderNumber, orderLineId: lineId };
      if (line.kind !== 'KIT' && found !== line.shippedQuantity)
        disagreements.push({ about: 'shipped quantity', ...ids, expected: line.shippedQuantity, found });
      const billing = billingOf(line);
      const expected = billedQuantity(line, billing);
      const invoiced = billed.get(lineId) ?? 0;
      if (invoiced !== expected)
        disagreements.push({
          about: 'invoiced quantity',
          ...ids,
          expected,
          found: invoiced,
          note: `${line.orderType} billed ${billing === 'NEVER' ? 'never' : billing === 'AT_ENTRY' ? 'at entry' : 'per shipment'}`,
        });
    }
    return { checked: lineIds.size, disagreements };
  },
};

/** How billing bills an order: never (not a sale), in full when it is entered, or what each shipment ships. */
type Billing = 'NEVER' | 'AT_ENTRY' | 'PER_SHIPMENT';

function billingOf(line: OrderLineFact): Billing {
  if (!orderTypeRule(line.orderType).sale) return 'NEVER';
  return isBilledAtEntry({ type: line.orderType, prepaid: line.prepaid }) ? 'AT_ENTRY' : 'PER_SHIPMENT';
}

/** What billing should have invoiced of a line that shipped, was handed over or was billed. */
function billedQuantity(line: OrderLineFact, billing: Billing): number {
  switch (billing) {
    case 'NEVER':
      return 0;
    case 'AT_ENTRY':
      return line.quantity;
    case 'PER_SHIPMENT':
      return line.fulfillStatus === 'PRE_SHIPPED' ? line.quantity - line.movedQuantity : line.shippedQuantity;
  }
}

/** Units the warehouse shipped per order line, since the line's order was last re-opened. */
function shippedByLine(facts: SystemFacts): Map<string, number> {
  const shipped = new Map<string, number>();
  for (const t of facts.ticketLines) {
    if (!t.shipmentId || !t.shippedAt || t.packedQuantity <= 0) continue;
    const reopenedAt = facts.orderLines.get(t.orderLineId)?.reopenedAt;
    if (reopenedAt && t.shippedAt < reopenedAt) continue;
    shipped.set(t.orderLineId, (shipped.get(t.orderLineId) ?? 0) + t.packedQuantity);
  }
  return shipped;
}

/** Units billing invoiced per order line, on invoices that were not voided. */
function billedByLine(facts: SystemFacts): Map<string, number> {
  const billed = new Map<string, number>();
  for (const l of facts.invoiceLines) {
    if (facts.invoices.get(l.invoiceId)?.status === 'VOIDED' || (l.kind && l.kind !== 'ORDER_LINE')) continue;
    billed.set(l.orderLineId, (billed.get(l.orderLineId) ?? 0) + l.quantity);
  }
  return billed;
}
