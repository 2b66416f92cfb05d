import {
  type LinesChangedEvent,
  OrdersSubjects,
  type PickTicketView,
  type PickTicketVoidedEvent,
  WarehouseSubjects,
  type ErrorPayload,
} from '#contracts';
import { eventually, publishEvent } from '#testing';
import { anOrder, DAY, type Harness, publishOrderPlaced, startWarehouse, warehouseEvents } from './support.js';

/** Lines held or cancelled after their ticket was printed come off it; a ticket left with none is voided. */
describe('warehouse: order lines taken off printed tickets', () => {
  let h: Harness;
  const order = anOrder('SO-LC', new Date(Date.now() - DAY), [
    { sku: 'LC-1', allocations: [['WH1', 2]] },
    { sku: 'LC-2', allocations: [['WH1', 1]] },
  ]);
  const [held, cancelled] = order.lines;
  const generate = (): Promise<PickTicketView[]> => h.rpc.request(WarehouseSubjects.generatePickTickets, {});
  const ticket = (id: string): Promise<PickTicketView> => h.rpc.request(WarehouseSubjects.getPickTicket, { id });
  const change = (action: 'HELD' | 'ACTIVATED' | 'CANCELLED', line: (typeof order.lines)[number]) => {
    const event: LinesChangedEvent = {
      orderId: order.orderId,
      orderNumber: order.number,
      action,
      lines: [{ lineId: line.lineId, sku: line.sku, quantity: line.quantity }],
    };
    return publishEvent(h.js, OrdersSubjects.linesChanged, event);
  };
  const until = (id: string, done: (t: PickTicketView) => boolean, what: string) =>
    eventually(
      async () => {
        const t = await ticket(id);
        return done(t) ? t : undefined;
      },
      15_000,
      what,
    );

  beforeAll(async () => {
    h = await startWarehouse();
  });

  afterAll(async () => {
    await h?.close();
  });

  it('takes a held line off its ticket and prints it again once active; cancelling the last line voids the ticket', async () => {
    await publishOrderPlaced(h, order);
    const first = await eventually(async () => (await generate())[0], 15_000, 'the first ticket');

    await change('HELD', held);
    const afterHold = await until(first.id, (t) => t.lines.some((l) => l.closed === 'HELD'), 'the held line taken off');
    expect(afterHold).toMatchObject({ status: 'OPEN' });
    expect(afterHold.lines.map((l) => [l.sku, l.closed ?? null])).toEqual([
      ['LC-1', 'HELD'],
      ['LC-2', null],
    ]);
    // Held demand is not printed; made active, it is printed on a new ticket.
    expect(await generate()).toEqual([]);
    await change('ACTIVATED', held);
    const second = await eventually(async () => (await generate())[0], 15_000, 'a new ticket for the held line');
    expect(second.lines).toEqual([expect.objectContaining({ sku: 'LC-1', quantity: 2 })]);

    await change('CANCELLED', cancelled);
    const voided = await until(first.id, (t) => t.status === 'VOIDED', 'the emptied ticket voided');
    expect(voided.voidReason).toBe('every line on it was cancelled, terminated or held');
    await expect(h.rpc.request(WarehouseSubjects.confirmPicks, { pickTicketId: first.id })).rejects.toMatchObject({
      code: 'PICK_TICKET_VOIDED',
    } satisfies Partial<ErrorPayload>);
    expect((await ticket(second.id)).status).toBe('OPEN');
    // Orders hears that the ticket will never ship, so it no longer waits for it.
    const voidedEvents = await warehouseEvents<PickTicketVoidedEvent>(h, WarehouseSubjects.pickTicketVoided);
    expect(voidedEvents.map((e) => e.data)).toEqual([
      {
        pickTicketId: first.id,
        number: first.number,
        orderId: order.orderId,
        orderNumber: order.number,
        reason: 'every line on it was cancelled, terminated or held',
      },
    ]);
  });
});
