/** Roles an API key can carry. `system` is for calls services make to each other. */
export const Roles = ['admin', 'sales', 'customer', 'warehouse', 'finance', 'system'] as const;
export type Role = (typeof Roles)[number];
export const ApiKeyRoles = ['admin', 'sales', 'customer', 'warehouse', 'finance'] as const;
export type ApiKeyRole = (typeof ApiKeyRoles)[number];

/** NATS headers that carry the caller and the request id from the gateway to every service. */
export const ContextHeaders = {
  requestId: 'x-request-id',
  actorId: 'x-actor-id',
  role: 'x-actor-role',
  customerId: 'x-customer-id',
  idempotencyKey: 'x-idempotency-key',
} as const;

/** Who is asking: travels with each request. */
export interface Caller {
  actorId: string;
  role: Role;
  /** For the `customer` role: the customer the key belongs to. */
  customerId?: string;
}
