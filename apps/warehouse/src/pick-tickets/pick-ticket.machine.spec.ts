import { PickTicketStatuses, type PickTicketStatus } from '#contracts';
import { assertPickTicketTransition, pickTicketTransitions } from './pick-ticket.machine.js';

const pairs = PickTicketStatuses.flatMap((from) =>
  PickTicketStatuses.map((to) => [from, to] as [PickTicketStatus, PickTicketStatus]),
);
const allowed = pairs.filter(([from, to]) => (pickTicketTransitions[from] as readonly string[]).includes(to));
const refused = pairs.filter(([from, to]) => !(pickTicketTransitions[from] as readonly string[]).includes(to));

describe('pick ticket transitions', () => {
  it('lists every status', () => {
    expect(Object.keys(pickTicketTransitions).sort()).toEqual([...PickTicketStatuses].sort());
  });

  it.each(allowed)('allows %s -> %s', (from, to) => {
    expect(() => assertPickTicketTransition({ number: 'PT-000001', status: from }, to)).not.toThrow();
  });

  it.each(refused)('refuses %s -> %s with ILLEGAL_TRANSITION naming both', (from, to) => {
    let error: unknown;
    try {
      assertPickTicketTransition({ number: 'PT-000001', status: from }, to);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { status: from, requested: to } });
    expect((error as Error).message).toContain(`from ${from} to ${to}`);
  });

  it('walks the happy path OPEN -> PICKED -> PACKED -> SHIPPED', () => {
    expect(allowed).toEqual([
      ['OPEN', 'PICKED'],
      ['PICKED', 'PACKED'],
      ['PACKED', 'SHIPPED'],
    ]);
  });
});
