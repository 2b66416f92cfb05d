import {
  BillingSubjects,
  type FactsPageRequest,
  type InvoiceFact,
  type InvoiceLineFact,
  InventorySubjects,
  type OrderLineFact,
  OrdersSubjects,
  type PickDemandFact,
  type ReplyOf,
  type ReservedLineFact,
  type TicketLineFact,
  WarehouseSubjects,
} from '#contracts';

/** Everything the rules compare: each service's own facts, and the `invoice posted` events on the stream. */
export interface SystemFacts {
  /** Orders' lines, by line id. */
  orderLines: Map<string, OrderLineFact>;
  /** What inventory holds per order line, by line id. */
  reservedLines: Map<string, ReservedLineFact>;
  /** Warehouse pick demand not on a ticket yet. */
  openDemand: PickDemandFact[];
  /** Warehouse pick ticket lines, with their shipments. */
  ticketLines: TicketLineFact[];
  /** Billing's invoices, by id. */
  invoices: Map<string, InvoiceFact>;
  invoiceLines: InvoiceLineFact[];
  /** Envelope ids of the `invoice posted` events on the stream, by invoice id. */
  invoicePostedEvents: Map<string, string[]>;
}

/** The subjects that answer one page of a service's facts. */
export const FactSubjects = [
  OrdersSubjects.lineFacts,
  InventorySubjects.reservationFacts,
  WarehouseSubjects.demandFacts,
  WarehouseSubjects.ticketLineFacts,
  BillingSubjects.invoiceFacts,
  BillingSubjects.invoiceLineFacts,
] as const;
export type FactSubject = (typeof FactSubjects)[number];

/** Where the facts come from: the services over NATS and the event stream in production, anything in a test. */
export interface FactSources {
  page<S extends FactSubject>(subject: S, request: FactsPageRequest): Promise<ReplyOf<S>>;
  /** Envelope ids of every `invoice posted` event on the stream, by invoice id. */
  invoicePostedEvents(): Promise<Map<string, string[]>>;
}

/** Reads every service's facts page by page (the services in parallel, each one's pages in turn). */
export async function gatherFacts(sources: FactSources, pageSize: number): Promise<SystemFacts> {
  const [orderLines, reservedLines, openDemand, ticketLines, invoices, invoiceLines, invoicePostedEvents] =
    await Promise.all([
      allPages(sources, OrdersSubjects.lineFacts, pageSize),
      allPages(sources, InventorySubjects.reservationFacts, pageSize),
      allPages(sources, WarehouseSubjects.demandFacts, pageSize),
      allPages(sources, WarehouseSubjects.ticketLineFacts, pageSize),
      allPages(sources, BillingSubjects.invoiceFacts, pageSize),
      allPages(sources, BillingSubjects.invoiceLineFacts, pageSize),
      sources.invoicePostedEvents(),
    ]);
  return {
    orderLines: new Map(orderLines.map((l) => [l.lineId, l])),
    reservedLines: new Map(reservedLines.map((l) => [l.lineId, l])),
    openDemand,
    ticketLines,
    invoices: new Map(invoices.map((i) => [i.invoiceId, i])),
    invoiceLines,
    invoicePostedEvents,
  };
}

async function allPages<S extends FactSubject>(
  sources: FactSources,
  subject: S,
  pageSize: number,
): Promise<Array<ReplyOf<S>['items'][number]>> {
  const all: Array<ReplyOf<S>['items'][number]> = [];
  let after: string | undefined;
  do {
    const page = await sources.page(subject, after ? { after, limit: pageSize } : { limit: pageSize });
    for (const item of page.items) all.push(item);
    after = page.next;
  } while (after);
  return all;
}
