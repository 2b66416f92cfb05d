/**
 * Error codes that cross service boundaries. A service throws a `DomainError` with one
 * of these; the gateway maps the code to an HTTP status with {@link ErrorHttpStatus}.
 */
export const ErrorCodes = [
  'VALIDATION_FAILED',
  'MALFORMED_BODY',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'METHOD_NOT_ALLOWED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'ITEM_NOT_FOUND',
  'LOCATION_NOT_FOUND',
  'SOURCE_NOT_FOUND',
  'CUSTOMER_NOT_FOUND',
  'ORDER_NOT_FOUND',
  'PRICE_NOT_FOUND',
  'PRICE_RULE_NOT_FOUND',
  'RULE_CONFLICT',
  'TAX_RATE_NOT_FOUND',
  'CHARGE_NOT_FOUND',
  'PICK_TICKET_NOT_FOUND',
  'SHIPMENT_NOT_FOUND',
  'PICK_TICKET_VOIDED',
  'ORDER_LINE_CLOSED',
  'INVOICE_NOT_FOUND',
  'ALREADY_EXISTS',
  'ILLEGAL_TRANSITION',
  'QUANTITY_EXCEEDED',
  'INSUFFICIENT_STOCK',
  'CURRENCY_MISMATCH',
  'OVERPAYMENT',
  'PAYMENT_NOT_FOUND',
  'OVER_ALLOCATION',
  'CUSTOMER_MISMATCH',
  'IDEMPOTENCY_KEY_REUSED',
  'IDEMPOTENCY_IN_PROGRESS',
  'KEY_IN_USE',
  'RATE_LIMITED',
  'SERVICE_TIMEOUT',
  'SERVICE_UNAVAILABLE',
  'RETRY_LATER',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ErrorCodes)[number];

/** The shape every error has on the wire, in NATS replies and in problem+json bodies. */
export interface ErrorPayload {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

/** HTTP status for each error code; exhaustive so a new code cannot go unmapped. */
export const ErrorHttpStatus = {
  VALIDATION_FAILED: 400,
  MALFORMED_BODY: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  METHOD_NOT_ALLOWED: 405,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  ITEM_NOT_FOUND: 404,
  LOCATION_NOT_FOUND: 404,
  SOURCE_NOT_FOUND: 404,
  CUSTOMER_NOT_FOUND: 404,
  ORDER_NOT_FOUND: 404,
  PRICE_NOT_FOUND: 422,
  PRICE_RULE_NOT_FOUND: 404,
  RULE_CONFLICT: 409,
  TAX_RATE_NOT_FOUND: 422,
  CHARGE_NOT_FOUND: 404,
  PICK_TICKET_NOT_FOUND: 404,
  SHIPMENT_NOT_FOUND: 404,
  PICK_TICKET_VOIDED: 409,
  ORDER_LINE_CLOSED: 409,
  INVOICE_NOT_FOUND: 404,
  ALREADY_EXISTS: 409,
  ILLEGAL_TRANSITION: 409,
  QUANTITY_EXCEEDED: 422,
  INSUFFICIENT_STOCK: 409,
  CURRENCY_MISMATCH: 422,
  OVERPAYMENT: 422,
  PAYMENT_NOT_FOUND: 404,
  OVER_ALLOCATION: 422,
  CUSTOMER_MISMATCH: 422,
  IDEMPOTENCY_KEY_REUSED: 422,
  IDEMPOTENCY_IN_PROGRESS: 409,
  KEY_IN_USE: 409,
  RATE_LIMITED: 429,
  SERVICE_TIMEOUT: 504,
  SERVICE_UNAVAILABLE: 503,
  RETRY_LATER: 503,
  INTERNAL: 500,
} as const satisfies Record<ErrorCode, number>;

/** A validation problem with one field, as listed in `details` of VALIDATION_FAILED. */
export interface FieldError {
  field: string;
  problems: string[];
}

/**
 * `details` of an ILLEGAL_TRANSITION thrown by a transition table: which table (`machine`,
 * e.g. "pick ticket status"), what was moving (`subject`, e.g. "Pick ticket PT-000012"), the
 * status it is in, the status asked for, and the statuses the table allows from there.
 */
export interface IllegalTransitionDetails {
  machine: string;
  subject?: string;
  from: string;
  to: string;
  allowed: string[];
}

export function isErrorPayload(value: unknown): value is ErrorPayload {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ErrorPayload).code === 'string' &&
    (ErrorCodes as readonly string[]).includes((value as ErrorPayload).code)
  );
}
