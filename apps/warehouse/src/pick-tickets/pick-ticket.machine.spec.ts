import { PickTicketStatuses } from '#contracts';
import { assertNotVoided, pickTicketStatus } from './pick-ticket.machine.js';

// "Products are picked out of storage locations ... the next step is to pack the products into
// containers to get ready to ship to the customer ... Once products have been packed, they need
// to be shipped out to the customer."
describe('pick ticket status', () => {
  it('knows every pick ticket status', () => {
    expect([...pickTicketStatus.states].sort()).toEqual([...PickTicketStatuses].sort());
  });

  it('a printed ticket is picked, then packed, then shipped', () => {
    expect(pickTicketStatus.canMove('OPEN', 'PICKED')).toBe(true);
    expect(pickTicketStatus.canMove('PICKED', 'PACKED')).toBe(true);
    expect(pickTicketStatus.canMove('PACKED', 'SHIPPED')).toBe(true);
  });

  it('a ticket cannot be packed before it is picked', () => {
    expect(pickTicketStatus.canMove('OPEN', 'PACKED')).toBe(false);
  });

  it('a ticket cannot ship before it is packed: the containers are what ships', () => {
    expect(pickTicketStatus.canMove('OPEN', 'SHIPPED')).toBe(false);
    expect(pickTicketStatus.canMove('PICKED', 'SHIPPED')).toBe(false);
  });

  it('picks are confirmed once per ticket', () => {
    expect(pickTicketStatus.canMove('PICKED', 'PICKED')).toBe(false);
  });

  it('a shipped ticket cannot be packed again, nor picked again', () => {
    expect(pickTicketStatus.canMove('SHIPPED', 'PACKED')).toBe(false);
    expect(pickTicketStatus.canMove('SHIPPED', 'PICKED')).toBe(false);
    expect(pickTicketStatus.allowedFrom('SHIPPED')).toEqual([]);
  });

  it('a ticket that has not shipped can be voided (its order was re-opened), and a voided ticket is done', () => {
    expect(pickTicketStatus.into('VOIDED')).toEqual(['OPEN', 'PICKED', 'PACKED']);
    expect(pickTicketStatus.allowedFrom('VOIDED')).toEqual([]);
  });

  it('refuses work on a voided ticket in one line a handheld can show', () => {
    expect(() =>
      assertNotVoided({
        id: 't',
        number: 'PT-000007',
        order_number: 'SO-1',
        status: 'VOIDED',
        void_reason: 'order SO-1 was re-opened',
      }),
    ).toThrow(
      expect.objectContaining({
        code: 'PICK_TICKET_VOIDED',
        message: 'Pick ticket PT-000007 is void (order SO-1 was re-opened): do not pick, pack or ship it',
      }),
    );
  });

  it('a ticket never goes back to open: what was not packed is printed on a new ticket', () => {
    expect(pickTicketStatus.into('OPEN')).toEqual([]);
  });

  it('refuses packing a shipped ticket by naming the ticket and both statuses', () => {
    expect(() => pickTicketStatus.assertCanMove('SHIPPED', 'PACKED', 'Pick ticket PT-000012')).toThrow(
      expect.objectContaining({
        code: 'ILLEGAL_TRANSITION',
        message:
          'Pick ticket PT-000012 cannot move from SHIPPED to PACKED: the pick ticket status table allows nothing from SHIPPED',
        details: {
          machine: 'pick ticket status',
          subject: 'Pick ticket PT-000012',
          from: 'SHIPPED',
          to: 'PACKED',
          allowed: [],
        },
      }),
    );
  });
});
