import { billableForShipment } from './shipment-billing.js';

describe('what a shipment makes billable', () => {
  const order = { type: 'ORDER' as const, prepaid: false };
  const components = [
    { orderLineId: 'comp-a', quantity: 4 },
    { orderLineId: 'comp-b', quantity: 2 },
  ];

  it('bills what shipped on an order billed per shipment', () => {
    expect(billableForShipment(order, [{ orderLineId: 'l1', quantity: 3 }], [])).toEqual([
      { orderLineId: 'l1', quantity: 3 },
    ]);
  });

  it('bills a kit line with the shipment that completes its kits, and not before', () => {
    const first = billableForShipment(order, [components[0]], [{ kitLineId: 'kit', before: 0, after: 0 }]);
    expect(first).toEqual([components[0]]);
    const last = billableForShipment(order, [components[1]], [{ kitLineId: 'kit', before: 0, after: 2 }]);
    expect(last).toEqual([components[1], { orderLineId: 'kit', quantity: 2 }]);
  });

  it('bills only the kits a shipment adds to those complete before', () => {
    expect(
      billableForShipment(order, [{ orderLineId: 'comp-b', quantity: 1 }], [{ kitLineId: 'kit', before: 1, after: 2 }]),
    ).toEqual([
      { orderLineId: 'comp-b', quantity: 1 },
      { orderLineId: 'kit', quantity: 1 },
    ]);
  });

  it('bills nothing on a loss/reshipment, which ships but is never a sale', () => {
    expect(
      billableForShipment({ type: 'LOSS_RESHIPMENT', prepaid: false }, components, [
        { kitLineId: 'kit', before: 0, after: 2 },
      ]),
    ).toEqual([]);
  });

  it('bills nothing on an order billed in full at entry (a prepaid customer’s order)', () => {
    expect(billableForShipment({ type: 'ORDER', prepaid: true }, components, [])).toEqual([]);
    expect(billableForShipment({ type: 'BACKORDER', prepaid: false }, components, [])).toEqual(components);
  });
});
