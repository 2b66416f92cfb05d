import type { Disagreement } from '#contracts';
import type { SystemFacts } from '../system-facts.js';
import type { RuleDefinition } from './rule.js';

/**
 * Rule 5: every invoice's A/R open item equals the invoice less the payments applied to it
 * (net of reversed payments) and the credit notes applied to it; a voided invoice leaves
 * nothing open.
 */
export const openItemsMatchInvoices: RuleDefinition = {
  rule: 'open-items-match-invoices',
  description:
    'Every A/R open item equals its invoice less the payments and credits applied to it (nothing open on a voided invoice)',
  check(facts: SystemFacts) {
    const disagreements: Disagreement[] = [];
    for (const invoice of facts.invoices.values()) {
      const expected =
        invoice.status === 'VOIDED'
          ? 0
          : invoice.totalMinor - (invoice.paymentsMinor - invoice.reversedMinor) - (invoice.creditedMinor ?? 0);
      const found = invoice.openItem?.openMinor ?? null;
      if (found === expected) continue;
      disagreements.push({
        about: invoice.openItem ? 'open amount' : 'missing open item',
        orderId: invoice.orderId,
        invoiceId: invoice.invoiceId,
        invoiceNumber: invoice.number,
        expected,
        found,
        note: `${invoice.status}: total ${invoice.totalMinor}, paid ${invoice.paymentsMinor}, reversed ${invoice.reversedMinor}, credited ${invoice.creditedMinor ?? 0}`,
      });
    }
    return { checked: facts.invoices.size, disagreements };
  },
};
