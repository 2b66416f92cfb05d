import {
  type BackorderReleasedEvent,
  InventorySubjects,
  type OrderPlacedEvent,
  type OrderType,
  WarehouseSubjects,
} from '#contracts';
import { eventually, publishEvent } from '#testing';
import { anOrder, DAY, demandOf, type Harness, publishOrderPlaced, startWarehouse } from './support.js';

/** Back-ordered units inventory releases become pick demand at our own locations only. */
describe('warehouse: released back-orders become pick demand', () => {
  let h: Harness;
  const released = (
    order: OrderPlacedEvent,
    lineIndex: number,
    allocations: BackorderReleasedEvent['lines'][number]['allocations'],
    orderType: OrderType = 'ORDER',
  ) => {
    const line = order.lines[lineIndex];
    const data: BackorderReleasedEvent = {
      orderId: order.orderId,
      orderNumber: order.number,
      orderType,
      orderDate: order.orderDate,
      lines: [
        {
          lineId: line.lineId,
          sku: line.sku,
          released: allocations.reduce((s, a) => s + a.quantity, 0),
          backordered: 0,
          allocations,
        },
      ],
    };
    return data;
  };
  const publish = (data: BackorderReleasedEvent) => publishEvent(h.js, InventorySubjects.backorderReleased, data);
  const rows = async (order: OrderPlacedEvent) =>
    (await demandOf(h, order.orderId)).map((d) => [d.sku, d.location_code, d.quantity, d.status]);

  beforeAll(async () => {
    h = await startWarehouse();
  });

  afterAll(async () => {
    await h?.close();
  });

  it('leaves supplier allocations to the supplier, on placed orders and on releases alike', async () => {
    const order = anOrder('SO-R1', new Date(Date.now() - DAY), [
      { sku: 'V123', allocations: [] },
      { sku: 'V456', allocations: [['WH1', 2]] },
    ]);
    order.lines[0].allocations = [
      { locationCode: 'DIST-A', quantity: 1, sourceCode: 'DIST-A', sourceKind: 'SUPPLIER', sourceSku: 'A123' },
    ];
    await publishOrderPlaced(h, order);
    await eventually(async () => ((await rows(order)).length === 1 ? true : undefined), 15_000, 'demand of SO-R1');
    await publish(released(order, 0, [{ locationCode: 'DIST-A', quantity: 2, sourceKind: 'SUPPLIER' }]));
    await publish(released(order, 0, [{ locationCode: 'WH2', quantity: 1, sourceKind: 'WAREHOUSE' }]));
    await eventually(async () => ((await rows(order)).length === 2 ? true : undefined), 15_000, 'the released demand');
    expect(await rows(order)).toEqual([
      ['V456', 'WH1', 2, 'OPEN'],
      ['V123', 'WH2', 1, 'OPEN'],
    ]);
  });

  it('adds released units to open demand, and waits for a ticket at that location to be packed', async () => {
    const order = anOrder('SO-R2', new Date(Date.now() - DAY), [{ sku: 'BOLT', allocations: [['WH1', 3]] }]);
    await publishOrderPlaced(h, order);
    await eventually(async () => ((await rows(order)).length === 1 ? true : undefined), 15_000, 'demand of SO-R2');
    await publish(released(order, 0, [{ locationCode: 'WH1', quantity: 2, sourceKind: 'WAREHOUSE' }]));
    await eventually(
      async () => ((await rows(order))[0][2] === 5 ? true : undefined),
      15_000,
      'the release added to open demand',
    );
    const tickets = await h.rpc.request(WarehouseSubjects.generatePickTickets, {
      locationCode: 'WH1',
    });
    const ticket = tickets.find((t) => t.orderId === order.orderId)!;
    expect(ticket.lines.map((l) => [l.sku, l.quantity])).toEqual([['BOLT', 5]]);

    await publish(released(order, 0, [{ locationCode: 'WH1', quantity: 4, sourceKind: 'WAREHOUSE' }]));
    // Releases are taken one at a time in stream order: once a release published after that one
    // is pick demand, that one has been handled, and it must have left the ticketed row alone.
    const later = anOrder('SO-R2-LATER', new Date(Date.now() - DAY), [{ sku: 'WASHER', allocations: [] }]);
    await publish(released(later, 0, [{ locationCode: 'WH1', quantity: 1, sourceKind: 'WAREHOUSE' }]));
    await eventually(async () => ((await rows(later)).length === 1 ? true : undefined), 15_000, 'the later release');
    expect(await rows(order)).toEqual([['BOLT', 'WH1', 5, 'TICKETED']]);
    await h.rpc.request(WarehouseSubjects.confirmPicks, { pickTicketId: ticket.id });
    await h.rpc.request(WarehouseSubjects.pack, { pickTicketId: ticket.id });
    await eventually(
      async () => ((await rows(order))[0][3] === 'OPEN' ? true : undefined),
      30_000,
      'the release after packing',
    );
    expect(await rows(order)).toEqual([['BOLT', 'WH1', 4, 'OPEN']]);
  });

  it('does not pick a one-step invoice order', async () => {
    const order = anOrder('IN-R3', new Date(), [{ sku: 'NUT', allocations: [] }]);
    await publish(released(order, 0, [{ locationCode: 'WH1', quantity: 1, sourceKind: 'WAREHOUSE' }], 'INVOICE'));
    await publish(released(order, 0, [{ locationCode: 'WH1', quantity: 1, sourceKind: 'WAREHOUSE' }], 'ORDER'));
    await eventually(async () => ((await rows(order)).length === 1 ? true : undefined), 15_000, 'the ORDER release');
    expect(await rows(order)).toEqual([['NUT', 'WH1', 1, 'OPEN']]);
  });
});
