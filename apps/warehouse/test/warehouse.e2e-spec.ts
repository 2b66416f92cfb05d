import { randomUUID } from 'node:crypto';
import {
  type ErrorPayload,
  type OrderPlacedEvent,
  type Page,
  type PickTicketPrintedEvent,
  type PickTicketView,
  type ShipmentShippedEvent,
  WarehouseSubjects,
} from '#contracts';
import { eventually } from '#testing';
import {
  anOrder,
  DAY,
  demandOf,
  fakeGatewayApiKeys,
  type Harness,
  publishOrderPlaced,
  startWarehouse,
  warehouseEvents,
} from './support.js';

describe('warehouse: from placed orders to shipped shipments, over NATS against Postgres', () => {
  let h: Harness;
  const generate = (request: object = {}) => h.rpc.request(WarehouseSubjects.generatePickTickets, request);
  const summary = (tickets: PickTicketView[]) =>
    tickets.map((t) => [t.number, t.orderNumber, t.locationCode, t.pickingCycle, t.status]);
  const lineOf = (order: OrderPlacedEvent, sku: string) => order.lines.find((l) => l.sku === sku)!.lineId;

  const orderA = anOrder('SO-A', new Date(Date.now() - DAY), [
    { sku: 'A1', allocations: [['WH1', 5]] },
    {
      sku: 'B2',
      allocations: [
        ['WH1', 1],
        ['WH2', 3],
      ],
    },
  ]);
  const tomorrow = anOrder('SO-F', new Date(Date.now() + DAY), [
    {
      sku: 'A1',
      allocations: [
        ['WH1', 2],
        ['WH2', 2],
      ],
    },
  ]);

  beforeAll(async () => {
    h = await startWarehouse();
  });

  afterAll(async () => {
    await h?.close();
  });

  it('turns each allocation of a placed order into pick demand, once', async () => {
    await publishOrderPlaced(h, orderA);
    await publishOrderPlaced(h, orderA); // the same order again under a new event id
    await publishOrderPlaced(h, tomorrow);
    await eventually(
      async () => ((await demandOf(h, tomorrow.orderId)).length === 2 ? true : undefined),
      15_000,
      'demand of SO-F',
    );
    await eventually(
      async () => {
        const [{ count }] = await h.db.query<{ count: number }>(`SELECT count(*)::int AS count FROM warehouse.inbox`);
        return count === 3 ? true : undefined;
      },
      15_000,
      'all three events in the inbox',
    );
    expect((await demandOf(h, orderA.orderId)).map((d) => [d.sku, d.location_code, d.quantity, d.status])).toEqual([
      ['A1', 'WH1', 5, 'OPEN'],
      ['B2', 'WH1', 1, 'OPEN'],
      ['B2', 'WH2', 3, 'OPEN'],
    ]);
  });

  it('prints one ticket per order and location with picking cycle 1; a second run finds nothing', async () => {
    const tickets = await generate();
    expect(summary(tickets)).toEqual([
      ['PT-000001', 'SO-A', 'WH1', 1, 'OPEN'],
      ['PT-000002', 'SO-A', 'WH2', 1, 'OPEN'],
    ]);
    expect(tickets[0].lines.map((l) => [l.sku, l.quantity, l.pickedQuantity])).toEqual([
      ['A1', 5, 0],
      ['B2', 1, 0],
    ]);
    expect(await generate()).toEqual([]);
    const printed = await warehouseEvents<PickTicketPrintedEvent>(h, WarehouseSubjects.pickTicketPrinted);
    expect(printed.map((e) => [e.data.number, e.data.pickingCycle, e.data.locationCode, e.data.lines.length])).toEqual([
      ['PT-000001', 1, 'WH1', 2],
      ['PT-000002', 1, 'WH2', 1],
    ]);
    expect((await demandOf(h, orderA.orderId)).every((d) => d.status === 'TICKETED')).toBe(true);
  });

  it('gives a later run the next picking cycle and honours cut-off and location', async () => {
    const later = anOrder('SO-C', new Date(), [{ sku: 'C3', allocations: [['WH1', 1]] }]);
    await publishOrderPlaced(h, later);
    await eventually(
      async () => ((await demandOf(h, later.orderId)).length === 1 ? true : undefined),
      15_000,
      'demand of SO-C',
    );
    expect(summary(await generate())).toEqual([['PT-000003', 'SO-C', 'WH1', 2, 'OPEN']]);
    const inTwoDays = new Date(Date.now() + 2 * DAY).toISOString();
    expect(summary(await generate({ cutoff: inTwoDays, locationCode: 'WH2' }))).toEqual([
      ['PT-000004', 'SO-F', 'WH2', 3, 'OPEN'],
    ]);
    expect((await demandOf(h, tomorrow.orderId)).map((d) => [d.location_code, d.status])).toEqual([
      ['WH1', 'OPEN'],
      ['WH2', 'TICKETED'],
    ]);
  });

  it('picks part, packs, ships once, and emits one shipment shipped with the packed quantities', async () => {
    const [ticket] = (await h.rpc.request(WarehouseSubjects.listPickTickets, { orderId: orderA.orderId })).items;
    expect(ticket.number).toBe('PT-000001');
    const picked = await h.rpc.request(WarehouseSubjects.confirmPicks, {
      pickTicketId: ticket.id,
      lines: [
        { orderLineId: lineOf(orderA, 'A1'), quantity: 3 },
        { orderLineId: lineOf(orderA, 'B2'), quantity: 1 },
      ],
    });
    expect([picked.status, picked.lines.map((l) => l.pickedQuantity)]).toEqual(['PICKED', [3, 1]]);

    const packed = await h.rpc.request(WarehouseSubjects.pack, { pickTicketId: ticket.id });
    expect(packed).toMatchObject({
      number: 'SH-000001',
      status: 'PACKED',
      pickTicketId: ticket.id,
      orderId: orderA.orderId,
      locationCode: 'WH1',
    });
    expect(packed.containers).toEqual([
      expect.objectContaining({
        code: 'BOX-1',
        lines: expect.arrayContaining([
          { orderLineId: lineOf(orderA, 'A1'), quantity: 3 },
          { orderLineId: lineOf(orderA, 'B2'), quantity: 1 },
        ]),
      }),
    ]);
    const afterPack = await h.rpc.request(WarehouseSubjects.getPickTicket, { id: ticket.id });
    expect([afterPack.status, afterPack.lines.map((l) => l.packedQuantity)]).toEqual(['PACKED', [3, 1]]);

    const ship = { shipmentId: packed.id, carrier: 'DHL', trackingNumber: 'TRK-0001' };
    const shipped = await h.rpc.request(WarehouseSubjects.ship, ship);
    expect(shipped).toMatchObject({ status: 'SHIPPED', carrier: 'DHL', trackingNumber: 'TRK-0001' });
    expect(Date.parse(shipped.shippedAt!)).toBeGreaterThan(Date.now() - 60_000);
    await expect(h.rpc.request(WarehouseSubjects.ship, ship)).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });

    const events = await warehouseEvents<ShipmentShippedEvent>(h, WarehouseSubjects.shipmentShipped);
    expect(events).toHaveLength(1);
    expect(events[0].data).toEqual({
      shipmentId: packed.id,
      shipmentNumber: 'SH-000001',
      pickTicketId: ticket.id,
      pickingCycle: 1,
      orderId: orderA.orderId,
      orderNumber: 'SO-A',
      locationCode: 'WH1',
      carrier: 'DHL',
      trackingNumber: 'TRK-0001',
      shippedAt: shipped.shippedAt,
      lines: [
        { orderLineId: lineOf(orderA, 'A1'), sku: 'A1', quantity: 3 },
        { orderLineId: lineOf(orderA, 'B2'), sku: 'B2', quantity: 1 },
      ],
    });
    expect((await h.rpc.request(WarehouseSubjects.getPickTicket, { id: ticket.id })).status).toBe('SHIPPED');
  });

  it('puts the unpacked remainder back on demand, and the next run tickets it', async () => {
    expect((await demandOf(h, orderA.orderId)).map((d) => [d.sku, d.location_code, d.quantity, d.status])).toEqual([
      ['A1', 'WH1', 2, 'OPEN'],
      ['B2', 'WH1', 1, 'TICKETED'],
      ['B2', 'WH2', 3, 'TICKETED'],
    ]);
    const [remainder] = await generate({ locationCode: 'WH1' });
    expect(summary([remainder])).toEqual([['PT-000005', 'SO-A', 'WH1', 4, 'OPEN']]);
    expect(remainder.lines.map((l) => [l.orderLineId, l.quantity])).toEqual([[lineOf(orderA, 'A1'), 2]]);
  });

  it('refuses impossible picks, packs and callers without changing anything', async () => {
    const ticket = (
      await h.rpc.request(WarehouseSubjects.listPickTickets, {
        orderId: orderA.orderId,
        status: 'OPEN',
      })
    ).items.find((t) => t.locationCode === 'WH2')!;
    const b2 = lineOf(orderA, 'B2');
    const fail = (subject: string, body: object, caller?: { actorId: string; role: 'customer' }) =>
      h.rpc.send(subject, body, caller).catch((e: ErrorPayload) => e);
    expect(
      await fail(WarehouseSubjects.confirmPicks, {
        pickTicketId: ticket.id,
        lines: [{ orderLineId: b2, quantity: 4 }],
      }),
    ).toMatchObject({
      code: 'QUANTITY_EXCEEDED',
      details: { requested: 4, allowed: 3 },
    });
    const stranger = lineOf(orderA, 'A1');
    expect(
      await fail(WarehouseSubjects.confirmPicks, {
        pickTicketId: ticket.id,
        lines: [{ orderLineId: stranger, quantity: 1 }],
      }),
    ).toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    expect(await fail(WarehouseSubjects.pack, { pickTicketId: ticket.id })).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
    });
    const untouched = await h.rpc.request(WarehouseSubjects.getPickTicket, { id: ticket.id });
    expect([untouched.status, untouched.lines[0].pickedQuantity]).toEqual(['OPEN', 0]);

    await h.rpc.request(WarehouseSubjects.confirmPicks, {
      pickTicketId: ticket.id,
      lines: [{ orderLineId: b2, quantity: 2 }],
    });
    const tooMuch = {
      pickTicketId: ticket.id,
      containers: [{ lines: [{ orderLineId: b2, quantity: 2 }] }, { lines: [{ orderLineId: b2, quantity: 1 }] }],
    };
    expect(await fail(WarehouseSubjects.pack, tooMuch)).toMatchObject({
      code: 'QUANTITY_EXCEEDED',
      details: { requested: 3, allowed: 2 },
    });
    expect((await h.rpc.request(WarehouseSubjects.getPickTicket, { id: ticket.id })).status).toBe('PICKED');

    expect(await fail(WarehouseSubjects.generatePickTickets, {}, { actorId: 'c1', role: 'customer' })).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await fail(WarehouseSubjects.getPickTicket, { id: randomUUID() })).toMatchObject({
      code: 'PICK_TICKET_NOT_FOUND',
    });
    expect(await fail(WarehouseSubjects.getShipment, { id: randomUUID() })).toMatchObject({
      code: 'SHIPMENT_NOT_FOUND',
    });
    expect(await fail(WarehouseSubjects.generatePickTickets, { cutoff: 'soon' })).toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });

  it('never puts the same demand on two tickets when runs race', async () => {
    const orders = Array.from({ length: 25 }, (_, i) =>
      anOrder(`SO-R${i}`, new Date(Date.now() - 1000), [
        {
          sku: 'R1',
          allocations: [
            ['WH1', 1],
            ['WH2', 1],
          ],
        },
        { sku: 'R2', allocations: [['WH1', 2]] },
      ]),
    );
    await Promise.all(orders.map((o) => publishOrderPlaced(h, o)));
    const ids = orders.map((o) => o.orderId);
    await eventually(
      async () => {
        const [{ count }] = await h.db.query<{ count: number }>(
          `SELECT count(*)::int AS count FROM warehouse.pick_demand WHERE order_id = ANY($1)`,
          [ids],
        );
        return count === 75 ? true : undefined;
      },
      20_000,
      'demand of the racing orders',
    );
    const runs = await Promise.all(Array.from({ length: 6 }, () => generate({ cutoff: new Date().toISOString() })));
    const tickets = runs.flat().filter((t) => ids.includes(t.orderId));
    expect(tickets).toHaveLength(50);
    expect(new Set(tickets.map((t) => `${t.orderId}|${t.locationCode}`)).size).toBe(50);
    const lines = tickets.flatMap((t) => t.lines.map((l) => `${l.orderLineId}|${t.locationCode}`));
    expect(lines).toHaveLength(75);
    expect(new Set(lines).size).toBe(75);
    const cycles = runs.filter((r) => r.length > 0).map((r) => r[0].pickingCycle);
    expect(new Set(cycles).size).toBe(cycles.length);
  });

  describe('scanner HTTP API', () => {
    let base: string;
    let asked: string[];
    let bodies: unknown[];
    const http = async (method: string, path: string, headers: Record<string, string> = {}, body?: object) => {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: body ? { ...headers, 'content-type': 'application/json' } : headers,
        body: body ? JSON.stringify(body) : undefined,
      });
      // Loosely typed on purpose: the assertions below check the shapes.
      const json = (await response.json()) as Record<string, any>;
      return { status: response.status, type: response.headers.get('content-type') ?? '', body: json };
    };

    beforeAll(async () => {
      base = await h.app.getUrl();
      ({ asked, bodies } = await fakeGatewayApiKeys(h, {
        'wh-key': { keyId: 'key-scanner-7', name: 'Scanner 7', role: 'warehouse' },
        'sales-key': { keyId: 'key-sales-1', name: 'Sales desk', role: 'sales' },
      }));
    });

    it('answers 401 without a key or with an unknown one, and 403 for a role that may not scan', async () => {
      const none = await http('GET', '/scanner/pick-tickets?status=OPEN');
      expect([none.status, none.type, none.body.code]).toEqual([
        401,
        expect.stringContaining('application/problem+json'),
        'UNAUTHENTICATED',
      ]);
      expect((await http('GET', '/scanner/pick-tickets', { 'x-api-key': 'nope' })).status).toBe(401);
      const sales = await http('GET', '/scanner/pick-tickets', { authorization: 'Bearer sales-key' });
      expect([sales.status, sales.body.code]).toEqual([403, 'FORBIDDEN']);
    });

    it('lets a warehouse key list, pick, pack and ship, and records who scanned', async () => {
      const started = Date.now();
      const key = { 'x-api-key': 'wh-key' };
      const open = await http('GET', '/scanner/pick-tickets?status=OPEN&limit=100', key);
      expect(open.status).toBe(200);
      const listed = (open.body as unknown as Page<PickTicketView>).items.find((t) => t.number === 'PT-000004')!;
      expect(listed).toMatchObject({ orderNumber: 'SO-F', locationCode: 'WH2', status: 'OPEN' });
      const got = await http('GET', `/scanner/pick-tickets/${listed.id}`, { authorization: 'Bearer wh-key' });
      expect([got.status, got.body.number]).toEqual([200, 'PT-000004']);
      expect((await http('GET', '/scanner/pick-tickets/not-a-uuid', key)).body.code).toBe('VALIDATION_FAILED');

      const picked = await http('POST', `/scanner/pick-tickets/${listed.id}/picks`, key);
      expect([picked.status, picked.body.status, picked.body.lines[0].pickedQuantity]).toEqual([200, 'PICKED', 2]);
      const orderLineId = listed.lines[0].orderLineId;
      const pack = { containers: [{ code: 'CRATE-9', weightGrams: 1200, lines: [{ orderLineId, quantity: 2 }] }] };
      const packed = await http('POST', `/scanner/pick-tickets/${listed.id}/pack`, key, pack);
      expect([packed.status, packed.body.status, packed.body.containers]).toEqual([
        201,
        'PACKED',
        [{ id: expect.any(String), code: 'CRATE-9', weightGrams: 1200, lines: [{ orderLineId, quantity: 2 }] }],
      ]);

      const shipPath = `/scanner/shipments/${packed.body.id}/ship`;
      const invalid = await http('POST', shipPath, key, { carrier: 'UPS' });
      expect([invalid.status, invalid.body.code, invalid.body.errors[0].field]).toEqual([
        400,
        'VALIDATION_FAILED',
        'trackingNumber',
      ]);
      const shipped = await http('POST', shipPath, key, { carrier: 'UPS', trackingNumber: '1Z-HTTP' });
      expect([shipped.status, shipped.body.status, shipped.body.trackingNumber]).toEqual([200, 'SHIPPED', '1Z-HTTP']);
      const twice = await http('POST', shipPath, key, { carrier: 'UPS', trackingNumber: '1Z-HTTP' });
      expect([twice.status, twice.body.code]).toEqual([409, 'ILLEGAL_TRANSITION']);
      expect(twice.body.detail).toContain('from SHIPPED to SHIPPED');

      const [who] = await h.db.query(
        `SELECT t.picked_by, t.packed_by, s.shipped_by FROM warehouse.pick_tickets t JOIN warehouse.shipments s ON s.pick_ticket_id = t.id WHERE t.id = $1`,
        [listed.id],
      );
      expect(who).toEqual({ picked_by: 'key:Scanner 7', packed_by: 'key:Scanner 7', shipped_by: 'key:Scanner 7' });
      // A key is trusted for SCANNER_KEY_CACHE_MS (1 s): one question per second of scanning, not one per scan.
      expect(asked.filter((k) => k === 'wh-key').length).toBeLessThanOrEqual(
        1 + Math.floor((Date.now() - started) / 1000),
      );
      // The key itself never went over NATS: only its SHA-256.
      for (const body of bodies) expect(Object.keys(body as object)).toEqual(['keyHash']);
      expect(JSON.stringify(bodies)).not.toContain('wh-key');
      const events = await warehouseEvents<ShipmentShippedEvent>(h, WarehouseSubjects.shipmentShipped);
      expect(events.filter((e) => e.data.trackingNumber === '1Z-HTTP').map((e) => e.data.lines)).toEqual([
        [{ orderLineId, sku: 'A1', quantity: 2 }],
      ]);
    });
  });
});
