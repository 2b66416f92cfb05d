import type { LineFacts, OrderFacts, PriceRule } from '../src/engine/pricing-model.js';

/** Fixtures of the engine's unit specs (kept out of src/, so out of the build). */
export const ORDER: OrderFacts = {
  currency: 'EUR',
  asOf: '2026-03-15',
  customerId: '00000000-0000-4000-8000-000000000001',
  customerType: 'WHOLESALE',
  shipToRegion: 'NL',
  shipFromLocation: 'WH1',
};

export function line(overrides: Partial<LineFacts> = {}): LineFacts {
  return {
    lineId: 'l1',
    sku: 'V123',
    quantity: 1,
    category: 'WIDGETS',
    taxClass: 'STANDARD',
    listPrice: { id: 'list-v123', unitPriceMinor: 2000 },
    ...overrides,
  };
}

let next = 0;

/** A PRICE rule for V123 at 1500 from quantity 1, in effect all of 2026, unless overridden. */
export function rule(overrides: Partial<PriceRule> = {}): PriceRule {
  next += 1;
  return {
    id: `rule-${next}`,
    code: `R${String(next).padStart(4, '0')}`,
    description: '',
    currency: 'EUR',
    version: 1,
    sku: 'V123',
    method: 'PRICE',
    breakBasis: 'QUANTITY',
    breaks: [{ from: 1, value: 1500 }],
    validFrom: '2026-01-01',
    validTo: '2026-12-31',
    ...overrides,
  };
}
