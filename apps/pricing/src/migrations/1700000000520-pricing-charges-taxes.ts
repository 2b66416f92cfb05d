import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PricingChargesTaxes1700000000520 implements MigrationInterface {
  name = 'PricingChargesTaxes1700000000520';

  async up(q: QueryRunner): Promise<void> {
    await this.taxesFreightCharges(q);
    await this.copiesOfItemsAndCustomers(q);
  }

  private async taxesFreightCharges(q: QueryRunner): Promise<void> {
    // Rates in parts per million of the taxed amount (21% = 210000); the newest row not
    // after a day is the rate on that day.
    await q.query(`CREATE TABLE pricing.tax_rates (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      region text NOT NULL,
      tax_class text NOT NULL,
      rate_ppm integer NOT NULL CHECK (rate_ppm BETWEEN 0 AND 1000000),
      description text NOT NULL DEFAULT '',
      valid_from date NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT tax_rates_region_class_day UNIQUE (region, tax_class, valid_from)
    )`);
    await q.query(`CREATE TABLE pricing.freight_rules (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      code text NOT NULL CONSTRAINT freight_rules_code UNIQUE,
      description text NOT NULL DEFAULT '',
      currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
      ship_to_region text,
      location_code text,
      method text NOT NULL CHECK (method IN ('FLAT', 'WEIGHT', 'AMOUNT')),
      amount_minor bigint CHECK (amount_minor >= 0),
      per_kg_minor bigint CHECK (per_kg_minor >= 0),
      tiers jsonb,
      free_above_minor bigint CHECK (free_above_minor >= 0),
      tax_class text,
      valid_from date NOT NULL,
      valid_to date,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT freight_rules_dates CHECK (valid_to IS NULL OR valid_to >= valid_from)
    )`);
    await q.query(`CREATE UNIQUE INDEX freight_rules_precedence ON pricing.freight_rules
      (currency, ship_to_region, location_code, valid_from) NULLS NOT DISTINCT`);
    await q.query(`CREATE TABLE pricing.charge_codes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      code text NOT NULL,
      currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
      description text NOT NULL,
      amount_minor bigint NOT NULL CHECK (amount_minor >= 0),
      tax_class text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT charge_codes_code_currency UNIQUE (code, currency)
    )`);
  }

  private async copiesOfItemsAndCustomers(q: QueryRunner): Promise<void> {
    // Pricing's own copy of what it needs to know about items (owned by inventory) and
    // customers (owned by orders), fed by their owners; never read from their schemas.
    await q.query(`CREATE TABLE pricing.items (
      sku text PRIMARY KEY,
      category text,
      tax_class text,
      weight_grams integer CHECK (weight_grams >= 0),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX items_category ON pricing.items (category) WHERE category IS NOT NULL`);
    await q.query(`CREATE TABLE pricing.item_costs (
      sku text NOT NULL REFERENCES pricing.items (sku),
      currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
      unit_cost_minor bigint NOT NULL CHECK (unit_cost_minor >= 0),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (sku, currency)
    )`);
    await q.query(`CREATE TABLE pricing.customers (
      customer_id text PRIMARY KEY,
      customer_type text,
      ship_to_region text,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['customers', 'item_costs', 'items', 'charge_codes', 'freight_rules', 'tax_rates']) {
      await q.query(`DROP TABLE pricing.${table}`);
    }
  }
}
