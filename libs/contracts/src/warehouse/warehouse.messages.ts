import type { DeadLetterCommands } from '../common/dead-letters.js';
import type { FactsPage, FactsPageRequest } from '../common/consistency.js';
import type { Page } from '../common/paging.js';
import type { IdRequest } from '../orders/orders.dto.js';
import type { PickDemandFact, TicketLineFact } from './consistency.dto.js';
import type {
  ConfirmPicksRequest,
  GeneratePickTicketsRequest,
  ListPickTicketsRequest,
  PackRequest,
  PickTicketPrintedEvent,
  PickTicketVoidedEvent,
  PickTicketView,
  ShipRequest,
  ShipmentShippedEvent,
  ShipmentView,
} from './warehouse.dto.js';
import { WarehouseSubjects } from './warehouse.subjects.js';

/** What each warehouse command or query takes and answers (`ServiceClient.request` reads it). */
export interface WarehouseCommands extends DeadLetterCommands<'warehouse'> {
  [WarehouseSubjects.generatePickTickets]: { request: GeneratePickTicketsRequest; reply: PickTicketView[] };
  [WarehouseSubjects.getPickTicket]: { request: IdRequest; reply: PickTicketView };
  [WarehouseSubjects.listPickTickets]: { request: ListPickTicketsRequest; reply: Page<PickTicketView> };
  [WarehouseSubjects.confirmPicks]: { request: ConfirmPicksRequest; reply: PickTicketView };
  [WarehouseSubjects.pack]: { request: PackRequest; reply: ShipmentView };
  [WarehouseSubjects.ship]: { request: ShipRequest; reply: ShipmentView };
  [WarehouseSubjects.getShipment]: { request: IdRequest; reply: ShipmentView };
  [WarehouseSubjects.demandFacts]: { request: FactsPageRequest; reply: FactsPage<PickDemandFact> };
  [WarehouseSubjects.ticketLineFacts]: { request: FactsPageRequest; reply: FactsPage<TicketLineFact> };
}

/** The payload of each warehouse event (`OutboxService.add` and `EventConsumers.on` read it). */
export interface WarehouseEvents {
  [WarehouseSubjects.pickTicketPrinted]: PickTicketPrintedEvent;
  [WarehouseSubjects.shipmentShipped]: ShipmentShippedEvent;
  [WarehouseSubjects.pickTicketVoided]: PickTicketVoidedEvent;
}

/**
 * The schema version each warehouse event is written with (the envelope's `v`). Raise one when
 * its payload changes in a way a consumer must know about, and list the new version in the
 * consumers that read it: a consumer dead-letters a version it does not read.
 */
export const WarehouseEventVersions = {
  [WarehouseSubjects.pickTicketPrinted]: 1,
  [WarehouseSubjects.shipmentShipped]: 1,
  [WarehouseSubjects.pickTicketVoided]: 1,
} as const satisfies Record<keyof WarehouseEvents, number>;
