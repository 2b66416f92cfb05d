import type { OrderCopy } from '../orders/order.rows.js';
import { draftInvoiceLines } from './invoice-lines.js';

const order = (): OrderCopy => ({
  id: 'o1',
  number: 'SO-000001',
  customer_id: 'c1',
  currency: 'EUR',
  type: 'ORDER',
  prepaid: false,
  order_date: new Date('2026-12-01T00:00:00Z'),
  payment_terms: 'NET30',
  lines: [
    {
      id: 'l1',
      order_id: 'o1',
      line_no: 1,
      sku: 'A',
      quantity: 3,
      unit_price_minor: 2000,
      kind: 'ITEM',
      parent_line_id: null,
      tax_ppm: 210_000,
      ship_fee_minor: 0,
    },
    {
      id: 'l2',
      order_id: 'o1',
      line_no: 2,
      sku: 'B',
      quantity: 3,
      unit_price_minor: 5,
      kind: 'ITEM',
      parent_line_id: null,
      tax_ppm: 100_000,
      ship_fee_minor: 250,
    },
  ],
  charges: [
    {
      charge_no: 1,
      kind: 'FREIGHT',
      code: 'NL-PARCEL',
      description: 'Parcel',
      amount_minor: 695,
      tax_ppm: 210_000,
      tax_minor: 146,
    },
  ],
});
const none = { chargeNos: new Set<number>(), shipFeeLines: new Set<string>() };
const billable = (lines: Array<{ orderLineId: string; quantity: number }>) => ({
  source: 's',
  what: 'Shipment',
  lines,
});

describe('draftInvoiceLines', () => {
  it('bills the order lines, the shipping fee, the freight and one tax line per rate, adding up to its total', () => {
    const lines = draftInvoiceLines(
      order(),
      billable([
        { orderLineId: 'l1', quantity: 3 },
        { orderLineId: 'l2', quantity: 3 },
      ]),
      none,
    );
    expect(lines.map((l) => [l.kind, l.chargeCode ?? l.sku ?? l.description, l.lineTotalMinor])).toEqual([
      ['ORDER_LINE', 'A', 6000],
      ['ORDER_LINE', 'B', 15],
      ['CHARGE', 'SHIP_FEE', 250],
      ['CHARGE', 'NL-PARCEL', 695],
      ['TAX', 'Tax 10%', 2],
      ['TAX', 'Tax 21%', 1260 + 146],
    ]);
    expect(lines.reduce((sum, l) => sum + l.lineTotalMinor, 0)).toBe(6000 + 15 + 250 + 695 + 2 + 1406);
  });

  it('taxes per line, rounded half-up: three lines of 0.05 at 10% are taxed 0.01 each', () => {
    const copy = order();
    copy.lines = [1, 2, 3].map((n) => ({ ...copy.lines[1], id: `x${n}`, line_no: n, quantity: 1, ship_fee_minor: 0 }));
    copy.charges = [];
    const lines = draftInvoiceLines(copy, billable(copy.lines.map((l) => ({ orderLineId: l.id, quantity: 1 }))), none);
    expect(lines.filter((l) => l.kind === 'TAX').map((l) => l.lineTotalMinor)).toEqual([3]);
  });

  it('bills charges and shipping fees once: a later partial invoice bills only its quantity and its tax', () => {
    const later = draftInvoiceLines(
      order(),
      billable([
        { orderLineId: 'l1', quantity: 1 },
        { orderLineId: 'l2', quantity: 1 },
      ]),
      {
        chargeNos: new Set([1]),
        shipFeeLines: new Set(['l2']),
      },
    );
    expect(later.map((l) => [l.kind, l.lineTotalMinor])).toEqual([
      ['ORDER_LINE', 2000],
      ['ORDER_LINE', 5],
      ['TAX', 1],
      ['TAX', 420],
    ]);
  });

  it('bills nothing, not even charges, when no quantity is billed', () => {
    expect(draftInvoiceLines(order(), billable([{ orderLineId: 'l1', quantity: 0 }]), none)).toEqual([]);
  });
});
