import fc from 'fast-check';
import request from 'supertest';
import {
  type BatchDetailView,
  type BatchDraftView,
  type ImportBatchReply,
  MAX_RECURRING_RUN_ORDERS,
  type OrderView,
  type Page,
  type PickTicketView,
  type ProcessRecurringReply,
  type ShipmentView,
} from '#contracts';
import { Api, eventually, TestSystem } from '#testing';
import { buildFuzzWorld, type FuzzWorld } from '../fuzz/fuzz-world.js';
import { badField, described, type FieldSpec, namesField, withValue } from './bad-input/bad-values.js';

/**
 * Bad values thrown at every write route family, through the gateway and the warehouse scanner
 * API: numbers past their column's range or past 2^53, fractions, huge amounts, long text, NUL
 * characters, the wrong type, extra nesting and unknown fields. Each must be refused with 400
 * VALIDATION_FAILED naming the field, and change nothing (read back through the API). Imported
 * files must name the row and column. Fixed seed and few runs: this runs in `npm test`.
 */
const SEED = 20261203;
const RUNS = 20;
const quantity = { int: [1, 10_000_000] as const };
const money = { money: 0 };

describe('bad input: refused naming the field, nothing changed', () => {
  let system: TestSystem;
  let admin: Api;
  let scanner: Api;
  let world: FuzzWorld;
  const pool = (name: string, i = 0) => world.pools[name][i];
  let openOrder: OrderView;
  let openTicket: PickTicketView;
  let packed: ShipmentView;

  beforeAll(async () => {
    system = await TestSystem.start({ env: { RECURRING_RUN_EVERY_MS: '0', LOG_LEVEL: 'warn' } });
    admin = new Api(system.gatewayUrl, system.adminKey);
    world = await buildFuzzWorld(admin, 'BI');
    scanner = new Api(system.url('warehouse'), world.keys.warehouse);
    const place = async (sku: string) =>
      (
        await admin
          .post('/orders', {
            customerId: pool('customerId'),
            lines: [
              { sku, quantity: 2 },
              { sku, quantity: 1 },
            ],
          })
          .expect(201)
      ).body as OrderView;
    openOrder = await place(pool('sku', 1));
    const toPack = await place(pool('sku', 2));
    const printed: PickTicketView[] = [];
    const tickets = await eventually(
      async () => {
        // Each run prints only what is newly due: keep every ticket, until both orders have one.
        printed.push(...((await admin.post('/pick-tickets/generate', {}).expect(200)).body as PickTicketView[]));
        const mine = [openOrder, toPack].map((o) => printed.find((t) => t.orderId === o.id));
        return mine.every(Boolean) ? (mine as PickTicketView[]) : undefined;
      },
      30_000,
      'pick tickets for the scanner orders',
    );
    openTicket = tickets[0];
    await scanner.post(`/scanner/pick-tickets/${tickets[1].id}/picks`, {}).expect(200);
    packed = (await scanner.post(`/scanner/pick-tickets/${tickets[1].id}/pack`, {}).expect(201)).body as ShipmentView;
    openOrder = (await admin.get(`/orders/${openOrder.id}`).expect(200)).body as OrderView;
  }, 300_000);

  afterAll(async () => {
    await system?.stop();
  });

  /**
   * For `RUNS` bad values of `fields`, `send` must be refused naming the field, and `state`
   * (read through the API) must be what it was before.
   */
  async function refusesAndKeeps(
    fields: readonly FieldSpec[],
    send: (bad: { path: string; value: unknown }) => Promise<{ status: number; body: never }>,
    state: () => Promise<unknown>,
    seed = SEED,
  ): Promise<void> {
    const before = await state();
    await fc.assert(
      fc.asyncProperty(badField(fields), async (bad) => {
        const response = await send(bad);
        if (!namesField(response, bad.path, bad.kind))
          throw new Error(`${bad.path} = ${JSON.stringify(bad.value)?.slice(0, 80)} answered ${described(response)}`);
        expect(await state()).toEqual(before);
      }),
      { seed, numRuns: RUNS, endOnFailure: true },
    );
  }

  const get = async (api: Api, path: string): Promise<unknown> => (await api.get(path).expect(200)).body as unknown;
  const upload = (path: string, csv: string) =>
    request(admin.baseUrl).post(path).set('X-Api-Key', admin.key!).set('Content-Type', 'text/csv').send(csv);
  const ordersOf = (customerId: string) => get(admin, `/orders?customerId=${customerId}&limit=1`);
  const orderLines = async (id: string) =>
    ((await get(admin, `/orders/${id}`)) as OrderView).lines.map((l) => [
      l.id,
      l.quantity,
      l.lineStatus,
      l.shipFeeMinor,
    ]);

  it('orders: placing one', async () => {
    const good = {
      customerId: pool('customerId'),
      customerReference: 'PO-1',
      lines: [{ sku: pool('sku'), quantity: 1, shipFeeMinor: 0, shipFromLocation: pool('locationCode') }],
    };
    await refusesAndKeeps(
      [
        { path: 'customerId', kind: 'uuid' },
        { path: 'customerReference', kind: { text: 100 } },
        { path: 'shipToAddressId', kind: 'uuid' },
        { path: 'shipFromLocation', kind: 'code' },
        { path: 'priority', kind: { int: [0, 9] } },
        { path: 'allowSplit', kind: 'bool' },
        { path: 'recurrence', kind: 'object' },
        { path: 'recurrence.interval', kind: { int: [1, 366] } },
        { path: 'recurrence.startOn', kind: 'date' },
        { path: 'lines', kind: 'list' },
        { path: 'lines[0]', kind: 'object' },
        { path: 'lines[0].sku', kind: 'sku' },
        { path: 'lines[0].quantity', kind: quantity },
        { path: 'lines[0].shipFeeMinor', kind: money },
        { path: 'lines[0].shipFromLocation', kind: 'code' },
        { path: 'lines[0].sourceCode', kind: 'code' },
      ],
      (bad) => admin.post('/orders', withValue(good, bad.path, bad.value)) as never,
      async () => [await ordersOf(pool('customerId')), await get(admin, `/stock?sku=${pool('sku')}`)],
    );
  });

  it('orders: changing a line quantity and adding a line', async () => {
    const [line] = openOrder.lines;
    await refusesAndKeeps(
      [{ path: 'quantity', kind: quantity }],
      (bad) =>
        admin.patch(
          `/orders/${openOrder.id}/lines/${line.id}`,
          withValue({ quantity: 1 }, bad.path, bad.value),
        ) as never,
      () => orderLines(openOrder.id),
    );
    await refusesAndKeeps(
      [
        { path: 'sku', kind: 'sku' },
        { path: 'quantity', kind: quantity },
        { path: 'shipFeeMinor', kind: money },
        { path: 'shipFromLocation', kind: 'code' },
      ],
      (bad) =>
        admin.post(
          `/orders/${openOrder.id}/lines`,
          withValue({ sku: pool('sku'), quantity: 1 }, bad.path, bad.value),
        ) as never,
      () => orderLines(openOrder.id),
      SEED + 1,
    );
  });

  it('orders: line actions, re-open and ids in the path', async () => {
    const [line] = openOrder.lines;
    await refusesAndKeeps(
      [
        { path: 'confirmRemoveShippingFee', kind: 'bool' },
        { path: 'reason', kind: { text: 200 } },
        { path: 'id', kind: 'uuid' },
        { path: 'lineId', kind: 'uuid' },
      ],
      (bad) => {
        if (bad.path === 'id' || bad.path === 'lineId') {
          const id = bad.path === 'id' ? encodeURIComponent(String(bad.value)) || '%20' : openOrder.id;
          const lineId = bad.path === 'lineId' ? encodeURIComponent(String(bad.value)) || '%20' : line.id;
          return admin.post(`/orders/${id}/lines/${lineId}/hold`, {}) as never;
        }
        if (bad.path === 'reason' || bad.path === 'colour')
          return admin.post(`/orders/${openOrder.id}/reopen`, withValue({}, bad.path, bad.value)) as never;
        return admin.post(
          `/orders/${openOrder.id}/lines/${line.id}/pre-ship`,
          withValue({}, bad.path, bad.value),
        ) as never;
      },
      () => orderLines(openOrder.id),
    );
  });

  it('customers', async () => {
    const address = { kind: 'SHIP_TO', name: 'Dock', line1: '1 Road', city: 'Delft', postalCode: '1', country: 'NL' };
    const good = { name: 'Bad Input Ltd', addresses: [address] };
    await refusesAndKeeps(
      [
        { path: 'name', kind: { text: 200, min: 1 } },
        { path: 'email', kind: { text: 254 } },
        { path: 'defaultShipFrom', kind: 'code' },
        { path: 'prepaid', kind: 'bool' },
        { path: 'addresses', kind: 'list' },
        { path: 'addresses[0]', kind: 'object' },
        { path: 'addresses[0].name', kind: { text: 200, min: 1 } },
        { path: 'addresses[0].line1', kind: { text: 200, min: 1 } },
        { path: 'addresses[0].line2', kind: { text: 200 } },
        { path: 'addresses[0].city', kind: { text: 100, min: 1 } },
        { path: 'addresses[0].region', kind: { text: 50 } },
        { path: 'addresses[0].postalCode', kind: { text: 20, min: 1 } },
        { path: 'addresses[0].isDefault', kind: 'bool' },
      ],
      (bad) => admin.post('/customers', withValue(good, bad.path, bad.value)) as never,
      () => get(admin, '/customers?limit=1'),
    );
  });

  it('inventory: items, locations and stock movements', async () => {
    const sku = pool('sku');
    const state = async () => [
      await get(admin, '/items?limit=1'),
      await get(admin, '/locations'),
      await get(admin, `/stock?sku=${sku}`),
      await get(admin, `/stock/ledger?sku=${sku}&limit=1`),
    ];
    const routes: Array<[string, object, FieldSpec[]]> = [
      [
        '/items',
        { sku: 'BI-NEW', name: 'New', components: [{ sku, quantity: 1 }] },
        [
          { path: 'sku', kind: 'sku' },
          { path: 'name', kind: { text: 200, min: 1 } },
          { path: 'productCode', kind: 'code' },
          { path: 'weightGrams', kind: { int: [0, 100_000_000] } },
          { path: 'bin', kind: 'code' },
          { path: 'components', kind: 'list' },
          { path: 'components[0].quantity', kind: { int: [1, 100] } },
          { path: 'components[0].sku', kind: 'sku' },
        ],
      ],
      [
        '/locations',
        { code: 'BI-LOC', name: 'New' },
        [
          { path: 'code', kind: 'code' },
          { path: 'name', kind: { text: 200, min: 1 } },
          { path: 'priority', kind: { int: [0, 10_000] } },
          { path: 'sourceCode', kind: 'code' },
        ],
      ],
      [
        '/stock/receipts',
        { sku, locationCode: pool('locationCode'), quantity: 1, reference: 'PO-1' },
        [
          { path: 'quantity', kind: quantity },
          { path: 'sku', kind: 'sku' },
          { path: 'locationCode', kind: 'code' },
          { path: 'reference', kind: { text: 100 } },
        ],
      ],
      [
        '/stock/adjustments',
        { sku, locationCode: pool('locationCode'), quantity: -1, reason: 'count' },
        [
          { path: 'quantity', kind: { int: [-10_000_000, 10_000_000] } },
          { path: 'reason', kind: { text: 200, min: 1 } },
        ],
      ],
      [
        '/stock/transfers',
        { sku, fromLocationCode: pool('locationCode'), toLocationCode: pool('locationCode', 1), quantity: 1 },
        [
          { path: 'quantity', kind: quantity },
          { path: 'fromLocationCode', kind: 'code' },
          { path: 'toLocationCode', kind: 'code' },
        ],
      ],
    ];
    for (const [index, [path, good, fields]] of routes.entries()) {
      await refusesAndKeeps(
        fields,
        (bad) => admin.post(path, withValue(good, bad.path, bad.value)) as never,
        state,
        SEED + index,
      );
    }
  });

  it('pricing: prices, rules and rule sheets', async () => {
    const state = async () => [await get(admin, '/prices?limit=500'), await get(admin, '/price-rules?limit=500')];
    await refusesAndKeeps(
      [
        { path: 'sku', kind: 'sku' },
        { path: 'unitPriceMinor', kind: money },
        { path: 'validFrom', kind: 'date' },
      ],
      (bad) =>
        admin.post(
          '/prices',
          withValue({ sku: pool('sku'), currency: 'EUR', unitPriceMinor: 100 }, bad.path, bad.value),
        ) as never,
      state,
    );
    const rule = {
      code: 'BI-NEW-RULE',
      currency: 'EUR',
      sku: pool('sku'),
      method: 'PRICE',
      description: 'bulk',
      breaks: [{ from: 1, unitPriceMinor: 100 }],
    };
    const ruleFields: FieldSpec[] = [
      { path: 'description', kind: { text: 200 } },
      { path: 'customerId', kind: 'uuid' },
      { path: 'shipFromLocation', kind: 'code' },
      { path: 'validFrom', kind: 'date' },
      { path: 'breaks', kind: 'list' },
      { path: 'breaks[0]', kind: 'object' },
      { path: 'breaks[0].from', kind: money },
      { path: 'breaks[0].unitPriceMinor', kind: money },
    ];
    await refusesAndKeeps(
      [{ path: 'code', kind: 'sku' }, ...ruleFields],
      (bad) => admin.post('/price-rules', withValue(rule, bad.path, bad.value)) as never,
      state,
      SEED + 1,
    );
    await refusesAndKeeps(
      ruleFields,
      (bad) => admin.patch(`/price-rules/${pool('ruleId')}`, withValue({}, bad.path, bad.value)) as never,
      state,
      SEED + 2,
    );
    // A rule sheet: every bad cell is named by its row and column, and nothing of the file is applied.
    const header = 'code,currency,sku,method,breakFrom,unitPriceMinor,description';
    const unstorable = ['a\u0000b', '\u0000'];
    const badCells: Record<string, string[]> = {
      breakFrom: ['1e20', '99999999999999999999', '-1', '1.5', '10000001', 'abc', ...unstorable],
      unitPriceMinor: ['1e20', '99999999999999999999', '-1', '1.5', '10000000000001', ...unstorable],
      description: ['x'.repeat(201), ...unstorable],
      sku: ['has space', 'x'.repeat(65), ...unstorable],
      code: ['has space', 'x'.repeat(65), ...unstorable],
    };
    const cells = fc
      .constantFrom(...Object.keys(badCells))
      .chain((column) => fc.constantFrom(...badCells[column]).map((value) => ({ column, value })));

    const before = await state();
    await fc.assert(
      fc.asyncProperty(cells, async ({ column, value }) => {
        const row: Record<string, string> = {
          code: 'BI-SHEET',
          currency: 'EUR',
          sku: pool('sku', 2),
          method: 'PRICE',
          breakFrom: '1',
          unitPriceMinor: '100',
          description: 'sheet',
        };
        row[column] = value;
        const csv = `${header}\nBI-OK,EUR,${pool('sku', 1)},PRICE,1,90,fine\n${header
          .split(',')
          .map((c) => row[c])
          .join(',')}\n`;
        const response = await upload('/price-rules/import', csv).expect(400);
        const fields = (response.body as { errors: Array<{ field: string }> }).errors.map((e) => e.field);
        expect(fields).toContain(`rows[3].${column}`);
        expect(fields.filter((f) => f.startsWith('rows[2].'))).toEqual([]);
        expect(await state()).toEqual(before);
      }),
      { seed: SEED, numRuns: 12, endOnFailure: true },
    );
  });

  it('batches: the batch, its drafts and an order file', async () => {
    const batches = () => get(admin, '/batches?limit=1');
    await refusesAndKeeps(
      [
        { path: 'name', kind: { text: 200, min: 1 } },
        { path: 'defaultCustomerId', kind: 'uuid' },
      ],
      (bad) => admin.post('/batches', withValue({ name: 'BI batch' }, bad.path, bad.value)) as never,
      batches,
    );
    // A draft is kept as entered: a bad value is one of its problems, naming the field; nothing is ordered.
    const batchId = pool('batchId');
    const draftFields: FieldSpec[] = [
      { path: 'customerId', kind: 'uuid' },
      { path: 'lines[0].quantity', kind: quantity },
      { path: 'lines[0].sku', kind: 'sku' },
      { path: 'lines[0].shipFeeMinor', kind: money },
      { path: 'customerReference', kind: { text: 100 } },
    ];
    const orders = () => ordersOf(pool('customerId'));
    const ordersBefore = await orders();
    await fc.assert(
      fc.asyncProperty(badField(draftFields), async (bad) => {
        const order = withValue(
          { customerId: pool('customerId'), lines: [{ sku: pool('sku'), quantity: 1 }] },
          bad.path,
          bad.value,
        );
        const response = await admin.post(`/batches/${batchId}/drafts`, order);
        if (response.status === 201) {
          const draft = response.body as BatchDraftView;
          expect(draft.valid).toBe(false);
          expect(
            namesField(
              { status: 400, body: { code: 'VALIDATION_FAILED', errors: draft.problems } },
              bad.path,
              bad.kind,
            ),
          ).toBe(true);
        } else if (!namesField(response as never, bad.path, bad.kind)) {
          throw new Error(`draft ${bad.path} answered ${described(response as never)}`);
        }
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    const posted = await admin.post(`/batches/${batchId}/post`, {}).expect(400);
    expect((posted.body as { errors: Array<{ field: string }> }).errors[0].field).toMatch(/^drafts\[\d+\]\./);
    expect(await orders()).toEqual(ordersBefore);

    // An order file: the bad row is reported with its row number and the column, its order left out.
    const unstorable = ['a\u0000b', '\u0000'];
    const badCells: Record<string, string[]> = {
      quantity: ['2147483648', '1e20', '1.5', '-1', '0', '10000001', 'abc', ...unstorable],
      sku: ['has space', 'x'.repeat(65), ...unstorable],
      order_ref: ['x'.repeat(101), ...unstorable],
      ship_from: ['has space', 'x'.repeat(33), ...unstorable],
      priority: ['10', '-1', '1.5', ...unstorable],
      customer_id: ['not-a-customer', 'x'.repeat(150), ...unstorable],
    };
    const cells = fc
      .constantFrom(...Object.keys(badCells))
      .chain((column) => fc.constantFrom(...badCells[column]).map((value) => ({ column, value })));

    const fresh = (await admin.post('/batches', { name: 'BI file' }).expect(201)).body as { id: string };
    await fc.assert(
      fc.asyncProperty(cells, async ({ column, value }) => {
        const row: Record<string, string> = {
          order_ref: 'BAD',
          customer_id: pool('customerId'),
          sku: pool('sku'),
          quantity: '1',
          ship_from: '',
          priority: '',
        };
        row[column] = value;
        const columns = Object.keys(row);
        const csv = `${columns.join(',')}\nGOOD,${pool('customerId')},${pool('sku')},1,,\n${columns.map((c) => row[c]).join(',')}\n`;
        const reply = (await upload(`/batches/${fresh.id}/import`, csv).expect(200)).body as ImportBatchReply;
        const rejected = reply.rejectedRows.find((r) => r.row === 3);
        if (!rejected?.reasons.some((reason) => reason.startsWith(column)))
          throw new Error(`${column} = ${JSON.stringify(value).slice(0, 40)}: ${JSON.stringify(reply.rejectedRows)}`);
        const detail = (await get(admin, `/batches/${fresh.id}`)) as BatchDetailView;
        expect(detail.drafts.map((d) => d.orderRef)).toEqual(['GOOD']);
      }),
      { seed: SEED, numRuns: 15, endOnFailure: true },
    );
  });

  it('returns', async () => {
    const returnId = pool('returnId');
    const ret = (await get(admin, `/orders/${returnId}`)) as OrderView;
    const goods = ret.lines.find((l) => l.kind !== 'CHARGE')!;
    const state = async () => [await orderLines(returnId), await ordersOf(pool('customerId'))];
    await refusesAndKeeps(
      [
        { path: 'originalOrderId', kind: 'uuid' },
        { path: 'handlingCharge', kind: 'object' },
        { path: 'handlingCharge.description', kind: { text: 200, min: 1 } },
        { path: 'handlingCharge.amountMinor', kind: money },
      ],
      (bad) => admin.post('/returns', withValue({ originalOrderId: pool('orderId') }, bad.path, bad.value)) as never,
      state,
    );
    await refusesAndKeeps(
      [
        { path: 'quantity', kind: { int: [0, 1_000_000_000] } },
        { path: 'unitPriceMinor', kind: money },
      ],
      (bad) =>
        admin.patch(`/returns/${returnId}/lines/${goods.id}`, withValue({ quantity: 1 }, bad.path, bad.value)) as never,
      state,
      SEED + 1,
    );
    await refusesAndKeeps(
      [
        { path: 'description', kind: { text: 200, min: 1 } },
        { path: 'amountMinor', kind: money },
      ],
      (bad) => admin.patch(`/returns/${returnId}/handling-charge`, withValue({}, bad.path, bad.value)) as never,
      state,
      SEED + 2,
    );
  });

  it('billing: payments', async () => {
    const invoiceId = pool('invoiceId');
    await refusesAndKeeps(
      [
        { path: 'invoiceId', kind: 'uuid' },
        { path: 'amountMinor', kind: { money: 1 } },
        { path: 'reference', kind: { text: 100 } },
      ],
      (bad) =>
        admin.post(
          '/payments',
          withValue({ invoiceId, amountMinor: 1, currency: 'EUR', method: 'CARD' }, bad.path, bad.value),
        ) as never,
      () => get(admin, `/invoices/${invoiceId}`),
    );
  });

  it('warehouse scanner: picks, packing and shipping', async () => {
    const ticketState = () => get(scanner, `/scanner/pick-tickets/${openTicket.id}`);
    const lineId = openTicket.lines[0].orderLineId;
    await refusesAndKeeps(
      [
        { path: 'lines', kind: 'list' },
        { path: 'lines[0]', kind: 'object' },
        { path: 'lines[0].orderLineId', kind: 'uuid' },
        { path: 'lines[0].quantity', kind: { int: [1, 1_000_000_000] } },
      ],
      (bad) =>
        scanner.post(
          `/scanner/pick-tickets/${openTicket.id}/picks`,
          withValue({ lines: [{ orderLineId: lineId, quantity: 1 }] }, bad.path, bad.value),
        ) as never,
      ticketState,
    );
    await refusesAndKeeps(
      [
        { path: 'containers', kind: 'list' },
        { path: 'containers[0].code', kind: { text: 50 } },
        { path: 'containers[0].weightGrams', kind: { int: [0, 100_000_000] } },
        { path: 'containers[0].lines', kind: 'list' },
        { path: 'containers[0].lines[0].quantity', kind: { int: [1, 1_000_000_000] } },
      ],
      (bad) =>
        scanner.post(
          `/scanner/pick-tickets/${openTicket.id}/pack`,
          withValue(
            { containers: [{ code: 'BOX', lines: [{ orderLineId: lineId, quantity: 1 }] }] },
            bad.path,
            bad.value,
          ),
        ) as never,
      ticketState,
      SEED + 1,
    );
    await refusesAndKeeps(
      [
        { path: 'carrier', kind: { text: 50, min: 1 } },
        { path: 'trackingNumber', kind: { text: 100, min: 1 } },
      ],
      (bad) =>
        scanner.post(
          `/scanner/shipments/${packed.id}/ship`,
          withValue({ carrier: 'DHL', trackingNumber: 'T-1' }, bad.path, bad.value),
        ) as never,
      () => get(scanner, `/scanner/shipments/${packed.id}`),
      SEED + 2,
    );
  });

  it('bounded work: a recurring run makes at most 50 orders and says when more are due', async () => {
    const today = new Date();
    const daysAgo = (n: number) => new Date(today.getTime() - n * 86_400_000).toISOString().slice(0, 10);
    const template = (
      await admin
        .post('/orders', {
          customerId: pool('customerId', 1),
          type: 'RECURRING',
          recurrence: { every: 'DAY', startOn: daysAgo(59) },
          lines: [{ sku: pool('sku'), quantity: 1 }],
        })
        .expect(201)
    ).body as OrderView;
    const asOf = daysAgo(0);
    const first = (await admin.post('/recurring-orders/process', { asOf }).expect(200)).body as ProcessRecurringReply;
    expect([first.created.length, first.complete]).toEqual([MAX_RECURRING_RUN_ORDERS, false]);
    const second = (await admin.post('/recurring-orders/process', { asOf }).expect(200)).body as ProcessRecurringReply;
    expect([second.created.length, second.complete]).toEqual([60 - MAX_RECURRING_RUN_ORDERS, true]);
    const children = ((await get(admin, `/orders/${template.id}`)) as OrderView).references.children;
    expect(children).toHaveLength(60);
  });

  it('lists: limit and offset only from plain digits in range, on the gateway and the scanner API', async () => {
    const lists: Array<[Api, string]> = [
      [admin, '/orders'],
      [admin, '/customers'],
      [admin, '/items'],
      [admin, '/stock'],
      [admin, '/stock/ledger'],
      [admin, '/prices'],
      [admin, '/price-rules'],
      [admin, '/batches'],
      [admin, '/invoices'],
      [admin, '/pick-tickets'],
      [scanner, '/scanner/pick-tickets'],
    ];
    const common = ['1e20', '-1', 'abc', '1.5', '0x10', '', '99999999999999999999', ' 5', '\u0000', '2147483648'];
    const badOf = { limit: [...common, '0', '501'], offset: [...common, '1000000001'] };
    const bad = fc.record({
      list: fc.constantFrom(...lists.keys()),
      named: fc
        .constantFrom('limit' as const, 'offset' as const)
        .chain((name) => fc.constantFrom(...badOf[name]).map((value) => ({ name, value }))),
    });
    await fc.assert(
      fc.asyncProperty(bad, async ({ list, named: { name, value } }) => {
        const [api, path] = lists[list];
        const response = await api.get(`${path}?${name}=${encodeURIComponent(value)}`);
        if (!namesField(response as never, name))
          throw new Error(`${path}?${name}=${value} answered ${described(response as never)}`);
      }),
      { seed: SEED, numRuns: 40, endOnFailure: true },
    );
    for (const [api, path] of lists) {
      const page = (await api.get(`${path}?limit=500&offset=1000000000`).expect(200)).body as Page<unknown>;
      expect(page.items).toEqual([]);
    }
  });
});
