import type { Disagreement } from '#contracts';
import type { SystemFacts } from '../system-facts.js';
import type { RuleDefinition } from './rule.js';

/**
 * Rule 5: every invoice's A/R open item equals the invoice less the payments applied to it
 * (net of reversed payments); a voided invoice leaves nothing open. No credit is applied to
 * invoices today: a credit note stands on its own as the customer's credit (or is refunded).
 */
export const openItemsMatchInvoices: RuleDefinition = {
  rule: 'open-items-match-invoices',
  description:
    'Every A/R open item equals its invoice less the payments and credits applied to it (nothing open on a voided invoice)',
  check(facts: SystemFacts) {
    const disagreements: Disagreement[] = [];
    for (const invoice of facts.invoices.values()) {
      const expected =
        invoice.status === 'VOIDED' ? 0 : invoice.totalMinor - (invoice.paymentsMinor - invoice.reversedMinor);
      const found = invoice.openItem?.openMinor ?? null;
      if (found === expected) continue;
      disagreements.push({
        about: invoice.openItem ? 'open amount' : 'missing open item',
        orderId: invoice.orderId,
        invoiceId: invoice.invoiceId,
        invoiceNumber: invoice.number,
        expected,
        found,
        note: `${invoice.status}: total ${invoice.totalMinor}, paid ${invoice.paymentsMinor}, reversed ${invoice.reversedMinor}`,
      });
    }
    return { checked: facts.invoices.size, disagreements };
  },
};
