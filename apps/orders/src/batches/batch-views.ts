import type {
  BatchDraftStatus,
  BatchDraftView,
  BatchKind,
  BatchStatus,
  BatchView,
  DraftError,
  DraftPostResult,
  DraftProblem,
  OrderStatus,
  OrderType,
  PaymentMethod,
} from '#contracts';

export interface BatchRow {
  id: string;
  number: string;
  name: string;
  kind: BatchKind;
  status: BatchStatus;
  owner: string;
  default_customer_id: string | null;
  default_payment_method: PaymentMethod | null;
  last_row_no: number;
  created_at: Date;
  posted_at: Date | null;
  cancelled_at: Date | null;
  draft_count: number;
  posted_count: number;
  failed_count: number;
}

export interface DraftRow {
  id: string;
  batch_id: string;
  row_no: number;
  order_ref: string | null;
  source_rows: number[] | null;
  body: Record<string, unknown>;
  status: BatchDraftStatus;
  order_id: string | null;
  error: DraftError | null;
  order_number?: string | null;
  order_type?: OrderType | null;
  order_status?: OrderStatus | null;
  total_minor?: string | null;
}

/** What checking a draft found: the order posting would place, and its problems. */
export interface DraftCheck {
  order: Record<string, unknown>;
  orderType: OrderType;
  problems: DraftProblem[];
}

export function toBatchView(row: BatchRow): BatchView {
  return {
    id: row.id,
    number: row.number,
    name: row.name,
    kind: row.kind,
    status: row.status,
    owner: row.owner,
    defaultCustomerId: row.default_customer_id ?? undefined,
    defaultPaymentMethod: row.default_payment_method ?? undefined,
    draftCount: row.draft_count ?? 0,
    postedCount: row.posted_count ?? 0,
    failedCount: row.failed_count ?? 0,
    createdAt: new Date(row.created_at).toISOString(),
    postedAt: row.posted_at ? new Date(row.posted_at).toISOString() : undefined,
    cancelledAt: row.cancelled_at ? new Date(row.cancelled_at).toISOString() : undefined,
  };
}

export function toDraftView(row: DraftRow, check: DraftCheck | undefined): BatchDraftView {
  const problems = row.status === 'POSTED' ? [] : (check?.problems ?? []);
  const customerId = check?.order.customerId ?? row.body.customerId;
  return {
    id: row.id,
    rowNo: row.row_no,
    orderRef: row.order_ref ?? undefined,
    sourceRows: row.source_rows ?? undefined,
    status: row.status,
    order: row.body,
    customerId: typeof customerId === 'string' ? customerId : undefined,
    orderType: row.order_type ?? check?.orderType ?? 'ORDER',
    valid: problems.length === 0,
    problems,
    orderId: row.order_id ?? undefined,
    orderNumber: row.order_number ?? undefined,
    error: row.error ?? undefined,
  };
}

/** The result of a draft an earlier posting already made. */
export function alreadyPosted(row: DraftRow, paymentMethod: PaymentMethod | undefined): DraftPostResult {
  return {
    draftId: row.id,
    rowNo: row.row_no,
    orderRef: row.order_ref ?? undefined,
    outcome: 'ALREADY_POSTED',
    order: {
      id: row.order_id!,
      number: row.order_number ?? '',
      type: row.order_type ?? 'ORDER',
      status: row.order_status ?? 'OPEN',
      totalMinor: Number(row.total_minor ?? 0),
    },
    paymentMethod,
  };
}

/** Idempotency key a draft is placed with: a retried posting finds the order it made instead of making another. */
export function placementKey(draftId: string): string {
  return `batch:${draftId}`;
}
