import { FulfillStatuses, LineStatuses } from '#contracts';
import {
  fulfillStatus,
  fulfillStatusesThatMayHold,
  fulfillStatusOnReopen,
  lineStatus,
  lineStatusesThatMayPreShip,
} from './line-status.machine.js';

describe('line status', () => {
  it('knows every line status', () => {
    expect([...lineStatus.states].sort()).toEqual([...LineStatuses].sort());
  });

  // "When FULL payment is made to the product: changes from PROFORMA to ACTIVE."
  it('a proforma line becomes active once it is paid in full', () => {
    expect(lineStatus.canMove('PROFORMA', 'ACTIVE')).toBe(true);
  });

  // "Only active order that has not been fulfilled can be placed on Hold."
  it('only an active line can be held, and only while nothing of it is fulfilled', () => {
    expect(lineStatus.into('HELD')).toEqual(['ACTIVE']);
    expect(fulfillStatusesThatMayHold).toEqual(['NOT_FULFILLED']);
  });

  // "To take the order line off hold, right-click the line item and select Make Active."
  it('a held line is made active again', () => {
    expect(lineStatus.canMove('HELD', 'ACTIVE')).toBe(true);
  });

  // "You can manually set the fulfill status to P if the line status of the line is A (active)."
  it('a held line cannot be pre-shipped, nor a proforma or back-ordered one: only an active line', () => {
    expect(lineStatusesThatMayPreShip).not.toContain('HELD');
    expect(lineStatusesThatMayPreShip).toEqual(['ACTIVE']);
  });

  // "When you cancel an inventoried product: changes from ACTIVE to CANCELLED."
  it('a line not yet processed can be cancelled, whether active, held, proforma or back-ordered', () => {
    expect(lineStatus.into('CANCELLED').sort()).toEqual(['ACTIVE', 'BACK_ORDERED', 'HELD', 'PROFORMA']);
  });

  it('a cancelled line cannot be re-activated, nor moved anywhere else', () => {
    expect(lineStatus.canMove('CANCELLED', 'ACTIVE')).toBe(false);
    expect(lineStatus.allowedFrom('CANCELLED')).toEqual([]);
  });

  // "When the automatic release of back order items is processed ... the item will be marked eligible to be printed on a picking ticket."
  it('a back-ordered line becomes active when stock is released to it', () => {
    expect(lineStatus.canMove('BACK_ORDERED', 'ACTIVE')).toBe(true);
  });

  // "If you return the entire quantity of the order line: RETURNED / RETURNED."
  it('only an active line is returned in full; proforma lines do not ship, so they do not come back', () => {
    expect(lineStatus.into('RETURNED')).toEqual(['ACTIVE']);
    expect(lineStatus.canMove('PROFORMA', 'RETURNED')).toBe(false);
  });

  it('a returned line is returned for good', () => {
    expect(lineStatus.allowedFrom('RETURNED')).toEqual([]);
  });

  it('refuses re-activating a cancelled line by naming the line, the table and both statuses', () => {
    expect(() => lineStatus.assertCanMove('CANCELLED', 'ACTIVE', 'Line L1')).toThrow(
      expect.objectContaining({
        code: 'ILLEGAL_TRANSITION',
        message: 'Line L1 cannot move from CANCELLED to ACTIVE: the line status table allows nothing from CANCELLED',
        details: { machine: 'line status', subject: 'Line L1', from: 'CANCELLED', to: 'ACTIVE', allowed: [] },
      }),
    );
  });
});

describe('fulfill status', () => {
  it('knows every fulfill status', () => {
    expect([...fulfillStatus.states].sort()).toEqual([...FulfillStatuses].sort());
  });

  // "Packing Slip Printed: the order line is within the shipping process."
  it('a line not yet fulfilled gets its packing slip printed, then ships', () => {
    expect(fulfillStatus.canMove('NOT_FULFILLED', 'PACKING_SLIP_PRINTED')).toBe(true);
    expect(fulfillStatus.canMove('PACKING_SLIP_PRINTED', 'SHIPPED')).toBe(true);
  });

  // "Pre-shipped order lines do not go through the shipping process (neither ... will select order lines for processing if the fulfill status is P)."
  it('a pre-shipped line does not go through the shipping process', () => {
    expect(fulfillStatus.canMove('PRE_SHIPPED', 'PACKING_SLIP_PRINTED')).toBe(false);
    expect(fulfillStatus.canMove('PRE_SHIPPED', 'SHIPPED')).toBe(false);
  });

  it('a line in the shipping process can no longer be pre-shipped', () => {
    expect(fulfillStatus.into('PRE_SHIPPED')).toEqual(['NOT_FULFILLED']);
  });

  it('a shipped line is not shipped again', () => {
    expect(fulfillStatus.canMove('SHIPPED', 'SHIPPED')).toBe(false);
  });

  // "No future products will be shipped as part of the standing order but the customer will keep all products that have already shipped."
  it('a terminated standing order ships nothing more', () => {
    expect(fulfillStatus.canMove('STANDING_ORDER_TERMINATED', 'SHIPPED')).toBe(false);
    expect(fulfillStatus.canMove('STANDING_ORDER_TERMINATED', 'PACKING_SLIP_PRINTED')).toBe(false);
  });

  it('a standing order is terminated before it has shipped in full, not after', () => {
    expect(fulfillStatus.into('STANDING_ORDER_TERMINATED').sort()).toEqual(['NOT_FULFILLED', 'PACKING_SLIP_PRINTED']);
  });

  // "When you return an inventoried product: if you return a portion of the quantity: ACTIVE / RETURNED."
  it('what shipped or was handed over can come back; a line never fulfilled cannot be returned', () => {
    expect(fulfillStatus.canMove('SHIPPED', 'RETURNED')).toBe(true);
    expect(fulfillStatus.canMove('PRE_SHIPPED', 'RETURNED')).toBe(true);
    expect(fulfillStatus.canMove('PACKING_SLIP_PRINTED', 'RETURNED')).toBe(true);
    expect(fulfillStatus.canMove('NOT_FULFILLED', 'RETURNED')).toBe(false);
  });

  it('a returned line is not shipped again', () => {
    expect(fulfillStatus.allowedFrom('RETURNED')).toEqual([]);
  });

  it('outside a re-open, nothing goes back to not fulfilled', () => {
    expect(fulfillStatus.into('NOT_FULFILLED')).toEqual([]);
  });
});

// Re-open: "Clicking it wipes out all the inventory movements, payments, etc., leaving just the original order."
describe('fulfill status on re-open', () => {
  it('knows every fulfill status', () => {
    expect([...fulfillStatusOnReopen.states].sort()).toEqual([...FulfillStatuses].sort());
  });

  it('a re-opened line is not fulfilled again, whatever was done to it', () => {
    expect(fulfillStatusOnReopen.into('NOT_FULFILLED').sort()).toEqual([
      'PACKING_SLIP_PRINTED',
      'PRE_SHIPPED',
      'SHIPPED',
      'STANDING_ORDER_TERMINATED',
    ]);
  });

  it('a returned line is not re-opened (an order with a Return cannot be)', () => {
    expect(fulfillStatusOnReopen.allowedFrom('RETURNED')).toEqual([]);
  });
});
