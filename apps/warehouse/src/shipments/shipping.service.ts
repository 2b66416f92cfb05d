import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  type ShipmentShippedEvent,
  type ShipmentStatus,
  type ShipmentView,
  type ShipRequest,
  WarehouseSubjects,
} from '#contracts';
import { DomainError, maybeRow, oneRow, OutboxService, rows } from '#platform';
import { currentActor } from '../common/actor.js';
import { assertNotVoided, pickTicketStatus, pickTicketSubject } from '../pick-tickets/pick-ticket.machine.js';
import { lockPickTicket } from '../pick-tickets/pick-ticket.rows.js';
import { shipmentStatus, shipmentSubject } from './shipment.machine.js';
import { ShipmentQueryService } from './shipment-query.service.js';

interface LockedShipment {
  id: string;
  number: string;
  status: ShipmentStatus;
  pick_ticket_id: string;
  order_id: string;
  order_number: string;
  location_code: string;
}

/**
 * Hands a packed shipment to the carrier: shipment and its pick ticket PACKED -> SHIPPED,
 * and `shipment shipped` (with the packed quantity of each order line) in the same
 * transaction. A second attempt is ILLEGAL_TRANSITION and emits nothing.
 */
@Injectable()
export class ShippingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly query: ShipmentQueryService,
  ) {}

  async ship(request: ShipRequest): Promise<ShipmentView> {
    await this.dataSource.transaction(async (em) => {
      const shipment = await lockShipment(em, request.shipmentId);
      const ticket = await lockPickTicket(em, shipment.pick_ticket_id);
      assertNotVoided(ticket);
      shipmentStatus.assertCanMove(shipment.status, 'SHIPPED', shipmentSubject(shipment));
      pickTicketStatus.assertCanMove(ticket.status, 'SHIPPED', pickTicketSubject(ticket));
      const shipped = await rows<{ shipped_at: Date }>(
        em,
        `UPDATE warehouse.shipments SET status = 'SHIPPED', carrier = $2, tracking_number = $3, shipped_at = now(), shipped_by = $4
          WHERE id = $1 AND status = ANY($5::text[]) RETURNING shipped_at`,
        [shipment.id, request.carrier, request.trackingNumber, currentActor(), shipmentStatus.into('SHIPPED')],
      );
      shipmentStatus.assertMoved('SHIPPED', shipped.length, 1, shipmentSubject(shipment));
      const ticketShipped = await rows(
        em,
        `UPDATE warehouse.pick_tickets SET status = 'SHIPPED', updated_at = now() WHERE id = $1 AND status = ANY($2::text[])
         RETURNING id`,
        [ticket.id, pickTicketStatus.into('SHIPPED')],
      );
      pickTicketStatus.assertMoved('SHIPPED', ticketShipped.length, 1, pickTicketSubject(ticket));
      const shippedAt = shipped[0].shipped_at;
      await this.outbox.add(
        em,
        WarehouseSubjects.shipmentShipped,
        await shippedEvent(em, shipment, request, shippedAt),
      );
    });
    return this.query.get(request.shipmentId);
  }
}

async function lockShipment(em: EntityManager, id: string): Promise<LockedShipment> {
  const shipment = await maybeRow<LockedShipment>(
    em,
    `SELECT id, number, status, pick_ticket_id, order_id, order_number, location_code FROM warehouse.shipments WHERE id = $1 FOR UPDATE`,
    [id],
  );
  if (!shipment) throw new DomainError('SHIPMENT_NOT_FOUND', `No shipment with id ${id}`, { id });
  return shipment;
}

async function shippedEvent(
  em: EntityManager,
  shipment: LockedShipment,
  request: ShipRequest,
  shippedAt: Date,
): Promise<ShipmentShippedEvent> {
  const lines = await rows<{ order_line_id: string; sku: string; quantity: number }>(
    em,
    `SELECT order_line_id, sku, packed_quantity AS quantity FROM warehouse.pick_ticket_lines
      WHERE pick_ticket_id = $1 AND packed_quantity > 0 ORDER BY sku, order_line_id`,
    [shipment.pick_ticket_id],
  );
  const { picking_cycle: pickingCycle } = await oneRow<{ picking_cycle: number }>(
    em,
    `SELECT picking_cycle FROM warehouse.pick_tickets WHERE id = $1`,
    [shipment.pick_ticket_id],
  );
  return {
    shipmentId: shipment.id,
    shipmentNumber: shipment.number,
    pickTicketId: shipment.pick_ticket_id,
    pickingCycle,
    orderId: shipment.order_id,
    orderNumber: shipment.order_number,
    locationCode: shipment.location_code,
    carrier: request.carrier,
    trackingNumber: request.trackingNumber,
    shippedAt: shippedAt.toISOString(),
    lines: lines.map((l) => ({ orderLineId: l.order_line_id, sku: l.sku, quantity: l.quantity })),
  };
}
