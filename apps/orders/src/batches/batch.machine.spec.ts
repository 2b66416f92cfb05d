import { BatchDraftStatuses, BatchStatuses } from '#contracts';
import { batchDraftStatus, batchStatus } from './batch.machine.js';
import { assertOpen } from './batch-store.js';
import type { BatchRow } from './batch-views.js';

// "They end up in an Order Batch, that can be reviewed and edited prior to actually being posted as active orders."
describe('batch status', () => {
  it('knows every batch status', () => {
    expect([...batchStatus.states].sort()).toEqual([...BatchStatuses].sort());
  });

  it('an open batch takes changes, and is posted or cancelled', () => {
    expect(batchStatus.allowedFrom('OPEN')).toEqual(['OPEN', 'POSTED', 'CANCELLED']);
  });

  it('a posted batch cannot be edited', () => {
    expect(batchStatus.canMove('POSTED', 'OPEN')).toBe(false);
    expect(() => assertOpen({ number: 'BT-000001', status: 'POSTED' } as BatchRow)).toThrow(
      expect.objectContaining({
        code: 'ILLEGAL_TRANSITION',
        message: 'Order batch BT-000001 is POSTED; only an OPEN batch can be changed or posted',
      }),
    );
  });

  it('a posted batch is not posted again, nor cancelled', () => {
    expect(batchStatus.allowedFrom('POSTED')).toEqual([]);
  });

  it('a cancelled batch cannot be posted, nor edited', () => {
    expect(batchStatus.canMove('CANCELLED', 'POSTED')).toBe(false);
    expect(batchStatus.canMove('CANCELLED', 'OPEN')).toBe(false);
  });
});

describe('batch draft status', () => {
  it('knows every draft status', () => {
    expect([...batchDraftStatus.states].sort()).toEqual([...BatchDraftStatuses].sort());
  });

  it('a draft is kept as entered and can be replaced until it is posted', () => {
    expect(batchDraftStatus.into('DRAFT').sort()).toEqual(['DRAFT', 'FAILED']);
  });

  it('a draft that failed to post can be fixed, or posted again (and may fail again)', () => {
    expect(batchDraftStatus.allowedFrom('FAILED')).toEqual(['DRAFT', 'POSTED', 'FAILED']);
  });

  it('a posted draft is an order now: it cannot be replaced, posted again or fail', () => {
    expect(batchDraftStatus.allowedFrom('POSTED')).toEqual([]);
  });
});
