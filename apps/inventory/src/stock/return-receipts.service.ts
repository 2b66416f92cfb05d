import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ReturnReceivedEvent } from '#contracts';
import { DomainError, rows } from '#platform';
import { BackorderReleaseService } from '../backorders/backorder-release.service.js';
import { type ItemRef, itemsBySku } from '../common/lookups.js';
import { recordMovements } from '../common/stock-ledger.js';
import type { HeldStock } from '../common/stock-locks.js';
import { bookIn } from './stock-booking.js';

type ReturnedLine = ReturnReceivedEvent['lines'][number];

interface Placed {
  line: ReturnedLine;
  item: ItemRef;
  locationId: string;
}

/**
 * Goods a customer returned, as orders reports them received: a restocked line goes back on
 * hand at one of our locations (and serves waiting back-orders); a written-off line is
 * recorded as returned and written off at once, so the ledger tells what happened while on
 * hand does not change. Runs in the consumer's inbox transaction: a redelivery does nothing.
 */
@Injectable()
export class ReturnReceiptsService {
  constructor(private readonly backorders: BackorderReleaseService) {}

  async receive(em: EntityManager, received: ReturnReceivedEvent): Promise<void> {
    const items = await itemsBySku(
      em,
      received.lines.map((l) => l.sku),
    );
    const placed: Placed[] = [];
    for (const line of received.lines) {
      const item = items.get(line.sku)!;
      if (item.inventoried && line.quantity > 0)
        placed.push({ line, item, locationId: await returnLocation(em, item, line) });
    }
    // Stock rows in the global lock order.
    placed.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    const restocked: HeldStock[] = [];
    for (const { line, item, locationId } of placed) {
      const common = {
        itemId: item.id,
        locationId,
        orderLineId: line.originalLineId,
        reference: received.returnNumber,
      };
      if (line.disposition === 'RESTOCK') {
        restocked.push(
          await bookIn(em, {
            ...common,
            kind: 'RETURN_RESTOCK',
            onHandDelta: line.quantity,
            reason: 'customer return restocked',
          }),
        );
        continue;
      }
      await recordMovements(em, [
        {
          ...common,
          kind: 'RETURN_RESTOCK',
          onHandDelta: line.quantity,
          reservedDelta: 0,
          reason: 'customer return received',
        },
        {
          ...common,
          kind: 'WRITE_OFF',
          onHandDelta: -line.quantity,
          reservedDelta: 0,
          reason: 'customer return written off',
        },
      ]);
    }
    await this.backorders.afterStockArrived(em, restocked);
  }
}

function key(p: Placed): string {
  return `${p.item.id}|${p.locationId}`;
}

/**
 * Where returned goods go: the location the line shipped from when it is one of ours, else
 * the item's own warehouse location, else our first location in sourcing order.
 */
async function returnLocation(em: EntityManager, item: ItemRef, line: ReturnedLine): Promise<string> {
  const [found] = await rows<{ id: string }>(
    em,
    `SELECT l.id FROM inventory.locations l JOIN inventory.sources o ON o.id = l.source_id
      WHERE o.kind = 'WAREHOUSE'
      ORDER BY l.code = $1 DESC, l.id = $2 DESC, o.priority, l.priority, l.code LIMIT 1`,
    [line.locationCode ?? null, item.warehouseLocationId],
  );
  if (!found)
    throw new DomainError('LOCATION_NOT_FOUND', `There is no warehouse location to restock returned ${line.sku} at`);
  return found.id;
}
