import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ORDER_SUMMARIES_VIEW } from '../orders/derived-status/order-summaries.view.js';
import { orderTypeRows, UPSERT_ORDER_TYPES } from '../order-types/order-type-rows.js';
import { OrderReversals1700000000225 } from './1700000000225-order-reversals.js';

/**
 * Order-type behaviour as data for SQL: `orders.order_types` holds one row per type and one
 * column per field of `OrderTypeRules` in contracts, written from that table here and again
 * by orders at every start (`OrderTypesSync`), so contracts stays the only source. Every order
 * refers to its type's row, and the status view reads the rules from it instead of comparing
 * type names (the views before this one did; they are history).
 */
export class OrderTypes1700000000240 implements MigrationInterface {
  name = 'OrderTypes1700000000240';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE orders.order_types (
      type text PRIMARY KEY,
      entered_by text[] NOT NULL,
      made_by_system_only boolean NOT NULL,
      fixed_status text CHECK (fixed_status IN ('QUOTE', 'TEMPLATE')),
      reserves_stock boolean NOT NULL,
      picked boolean NOT NULL,
      handed_over_at_entry boolean NOT NULL,
      fulfillable boolean NOT NULL,
      editable boolean NOT NULL,
      sale boolean NOT NULL,
      billed_at_entry boolean NOT NULL,
      backorders_rest boolean NOT NULL,
      carries_rest_of_original boolean NOT NULL,
      converts_to_order boolean NOT NULL,
      recurs boolean NOT NULL,
      returnable boolean NOT NULL,
      reopenable boolean NOT NULL,
      receives_goods boolean NOT NULL,
      credits boolean NOT NULL,
      charges_reduce_total boolean NOT NULL,
      closes_when_shipped boolean NOT NULL
    )`);
    await q.query(UPSERT_ORDER_TYPES, [JSON.stringify(orderTypeRows())]);
    await q.query(
      `ALTER TABLE orders.orders ADD CONSTRAINT orders_type_rules FOREIGN KEY (type) REFERENCES orders.order_types (type)`,
    );
    await q.query(`DROP VIEW orders.order_summaries`);
    await q.query(ORDER_SUMMARIES_VIEW);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW orders.order_summaries`);
    // The view as 1700000000225 made it: replay only its view statement.
    await new OrderReversals1700000000225().up(onlyViews(q));
    await q.query(`ALTER TABLE orders.orders DROP CONSTRAINT orders_type_rules`);
    await q.query(`DROP TABLE orders.order_types`);
  }
}

/** A query runner that runs only CREATE … VIEW statements (to replay an earlier migration's view). */
function onlyViews(q: QueryRunner): QueryRunner {
  const query = (sql: string, params?: unknown[]) =>
    /^\s*CREATE (OR REPLACE )?VIEW/i.test(sql) ? q.query(sql, params) : Promise.resolve();
  return { query } as unknown as QueryRunner;
}
