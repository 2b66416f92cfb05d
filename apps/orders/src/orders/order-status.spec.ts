import { deriveOrderStatus, type LineFacts } from './order-status.js';

const line = (over: Partial<LineFacts> = {}): LineFacts => ({
  quantity: 2,
  lineStatus: 'ACTIVE',
  fulfillStatus: 'NOT_FULFILLED',
  shippedQuantity: 0,
  invoicedQuantity: 0,
  ...over,
});

describe('deriveOrderStatus', () => {
  it('is OPEN for a fresh order and BACK_ORDERED when a line waits for stock', () => {
    expect(deriveOrderStatus([line()], 0, 0)).toBe('OPEN');
    expect(deriveOrderStatus([line(), line({ lineStatus: 'BACK_ORDERED' })], 0, 0)).toBe('BACK_ORDERED');
  });

  it('follows shipping, invoicing and payment in that order', () => {
    expect(deriveOrderStatus([line({ shippedQuantity: 1 }), line()], 0, 0)).toBe('PARTLY_SHIPPED');
    expect(deriveOrderStatus([line({ shippedQuantity: 2, fulfillStatus: 'SHIPPED' })], 0, 0)).toBe('SHIPPED');
    expect(deriveOrderStatus([line({ shippedQuantity: 2, invoicedQuantity: 1 })], 100, 0)).toBe('PARTLY_INVOICED');
    expect(deriveOrderStatus([line({ shippedQuantity: 2, invoicedQuantity: 2 })], 200, 100)).toBe('INVOICED');
    expect(deriveOrderStatus([line({ shippedQuantity: 2, invoicedQuantity: 2 })], 200, 200)).toBe('PAID');
  });

  it('ignores cancelled lines and is CANCELLED when all are', () => {
    expect(deriveOrderStatus([line({ lineStatus: 'CANCELLED' })], 0, 0)).toBe('CANCELLED');
    expect(deriveOrderStatus([line({ lineStatus: 'CANCELLED' }), line({ shippedQuantity: 2 })], 0, 0)).toBe('SHIPPED');
  });
});
