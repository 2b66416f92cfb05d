import { type BillingCommands, type BillingEvents, BillingEventVersions } from '../billing/billing.messages.js';
import type { BillingSubjects } from '../billing/billing.subjects.js';
import type { GatewaySubjects } from '../gateway/gateway.js';
import type { GatewayCommands } from '../gateway/gateway.messages.js';
import {
  type InventoryCommands,
  type InventoryEvents,
  InventoryEventVersions,
} from '../inventory/inventory.messages.js';
import type { InventorySubjects } from '../inventory/inventory.subjects.js';
import { type OrdersCommands, type OrdersEvents, OrdersEventVersions } from '../orders/orders.messages.js';
import type { OrdersSubjects } from '../orders/orders.subjects.js';
import type { PricingCommands } from '../pricing/pricing.messages.js';
import type { PricingSubjects } from '../pricing/pricing.subjects.js';
import {
  type WarehouseCommands,
  type WarehouseEvents,
  WarehouseEventVersions,
} from '../warehouse/warehouse.messages.js';
import type { WarehouseSubjects } from '../warehouse/warehouse.subjects.js';

/** The payload of a command or query that takes no arguments: send `{}`. */
export type EmptyRequest = Record<string, never>;

/**
 * Every NATS request-reply subject with what it takes and answers. `ServiceClient.request`
 * and the `@Command` handler decorator read it, so a caller and a handler that disagree on a
 * payload do not compile.
 */
export interface CommandMap
  extends OrdersCommands, InventoryCommands, PricingCommands, WarehouseCommands, BillingCommands, GatewayCommands {}

/** Every domain event subject with its payload (`data` in the envelope). */
export interface EventMap extends OrdersEvents, InventoryEvents, WarehouseEvents, BillingEvents {}

export type CommandSubject = keyof CommandMap;
export type RequestOf<S extends CommandSubject> = CommandMap[S]['request'];
export type ReplyOf<S extends CommandSubject> = CommandMap[S]['reply'];
export type EventSubject = keyof EventMap;
export type EventDataOf<S extends EventSubject> = EventMap[S];

/** The schema version every event subject is written with now (declared beside each service's events). */
export const EventVersions = {
  ...OrdersEventVersions,
  ...InventoryEventVersions,
  ...WarehouseEventVersions,
  ...BillingEventVersions,
} as const satisfies Record<EventSubject, number>;
export type EventVersionOf<S extends EventSubject> = (typeof EventVersions)[S];

type ValuesOf<T> = T[keyof T];
/** Every subject named in a `*Subjects` const. */
type DeclaredSubject =
  | ValuesOf<typeof OrdersSubjects>
  | ValuesOf<typeof InventorySubjects>
  | ValuesOf<typeof PricingSubjects>
  | ValuesOf<typeof WarehouseSubjects>
  | ValuesOf<typeof BillingSubjects>
  | ValuesOf<typeof GatewaySubjects>;

/** Compiles only when `T` is `never`; the name of the alias using it says what went wrong. */
type MustBeEmpty<T extends never> = T;
// Each declared subject is in exactly one map, the maps hold nothing else, and only
// `events.` subjects are events.
type SubjectsMissingFromTheMaps = MustBeEmpty<Exclude<DeclaredSubject, CommandSubject | EventSubject>>;
type SubjectsInBothMaps = MustBeEmpty<CommandSubject & EventSubject>;
type UndeclaredSubjectsInTheMaps = MustBeEmpty<Exclude<CommandSubject | EventSubject, DeclaredSubject>>;
type CommandsNamedLikeEvents = MustBeEmpty<Extract<CommandSubject, `events.${string}`>>;
type EventsNotNamedLikeEvents = MustBeEmpty<Exclude<EventSubject, `events.${string}`>>;
