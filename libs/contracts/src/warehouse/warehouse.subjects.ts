import { deadLetterSubjects } from '../common/dead-letters.js';

export const WarehouseSubjects = {
  ...deadLetterSubjects('warehouse'),
  generatePickTickets: 'warehouse.pickticket.generate',
  getPickTicket: 'warehouse.pickticket.get',
  listPickTickets: 'warehouse.pickticket.list',
  confirmPicks: 'warehouse.pickticket.pick',
  pack: 'warehouse.pickticket.pack',
  ship: 'warehouse.shipment.ship',
  getShipment: 'warehouse.shipment.get',
  demandFacts: 'warehouse.consistency.demand',
  ticketLineFacts: 'warehouse.consistency.ticket-lines',
  pickTicketPrinted: 'events.warehouse.pickticket.printed',
  shipmentShipped: 'events.warehouse.shipment.shipped',
  pickTicketVoided: 'events.warehouse.pickticket.voided',
} as const;
