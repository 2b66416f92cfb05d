import type { Page } from '../common/paging.js';
import type { IdRequest } from '../orders/orders.dto.js';
import type {
  ConfirmPicksRequest,
  GeneratePickTicketsRequest,
  ListPickTicketsRequest,
  PackRequest,
  PickTicketPrintedEvent,
  PickTicketView,
  ShipRequest,
  ShipmentShippedEvent,
  ShipmentView,
} from './warehouse.dto.js';
import type { WarehouseSubjects } from './warehouse.subjects.js';

/** What each warehouse command or query takes and answers (`ServiceClient.request` reads it). */
export interface WarehouseCommands {
  [WarehouseSubjects.generatePickTickets]: { request: GeneratePickTicketsRequest; reply: PickTicketView[] };
  [WarehouseSubjects.getPickTicket]: { request: IdRequest; reply: PickTicketView };
  [WarehouseSubjects.listPickTickets]: { request: ListPickTicketsRequest; reply: Page<PickTicketView> };
  [WarehouseSubjects.confirmPicks]: { request: ConfirmPicksRequest; reply: PickTicketView };
  [WarehouseSubjects.pack]: { request: PackRequest; reply: ShipmentView };
  [WarehouseSubjects.ship]: { request: ShipRequest; reply: ShipmentView };
  [WarehouseSubjects.getShipment]: { request: IdRequest; reply: ShipmentView };
}

/** The payload of each warehouse event (`OutboxService.add` and `EventConsumers.on` read it). */
export interface WarehouseEvents {
  [WarehouseSubjects.pickTicketPrinted]: PickTicketPrintedEvent;
  [WarehouseSubjects.shipmentShipped]: ShipmentShippedEvent;
}
