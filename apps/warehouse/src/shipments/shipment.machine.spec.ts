import { ShipmentStatuses } from '#contracts';
import { shipmentStatus } from './shipment.machine.js';

// "Once products have been packed, they need to be shipped out to the customer. inFlow can help
// you keep track of when you shipped each box and the associated tracking numbers."
describe('shipment status', () => {
  it('knows every shipment status', () => {
    expect([...shipmentStatus.states].sort()).toEqual([...ShipmentStatuses].sort());
  });

  it('a packed shipment is handed to the carrier', () => {
    expect(shipmentStatus.canMove('PACKED', 'SHIPPED')).toBe(true);
  });

  it('a shipment ships once: shipping it again is refused, naming the shipment', () => {
    expect(shipmentStatus.canMove('SHIPPED', 'SHIPPED')).toBe(false);
    expect(() => shipmentStatus.assertCanMove('SHIPPED', 'SHIPPED', 'Shipment SH-000001')).toThrow(
      expect.objectContaining({
        code: 'ILLEGAL_TRANSITION',
        message: expect.stringContaining('Shipment SH-000001 cannot move from SHIPPED to SHIPPED'),
      }),
    );
  });

  it('only a packed shipment is voided, with its ticket when the order is re-opened', () => {
    expect(shipmentStatus.into('VOIDED')).toEqual(['PACKED']);
  });

  it('a shipped shipment is not unpacked again', () => {
    expect(shipmentStatus.canMove('SHIPPED', 'PACKED')).toBe(false);
  });
});
