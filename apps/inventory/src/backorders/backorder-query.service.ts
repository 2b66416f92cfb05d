import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { BackorderView, ListBackordersRequest, Page } from '#contracts';
import { oneRow, rows } from '#platform';

interface BackorderRow {
  order_id: string;
  order_number: string | null;
  order_date: Date;
  order_line_id: string;
  sku: string;
  requested: number;
  backordered: number;
  priority: number;
  location_code: string | null;
  source_code: string | null;
  allow_split: boolean;
}

/** Back-ordered demand still waiting, in the order a release serves it. */
@Injectable()
export class BackorderQueryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(request: ListBackordersRequest): Promise<Page<BackorderView>> {
    const limit = request.limit ?? 50;
    const offset = request.offset ?? 0;
    const from = `FROM inventory.reserve_lines b JOIN inventory.items i ON i.id = b.item_id
      LEFT JOIN inventory.locations l ON l.id = b.location_id LEFT JOIN inventory.sources s ON s.id = b.source_id
      WHERE b.backordered > 0 AND ($1::text IS NULL OR i.sku = $1) AND ($2::uuid IS NULL OR b.order_id = $2)`;
    const params = [request.sku ?? null, request.orderId ?? null];
    const found = await rows<BackorderRow>(
      this.dataSource,
      `SELECT b.order_id, b.order_number, COALESCE(b.order_date, b.created_at) AS order_date, b.order_line_id, i.sku, b.requested,
              b.backordered, b.priority, l.code AS location_code, s.code AS source_code, b.allow_split
         ${from} ORDER BY i.sku, b.priority DESC, COALESCE(b.order_date, b.created_at), b.order_line_id LIMIT $3 OFFSET $4`,
      [...params, limit, offset],
    );
    const { count } = await oneRow<{ count: number }>(this.dataSource, `SELECT count(*)::int AS count ${from}`, params);
    return { items: found.map(toView), total: count, limit, offset };
  }
}

function toView(row: BackorderRow): BackorderView {
  const view: BackorderView = {
    orderId: row.order_id,
    orderDate: new Date(row.order_date).toISOString(),
    lineId: row.order_line_id,
    sku: row.sku,
    requested: row.requested,
    backordered: row.backordered,
    priority: row.priority,
    allowSplit: row.allow_split,
    confirmed: row.order_number !== null,
  };
  if (row.order_number) view.orderNumber = row.order_number;
  if (row.location_code) view.locationCode = row.location_code;
  if (row.source_code) view.sourceCode = row.source_code;
  return view;
}
