import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { createHash } from 'node:crypto';
import {
  type GetItemRequest,
  InventorySubjects,
  type ItemView,
  type PickTicketView,
  type ShipmentShippedEvent,
  WarehouseSubjects,
} from '#contracts';
import { eventually, stubRequests } from '#testing';
import { ScannerModule } from '../src/scanner/scanner.module.js';
import {
  anOrder,
  DAY,
  fakeGatewayApiKeys,
  type Harness,
  publishOrderPlaced,
  startWarehouse,
  warehouseEvents,
} from './support.js';

/** The scanner API as a handheld on a flaky network meets it: every command safe to retry. */
describe('warehouse scanner API: retries and lookups', () => {
  let h: Harness;
  let base: string;
  const key = { 'x-api-key': 'wh-key' };
  const order = anOrder('SO-SC', new Date(Date.now() - DAY), [{ sku: 'SC-1', allocations: [['WH1', 4]] }]);
  const lineId = order.lines[0].lineId;
  const http = async (method: string, path: string, headers: Record<string, string> = {}, body?: object) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: body ? { ...key, ...headers, 'content-type': 'application/json' } : { ...key, ...headers },
      body: body ? JSON.stringify(body) : undefined,
    });
    // Loosely typed on purpose: the assertions below check the shapes.
    const json = (await response.json()) as Record<string, any>;
    return { status: response.status, headers: response.headers, body: json };
  };
  const hashOf = (method: string, path: string, body: object) =>
    createHash('sha256')
      .update(`${method} ${path}\n${JSON.stringify(body)}`)
      .digest('hex');

  beforeAll(async () => {
    h = await startWarehouse();
    base = await h.app.getUrl();
    await fakeGatewayApiKeys(h, {
      'wh-key': { keyId: 'key-scanner-1', name: 'Scanner 1', role: 'warehouse' },
      'wh-key-2': { keyId: 'key-scanner-2', name: 'Scanner 2', role: 'warehouse' },
    });
  });

  afterAll(async () => {
    await h?.close();
  });

  it('a repeated pick, pack or ship with the same Idempotency-Key returns the first answer; the ticket lists its shipment', async () => {
    await publishOrderPlaced(h, order);
    const [ticket] = await eventually(
      async () => {
        const printed: PickTicketView[] = await h.rpc.request(WarehouseSubjects.generatePickTickets, {});
        return printed.length > 0 ? printed : undefined;
      },
      15_000,
      'a ticket',
    );
    const picks = `/scanner/pick-tickets/${ticket.id}/picks`;
    const pickBody = { lines: [{ orderLineId: lineId, quantity: 3 }] };

    const bad = await http('POST', picks, { 'idempotency-key': 'short' }, pickBody);
    expect([bad.status, bad.body.code, bad.body.errors[0].field]).toEqual([
      400,
      'VALIDATION_FAILED',
      'Idempotency-Key',
    ]);

    const first = await http('POST', picks, { 'idempotency-key': 'pick-0001' }, pickBody);
    expect([first.status, first.body.status, first.body.lines[0].pickedQuantity]).toEqual([200, 'PICKED', 3]);
    const again = await http('POST', picks, { 'idempotency-key': 'pick-0001' }, pickBody);
    expect([again.status, again.headers.get('idempotent-replayed')]).toEqual([200, 'true']);
    expect(again.body).toEqual(first.body);
    const reused = await http('POST', picks, { 'idempotency-key': 'pick-0001' }, {});
    expect([reused.status, reused.body.code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
    // Keys belong to the scanner that sent them: another scanner's key of the same name is its own.
    const other = await http('POST', picks, { 'idempotency-key': 'pick-0001', 'x-api-key': 'wh-key-2' }, pickBody);
    expect([other.status, other.body.code]).toEqual([409, 'ILLEGAL_TRANSITION']);
    // Without a key a second pick is still refused.
    expect((await http('POST', picks, {}, pickBody)).status).toBe(409);

    const pack = `/scanner/pick-tickets/${ticket.id}/pack`;
    const packed = await http('POST', pack, { 'idempotency-key': 'pack-0001' }, {});
    expect([packed.status, packed.body.status]).toEqual([201, 'PACKED']);
    const packedAgain = await http('POST', pack, { 'idempotency-key': 'pack-0001' }, {});
    expect([packedAgain.status, packedAgain.body.id]).toEqual([201, packed.body.id]);
    const [{ count }] = await h.db.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM warehouse.shipments WHERE pick_ticket_id = $1`,
      [ticket.id],
    );
    expect(count).toBe(1);

    const ship = `/scanner/shipments/${packed.body.id}/ship`;
    // A failed command frees its key: the corrected request under the same key runs.
    const invalid = await http('POST', ship, { 'idempotency-key': 'ship-0001' }, { carrier: 'UPS' });
    expect([invalid.status, invalid.body.errors[0].field]).toEqual([400, 'trackingNumber']);
    const shipBody = { carrier: 'UPS', trackingNumber: '1Z-RETRY' };
    const shipped = await http('POST', ship, { 'idempotency-key': 'ship-0001' }, shipBody);
    expect([shipped.status, shipped.body.status]).toEqual([200, 'SHIPPED']);
    const shippedAgain = await http('POST', ship, { 'idempotency-key': 'ship-0001' }, shipBody);
    expect([shippedAgain.status, shippedAgain.headers.get('idempotent-replayed')]).toEqual([200, 'true']);
    expect(shippedAgain.body).toEqual(shipped.body);
    const events = await warehouseEvents<ShipmentShippedEvent>(h, WarehouseSubjects.shipmentShipped);
    expect(events.filter((e) => e.data.trackingNumber === '1Z-RETRY')).toHaveLength(1);

    // A scanner that lost every reply finds the shipment on the ticket.
    const view = await http('GET', `/scanner/pick-tickets/${ticket.id}`);
    expect(view.body.shipments).toEqual([
      {
        id: packed.body.id,
        number: packed.body.number,
        status: 'SHIPPED',
        carrier: 'UPS',
        trackingNumber: '1Z-RETRY',
        shippedAt: shipped.body.shippedAt,
      },
    ]);
  });

  it('answers 409 with Retry-After while the first attempt holds the key, and takes over a key whose lease ran out', async () => {
    await publishOrderPlaced(
      h,
      anOrder('SO-SC2', new Date(Date.now() - DAY), [{ sku: 'SC-2', allocations: [['WH1', 1]] }]),
    );
    const [ticket] = await eventually(
      async () => {
        const printed: PickTicketView[] = await h.rpc.request(WarehouseSubjects.generatePickTickets, {});
        return printed.length > 0 ? printed : undefined;
      },
      15_000,
      'a second ticket',
    );
    const path = `/scanner/pick-tickets/${ticket.id}/picks`;
    await h.db.query(
      `INSERT INTO warehouse.scanner_idempotency (actor_id, key, method, path, request_hash, state, lease_until)
       VALUES ('key:Scanner 1', 'pick-held-1', 'POST', $1, $2, 'IN_PROGRESS', now() + interval '20 seconds')`,
      [path, hashOf('POST', path, {})],
    );
    const held = await http('POST', path, { 'idempotency-key': 'pick-held-1' }, {});
    expect([held.status, held.body.code]).toEqual([409, 'IDEMPOTENCY_IN_PROGRESS']);
    expect(Number(held.headers.get('retry-after'))).toBeGreaterThan(0);
    await h.db.query(
      `UPDATE warehouse.scanner_idempotency SET lease_until = now() - interval '1 second' WHERE key = 'pick-held-1'`,
    );
    const taken = await http('POST', path, { 'idempotency-key': 'pick-held-1' }, {});
    expect([taken.status, taken.body.status]).toEqual([200, 'PICKED']);
  });

  it('looks up what a scanned code is: a ticket, a shipment, a container or a SKU; 404 and 400 otherwise', async () => {
    // Inventory owns items; it is not started here, so it answers from a table.
    await stubRequests<GetItemRequest, ItemView>(h.rpc.nc, InventorySubjects.getItem, (data) =>
      data.sku === 'SC-1'
        ? { response: { id: 'item-sc-1', sku: 'SC-1', name: 'Scanner widget' } as ItemView }
        : { err: { code: 'ITEM_NOT_FOUND', message: `No item ${data.sku}` } },
    );
    const lookup = (code?: string) =>
      http('GET', code === undefined ? '/scanner/lookup' : `/scanner/lookup?code=${encodeURIComponent(code)}`);
    const [first] = await h.db.query<{ id: string; number: string }>(
      `SELECT id, number FROM warehouse.pick_tickets WHERE order_number = 'SO-SC'`,
    );
    const ticket = await lookup(first.number.toLowerCase());
    expect([ticket.status, ticket.body.matches]).toEqual([
      200,
      [{ type: 'PICK_TICKET', id: first.id, summary: `Pick ticket ${first.number} · SO-SC at WH1 · SHIPPED · 1 line` }],
    ]);
    const [shipment] = await h.db.query<{ id: string; number: string; container_id: string }>(
      `SELECT s.id, s.number, c.id AS container_id FROM warehouse.shipments s JOIN warehouse.containers c ON c.shipment_id = s.id
        WHERE s.pick_ticket_id = $1`,
      [first.id],
    );
    expect((await lookup(shipment.number)).body.matches).toEqual([
      { type: 'SHIPMENT', id: shipment.id, summary: `Shipment ${shipment.number} · SO-SC · SHIPPED · 1 container` },
    ]);
    expect((await lookup('BOX-1')).body.matches).toEqual([
      {
        type: 'CONTAINER',
        id: shipment.container_id,
        shipmentId: shipment.id,
        summary: `Container BOX-1 of shipment ${shipment.number} · SO-SC · SHIPPED`,
      },
    ]);
    expect((await lookup('SC-1')).body).toEqual({
      code: 'SC-1',
      matches: [{ type: 'ITEM', id: 'item-sc-1', summary: 'Item SC-1 · Scanner widget' }],
    });

    const unknown = await lookup('NOPE-42');
    expect([unknown.status, unknown.body.code, unknown.body.detail]).toEqual([
      404,
      'NOT_FOUND',
      'Nothing is known by NOPE-42: no pick ticket, shipment, container or SKU',
    ]);
    for (const bad of [undefined, '', 'x'.repeat(129)]) {
      const refused = await lookup(bad);
      expect([refused.status, refused.body.code, refused.body.errors[0].field]).toEqual([
        400,
        'VALIDATION_FAILED',
        'code',
      ]);
    }
  });

  it("documents the lookup in the scanner API's OpenAPI description", () => {
    const document = SwaggerModule.createDocument(h.app, new DocumentBuilder().setTitle('Scanner API').build(), {
      include: [ScannerModule],
    });
    const lookup = document.paths['/scanner/lookup']?.get;
    expect(lookup?.tags).toEqual(['scanner']);
    expect(lookup?.parameters).toEqual([expect.objectContaining({ name: 'code', in: 'query', required: true })]);
    expect(Object.keys(lookup?.responses ?? {}).sort()).toEqual(['200', '400', '404']);
    expect(document.components?.schemas?.ScannerLookupReply).toBeDefined();
    const pick = document.paths['/scanner/pick-tickets/{id}/picks']?.post;
    expect(pick?.parameters).toContainEqual(expect.objectContaining({ name: 'Idempotency-Key', in: 'header' }));
  });
});
