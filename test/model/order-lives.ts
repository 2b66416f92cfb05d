import fc from 'fast-check';
import type { Response } from 'supertest';
import type {
  FulfillStatus,
  InvoiceView,
  LineStatus,
  OrderLineView,
  OrderView,
  Page,
  PickTicketView,
  ShipmentView,
} from '#contracts';
import { type Api, consumersCaughtUp, connectJetStream, eventually, type TcpProxy, type TestSystem } from '#testing';

/**
 * A model-based test of whole order lives (fast-check's model-based commands), driven through
 * the gateway against the real system. Each run is one sequence of user actions on a customer
 * and items of its own: place orders (in stock and back-ordered), change quantities, add and
 * remove lines, hold and make active, pre-ship, cancel lines and orders, print pick tickets,
 * pick (in full and short), pack and ship, and pay invoices in parts. The model is what a user
 * should see; every reply is checked against it, and at the end of each sequence every order,
 * invoice and the stock are compared with it and the consistency checks must be clean.
 *
 * With faults on, steps between the actions kill a service (SIGKILL) and restart it, restart
 * NATS, or cut every service off Postgres for a moment. The client then behaves as a careful
 * client does: it retries a 503 or 504 with the same Idempotency-Key, or reads the order back to
 * learn whether an action it could not see the answer to took effect.
 */

const LOCATION = 'WH1';

export interface LivesWorld {
  api: Api;
  system: TestSystem;
  /** Every service's Postgres connections go through this proxy, so a "Postgres restart" is one cut. */
  pg?: TcpProxy;
  /** Counts for the report. */
  stats: { sequences: number; commands: number; faults: number; retries: number; slowestSettleMs?: number };
}

interface MLine {
  id: string;
  sku: string;
  price: number;
  quantity: number;
  lineStatus: LineStatus;
  fulfillStatus: FulfillStatus;
  reserved: number;
  shipped: number;
}

interface MOrder {
  id: string;
  number: string;
  lines: MLine[];
  cancelled: boolean;
  /** Once a shipment or pre-ship was billed, the rest may move to a Backorder: the model stops editing the order. */
  settled: boolean;
  /** Open pick tickets and the lines on each. */
  tickets: Array<{ id: string; lineIds: string[] }>;
}

interface Model {
  seq: number;
  customerId: string;
  skus: { ample: Array<{ sku: string; price: number }>; scarce: { sku: string; price: number } };
  orders: MOrder[];
  /** Minor units each invoice should still have open. */
  paid: Map<string, number>;
  /** Minor units billed per order (shipped and pre-shipped quantities at their prices). */
  billed: Map<string, number>;
}

type Cmd = fc.AsyncCommand<Model, LivesWorld>;

// ---------- talking to the gateway as a careful client ----------

const RETRYABLE = new Set([502, 503, 504]);

/** Sends until the answer is not a transient one (503, 504, 409 IN_PROGRESS); a 500 is never retried. */
async function send(world: LivesWorld, call: () => Promise<Response>, what: string): Promise<Response> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const res = await call().catch((error: unknown) => ({ status: 0, body: { error: String(error) } }) as Response);
    const transient =
      res.status === 0 ||
      RETRYABLE.has(res.status) ||
      (res.status === 409 && (res.body as { code?: string })?.code === 'IDEMPOTENCY_IN_PROGRESS');
    if (!transient) {
      if (res.status >= 500) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
      return res;
    }
    if (Date.now() > deadline) throw new Error(`${what}: still ${res.status} after 120 s: ${JSON.stringify(res.body)}`);
    world.stats.retries += 1;
    const after = Number((res as { headers?: Record<string, string> }).headers?.['retry-after'] ?? 1);
    await new Promise((r) => setTimeout(r, Math.min(Math.max(after, 0.2), 2) * 1000));
  }
}

/**
 * An action without an Idempotency-Key: when its answer is lost (503/504), the client reads the
 * order back and, if the action already took effect, takes that as the answer.
 */
async function act(
  world: LivesWorld,
  call: () => Promise<Response>,
  tookEffect: () => Promise<boolean>,
  what: string,
): Promise<Response | 'took-effect'> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const res = await call().catch((error: unknown) => ({ status: 0, body: { error: String(error) } }) as Response);
    if (!(res.status === 0 || RETRYABLE.has(res.status))) {
      if (res.status >= 500) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
      // A retry refused because the first attempt did it after all.
      if (res.status === 409 && world.stats.retries > 0 && (await tookEffect().catch(() => false)))
        return 'took-effect';
      return res;
    }
    world.stats.retries += 1;
    if (Date.now() > deadline) throw new Error(`${what}: still ${res.status} after 120 s`);
    await new Promise((r) => setTimeout(r, 1000));
    if (await tookEffect().catch(() => false)) return 'took-effect';
  }
}

async function getOrder(world: LivesWorld, id: string): Promise<OrderView> {
  const res = await send(world, () => world.api.get(`/orders/${id}`), `GET /orders/${id}`);
  if (res.status !== 200) throw new Error(`GET /orders/${id}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as OrderView;
}

function expectStatus(res: Response | 'took-effect', expected: number[], what: string): void {
  if (res === 'took-effect') return;
  if (!expected.includes(res.status))
    throw new Error(`${what}: expected ${expected.join(' or ')}, got ${res.status} ${JSON.stringify(res.body)}`);
}

function pick<T>(items: T[], index: number): T | undefined {
  return items.length === 0 ? undefined : items[index % items.length];
}

function lineAt(model: Model, orderIndex: number, lineIndex: number): { order: MOrder; line: MLine } | undefined {
  const order = pick(
    model.orders.filter((o) => !o.settled),
    orderIndex,
  );
  const line = order && pick(order.lines, lineIndex);
  return order && line ? { order, line } : undefined;
}

function sameLine(real: OrderLineView | undefined, line: MLine, what: string): void {
  if (!real) throw new Error(`${what}: line ${line.id} (${line.sku}) is missing`);
  const seen = [real.quantity, real.lineStatus, real.fulfillStatus, real.reservedQuantity];
  const expected = [line.quantity, line.lineStatus, line.fulfillStatus, line.reserved];
  if (JSON.stringify(seen) !== JSON.stringify(expected))
    throw new Error(
      `${what}: line ${line.sku} is [quantity, line status, fulfill status, reserved] ${JSON.stringify(seen)}, expected ${JSON.stringify(expected)}`,
    );
}

/** True while nothing has been shipped, invoiced or ticketed on the line: it can still be edited or cancelled. */
const unprocessed = (line: MLine) => line.fulfillStatus === 'NOT_FULFILLED' && line.shipped === 0;
const live = (line: MLine) => line.lineStatus !== 'CANCELLED';

// ---------- the commands ----------

class PlaceOrder implements Cmd {
  constructor(readonly lines: Array<{ scarce: boolean; item: number; quantity: number }>) {}
  check = () => true;
  async run(model: Model, world: LivesWorld): Promise<void> {
    const lines = this.lines.map((l) => {
      const item = l.scarce ? model.skus.scarce : model.skus.ample[l.item % model.skus.ample.length];
      return { ...item, quantity: l.quantity, scarce: l.scarce };
    });
    const key = `lives-${model.seq}-${model.orders.length}-${Date.now()}`;
    const res = await send(
      world,
      () =>
        world.api.post(
          '/orders',
          { customerId: model.customerId, lines: lines.map((l) => ({ sku: l.sku, quantity: l.quantity })) },
          { 'Idempotency-Key': key },
        ),
      'place order',
    );
    expectStatus(res, [201], 'place order');
    const placed = res.body as OrderView;
    const total = lines.reduce((sum, l) => sum + l.price * l.quantity, 0);
    if (placed.totalMinor !== total) throw new Error(`place order: total ${placed.totalMinor}, expected ${total}`);
    const order: MOrder = {
      id: placed.id,
      number: placed.number,
      cancelled: false,
      settled: false,
      tickets: [],
      lines: placed.lines.map((real, i) => ({
        id: real.id,
        sku: lines[i].sku,
        price: lines[i].price,
        quantity: lines[i].quantity,
        lineStatus: lines[i].scarce ? 'BACK_ORDERED' : 'ACTIVE',
        fulfillStatus: 'NOT_FULFILLED',
        reserved: lines[i].scarce ? 0 : lines[i].quantity,
        shipped: 0,
      })),
    };
    order.lines.forEach((line, i) => sameLine(placed.lines[i], line, `place order ${placed.number}`));
    model.orders.push(order);
  }
  toString = () => `PlaceOrder(${JSON.stringify(this.lines)})`;
}

/** A line action whose legality the model predicts: a legal one must succeed, an illegal one must be refused with 409 and change nothing. */
abstract class LineAction implements Cmd {
  constructor(
    readonly orderIndex: number,
    readonly lineIndex: number,
  ) {}
  abstract readonly name: string;
  abstract allowed(line: MLine, order: MOrder): boolean;
  abstract apply(line: MLine, order: MOrder): void;
  abstract call(world: LivesWorld, order: MOrder, line: MLine): Promise<Response>;
  check = (model: Model) => lineAt(model, this.orderIndex, this.lineIndex) !== undefined;

  async run(model: Model, world: LivesWorld): Promise<void> {
    const target = lineAt(model, this.orderIndex, this.lineIndex)!;
    const { order, line } = target;
    const allowed = this.allowed(line, order);
    const expected = structuredClone(line);
    if (allowed) this.apply(expected, order);
    const what = `${this.name} ${order.number} line ${line.sku} (${line.lineStatus}/${line.fulfillStatus})`;
    const res = await act(
      world,
      () => this.call(world, order, line),
      async () => {
        const real = (await getOrder(world, order.id)).lines.find((l) => l.id === line.id);
        return allowed && real?.lineStatus === expected.lineStatus && real.fulfillStatus === expected.fulfillStatus;
      },
      what,
    );
    expectStatus(res, allowed ? [200, 201] : [409], what);
    if (allowed) this.apply(line, order);
    const after = await getOrder(world, order.id);
    sameLine(
      after.lines.find((l) => l.id === line.id),
      line,
      what,
    );
  }
  toString = () => `${this.name}(order ${this.orderIndex}, line ${this.lineIndex})`;
}

class Hold extends LineAction {
  name = 'hold';
  allowed = (l: MLine) => l.lineStatus === 'ACTIVE' && l.fulfillStatus === 'NOT_FULFILLED';
  apply = (l: MLine) => void (l.lineStatus = 'HELD');
  call = (w: LivesWorld, o: MOrder, l: MLine) => w.api.post(`/orders/${o.id}/lines/${l.id}/hold`);
}

class MakeActive extends LineAction {
  name = 'make active';
  allowed = (l: MLine) => l.lineStatus === 'HELD';
  apply = (l: MLine) => void (l.lineStatus = 'ACTIVE');
  call = (w: LivesWorld, o: MOrder, l: MLine) => w.api.post(`/orders/${o.id}/lines/${l.id}/make-active`);
}

class PreShip extends LineAction {
  name = 'pre-ship';
  allowed = (l: MLine) => l.lineStatus === 'ACTIVE' && l.fulfillStatus === 'NOT_FULFILLED';
  apply = (l: MLine, o: MOrder) => {
    l.fulfillStatus = 'PRE_SHIPPED';
    // The customer took the reserved units: nothing is held for the line any more; it is billed at once.
    l.reserved = 0;
    o.settled = true;
  };
  call = (w: LivesWorld, o: MOrder, l: MLine) => w.api.post(`/orders/${o.id}/lines/${l.id}/pre-ship`, {});
  override async run(model: Model, world: LivesWorld): Promise<void> {
    const target = lineAt(model, this.orderIndex, this.lineIndex)!;
    const willBill = this.allowed(target.line);
    await super.run(model, world);
    if (willBill) bill(model, target.order.id, target.line.price * target.line.quantity);
  }
}

class CancelLine extends LineAction {
  name = 'cancel line';
  allowed = (l: MLine) => live(l) && unprocessed(l);
  apply = (l: MLine) => {
    l.lineStatus = 'CANCELLED';
    l.reserved = 0;
  };
  call = (w: LivesWorld, o: MOrder, l: MLine) => w.api.post(`/orders/${o.id}/lines/${l.id}/cancel`);
}

class ChangeQuantity extends LineAction {
  name = 'change quantity';
  constructor(
    orderIndex: number,
    lineIndex: number,
    readonly quantity: number,
  ) {
    super(orderIndex, lineIndex);
  }
  // Asking for the quantity the line already has is a harmless no-op (200, nothing changes).
  allowed = (l: MLine) => live(l) && unprocessed(l) && l.lineStatus !== 'BACK_ORDERED' && l.lineStatus !== 'HELD';
  apply = (l: MLine) => {
    l.quantity = this.quantity;
    l.reserved = this.quantity;
  };
  call = (w: LivesWorld, o: MOrder, l: MLine) =>
    w.api.patch(`/orders/${o.id}/lines/${l.id}`, { quantity: this.quantity });
  override check = (model: Model) => {
    const target = lineAt(model, this.orderIndex, this.lineIndex);
    // Only lines the model can predict: an active, in-stock line (or one the system must refuse: a cancelled or processed one).
    return !!target && target.line.lineStatus !== 'BACK_ORDERED' && target.line.lineStatus !== 'HELD';
  };
  override toString = () => `change quantity(order ${this.orderIndex}, line ${this.lineIndex}, to ${this.quantity})`;
}

class AddLine implements Cmd {
  constructor(
    readonly orderIndex: number,
    readonly item: number,
    readonly quantity: number,
  ) {}
  check = (model: Model) => model.orders.some((o) => !o.settled && !o.cancelled);
  async run(model: Model, world: LivesWorld): Promise<void> {
    const order = pick(
      model.orders.filter((o) => !o.settled && !o.cancelled),
      this.orderIndex,
    )!;
    const item = model.skus.ample[this.item % model.skus.ample.length];
    const before = new Set(order.lines.map((l) => l.id));
    const what = `add line to ${order.number}`;
    const res = await act(
      world,
      () => world.api.post(`/orders/${order.id}/lines`, { sku: item.sku, quantity: this.quantity }),
      async () => (await getOrder(world, order.id)).lines.some((l) => !before.has(l.id)),
      what,
    );
    expectStatus(res, [200, 201], what);
    const after = await getOrder(world, order.id);
    const added = after.lines.filter((l) => !before.has(l.id));
    if (added.length !== 1) throw new Error(`${what}: ${added.length} new lines`);
    const line: MLine = {
      id: added[0].id,
      sku: item.sku,
      price: item.price,
      quantity: this.quantity,
      lineStatus: 'ACTIVE',
      fulfillStatus: 'NOT_FULFILLED',
      reserved: this.quantity,
      shipped: 0,
    };
    sameLine(added[0], line, what);
    order.lines.push(line);
  }
  toString = () => `AddLine(order ${this.orderIndex}, item ${this.item}, ${this.quantity})`;
}

class RemoveLine implements Cmd {
  constructor(
    readonly orderIndex: number,
    readonly lineIndex: number,
  ) {}
  check = (model: Model) => lineAt(model, this.orderIndex, this.lineIndex) !== undefined;
  async run(model: Model, world: LivesWorld): Promise<void> {
    const { order, line } = lineAt(model, this.orderIndex, this.lineIndex)!;
    // A closed (cancelled) line is not edited any more, removing included.
    const allowed = live(line) && unprocessed(line) && order.lines.length > 1;
    const what = `remove line ${line.sku} of ${order.number}`;
    const res = await act(
      world,
      () => world.api.delete(`/orders/${order.id}/lines/${line.id}`),
      async () => allowed && !(await getOrder(world, order.id)).lines.some((l) => l.id === line.id),
      what,
    );
    expectStatus(res, allowed ? [200] : [409], what);
    if (allowed) order.lines = order.lines.filter((l) => l !== line);
    const after = await getOrder(world, order.id);
    if (after.lines.some((l) => l.id === line.id) === allowed) throw new Error(`${what}: line is still there`);
  }
  toString = () => `RemoveLine(order ${this.orderIndex}, line ${this.lineIndex})`;
}

class CancelOrder implements Cmd {
  constructor(readonly orderIndex: number) {}
  check = (model: Model) => model.orders.some((o) => !o.settled);
  async run(model: Model, world: LivesWorld): Promise<void> {
    const order = pick(
      model.orders.filter((o) => !o.settled),
      this.orderIndex,
    )!;
    const allowed = !order.cancelled && order.lines.filter(live).every(unprocessed);
    const what = `cancel ${order.number}`;
    const res = await act(
      world,
      () => world.api.post(`/orders/${order.id}/cancel`),
      async () => allowed && (await getOrder(world, order.id)).status === 'CANCELLED',
      what,
    );
    expectStatus(res, allowed ? [200, 201] : [409], what);
    if (allowed) {
      order.cancelled = true;
      for (const line of order.lines) {
        line.lineStatus = 'CANCELLED';
        line.reserved = 0;
      }
    }
    const after = await getOrder(world, order.id);
    for (const line of order.lines)
      sameLine(
        after.lines.find((l) => l.id === line.id),
        line,
        what,
      );
  }
  toString = () => `CancelOrder(${this.orderIndex})`;
}

/** Prints pick tickets at the location: every active, reserved, unprinted line of the sequence gets one. */
class PrintTickets implements Cmd {
  check = (model: Model) =>
    model.orders.some((o) => o.lines.some((l) => l.lineStatus === 'ACTIVE' && l.fulfillStatus === 'NOT_FULFILLED'));
  async run(model: Model, world: LivesWorld): Promise<void> {
    // Holds and releases reach the warehouse as events: print once they are in.
    await settle(world);
    const res = await send(
      world,
      () => world.api.post('/pick-tickets/generate', { locationCode: LOCATION }),
      'print tickets',
    );
    expectStatus(res, [200], 'print tickets');
    for (const order of model.orders) {
      const due = order.lines.filter(
        (l) => l.lineStatus === 'ACTIVE' && l.fulfillStatus === 'NOT_FULFILLED' && l.reserved > 0,
      );
      const list = await send(
        world,
        () => world.api.get(`/pick-tickets?orderId=${order.id}&status=OPEN`),
        'list tickets',
      );
      const tickets = (list.body as Page<PickTicketView>).items;
      const known = new Set(order.tickets.map((t) => t.id));
      const fresh = tickets.filter((t) => !known.has(t.id));
      const ticketed = new Set(fresh.flatMap((t) => t.lines.map((l) => l.orderLineId)));
      const dueIds = new Set(due.map((l) => l.id));
      const extra = [...ticketed].filter((id) => !dueIds.has(id));
      if (extra.length > 0) {
        const skus = extra.map((id) => order.lines.find((l) => l.id === id)?.sku ?? id);
        throw new Error(`print tickets: ${order.number} got tickets for lines not due (${skus.join(', ')})`);
      }
      const missing = due.filter((l) => !ticketed.has(l.id));
      if (missing.length > 0)
        throw new Error(`print tickets: ${order.number} lines ${missing.map((l) => l.sku).join(', ')} got no ticket`);
      if (fresh.length === 0 && due.length === 0) continue;
      for (const t of fresh) order.tickets.push({ id: t.id, lineIds: t.lines.map((l) => l.orderLineId) });
      for (const line of due) line.fulfillStatus = 'PACKING_SLIP_PRINTED';
      // Orders learns of the printed slip from the warehouse's event: the user sees it a moment later.
      await eventually(
        async () => {
          const after = await getOrder(world, order.id);
          for (const line of order.lines)
            sameLine(
              after.lines.find((l) => l.id === line.id),
              line,
              `print tickets for ${order.number}`,
            );
          return true;
        },
        { timeoutMs: 30_000, what: `${order.number} to show its packing slips printed` },
      );
    }
  }
  toString = () => 'PrintTickets';
}

/** Picks a ticket (in full, or one unit short on its first line), packs everything picked and ships it. */
class PickPackShip implements Cmd {
  constructor(
    readonly ticketIndex: number,
    readonly short: boolean,
  ) {}
  check = (model: Model) => model.orders.some((o) => o.tickets.length > 0);
  async run(model: Model, world: LivesWorld): Promise<void> {
    const withTickets = model.orders.filter((o) => o.tickets.length > 0);
    const order = pick(withTickets, this.ticketIndex)!;
    const ticket = order.tickets[0];
    const lines = ticket.lineIds.map((id) => order.lines.find((l) => l.id === id)!);
    const picked = lines.map((l, i) => ({
      orderLineId: l.id,
      quantity: this.short && i === 0 && l.quantity > 1 ? l.quantity - 1 : l.quantity,
    }));
    const ticketNow = async () =>
      (await send(world, () => world.api.get(`/pick-tickets/${ticket.id}`), 'get ticket')).body as PickTicketView;
    const picks = await act(
      world,
      () => world.api.post(`/pick-tickets/${ticket.id}/picks`, { lines: picked }),
      async () => (await ticketNow()).status !== 'OPEN',
      `pick ${order.number}`,
    );
    expectStatus(picks, [200], `pick ${order.number}`);
    let shipmentId: string | undefined;
    const packed = await act(
      world,
      () => world.api.post(`/pick-tickets/${ticket.id}/pack`, {}),
      async () => {
        const t = await ticketNow();
        shipmentId = t.shipmentId;
        return t.status === 'PACKED' && !!shipmentId;
      },
      `pack ${order.number}`,
    );
    expectStatus(packed, [201], `pack ${order.number}`);
    if (packed !== 'took-effect') shipmentId = (packed.body as ShipmentView).id;
    if (!shipmentId) throw new Error(`pack ${order.number}: no shipment id`);
    const id = shipmentId;
    const shipped = await act(
      world,
      () => world.api.post(`/shipments/${id}/ship`, { carrier: 'DHL', trackingNumber: `1Z${Date.now()}` }),
      async () =>
        ((await send(world, () => world.api.get(`/shipments/${id}`), 'get shipment')).body as ShipmentView).status ===
        'SHIPPED',
      `ship ${order.number}`,
    );
    expectStatus(shipped, [200], `ship ${order.number}`);
    order.tickets.shift();
    order.settled = true;
    let amount = 0;
    for (const p of picked) {
      const line = order.lines.find((l) => l.id === p.orderLineId)!;
      line.shipped += p.quantity;
      line.reserved = 0;
      amount += p.quantity * line.price;
    }
    if (amount > 0) bill(model, order.id, amount);
    // What the user sees once the shipment's event went round: the lines shipped and the stock consumed.
    await eventually(
      async () => {
        const after = await getOrder(world, order.id);
        for (const p of picked) {
          const real = after.lines.find((l) => l.id === p.orderLineId);
          if (!real || real.shippedQuantity !== p.quantity) return undefined;
        }
        return after;
      },
      { timeoutMs: 60_000, what: `${order.number} to show its shipped quantities` },
    );
  }
  toString = () => `PickPackShip(${this.ticketIndex}${this.short ? ', short' : ''})`;
}

/** Pays an open invoice of the sequence, half of what is open or all of it. */
class Pay implements Cmd {
  constructor(
    readonly invoiceIndex: number,
    readonly whole: boolean,
  ) {}
  check = (model: Model) => model.billed.size > 0;
  async run(model: Model, world: LivesWorld): Promise<void> {
    const invoices = await openInvoices(world, model);
    const invoice = pick(invoices, this.invoiceIndex);
    if (!invoice) return;
    const amount = this.whole ? invoice.openMinor : Math.max(1, Math.floor(invoice.openMinor / 2));
    const key = `pay-${invoice.id}-${invoice.paidMinor}`;
    const res = await send(
      world,
      () =>
        world.api.post(
          '/payments',
          { invoiceId: invoice.id, amountMinor: amount, currency: 'EUR', method: 'BANK_TRANSFER' },
          { 'Idempotency-Key': key },
        ),
      `pay ${invoice.number}`,
    );
    expectStatus(res, [201], `pay ${invoice.number}`);
    model.paid.set(invoice.id, (model.paid.get(invoice.id) ?? invoice.paidMinor) + amount);
    const after = (res.body as { invoice: InvoiceView }).invoice;
    if (after.paidMinor !== model.paid.get(invoice.id) || after.openMinor !== invoice.totalMinor - after.paidMinor)
      throw new Error(`pay ${invoice.number}: paid ${after.paidMinor}, open ${after.openMinor}`);
  }
  toString = () => `Pay(${this.invoiceIndex}${this.whole ? ', in full' : ', half'})`;
}

type FaultKind = 'kill-orders' | 'kill-inventory' | 'kill-warehouse' | 'kill-billing' | 'restart-nats' | 'cut-postgres';

class Fault implements Cmd {
  constructor(readonly kind: FaultKind) {}
  check = () => true;
  async run(_model: Model, world: LivesWorld): Promise<void> {
    world.stats.faults += 1;
    if (this.kind.startsWith('kill-')) {
      const service = this.kind.slice('kill-'.length) as 'orders' | 'inventory' | 'warehouse' | 'billing';
      await world.system.kill(service, 'SIGKILL');
      await world.system.startService(service);
    } else if (this.kind === 'restart-nats') {
      await world.system.nats.restart();
    } else if (world.pg) {
      await world.pg.down();
      await new Promise((r) => setTimeout(r, 1500));
      await world.pg.up();
    }
  }
  toString = () => `Fault(${this.kind})`;
}

// ---------- checks at the end of a sequence ----------

function bill(model: Model, orderId: string, amount: number): void {
  model.billed.set(orderId, (model.billed.get(orderId) ?? 0) + amount);
}

async function invoicesOf(world: LivesWorld, orderId: string): Promise<InvoiceView[]> {
  const res = await send(world, () => world.api.get(`/invoices?orderId=${orderId}&limit=500`), 'list invoices');
  return (res.body as Page<InvoiceView>).items;
}

async function openInvoices(world: LivesWorld, model: Model): Promise<InvoiceView[]> {
  const all: InvoiceView[] = [];
  for (const orderId of model.billed.keys()) all.push(...(await invoicesOf(world, orderId)));
  return all.filter((i) => i.openMinor > 0 && i.status !== 'VOIDED');
}

/**
 * Waits until every service has handled every event so far, and every event those led to (a
 * shipment makes orders publish `lines shipped`, which billing invoices): passes over the
 * streams until one ends with every outbox empty and no stream having grown during it. After
 * a fault the services take a moment to come back (a connection pool refilling, a relay's next
 * poll), so it goes by time, not by a count of passes, and says what was still moving if the
 * system never goes quiet.
 */
async function settle(world: LivesWorld): Promise<void> {
  const streams = ['ORDERS_EVENTS', 'WAREHOUSE_EVENTS', 'BILLING_EVENTS', 'INVENTORY_EVENTS'];
  const { nc, jsm } = await connectJetStream(world.system.nats.url);
  const lastSeqs = async () =>
    (
      await Promise.all(
        streams.map((stream) =>
          jsm.streams.info(stream).then(
            (info) => info.state.last_seq,
            () => -1,
          ),
        ),
      )
    ).join(',');
  const started = Date.now();
  try {
    for (let pass = 1; ; pass++) {
      const before = await lastSeqs();
      for (const stream of streams) {
        const exists = await jsm.streams.info(stream).then(
          () => true,
          () => false,
        );
        if (exists) await consumersCaughtUp(jsm, stream, { timeoutMs: 60_000 });
      }
      const unpublished = await unpublishedEvents(world);
      const after = await lastSeqs();
      if (unpublished.total === 0 && after === before) {
        world.stats.slowestSettleMs = Math.max(world.stats.slowestSettleMs ?? 0, Date.now() - started);
        return;
      }
      if (Date.now() - started > SETTLE_MS)
        throw new Error(
          `settle: still moving after ${pass} passes in ${Date.now() - started} ms: ` +
            `unpublished ${JSON.stringify(unpublished.bySchema)}, stream seqs ${before} -> ${after} (${streams.join(',')})`,
        );
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    await nc.close();
  }
}

const SETTLE_MS = 90_000;

/** Events written to any service's outbox and not yet published. */
async function unpublishedEvents(world: LivesWorld): Promise<{ total: number; bySchema: Record<string, number> }> {
  const schemas = await world.system.db.query<{ table_schema: string }>(
    `SELECT table_schema FROM information_schema.tables WHERE table_name = 'outbox'`,
  );
  const bySchema: Record<string, number> = {};
  let total = 0;
  for (const { table_schema: schema } of schemas) {
    const [row] = await world.system.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "${schema}".outbox WHERE published_at IS NULL`,
    );
    if (row.n > 0) bySchema[schema] = row.n;
    total += row.n;
  }
  return { total, bySchema };
}

async function verify(model: Model, world: LivesWorld): Promise<void> {
  await settle(world);
  for (const order of model.orders) {
    const real = await getOrder(world, order.id);
    for (const line of order.lines) {
      const seen = real.lines.find((l) => l.id === line.id);
      if (line.shipped > 0) {
        if (seen?.shippedQuantity !== line.shipped)
          throw new Error(
            `end: ${order.number} ${line.sku} shipped ${seen?.shippedQuantity}, expected ${line.shipped}`,
          );
      } else if (!order.settled) sameLine(seen, line, `end: ${order.number}`);
    }
    const billed = model.billed.get(order.id) ?? 0;
    const invoices = (await invoicesOf(world, order.id)).filter((i) => i.status !== 'VOIDED');
    const total = invoices.reduce((sum, i) => sum + i.totalMinor, 0);
    if (total !== billed) throw new Error(`end: ${order.number} invoiced ${total}, expected ${billed}`);
    for (const invoice of invoices) {
      const paid = model.paid.get(invoice.id) ?? 0;
      if (invoice.paidMinor !== paid || invoice.openMinor !== invoice.totalMinor - paid)
        throw new Error(
          `end: ${invoice.number} paid ${invoice.paidMinor} open ${invoice.openMinor}, expected paid ${paid}`,
        );
    }
  }
  // Reserved stock of the sequence's items is what its open lines hold.
  for (const item of model.skus.ample) {
    const expected = model.orders
      .flatMap((o) => o.lines)
      .filter((l) => l.sku === item.sku)
      .reduce((sum, l) => sum + (l.shipped > 0 || l.fulfillStatus === 'PRE_SHIPPED' ? 0 : l.reserved), 0);
    const stock = await send(world, () => world.api.get(`/stock?sku=${item.sku}`), 'stock');
    const reserved = (stock.body as Page<{ reserved: number }>).items.reduce((sum, s) => sum + s.reserved, 0);
    const settledLines = model.orders
      .filter((o) => o.settled)
      .flatMap((o) => o.lines.filter((l) => l.sku === item.sku));
    // Lines of settled orders may have moved to a Backorder with their stock: only bound the reserved from below then.
    if (settledLines.length === 0 ? reserved !== expected : reserved < expected)
      throw new Error(`end: ${item.sku} reserved ${reserved}, expected ${expected}`);
  }
  await consistent(world);
}

/** The system-wide consistency checks must report nothing. */
export async function consistent(world: LivesWorld): Promise<void> {
  const stock = await send(world, () => world.api.get('/stock/consistency'), 'stock consistency');
  if (stock.status !== 200 || (stock.body as { consistent?: boolean }).consistent !== true)
    throw new Error(`stock consistency: ${JSON.stringify(stock.body)}`);
  const system = await send(world, () => world.api.get('/admin/consistency'), 'system consistency');
  if (system.status === 404) return; // not served by this build
  if (system.status !== 200 || (system.body as { consistent?: boolean }).consistent !== true)
    throw new Error(`system consistency: ${JSON.stringify(system.body).slice(0, 4000)}`);
}

// ---------- the property ----------

export interface LivesOptions {
  seed: number;
  numRuns: number;
  maxCommands: number;
  faults: boolean;
}

export function orderLivesProperty(world: LivesWorld, options: LivesOptions) {
  const index = fc.nat({ max: 50 });
  const quantity = fc.integer({ min: 1, max: 5 });
  const commands: Array<fc.Arbitrary<Cmd>> = [
    fc
      .array(fc.record({ scarce: fc.integer({ min: 0, max: 4 }).map((n) => n === 0), item: index, quantity }), {
        minLength: 1,
        maxLength: 3,
      })
      .map((lines) => new PlaceOrder(lines)),
    fc.tuple(index, index, quantity).map(([o, l, q]) => new ChangeQuantity(o, l, q)),
    fc.tuple(index, index, quantity).map(([o, i, q]) => new AddLine(o, i, q)),
    fc.tuple(index, index).map(([o, l]) => new RemoveLine(o, l)),
    fc.tuple(index, index).map(([o, l]) => new Hold(o, l)),
    fc.tuple(index, index).map(([o, l]) => new MakeActive(o, l)),
    fc.tuple(index, index).map(([o, l]) => new PreShip(o, l)),
    fc.tuple(index, index).map(([o, l]) => new CancelLine(o, l)),
    index.map((o) => new CancelOrder(o)),
    fc.constant(new PrintTickets()),
    fc.constant(new PrintTickets()),
    fc.tuple(index, fc.boolean()).map(([t, short]) => new PickPackShip(t, short)),
    fc.tuple(index, fc.boolean()).map(([t, short]) => new PickPackShip(t, short)),
    fc.tuple(index, fc.boolean()).map(([i, whole]) => new Pay(i, whole)),
  ];
  if (options.faults) {
    const kinds: FaultKind[] = [
      'kill-orders',
      'kill-inventory',
      'kill-warehouse',
      'kill-billing',
      'restart-nats',
      'cut-postgres',
    ];
    const fault = fc.constantFrom(...kinds).map((kind) => new Fault(kind));
    commands.push(fault, fault, fault);
  }

  return fc.asyncProperty(fc.commands(commands, { maxCommands: options.maxCommands, size: 'max' }), async (cmds) => {
    world.stats.sequences += 1;
    const seq = world.stats.sequences;
    const model = await setUp(world, seq);
    world.stats.commands += [...cmds].length;
    await fc.asyncModelRun(() => ({ model, real: world }), cmds);
    await verify(model, world);
  });
}

async function setUp(world: LivesWorld, seq: number): Promise<Model> {
  const stamp = `${seq}-${Date.now().toString(36)}`;
  const ample = [
    { sku: `LIFE-${stamp}-A`, price: 1250 },
    { sku: `LIFE-${stamp}-B`, price: 399 },
  ];
  const scarce = { sku: `LIFE-${stamp}-S`, price: 2000 };
  const post = async (path: string, body: object) => {
    const res = await send(world, () => world.api.post(path, body), `POST ${path}`);
    if (res.status !== 201 && res.status !== 409)
      throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  };
  for (const item of [...ample, scarce]) {
    await post('/items', { sku: item.sku, name: `Item ${item.sku}` });
    await post('/prices', { sku: item.sku, currency: 'EUR', unitPriceMinor: item.price });
  }
  for (const item of ample) await post('/stock/receipts', { sku: item.sku, locationCode: LOCATION, quantity: 1000 });
  const customer = await post('/customers', { name: `Lives ${stamp}`, currency: 'EUR' });
  return {
    seq,
    customerId: (customer.body as { id: string }).id,
    skus: { ample, scarce },
    orders: [],
    paid: new Map(),
    billed: new Map(),
  };
}
