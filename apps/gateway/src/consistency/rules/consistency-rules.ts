import { invoiceTotalsMatchPricedLines } from './invoice-totals.rule.js';
import { postedInvoicesHaveOneEvent } from './invoice-events.rule.js';
import { openItemsMatchInvoices } from './open-items.rule.js';
import { reservedLinesHavePickDemand } from './pick-demand.rule.js';
import { reservationsMatchLiveLines } from './reservations.rule.js';
import type { RuleDefinition } from './rule.js';
import { shippedLinesHaveShipmentsAndInvoices } from './shipped-lines.rule.js';

/** Every rule the system-wide check proves, in the order it reports them (`ConsistencyRules` in contracts). */
export const CONSISTENCY_RULES: readonly RuleDefinition[] = [
  reservationsMatchLiveLines,
  reservedLinesHavePickDemand,
  shippedLinesHaveShipmentsAndInvoices,
  invoiceTotalsMatchPricedLines,
  openItemsMatchInvoices,
  postedInvoicesHaveOneEvent,
];
