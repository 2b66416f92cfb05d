import { scannerIdempotencyState, ScannerIdempotencyStates } from './scanner-idempotency.machine.js';

describe('scanner idempotency key state', () => {
  it('knows every state', () => {
    expect([...scannerIdempotencyState.states].sort()).toEqual([...ScannerIdempotencyStates].sort());
  });

  it('a command in progress completes, and its answer is kept for every retry', () => {
    expect(scannerIdempotencyState.canMove('IN_PROGRESS', 'DONE')).toBe(true);
  });

  it('a completed key is not completed again, nor runs again', () => {
    expect(scannerIdempotencyState.canMove('DONE', 'DONE')).toBe(false);
    expect(scannerIdempotencyState.into('IN_PROGRESS')).toEqual([]);
  });
});
