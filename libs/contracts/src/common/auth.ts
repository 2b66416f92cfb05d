/**
 * Caller roles. An API key carries one of the first five (a person); `service` is a service acting
 * on its own (consumers, sweeps, recurring runs), with only the rights of its NATS identity.
 */
export const Roles = ['admin', 'sales', 'customer', 'warehouse', 'finance', 'service'] as const;
export type Role = (typeof Roles)[number];
export const ApiKeyRoles = ['admin', 'sales', 'customer', 'warehouse', 'finance'] as const;
export type ApiKeyRole = (typeof ApiKeyRoles)[number];

/**
 * NATS headers every request carries: the request id, the signed caller context (the only thing a
 * service believes about who is asking; see libs/platform/src/nats/caller-context.ts) and the
 * client's idempotency key.
 */
export const ContextHeaders = {
  requestId: 'x-request-id',
  callerContext: 'x-caller-context',
  idempotencyKey: 'x-idempotency-key',
} as const;

/** Who is asking: travels with each request. */
export interface Caller {
  actorId: string;
  role: Role;
  /** For the `customer` role: the customer the key belongs to. */
  customerId?: string;
  /** For a service's own work started by a person's action (an event): that person, for audit only. */
  onBehalfOf?: string;
}
