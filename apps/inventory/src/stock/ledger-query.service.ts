import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { LedgerEntryView, LedgerKind, ListLedgerRequest, Page } from '#contracts';
import { oneRow, rows } from '#platform';

interface LedgerRow {
  id: string;
  sku: string;
  location_code: string;
  kind: LedgerKind;
  on_hand_delta: number;
  reserved_delta: number;
  reference: string | null;
  reason: string | null;
  order_id: string | null;
  order_line_id: string | null;
  actor: string;
  request_id: string | null;
  created_at: Date;
}

/** The stock ledger, oldest first, filtered by item, location, kind, order line or document. */
@Injectable()
export class LedgerQueryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(request: ListLedgerRequest): Promise<Page<LedgerEntryView>> {
    const limit = request.limit ?? 50;
    const offset = request.offset ?? 0;
    const from = `FROM inventory.ledger g JOIN inventory.items i ON i.id = g.item_id JOIN inventory.locations l ON l.id = g.location_id
      WHERE ($1::text IS NULL OR i.sku = $1) AND ($2::text IS NULL OR l.code = $2) AND ($3::text IS NULL OR g.kind = $3)
        AND ($4::uuid IS NULL OR g.order_line_id = $4) AND ($5::text IS NULL OR g.reference = $5)`;
    const params = [
      request.sku ?? null,
      request.locationCode ?? null,
      request.kind ?? null,
      request.orderLineId ?? null,
      request.reference ?? null,
    ];
    const found = await rows<LedgerRow>(
      this.dataSource,
      `SELECT g.id, i.sku, l.code AS location_code, g.kind, g.on_hand_delta, g.reserved_delta, g.reference, g.reason, g.order_id,
              g.order_line_id, g.actor, g.request_id, g.created_at
         ${from} ORDER BY g.id LIMIT $6 OFFSET $7`,
      [...params, limit, offset],
    );
    const { count } = await oneRow<{ count: number }>(this.dataSource, `SELECT count(*)::int AS count ${from}`, params);
    return { items: found.map(toEntry), total: count, limit, offset };
  }
}

function toEntry(r: LedgerRow): LedgerEntryView {
  const entry: LedgerEntryView = {
    id: String(r.id),
    sku: r.sku,
    locationCode: r.location_code,
    kind: r.kind,
    onHandDelta: r.on_hand_delta,
    reservedDelta: r.reserved_delta,
    actor: r.actor,
    createdAt: new Date(r.created_at).toISOString(),
  };
  if (r.reference) entry.reference = r.reference;
  if (r.reason) entry.reason = r.reason;
  if (r.order_id) entry.orderId = r.order_id;
  if (r.order_line_id) entry.orderLineId = r.order_line_id;
  if (r.request_id) entry.requestId = r.request_id;
  return entry;
}
