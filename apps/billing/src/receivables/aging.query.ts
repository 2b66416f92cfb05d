import type { AgingBucketsView, AgingReport, Currency, CustomerAgingView } from '#contracts';
import { type Queryable, rows } from '#platform';

/** One customer's open amounts in one currency, by bucket, as the aging query sums them. */
interface AgingRow {
  customer_id: string;
  currency: Currency;
  current_minor: number;
  days_1_30_minor: number;
  days_31_60_minor: number;
  days_61_90_minor: number;
  over_90_minor: number;
  open_items: number;
}

/**
 * What was open at the end of `asOf` (UTC calendar days), by days past due. History is read,
 * not today's open items: an invoice counts if it was posted by then and not yet voided; what
 * was open on it is its total less the payments received by then (and not reversed by then)
 * and the credits applied by then (and not taken back by then). So aging a past day gives the
 * same answer however much was paid since.
 */
export async function agingAsOf(db: Queryable, asOf: string, customerId?: string): Promise<AgingReport> {
  const found = await rows<AgingRow>(
    db,
    `WITH items AS (
       SELECT i.customer_id, i.currency, $1::date - i.due_date AS late,
              i.total_minor
              - COALESCE((SELECT sum(p.amount_minor) FROM billing.payments p
                           WHERE p.invoice_id = i.id AND (p.received_at AT TIME ZONE 'UTC')::date <= $1::date
                             AND NOT EXISTS (SELECT 1 FROM billing.payment_reversals r
                                              WHERE r.payment_id = p.id AND (r.created_at AT TIME ZONE 'UTC')::date <= $1::date)), 0)
              - COALESCE((SELECT sum(a.amount_minor) FROM billing.credit_applications a
                           WHERE a.invoice_id = i.id AND (a.applied_at AT TIME ZONE 'UTC')::date <= $1::date
                             AND (a.reversed_at IS NULL OR (a.reversed_at AT TIME ZONE 'UTC')::date > $1::date)), 0) AS open_minor
         FROM billing.invoices i
        WHERE (i.posted_at AT TIME ZONE 'UTC')::date <= $1::date
          AND (i.voided_at IS NULL OR (i.voided_at AT TIME ZONE 'UTC')::date > $1::date)
          AND ($2::uuid IS NULL OR i.customer_id = $2::uuid))
     SELECT customer_id, currency,
            COALESCE(sum(open_minor) FILTER (WHERE late <= 0), 0) AS current_minor,
            COALESCE(sum(open_minor) FILTER (WHERE late BETWEEN 1 AND 30), 0) AS days_1_30_minor,
            COALESCE(sum(open_minor) FILTER (WHERE late BETWEEN 31 AND 60), 0) AS days_31_60_minor,
            COALESCE(sum(open_minor) FILTER (WHERE late BETWEEN 61 AND 90), 0) AS days_61_90_minor,
            COALESCE(sum(open_minor) FILTER (WHERE late > 90), 0) AS over_90_minor,
            count(*)::int AS open_items
       FROM items WHERE open_minor > 0
      GROUP BY customer_id, currency ORDER BY customer_id, currency`,
    [asOf, customerId ?? null],
  );
  const customers = found.map((row): CustomerAgingView => ({
    customerId: row.customer_id,
    ...buckets(row.currency, [row]),
  }));
  const currencies = [...new Set(found.map((r) => r.currency))].sort();
  const totals = currencies.map((currency) =>
    buckets(
      currency,
      found.filter((r) => r.currency === currency),
    ),
  );
  return { asOf, customers, totals };
}

function buckets(currency: Currency, of: AgingRow[]): AgingBucketsView {
  const sum = (pick: (row: AgingRow) => number) => of.reduce((total, row) => total + pick(row), 0);
  const view = {
    currency,
    currentMinor: sum((r) => r.current_minor),
    days1To30Minor: sum((r) => r.days_1_30_minor),
    days31To60Minor: sum((r) => r.days_31_60_minor),
    days61To90Minor: sum((r) => r.days_61_90_minor),
    over90Minor: sum((r) => r.over_90_minor),
    openItems: sum((r) => r.open_items),
  };
  const totalMinor =
    view.currentMinor + view.days1To30Minor + view.days31To60Minor + view.days61To90Minor + view.over90Minor;
  return { ...view, totalMinor };
}
