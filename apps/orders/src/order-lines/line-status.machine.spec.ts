import { FulfillStatuses, LineStatuses } from '#contracts';
import { DomainError } from '#platform';
import { assertFulfillMove, assertLineMove, fulfillTransitions, lineTransitions } from './line-status.machine.js';

// Generated from the tables, so a new state cannot go untested.
describe('line status transitions', () => {
  const pairs = LineStatuses.flatMap((from) => LineStatuses.map((to) => [from, to] as const));
  it.each(pairs)('%s -> %s is allowed exactly when the table says so', (from, to) => {
    const allowed = (lineTransitions[from] as readonly string[]).includes(to);
    const attempt = () => assertLineMove('L1', from, to);
    if (allowed) expect(attempt).not.toThrow();
    else
      expect(attempt).toThrow(
        expect.objectContaining({ code: 'ILLEGAL_TRANSITION', message: `Line L1 is ${from}; it cannot become ${to}` }),
      );
  });

  it('covers every status in the table', () => {
    expect(Object.keys(lineTransitions).sort()).toEqual([...LineStatuses].sort());
  });
});

describe('fulfill status transitions', () => {
  const pairs = FulfillStatuses.flatMap((from) => FulfillStatuses.map((to) => [from, to] as const));
  it.each(pairs)('%s -> %s is allowed exactly when the table says so', (from, to) => {
    const allowed = (fulfillTransitions[from] as readonly string[]).includes(to);
    let error: unknown;
    try {
      assertFulfillMove('L1', from, to);
    } catch (e) {
      error = e;
    }
    expect(error === undefined).toBe(allowed);
    if (!allowed) expect(error).toBeInstanceOf(DomainError);
  });

  it('covers every status in the table', () => {
    expect(Object.keys(fulfillTransitions).sort()).toEqual([...FulfillStatuses].sort());
  });
});
