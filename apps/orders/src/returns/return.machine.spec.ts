import { returnLineStatus } from './return.machine.js';

// "Returns add Items back into Inventory and if the Items have already been paid for, will create a Credit Memo or issue a Refund."
describe('return line status', () => {
  it('a return is received once its quantities are filled in', () => {
    expect(returnLineStatus.canMove('NOT_FULFILLED', 'RETURNED')).toBe(true);
  });

  it('a received return cannot be received again, so it is credited once', () => {
    expect(returnLineStatus.canMove('RETURNED', 'RETURNED')).toBe(false);
  });

  it('a received return is not filled in again', () => {
    expect(returnLineStatus.allowedFrom('RETURNED')).toEqual([]);
  });
});
