import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { orderTypeRows, UPSERT_ORDER_TYPES } from './order-type-rows.js';

/**
 * The rules of each order type live in contracts (`OrderTypeRules`); orders' SQL reads them
 * from `orders.order_types`. This writes that table from contracts at every start (after
 * the migrations, before any request or event is taken), so a rule changed in contracts
 * reaches the SQL with the next deployment and the table in contracts stays the only source.
 * Replicas starting together write the same rows; the upsert makes that harmless.
 */
@Injectable()
export class OrderTypesSync implements OnModuleInit {
  private readonly logger = new Logger('OrderTypes');

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async onModuleInit(): Promise<void> {
    const rows = orderTypeRows();
    await this.dataSource.query(UPSERT_ORDER_TYPES, [JSON.stringify(rows)]);
    this.logger.log(`order type rules written for ${rows.map((r) => r.type).join(', ')}`);
  }
}
