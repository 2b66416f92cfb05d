import { type ChainOrder, openBackorderOf, toSummary } from './order-status.js';

describe('derived order status: where the rest of an order is', () => {
  const original = { id: 'o', number: 'SO-000001', type: 'ORDER' as const, ref_order_id: null };
  const backorder = (id: string, number: string, status: ChainOrder['status']): ChainOrder => ({
    id,
    number,
    type: 'BACKORDER',
    ref_order_id: 'o',
    status,
  });

  it('points an order at the Backorder still holding its rest, not one already settled', () => {
    const related = [backorder('b1', 'BO-000001', 'INVOICED'), backorder('b2', 'BO-000002', 'OPEN')];
    expect(openBackorderOf(original, related)).toEqual({
      id: 'b2',
      number: 'BO-000002',
      type: 'BACKORDER',
      status: 'OPEN',
    });
  });

  it('points a partly filled Backorder at a later Backorder of the same original (every one refers to the original)', () => {
    const first = { id: 'b1', number: 'BO-000001', type: 'BACKORDER' as const, ref_order_id: 'o' };
    const related = [backorder('b1', 'BO-000001', 'INVOICED'), backorder('b2', 'BO-000002', 'PARTLY_SHIPPED')];
    expect(openBackorderOf(first, related)).toMatchObject({ id: 'b2' });
    expect(openBackorderOf({ ...first, id: 'b2', number: 'BO-000002' }, related)).toBeUndefined();
  });

  it('knows nothing open once every Backorder is invoiced, paid, closed or cancelled', () => {
    const related = (['INVOICED', 'PAID', 'CLOSED', 'CANCELLED'] as const).map((s, i) =>
      backorder(`b${i}`, `BO-00000${i}`, s),
    );
    expect(openBackorderOf(original, related)).toBeUndefined();
  });

  it('reads money as numbers', () => {
    expect(
      toSummary({
        status: 'PAID',
        total_minor: '1000',
        invoiced_minor: '1000',
        paid_minor: '1000',
        rest_backordered: false,
      }),
    ).toEqual({ status: 'PAID', totalMinor: 1000, invoicedMinor: 1000, paidMinor: 1000, restBackordered: false });
  });
});
