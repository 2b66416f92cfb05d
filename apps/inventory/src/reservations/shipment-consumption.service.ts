import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ShipmentShippedEvent } from '#contracts';
import { DomainError, rows } from '#platform';
import { itemsBySku, locationByCode } from '../common/lookups.js';
import { type Movement, recordMovements } from '../common/stock-ledger.js';
import { lockRows } from '../common/stock-locks.js';

/** Takes shipped goods out of on hand, consuming the lines' reservations at the ship-from location. */
@Injectable()
export class ShipmentConsumptionService {
  async consume(em: EntityManager, event: ShipmentShippedEvent): Promise<void> {
    const location = await locationByCode(em, event.locationCode).catch(() => {
      throw new DomainError(
        'LOCATION_NOT_FOUND',
        `Shipment ${event.shipmentNumber} ships from unknown location ${event.locationCode}`,
      );
    });
    const items = await itemsBySku(
      em,
      event.lines.map((l) => l.sku),
    );
    // Items whose stock is not counted have nothing to take out.
    const lines = event.lines.filter((l) => items.get(l.sku)!.inventoried);
    await lockRows(
      em,
      lines.map((l) => ({ itemId: items.get(l.sku)!.id, locationId: location.id })),
    );
    const movements: Movement[] = [];
    for (const line of lines) {
      const itemId = items.get(line.sku)!.id;
      const fromReserved = await consumeReservation(em, line.orderLineId, location.id, line.quantity);
      const updated = await rows(
        em,
        `UPDATE inventory.stock SET on_hand = on_hand - $3, reserved = reserved - $4
          WHERE item_id = $1 AND location_id = $2 AND on_hand - $3 >= reserved - $4 RETURNING on_hand`,
        [itemId, location.id, line.quantity, fromReserved],
      );
      if (updated.length === 0) {
        throw new DomainError(
          'INSUFFICIENT_STOCK',
          `No stock of ${line.sku} at ${event.locationCode} to ship ${line.quantity}`,
        );
      }
      movements.push({
        itemId,
        locationId: location.id,
        kind: 'SHIPMENT',
        onHandDelta: -line.quantity,
        reservedDelta: -fromReserved,
        orderLineId: line.orderLineId,
        orderId: event.orderId,
        reference: event.shipmentNumber,
      });
    }
    await recordMovements(em, movements);
  }
}

/** Uses up to `quantity` of the line's reservation at the location; returns how much it used. */
async function consumeReservation(
  em: EntityManager,
  orderLineId: string,
  locationId: string,
  quantity: number,
): Promise<number> {
  const used = await rows<{ used: number }>(
    em,
    `WITH gone AS (DELETE FROM inventory.reservations WHERE order_line_id = $1 AND location_id = $2 AND quantity <= $3 RETURNING quantity AS used),
          less AS (UPDATE inventory.reservations SET quantity = quantity - $3 WHERE order_line_id = $1 AND location_id = $2 AND quantity > $3
                   RETURNING $3::int AS used)
     SELECT used FROM gone UNION ALL SELECT used FROM less`,
    [orderLineId, locationId, quantity],
  );
  return used[0]?.used ?? 0;
}
