import { ShipmentStatuses, type ShipmentStatus } from '#contracts';
import { assertShipmentTransition, shipmentTransitions } from './shipment.machine.js';

const pairs = ShipmentStatuses.flatMap((from) =>
  ShipmentStatuses.map((to) => [from, to] as [ShipmentStatus, ShipmentStatus]),
);
const allowed = pairs.filter(([from, to]) => (shipmentTransitions[from] as readonly string[]).includes(to));
const refused = pairs.filter(([from, to]) => !(shipmentTransitions[from] as readonly string[]).includes(to));

describe('shipment transitions', () => {
  it('lists every status', () => {
    expect(Object.keys(shipmentTransitions).sort()).toEqual([...ShipmentStatuses].sort());
  });

  it.each(allowed)('allows %s -> %s', (from, to) => {
    expect(() => assertShipmentTransition({ number: 'SH-000001', status: from }, to)).not.toThrow();
  });

  it.each(refused)('refuses %s -> %s with ILLEGAL_TRANSITION naming both', (from, to) => {
    let error: unknown;
    try {
      assertShipmentTransition({ number: 'SH-000001', status: from }, to);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { status: from, requested: to } });
    expect((error as Error).message).toContain(`from ${from} to ${to}`);
  });

  it('only ships a packed shipment', () => {
    expect(allowed).toEqual([['PACKED', 'SHIPPED']]);
  });
});
