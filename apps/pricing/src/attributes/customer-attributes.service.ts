import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type {
  CustomerAttributesView,
  ListCustomerAttributesRequest,
  Page,
  UpsertAttributesReply,
  UpsertCustomerAttributesRequest,
} from '#contracts';
import { rows } from '#platform';
import { optional } from '../store/pricing-rows.js';

/**
 * Pricing's own copy of the customer facts prices depend on: the customer type (rules)
 * and the default ship-to region (taxes, freight, rules when a request names none).
 * Orders owns customers; it (or an admin) feeds this copy.
 */
@Injectable()
export class CustomerAttributesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Creates or changes customers: a field left out stays as it is, `null` clears it. */
  async upsert(request: UpsertCustomerAttributesRequest): Promise<UpsertAttributesReply> {
    const customers = [...new Map(request.customers.map((c) => [c.customerId, c])).values()];
    const records = customers.map((c) => ({
      customer_id: c.customerId,
      customer_type: c.customerType ?? null,
      ship_to_region: c.shipToRegion ?? null,
      set_type: c.customerType !== undefined,
      set_region: c.shipToRegion !== undefined,
    }));
    await this.dataSource.transaction(async (em) => {
      await em.query(
        `INSERT INTO pricing.customers (customer_id) SELECT customer_id FROM jsonb_to_recordset($1::jsonb) AS x(customer_id text)
         ON CONFLICT (customer_id) DO NOTHING`,
        [JSON.stringify(records)],
      );
      await rows(
        em,
        `UPDATE pricing.customers c
            SET customer_type = CASE WHEN x.set_type THEN x.customer_type ELSE c.customer_type END,
                ship_to_region = CASE WHEN x.set_region THEN x.ship_to_region ELSE c.ship_to_region END,
                updated_at = now()
           FROM jsonb_to_recordset($1::jsonb) AS x(customer_id text, customer_type text, ship_to_region text, set_type bool, set_region bool)
          WHERE c.customer_id = x.customer_id
         RETURNING c.customer_id`,
        [JSON.stringify(records)],
      );
    });
    return { upserted: customers.length };
  }

  async list(request: ListCustomerAttributesRequest): Promise<Page<CustomerAttributesView>> {
    const limit = request.limit ?? 50;
    const offset = request.offset ?? 0;
    const params = [request.customerId ?? null];
    const where = `WHERE ($1::text IS NULL OR customer_id = $1)`;
    const [{ total }] = await rows<{ total: string }>(
      this.dataSource,
      `SELECT count(*) AS total FROM pricing.customers ${where}`,
      params,
    );
    const found = await rows<{ customer_id: string; customer_type: string | null; ship_to_region: string | null }>(
      this.dataSource,
      `SELECT customer_id, customer_type, ship_to_region FROM pricing.customers ${where} ORDER BY customer_id LIMIT $2 OFFSET $3`,
      [...params, limit, offset],
    );
    const items = found.map((r) => ({
      customerId: r.customer_id,
      ...optional('customerType', r.customer_type),
      ...optional('shipToRegion', r.ship_to_region),
    }));
    return { items, total: Number(total), limit, offset };
  }
}
