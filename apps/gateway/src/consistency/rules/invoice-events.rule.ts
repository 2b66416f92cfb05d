import type { Disagreement } from '#contracts';
import type { SystemFacts } from '../system-facts.js';
import type { RuleDefinition } from './rule.js';

/**
 * Rule 6: every posted invoice (voided ones too: they were posted) has exactly one
 * `invoice posted` event on the finance stream, and no event names an invoice billing does
 * not have. Finance systems book each event: a missing one is an invoice they never see, a
 * second one an invoice they book twice.
 */
export const postedInvoicesHaveOneEvent: RuleDefinition = {
  rule: 'posted-invoices-have-one-event',
  description: 'Every posted invoice has exactly one `invoice posted` event in the JetStream stream',
  check(facts: SystemFacts) {
    const disagreements: Disagreement[] = [];
    for (const invoice of facts.invoices.values()) {
      const eventIds = facts.invoicePostedEvents.get(invoice.invoiceId) ?? [];
      if (eventIds.length === 1) continue;
      disagreements.push({
        about: '`invoice posted` events',
        orderId: invoice.orderId,
        invoiceId: invoice.invoiceId,
        invoiceNumber: invoice.number,
        eventIds,
        expected: 1,
        found: eventIds.length,
      });
    }
    for (const [invoiceId, eventIds] of facts.invoicePostedEvents) {
      if (facts.invoices.has(invoiceId)) continue;
      disagreements.push({
        about: '`invoice posted` event of an unknown invoice',
        invoiceId,
        eventIds,
        expected: 0,
        found: eventIds.length,
      });
    }
    return { checked: facts.invoices.size, disagreements };
  },
};
