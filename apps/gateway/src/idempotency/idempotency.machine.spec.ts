import { idempotencyState, IdempotencyStates } from './idempotency.machine.js';

describe('idempotency key state', () => {
  it('knows every state', () => {
    expect([...idempotencyState.states].sort()).toEqual([...IdempotencyStates].sort());
  });

  it('a request in progress completes, and its answer is kept for every retry', () => {
    expect(idempotencyState.canMove('IN_PROGRESS', 'DONE')).toBe(true);
  });

  it('a completed key is not completed again by a second attempt, nor runs again', () => {
    expect(idempotencyState.canMove('DONE', 'DONE')).toBe(false);
    expect(idempotencyState.into('IN_PROGRESS')).toEqual([]);
  });
});
