import { randomUUID } from 'node:crypto';
import {
  type FulfillStatus,
  type LineKind,
  type LineStatus,
  OrdersSubjects,
  type OrderType,
  type OrderView,
} from '#contracts';
import { RpcFixtures, startTestApp, type TestApp } from '#testing';
import { ordersService } from '../src/app.module.js';
import { orderTypeRows } from '../src/order-types/order-type-rows.js';

interface LineSpec {
  quantity?: number;
  unitPriceMinor?: number;
  lineStatus?: LineStatus;
  fulfillStatus?: FulfillStatus;
  shipped?: number;
  invoiced?: number;
  moved?: number;
  kind?: LineKind;
}

interface OrderSpec {
  type?: OrderType;
  lines: LineSpec[];
  cancelled?: boolean;
  refOrderId?: string;
  /** Invoices of the order: total, paid, voided. */
  invoices?: Array<{ totalMinor: number; paidMinor?: number; voided?: boolean }>;
}

/**
 * The status an order shows at a glance, case by case, read through orders itself from
 * orders as its services leave them in the database (each written here directly, so every
 * case is stated on its own).
 */
describe('orders: the derived order status', () => {
  let h: TestApp;
  let customerId: string;
  let count = 0;

  beforeAll(async () => {
    h = await startTestApp(ordersService, { RECURRING_RUN_EVERY_MS: '0' });
    customerId = (await new RpcFixtures(h.rpc).customer({ name: 'Status Ltd' })).id;
  });

  afterAll(async () => {
    await h?.close();
  });

  /** Writes an order as the services would have left it and reads it back as an OrderView. */
  async function anOrder(spec: OrderSpec): Promise<OrderView> {
    const id = randomUUID();
    count += 1;
    await h.db.query(
      `INSERT INTO orders.orders (id, number, type, customer_id, currency, created_by, cancelled_at, ref_order_id, recurrence)
       VALUES ($1, $2, $3, $4, 'EUR', 'test', $5, $6, $7)`,
      [
        id,
        `ST-${String(count).padStart(6, '0')}`,
        spec.type ?? 'ORDER',
        customerId,
        spec.cancelled ? new Date() : null,
        spec.refOrderId ?? null,
        spec.type === 'RECURRING' ? { every: 'MONTH', interval: 1, startOn: '2026-01-01' } : null,
      ],
    );
    for (const [index, line] of spec.lines.entries()) {
      await h.db.query(
        `INSERT INTO orders.order_lines (id, order_id, line_no, sku, quantity, unit_price_minor, price_id, line_status, fulfill_status,
                                         shipped_quantity, invoiced_quantity, moved_quantity, kind)
         VALUES ($1, $2, $3, 'ST-ITEM', $4, $5, 'p', $6, $7, $8, $9, $10, $11)`,
        [
          randomUUID(),
          id,
          index + 1,
          line.quantity ?? 1,
          line.unitPriceMinor ?? 100,
          line.lineStatus ?? 'ACTIVE',
          line.fulfillStatus ?? 'NOT_FULFILLED',
          line.shipped ?? 0,
          line.invoiced ?? 0,
          line.moved ?? 0,
          line.kind ?? 'ITEM',
        ],
      );
    }
    for (const [index, invoice] of (spec.invoices ?? []).entries()) {
      await h.db.query(
        `INSERT INTO orders.order_invoices (invoice_id, order_id, number, total_minor, paid_minor, posted_at, voided_at)
         VALUES ($1, $2, $3, $4, $5, now(), $6)`,
        [
          randomUUID(),
          id,
          `INV-${count}-${index}`,
          invoice.totalMinor,
          invoice.paidMinor ?? 0,
          invoice.voided ? new Date() : null,
        ],
      );
    }
    return read(id);
  }

  const read = (id: string): Promise<OrderView> => h.rpc.request(OrdersSubjects.getOrder, { id });
  const statusOf = async (spec: OrderSpec) => (await anOrder(spec)).status;

  it('keeps the rules of every order type as contracts states them, for the SQL to read', async () => {
    const stored = await h.db.query(`SELECT * FROM orders.order_types ORDER BY type`);
    expect(stored).toEqual(orderTypeRows().sort((a, b) => a.type.localeCompare(b.type)));
  });

  it('shows a quote as QUOTE and a recurring template as TEMPLATE, whatever their lines say', async () => {
    expect(await statusOf({ type: 'QUOTE', lines: [{ lineStatus: 'PROFORMA' }] })).toBe('QUOTE');
    expect(
      await statusOf({ type: 'RECURRING', lines: [{ lineStatus: 'PROFORMA' }, { lineStatus: 'CANCELLED' }] }),
    ).toBe('TEMPLATE');
  });

  it('shows an order that was cancelled, or whose every line was, as CANCELLED', async () => {
    expect(await statusOf({ cancelled: true, lines: [{ lineStatus: 'CANCELLED' }] })).toBe('CANCELLED');
    expect(await statusOf({ lines: [{ lineStatus: 'CANCELLED' }, { lineStatus: 'CANCELLED' }] })).toBe('CANCELLED');
    expect(await statusOf({ lines: [{ lineStatus: 'CANCELLED' }, {}] })).toBe('OPEN');
  });

  it('closes a loss/reshipment once everything shipped, though nothing is ever invoiced', async () => {
    const shipped = await anOrder({
      type: 'LOSS_RESHIPMENT',
      lines: [{ quantity: 2, shipped: 2, fulfillStatus: 'SHIPPED' }],
    });
    expect(shipped).toMatchObject({ status: 'CLOSED', invoicedMinor: 0 });
    expect(
      await statusOf({
        type: 'LOSS_RESHIPMENT',
        lines: [{ quantity: 2, shipped: 1, fulfillStatus: 'PACKING_SLIP_PRINTED' }],
      }),
    ).toBe('PARTLY_SHIPPED');
    // A sale that shipped in full is only SHIPPED: it still has to be invoiced.
    expect(await statusOf({ lines: [{ quantity: 2, shipped: 2, fulfillStatus: 'SHIPPED' }] })).toBe('SHIPPED');
  });

  it('closes a return or a credit memo once credited, and totals a return as its goods less its handling charge', async () => {
    const open = await anOrder({
      type: 'RETURN',
      lines: [
        { quantity: 2, unitPriceMinor: 1000 },
        { quantity: 1, unitPriceMinor: 300, kind: 'CHARGE' },
      ],
    });
    expect(open).toMatchObject({ status: 'OPEN', totalMinor: 1700 });
    const credited = await anOrder({
      type: 'RETURN',
      lines: [
        { quantity: 2, unitPriceMinor: 1000, invoiced: 2, fulfillStatus: 'RETURNED' },
        { quantity: 1, unitPriceMinor: 300, kind: 'CHARGE', invoiced: 1 },
      ],
    });
    expect(credited).toMatchObject({ status: 'CLOSED', totalMinor: 1700 });
    // A credit memo's one line is the amount it credits, a charge that adds to its total.
    const memo = await anOrder({ type: 'CREDIT_MEMO', lines: [{ unitPriceMinor: 2500, kind: 'CHARGE', invoiced: 1 }] });
    expect(memo).toMatchObject({ status: 'CLOSED', totalMinor: 2500 });
  });

  it('shows an order invoiced in full and paid in full as PAID, paid in part as INVOICED', async () => {
    const line = { quantity: 2, unitPriceMinor: 500, shipped: 2, invoiced: 2, fulfillStatus: 'SHIPPED' as const };
    const paid = await anOrder({ lines: [line], invoices: [{ totalMinor: 1000, paidMinor: 1000 }] });
    expect(paid).toMatchObject({ status: 'PAID', totalMinor: 1000, invoicedMinor: 1000, paidMinor: 1000 });
    expect(await statusOf({ lines: [line], invoices: [{ totalMinor: 1000, paidMinor: 400 }] })).toBe('INVOICED');
  });

  it('shows an order of which something is invoiced as PARTLY_INVOICED', async () => {
    expect(
      await statusOf({
        lines: [
          { shipped: 1, invoiced: 1, fulfillStatus: 'SHIPPED' },
          { shipped: 1, fulfillStatus: 'SHIPPED' },
        ],
        invoices: [{ totalMinor: 100 }],
      }),
    ).toBe('PARTLY_INVOICED');
  });

  it('leaves voided invoices out: a re-opened order is OPEN again and shows nothing invoiced', async () => {
    const reopened = await anOrder({
      lines: [{ quantity: 1 }],
      invoices: [{ totalMinor: 100, paidMinor: 100, voided: true }],
    });
    expect(reopened).toMatchObject({ status: 'OPEN', invoicedMinor: 0, paidMinor: 0 });
  });

  it('shows an order whose every line shipped or was handed over as SHIPPED, some of it as PARTLY_SHIPPED', async () => {
    expect(
      await statusOf({
        lines: [
          { fulfillStatus: 'PRE_SHIPPED' },
          { fulfillStatus: 'STANDING_ORDER_TERMINATED' },
          { quantity: 3, shipped: 3, fulfillStatus: 'SHIPPED' },
        ],
      }),
    ).toBe('SHIPPED');
    expect(await statusOf({ lines: [{ quantity: 3, shipped: 1, fulfillStatus: 'PACKING_SLIP_PRINTED' }] })).toBe(
      'PARTLY_SHIPPED',
    );
    expect(await statusOf({ lines: [{ fulfillStatus: 'PRE_SHIPPED' }, {}] })).toBe('PARTLY_SHIPPED');
  });

  it('shows an order with a line waiting for stock as BACK_ORDERED, and one with nothing done yet as OPEN', async () => {
    expect(await statusOf({ lines: [{}, { lineStatus: 'BACK_ORDERED' }] })).toBe('BACK_ORDERED');
    expect(await statusOf({ lines: [{}, { lineStatus: 'PROFORMA' }, { lineStatus: 'HELD' }] })).toBe('OPEN');
  });

  it('counts a kit as shipped and priced through its kit line, not its components', async () => {
    const kit = await anOrder({
      lines: [
        { quantity: 1, unitPriceMinor: 5000, kind: 'KIT', fulfillStatus: 'PACKING_SLIP_PRINTED' },
        { quantity: 2, unitPriceMinor: 0, kind: 'COMPONENT', shipped: 2, fulfillStatus: 'SHIPPED' },
        { quantity: 1, unitPriceMinor: 0, kind: 'COMPONENT', fulfillStatus: 'PACKING_SLIP_PRINTED' },
      ],
    });
    expect(kit).toMatchObject({ status: 'OPEN', totalMinor: 5000 });
  });

  it('says when the rest of an order moved to a Backorder, and where that rest is still open', async () => {
    const original = await anOrder({
      lines: [{ quantity: 10, unitPriceMinor: 100, shipped: 6, moved: 4, invoiced: 6, fulfillStatus: 'SHIPPED' }],
      invoices: [{ totalMinor: 600 }],
    });
    expect(original).toMatchObject({ status: 'INVOICED', totalMinor: 600, restBackordered: true });
    expect(original.openBackorder).toBeUndefined();
    const backorder = await anOrder({ type: 'BACKORDER', refOrderId: original.id, lines: [{ quantity: 4 }] });
    expect(backorder).toMatchObject({ status: 'OPEN', restBackordered: false });
    expect(await read(original.id)).toMatchObject({
      openBackorder: { id: backorder.id, number: backorder.number, type: 'BACKORDER', status: 'OPEN' },
    });
    await h.db.query(`UPDATE orders.order_lines SET line_status = 'CANCELLED' WHERE order_id = $1`, [backorder.id]);
    expect((await read(original.id)).openBackorder).toBeUndefined();
  });
});
