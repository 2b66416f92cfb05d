import type { PickTicketStatus } from './warehouse.dto.js';

/** Open pick demand of one order line at one location (`warehouse.consistency.demand`). */
export interface PickDemandFact {
  demandId: string;
  orderId: string;
  orderLineId: string;
  locationCode: string;
  quantity: number;
  /** Not ticketed until the line is made active (a held or prepaid line). */
  held: boolean;
}

/** One order line on a pick ticket, with its shipment once it shipped (`warehouse.consistency.ticket-lines`). */
export interface TicketLineFact {
  pickTicketId: string;
  orderId: string;
  orderLineId: string;
  locationCode: string;
  ticketStatus: PickTicketStatus;
  quantity: number;
  packedQuantity: number;
  /** Present once the ticket's shipment was handed to the carrier. */
  shipmentId?: string;
  shippedAt?: string;
}
