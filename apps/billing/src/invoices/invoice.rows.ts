import {
  type Currency,
  type InvoiceLineKind,
  type InvoiceStatus,
  type InvoiceView,
  type ListInvoicesRequest,
  type Page,
  ppmToPercent,
} from '#contracts';
import { DomainError, maybeRow, oneRow, pageClause, type Queryable, rows, toPage } from '#platform';

/** A row of `billing.invoices`, as the views read it. */
export interface InvoiceRow {
  id: string;
  series: string;
  seq: number;
  number: string;
  order_id: string;
  order_number: string;
  shipment_id: string | null;
  customer_id: string;
  currency: Currency;
  status: InvoiceStatus;
  total_minor: number;
  charges_minor: number;
  tax_minor: number;
  paid_minor: number;
  credited_minor: number;
  posted_at: Date;
  voided_at: Date | null;
  void_reason: string | null;
  payment_terms: string;
  due_date: string;
}

/** A row of `billing.invoice_lines`. */
export interface InvoiceLineRow {
  invoice_id: string;
  line_no: number;
  kind: InvoiceLineKind;
  order_line_id: string | null;
  sku: string | null;
  charge_code: string | null;
  description: string | null;
  quantity: number;
  unit_price_minor: number;
  line_total_minor: number;
  tax_ppm: number | null;
  tax_minor: number;
}

const INVOICE_COLUMNS = `id, series, seq, number, order_id, order_number, shipment_id, customer_id, currency, status,
  total_minor, charges_minor, tax_minor, paid_minor, credited_minor, posted_at, voided_at, void_reason,
  payment_terms, to_char(due_date, 'YYYY-MM-DD') AS due_date`;

/** A payment un-allocated from a voided invoice and kept on account (`billing.unapplied_cash`). */
interface UnallocatedRow {
  from_invoice_id: string;
  payment_id: string;
  amount_minor: number;
  reason: string;
  created_at: Date;
}

/** The invoice's row, or undefined. */
export function findInvoice(db: Queryable, id: string): Promise<InvoiceRow | undefined> {
  return maybeRow<InvoiceRow>(db, `SELECT ${INVOICE_COLUMNS} FROM billing.invoices WHERE id = $1`, [id]);
}

/** The invoice with its lines; INVOICE_NOT_FOUND when there is none. */
export async function readInvoice(db: Queryable, id: string): Promise<InvoiceView> {
  const invoice = await findInvoice(db, id);
  if (!invoice) throw new DomainError('INVOICE_NOT_FOUND', `No invoice with id ${id}`, { id });
  return (await withLines(db, [invoice]))[0];
}

/** A page of invoices, newest first, optionally for one order, one status or one customer. */
export async function listInvoices(
  db: Queryable,
  filter: Pick<ListInvoicesRequest, 'orderId' | 'status'> & { customerId?: string },
  request: Pick<ListInvoicesRequest, 'limit' | 'offset'>,
): Promise<Page<InvoiceView>> {
  // A filter, not a write: invoice statuses move only through their table (invoice.machine.ts).
  const where = `($1::uuid IS NULL OR order_id = $1) AND ($2::text IS NULL OR status = $2) AND ($3::uuid IS NULL OR customer_id = $3)`;
  const parameters = [filter.orderId ?? null, filter.status ?? null, filter.customerId ?? null];
  const { total } = await oneRow<{ total: number }>(
    db,
    `SELECT count(*)::int AS total FROM billing.invoices WHERE ${where}`,
    parameters,
  );
  const page = pageClause(request, parameters.length + 1);
  const invoices = await rows<InvoiceRow>(
    db,
    `SELECT ${INVOICE_COLUMNS} FROM billing.invoices WHERE ${where} ORDER BY posted_at DESC, seq DESC ${page.sql}`,
    [...parameters, ...page.params],
  );
  return toPage(await withLines(db, invoices), total, page);
}

async function withLines(db: Queryable, invoices: InvoiceRow[]): Promise<InvoiceView[]> {
  if (invoices.length === 0) return [];
  const lines = await rows<InvoiceLineRow>(
    db,
    `SELECT invoice_id, line_no, kind, order_line_id, sku, charge_code, description, quantity, unit_price_minor, line_total_minor,
            tax_ppm, tax_minor
       FROM billing.invoice_lines WHERE invoice_id = ANY($1::uuid[]) ORDER BY invoice_id, line_no`,
    [invoices.map((i) => i.id)],
  );
  const byInvoice = groupBy(lines, (l) => l.invoice_id);
  const voided = invoices.filter((i) => i.voided_at !== null).map((i) => i.id);
  const unallocated =
    voided.length === 0
      ? []
      : await rows<UnallocatedRow>(
          db,
          `SELECT from_invoice_id, payment_id, amount_minor, reason, created_at FROM billing.unapplied_cash
            WHERE from_invoice_id = ANY($1::uuid[]) ORDER BY created_at, payment_id`,
          [voided],
        );
  const unallocatedBy = groupBy(unallocated, (u) => u.from_invoice_id);
  return invoices.map((invoice) =>
    invoiceView(invoice, byInvoice.get(invoice.id) ?? [], unallocatedBy.get(invoice.id) ?? []),
  );
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const grouped = new Map<string, T[]>();
  for (const item of items) grouped.set(key(item), [...(grouped.get(key(item)) ?? []), item]);
  return grouped;
}

export function invoiceView(
  invoice: InvoiceRow,
  lines: InvoiceLineRow[],
  unallocated: UnallocatedRow[] = [],
): InvoiceView {
  const voided = invoice.status === 'VOIDED';
  return {
    id: invoice.id,
    number: invoice.number,
    series: invoice.series,
    orderId: invoice.order_id,
    orderNumber: invoice.order_number,
    shipmentId: invoice.shipment_id ?? undefined,
    customerId: invoice.customer_id,
    currency: invoice.currency,
    status: invoice.status,
    totalMinor: invoice.total_minor,
    chargesMinor: invoice.charges_minor,
    taxMinor: invoice.tax_minor,
    paidMinor: voided ? 0 : invoice.paid_minor,
    creditedMinor: voided ? 0 : invoice.credited_minor,
    // A voided invoice has nothing open, whatever was paid on it: that money is on account now.
    openMinor: voided ? 0 : invoice.total_minor - invoice.paid_minor - invoice.credited_minor,
    postedAt: new Date(invoice.posted_at).toISOString(),
    paymentTerms: invoice.payment_terms,
    dueDate: invoice.due_date,
    ...(invoice.voided_at ? { voidedAt: new Date(invoice.voided_at).toISOString() } : {}),
    ...(invoice.void_reason ? { voidReason: invoice.void_reason } : {}),
    unallocatedPayments: unallocated.map((u) => ({
      paymentId: u.payment_id,
      amountMinor: u.amount_minor,
      reason: u.reason,
      unallocatedAt: new Date(u.created_at).toISOString(),
      keptOnAccount: true,
    })),
    lines: lines.map(lineView),
  };
}

function lineView(l: InvoiceLineRow): InvoiceView['lines'][number] {
  const taxedLine = l.kind !== 'TAX' && l.tax_ppm !== null;
  return {
    lineNo: l.line_no,
    kind: l.kind,
    ...(l.order_line_id ? { orderLineId: l.order_line_id } : {}),
    ...(l.sku ? { sku: l.sku } : {}),
    ...(l.charge_code ? { chargeCode: l.charge_code } : {}),
    ...(l.description ? { description: l.description } : {}),
    quantity: l.quantity,
    unitPriceMinor: l.unit_price_minor,
    lineTotalMinor: l.line_total_minor,
    ...(taxedLine && l.tax_ppm !== null ? { taxPercent: ppmToPercent(l.tax_ppm), taxMinor: l.tax_minor } : {}),
  };
}
