import type { FactsPage, FactsPageRequest, InvoiceFact, InvoiceLineFact, InvoiceStatus } from '#contracts';
import { factsPage, factsWindow, type Queryable, rows } from '#platform';

interface InvoiceRow {
  id: string;
  number: string;
  order_id: string;
  status: InvoiceStatus;
  total_minor: number;
  posted_at: Date;
  original_minor: number | null;
  open_minor: number | null;
  payments_minor: number;
  reversed_minor: number;
  credited_minor: number;
}

interface InvoiceLineRow {
  invoice_id: string;
  line_no: number;
  kind: 'ORDER_LINE' | 'CHARGE' | 'TAX';
  order_line_id: string | null;
  quantity: number;
  unit_price_minor: number;
  line_total_minor: number;
}

/** One page of invoices in id order, each with its open item and the payments (and their reversals) recorded against it. */
export async function invoiceFacts(db: Queryable, request: FactsPageRequest): Promise<FactsPage<InvoiceFact>> {
  const window = factsWindow(request, ['uuid']);
  const found = await rows<InvoiceRow>(
    db,
    `SELECT i.id, i.number, i.order_id, i.status, i.total_minor, i.posted_at, a.original_minor, a.open_minor, i.credited_minor,
            (SELECT COALESCE(sum(p.amount_minor), 0) FROM billing.payments p WHERE p.invoice_id = i.id) AS payments_minor,
            (SELECT COALESCE(sum(r.amount_minor), 0) FROM billing.payment_reversals r JOIN billing.payments p ON p.id = r.payment_id
              WHERE p.invoice_id = i.id) AS reversed_minor
       FROM billing.invoices i LEFT JOIN billing.ar_open_items a ON a.invoice_id = i.id
      WHERE $1::uuid IS NULL OR i.id > $1::uuid
      ORDER BY i.id LIMIT $2`,
    [...window.after, window.take],
  );
  return factsPage(found, window, toInvoiceFact, (row) => [row.id]);
}

function toInvoiceFact(row: InvoiceRow): InvoiceFact {
  const fact: InvoiceFact = {
    invoiceId: row.id,
    number: row.number,
    orderId: row.order_id,
    status: row.status,
    totalMinor: row.total_minor,
    postedAt: new Date(row.posted_at).toISOString(),
    paymentsMinor: row.payments_minor,
    reversedMinor: row.reversed_minor,
    creditedMinor: row.credited_minor,
  };
  if (row.original_minor !== null && row.open_minor !== null)
    fact.openItem = { originalMinor: row.original_minor, openMinor: row.open_minor };
  return fact;
}

/** One page of invoice lines in key order (invoice, line number). */
export async function invoiceLineFacts(db: Queryable, request: FactsPageRequest): Promise<FactsPage<InvoiceLineFact>> {
  const window = factsWindow(request, ['uuid', 'int']);
  const found = await rows<InvoiceLineRow>(
    db,
    `SELECT invoice_id, line_no, kind, order_line_id, quantity, unit_price_minor, line_total_minor FROM billing.invoice_lines
      WHERE $1::uuid IS NULL OR (invoice_id, line_no) > ($1::uuid, $2::int)
      ORDER BY invoice_id, line_no LIMIT $3`,
    [...window.after, window.take],
  );
  return factsPage(
    found,
    window,
    (row) => ({
      invoiceId: row.invoice_id,
      lineNo: row.line_no,
      ...(row.kind === 'ORDER_LINE' ? {} : { kind: row.kind }),
      orderLineId: row.order_line_id ?? '',
      quantity: row.quantity,
      unitPriceMinor: row.unit_price_minor,
      lineTotalMinor: row.line_total_minor,
    }),
    (row) => [row.invoice_id, row.line_no],
  );
}
