import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PricingInit1700000000500 implements MigrationInterface {
  name = 'PricingInit1700000000500';

  async up(q: QueryRunner): Promise<void> {
    // List prices: one amount per SKU and currency from a first day on; the newest row
    // whose valid_from is on or before a date is the price on that date. Price codes
    // (discounts, markups, breaks) will adjust these, not replace them.
    await q.query(`CREATE TABLE pricing.prices (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      sku text NOT NULL,
      currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
      unit_price_minor bigint NOT NULL CHECK (unit_price_minor >= 0),
      valid_from date NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT prices_sku_currency_valid_from UNIQUE (sku, currency, valid_from)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE pricing.prices`);
  }
}
