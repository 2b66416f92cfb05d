import type { Disagreement } from '#contracts';
import type { SystemFacts } from '../system-facts.js';
import { groupBy, type RuleDefinition } from './rule.js';

/**
 * Rule 4: every invoice's total equals what it bills at the order lines' prices in orders:
 * the sum over its order lines of quantity x unit price, plus its charge and tax lines.
 */
export const invoiceTotalsMatchPricedLines: RuleDefinition = {
  rule: 'invoice-totals-match-priced-lines',
  description: "Every invoice's total equals the quantities it bills at the order lines' prices in orders",
  check(facts: SystemFacts) {
    const linesByInvoice = groupBy(facts.invoiceLines, (l) => l.invoiceId);
    const disagreements: Disagreement[] = [];
    for (const invoice of facts.invoices.values()) {
      const ids = { orderId: invoice.orderId, invoiceId: invoice.invoiceId, invoiceNumber: invoice.number };
      let expected = 0;
      let priced = true;
      for (const billed of linesByInvoice.get(invoice.invoiceId) ?? []) {
        // A charge or tax line bills what pricing worked out for the order, not an order line's price.
        if (billed.kind && billed.kind !== 'ORDER_LINE') {
          expected += billed.lineTotalMinor;
          continue;
        }
        const line = facts.orderLines.get(billed.orderLineId);
        if (!line) {
          priced = false;
          disagreements.push({
            about: 'invoice line of an unknown order line',
            ...ids,
            orderLineId: billed.orderLineId,
            expected: null,
            found: billed.lineTotalMinor,
          });
          continue;
        }
        expected += billed.quantity * line.unitPriceMinor;
      }
      if (priced && expected !== invoice.totalMinor)
        disagreements.push({ about: 'invoice total', ...ids, expected, found: invoice.totalMinor });
    }
    return { checked: facts.invoices.size, disagreements };
  },
};
