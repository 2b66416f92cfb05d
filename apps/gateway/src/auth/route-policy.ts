import type { ApiKeyRole } from '#contracts';

/** A route anyone may call, without a key (health and metrics only). */
export const PUBLIC = 'public';

export type RouteRule = readonly ApiKeyRole[] | typeof PUBLIC;

const A = ['admin'] as const;
const AS = ['admin', 'sales'] as const;
const AW = ['admin', 'warehouse'] as const;
const AF = ['admin', 'finance'] as const;
const ASW = ['admin', 'sales', 'warehouse'] as const;
const ASC = ['admin', 'sales', 'customer'] as const;
/** Everyone who works for the business; not a customer's key. */
const STAFF = ['admin', 'sales', 'warehouse', 'finance'] as const;
/** Staff and customers; a customer key only ever sees its own customer's records (the services scope it). */
const STAFF_AND_CUSTOMER = ['admin', 'sales', 'warehouse', 'finance', 'customer'] as const;
const BILLING_READERS = ['admin', 'finance', 'sales', 'customer'] as const;

/**
 * Who may call each route of the gateway: the one table, deny by default. The guard reads it for
 * every request, and the gateway refuses to start when a route has no entry here or an entry
 * names no route (`checkRoutePolicy`), so a new route cannot slip out unguarded. Services check
 * roles again on their side, as a second line.
 */
export const ROUTE_POLICY: Readonly<Record<string, RouteRule>> = {
  'GET /health': PUBLIC,
  'GET /health/live': PUBLIC,
  'GET /health/ready': PUBLIC,
  'GET /metrics': PUBLIC,

  'POST /api-keys': A,
  'GET /api-keys': A,
  'POST /api-keys/:id/revoke': A,
  'POST /api-keys/:id/rotate': A,
  'GET /admin/consistency': A,
  'GET /admin/dead-letters': A,
  'POST /admin/dead-letters/:service/:id/replay': A,
  'POST /admin/dead-letters/:service/:id/discard': A,

  'POST /products': AW,
  'GET /products': STAFF,
  'GET /products/:code': STAFF,
  'POST /items': AW,
  'GET /items': STAFF,
  'GET /items/:sku': STAFF,
  'POST /sources': AW,
  'GET /sources': ASW,
  'POST /sources/:code/items': AW,
  'GET /sources/:code/items': ASW,
  'POST /sources/:code/feed': AW,
  'POST /locations': AW,
  'GET /locations': ASW,

  'GET /stock': ASW,
  'GET /stock/availability/:sku': ASW,
  'POST /stock/receipts': AW,
  'POST /stock/adjustments': AW,
  'POST /stock/transfers': AW,
  'POST /stock/returns': AW,
  'POST /stock/write-offs': AW,
  'GET /stock/ledger': ASW,
  'GET /stock/consistency': ASW,
  'GET /backorders': ASW,
  'GET /backorders/eligible': ASW,
  'POST /backorders/release': AW,

  'POST /prices': A,
  'GET /prices': ASC,
  'POST /prices/quote': ASC,
  'GET /price-rules/export': A,
  'POST /price-rules/import': A,
  'POST /price-rules': A,
  'GET /price-rules': AS,
  'GET /price-rules/:id': AS,
  'PATCH /price-rules/:id': A,
  'POST /price-rules/:id/end': A,
  'POST /tax-rates': A,
  'GET /tax-rates': AS,
  'POST /freight-rules': A,
  'GET /freight-rules': AS,
  'POST /charge-codes': A,
  'GET /charge-codes': AS,
  'POST /pricing/items': A,
  'GET /pricing/items': AS,
  'POST /pricing/customers': A,
  'GET /pricing/customers': AS,

  'POST /customers': AS,
  'GET /customers': ['admin', 'sales', 'finance'],
  'GET /customers/:id': ['admin', 'sales', 'finance', 'customer'],
  'POST /orders': ASC,
  'GET /orders': STAFF_AND_CUSTOMER,
  'GET /orders/:id': STAFF_AND_CUSTOMER,
  'POST /orders/:id/cancel': AS,
  'POST /orders/:id/reopen': A,
  'GET /orders/:id/reversals': ['admin', 'sales', 'finance'],
  'POST /orders/:id/lines/:lineId/hold': AS,
  'POST /orders/:id/lines/:lineId/make-active': AS,
  'POST /orders/:id/lines/:lineId/pre-ship': ASW,
  'POST /orders/:id/lines/:lineId/cancel': AS,
  'POST /orders/:id/lines/:lineId/terminate': AS,
  'POST /orders/:id/lines': ASC,
  'PATCH /orders/:id/lines/:lineId': ASC,
  'DELETE /orders/:id/lines/:lineId': ASC,
  'POST /quotes/:id/convert': AS,
  'GET /quotes/:id/comparison': AS,
  'POST /recurring-orders/process': A,
  'POST /batches': AS,
  'GET /batches': AS,
  'GET /batches/:id': AS,
  'POST /batches/:id/drafts': AS,
  'PUT /batches/:id/drafts/:draftId': AS,
  'DELETE /batches/:id/drafts/:draftId': AS,
  'POST /batches/:id/import': AS,
  'POST /batches/:id/post': AS,
  'POST /batches/:id/cancel': AS,
  'POST /returns': A,
  'PATCH /returns/:id/lines/:lineId': A,
  'PATCH /returns/:id/handling-charge': A,
  'POST /returns/:id/receive': A,
  'POST /credit-memos': AF,

  'POST /pick-tickets/generate': AW,
  'GET /pick-tickets': AW,
  'GET /pick-tickets/:id': AW,
  'POST /pick-tickets/:id/picks': AW,
  'POST /pick-tickets/:id/pack': AW,
  'POST /shipments/:id/ship': AW,
  'GET /shipments/:id': AW,

  'GET /invoices': BILLING_READERS,
  'GET /invoices/:id': BILLING_READERS,
  'GET /credit-notes': BILLING_READERS,
  'POST /payments': AF,
  'POST /payments/:id/allocations': AF,
  'POST /payments/:id/refunds': AF,
  'GET /customers/:id/unapplied-cash': AF,
  'GET /receivables/aging': AF,
};

/** Routes with no entry in the table, and entries that match no route. */
export function checkRoutePolicy(
  routes: readonly string[],
  policy: Readonly<Record<string, RouteRule>> = ROUTE_POLICY,
): { unguarded: string[]; unknown: string[] } {
  const known = new Set(routes);
  return {
    unguarded: routes.filter((route) => !(route in policy)),
    unknown: Object.keys(policy).filter((route) => !known.has(route)),
  };
}
