import type {
  InvoiceFact,
  InvoiceLineFact,
  OrderLineFact,
  PickDemandFact,
  ReservedLineFact,
  TicketLineFact,
} from '#contracts';
import type { SystemFacts } from '../system-facts.js';
import { invoiceTotalsMatchPricedLines } from './invoice-totals.rule.js';
import { postedInvoicesHaveOneEvent } from './invoice-events.rule.js';
import { openItemsMatchInvoices } from './open-items.rule.js';
import { reservedLinesHavePickDemand } from './pick-demand.rule.js';
import { reservationsMatchLiveLines } from './reservations.rule.js';
import { shippedLinesHaveShipmentsAndInvoices } from './shipped-lines.rule.js';

function line(lineId: string, extra: Partial<OrderLineFact> = {}): OrderLineFact {
  return {
    lineId,
    orderId: 'o1',
    orderNumber: 'SO-000001',
    orderType: 'ORDER',
    prepaid: false,
    kind: 'ITEM',
    lineStatus: 'ACTIVE',
    fulfillStatus: 'NOT_FULFILLED',
    quantity: 3,
    movedQuantity: 0,
    live: true,
    heldInStock: 3,
    shippedQuantity: 0,
    unitPriceMinor: 100,
    ...extra,
  };
}

/** A line that shipped in full: nothing held any more. */
function shippedLine(lineId: string, extra: Partial<OrderLineFact> = {}): OrderLineFact {
  return line(lineId, { fulfillStatus: 'SHIPPED', live: false, heldInStock: 0, shippedQuantity: 3, ...extra });
}

function held(lineId: string, quantity: number, extra: Partial<ReservedLineFact> = {}): ReservedLineFact {
  return {
    lineId,
    orderId: 'o1',
    counted: true,
    reservations: quantity > 0 ? [{ locationCode: 'WH1', sourceKind: 'WAREHOUSE', quantity }] : [],
    ...extra,
  };
}

function demand(orderLineId: string, locationCode = 'WH1'): PickDemandFact {
  return { demandId: `d-${orderLineId}`, orderId: 'o1', orderLineId, locationCode, quantity: 3, held: false };
}

function ticketLine(orderLineId: string, extra: Partial<TicketLineFact> = {}): TicketLineFact {
  return {
    pickTicketId: 't1',
    orderId: 'o1',
    orderLineId,
    locationCode: 'WH1',
    ticketStatus: 'SHIPPED',
    quantity: 3,
    packedQuantity: 3,
    shipmentId: 's1',
    shippedAt: '2030-01-01T10:00:00.000Z',
    ...extra,
  };
}

function invoice(invoiceId: string, extra: Partial<InvoiceFact> = {}): InvoiceFact {
  return {
    invoiceId,
    number: 'INV-000001',
    orderId: 'o1',
    status: 'POSTED',
    totalMinor: 300,
    postedAt: '2030-01-01T10:00:01.000Z',
    openItem: { originalMinor: 300, openMinor: 300 },
    paymentsMinor: 0,
    reversedMinor: 0,
    ...extra,
  };
}

function invoiceLine(invoiceId: string, orderLineId: string, quantity = 3, unitPriceMinor = 100): InvoiceLineFact {
  return { invoiceId, lineNo: 1, orderLineId, quantity, unitPriceMinor, lineTotalMinor: quantity * unitPriceMinor };
}

function facts(parts: {
  lines?: OrderLineFact[];
  reserved?: ReservedLineFact[];
  demand?: PickDemandFact[];
  tickets?: TicketLineFact[];
  invoices?: InvoiceFact[];
  invoiceLines?: InvoiceLineFact[];
  events?: Record<string, string[]>;
}): SystemFacts {
  return {
    orderLines: new Map((parts.lines ?? []).map((l) => [l.lineId, l])),
    reservedLines: new Map((parts.reserved ?? []).map((l) => [l.lineId, l])),
    openDemand: parts.demand ?? [],
    ticketLines: parts.tickets ?? [],
    invoices: new Map((parts.invoices ?? []).map((i) => [i.invoiceId, i])),
    invoiceLines: parts.invoiceLines ?? [],
    invoicePostedEvents: new Map(Object.entries(parts.events ?? {})),
  };
}

describe('rule 1: every reservation belongs to a live order line with the same quantity', () => {
  const check = (f: SystemFacts) => reservationsMatchLiveLines.check(f);

  it('agrees when inventory holds what orders says, kits reserving through their components', () => {
    const outcome = check(
      facts({
        lines: [
          line('a'),
          line('kit', { kind: 'KIT', heldInStock: 1, quantity: 1 }),
          line('c1', { kind: 'COMPONENT', heldInStock: 2, quantity: 2, unitPriceMinor: 0 }),
          shippedLine('gone'),
        ],
        reserved: [held('a', 3), held('kit', 0, { counted: false }), held('c1', 2), held('gone', 0)],
      }),
    );
    expect(outcome).toEqual({ checked: 4, disagreements: [] });
  });

  it('names a reservation of a line orders does not have, of a line that is not live, or of another quantity', () => {
    const { disagreements } = check(
      facts({
        lines: [
          line('cancelled', { lineStatus: 'CANCELLED', live: false, heldInStock: 0 }),
          line('more', { heldInStock: 3 }),
          line('lost', { heldInStock: 2 }),
        ],
        reserved: [held('orphan', 4, { orderId: 'o9' }), held('cancelled', 3), held('more', 5)],
      }),
    );
    expect(disagreements).toEqual([
      expect.objectContaining({
        about: 'reservation of an unknown order line',
        orderId: 'o9',
        orderLineId: 'orphan',
        expected: 0,
        found: 4,
      }),
      expect.objectContaining({
        about: 'reservation of a line that is not live',
        orderLineId: 'cancelled',
        expected: 0,
        found: 3,
      }),
      expect.objectContaining({ about: 'reserved quantity', orderLineId: 'more', expected: 3, found: 5 }),
      expect.objectContaining({ about: 'reserved quantity', orderLineId: 'lost', expected: 2, found: 0 }),
    ]);
  });
});

describe('rule 2: every reserved open line has pick demand or a pick ticket at its location', () => {
  const check = (f: SystemFacts) => reservedLinesHavePickDemand.check(f);

  it('accepts open demand or an unshipped ticket, and skips suppliers, unpicked types and lines that are not live', () => {
    const outcome = check(
      facts({
        lines: [
          line('open'),
          line('ticketed', { fulfillStatus: 'PACKING_SLIP_PRINTED' }),
          line('dropship'),
          line('counter', { orderType: 'INVOICE' }),
        ],
        reserved: [
          held('open', 3),
          held('ticketed', 3),
          held('dropship', 0, { reservations: [{ locationCode: 'SUP1', sourceKind: 'SUPPLIER', quantity: 3 }] }),
          held('counter', 3),
        ],
        demand: [demand('open')],
        tickets: [ticketLine('ticketed', { ticketStatus: 'PICKED', shipmentId: undefined, shippedAt: undefined })],
      }),
    );
    expect(outcome).toEqual({ checked: 2, disagreements: [] });
  });

  it('names a reservation with no demand there, or only a shipped ticket', () => {
    const { disagreements } = check(
      facts({
        lines: [line('a'), line('b', { fulfillStatus: 'PACKING_SLIP_PRINTED' })],
        reserved: [held('a', 3), held('b', 1)],
        demand: [demand('a', 'WH2')],
        tickets: [ticketLine('b')],
      }),
    );
    expect(disagreements).toEqual([
      expect.objectContaining({ orderLineId: 'a', locationCode: 'WH1', found: 'none' }),
      expect.objectContaining({ orderLineId: 'b', locationCode: 'WH1', found: 'none' }),
    ]);
  });
});

describe('rule 3: every shipped line has a shipment and, unless never billed, an invoice line', () => {
  const check = (f: SystemFacts) => shippedLinesHaveShipmentsAndInvoices.check(f);

  it('agrees for a shipped and invoiced line, a kit and its components, a loss/reshipment and a prepaid order', () => {
    const outcome = check(
      facts({
        lines: [
          shippedLine('a'),
          shippedLine('kit', { kind: 'KIT', quantity: 1, shippedQuantity: 1 }),
          shippedLine('c1', { kind: 'COMPONENT', unitPriceMinor: 0 }),
          shippedLine('loss', { orderType: 'LOSS_RESHIPMENT' }),
          shippedLine('pre', { prepaid: true, quantity: 5 }),
          line('handed', { fulfillStatus: 'PRE_SHIPPED', live: false, heldInStock: 0 }),
        ],
        tickets: [ticketLine('a'), ticketLine('c1'), ticketLine('loss'), ticketLine('pre')],
        invoices: [invoice('i1')],
        invoiceLines: [
          invoiceLine('i1', 'a'),
          invoiceLine('i1', 'kit', 1),
          invoiceLine('i1', 'c1', 3, 0),
          invoiceLine('i1', 'pre', 5),
          invoiceLine('i1', 'handed'),
        ],
      }),
    );
    expect(outcome).toEqual({ checked: 6, disagreements: [] });
  });

  it('names a shipped line without a shipment or without an invoice line, and a never-billed line that was billed', () => {
    const { disagreements } = check(
      facts({
        lines: [shippedLine('noship'), shippedLine('unbilled'), shippedLine('loss', { orderType: 'LOSS_RESHIPMENT' })],
        tickets: [ticketLine('unbilled'), ticketLine('loss')],
        invoices: [invoice('i1')],
        invoiceLines: [invoiceLine('i1', 'noship'), invoiceLine('i1', 'loss')],
      }),
    );
    expect(disagreements).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ about: 'shipped quantity', orderLineId: 'noship', expected: 3, found: 0 }),
        expect.objectContaining({ about: 'invoiced quantity', orderLineId: 'unbilled', expected: 3, found: 0 }),
        expect.objectContaining({ about: 'invoiced quantity', orderLineId: 'loss', expected: 0, found: 3 }),
      ]),
    );
    expect(disagreements).toHaveLength(3);
  });

  it('leaves out what a re-open reversed: earlier shipments and voided invoices', () => {
    const reopenedAt = '2030-01-02T00:00:00.000Z';
    const outcome = check(
      facts({
        lines: [shippedLine('a', { reopenedAt, shippedQuantity: 3 })],
        tickets: [ticketLine('a'), ticketLine('a', { pickTicketId: 't2', shippedAt: '2030-01-03T00:00:00.000Z' })],
        invoices: [invoice('old', { status: 'VOIDED' }), invoice('new')],
        invoiceLines: [invoiceLine('old', 'a'), invoiceLine('new', 'a')],
      }),
    );
    expect(outcome.disagreements).toEqual([]);
  });
});

describe('rule 4: invoice totals equal the priced order lines they bill', () => {
  it('names an invoice whose total is not its lines at the order prices, and a line orders does not have', () => {
    const outcome = invoiceTotalsMatchPricedLines.check(
      facts({
        lines: [shippedLine('a'), shippedLine('b', { unitPriceMinor: 250 })],
        invoices: [invoice('ok'), invoice('off', { totalMinor: 700 }), invoice('odd')],
        invoiceLines: [invoiceLine('ok', 'a'), invoiceLine('off', 'b', 3, 250), invoiceLine('odd', 'zz')],
      }),
    );
    expect(outcome.checked).toBe(3);
    expect(outcome.disagreements).toEqual([
      expect.objectContaining({ about: 'invoice total', invoiceId: 'off', expected: 750, found: 700 }),
      expect.objectContaining({ about: 'invoice line of an unknown order line', invoiceId: 'odd', orderLineId: 'zz' }),
    ]);
  });
});

describe('rule 5: every open item equals its invoice less payments and credits', () => {
  it('takes payments net of reversals, leaves nothing open on a voided invoice, and names the rest', () => {
    const outcome = openItemsMatchInvoices.check(
      facts({
        invoices: [
          invoice('paid', { paymentsMinor: 300, openItem: { originalMinor: 300, openMinor: 0 } }),
          invoice('part', { paymentsMinor: 100, openItem: { originalMinor: 300, openMinor: 200 } }),
          invoice('void', {
            status: 'VOIDED',
            paymentsMinor: 300,
            reversedMinor: 300,
            openItem: { originalMinor: 300, openMinor: 0 },
          }),
          invoice('off', { paymentsMinor: 300, openItem: { originalMinor: 300, openMinor: 100 } }),
          invoice('none', { openItem: undefined }),
        ],
      }),
    );
    expect(outcome.disagreements).toEqual([
      expect.objectContaining({ about: 'open amount', invoiceId: 'off', expected: 0, found: 100 }),
      expect.objectContaining({ about: 'missing open item', invoiceId: 'none', expected: 300, found: null }),
    ]);
  });
});

describe('rule 6: every posted invoice has exactly one `invoice posted` event', () => {
  it('names an invoice with no event or two, and an event for an invoice billing does not have', () => {
    const outcome = postedInvoicesHaveOneEvent.check(
      facts({
        invoices: [invoice('one'), invoice('none'), invoice('two')],
        events: { one: ['e1'], two: ['e2', 'e3'], ghost: ['e4'] },
      }),
    );
    expect(outcome.checked).toBe(3);
    expect(outcome.disagreements).toEqual([
      expect.objectContaining({ invoiceId: 'none', expected: 1, found: 0, eventIds: [] }),
      expect.objectContaining({ invoiceId: 'two', expected: 1, found: 2, eventIds: ['e2', 'e3'] }),
      expect.objectContaining({ about: '`invoice posted` event of an unknown invoice', invoiceId: 'ghost' }),
    ]);
  });
});
