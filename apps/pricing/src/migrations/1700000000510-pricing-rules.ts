import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PricingRules1700000000510 implements MigrationInterface {
  name = 'PricingRules1700000000510';

  async up(q: QueryRunner): Promise<void> {
    await this.rules(q);
    await this.indexes(q);
    // Every version of every rule, so a stored priceId and version can be explained later.
    await q.query(`CREATE TABLE pricing.price_rule_versions (
      rule_id uuid NOT NULL REFERENCES pricing.price_rules (id),
      version integer NOT NULL,
      rule jsonb NOT NULL,
      changed_by text,
      changed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (rule_id, version)
    )`);
  }

  private async rules(q: QueryRunner): Promise<void> {
    // Price code tables. A rule names at least one target; a target left NULL matches any
    // value. `breaks` is an ascending array of {from, value}: value is minor units for
    // PRICE and parts per million (1% = 10000) for DISCOUNT and MARKUP.
    await q.query(`CREATE TABLE pricing.price_rules (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      code text NOT NULL CONSTRAINT price_rules_code UNIQUE,
      description text NOT NULL DEFAULT '',
      currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
      customer_id text,
      customer_type text,
      sku text,
      category text,
      ship_to_region text,
      location_code text,
      method text NOT NULL CHECK (method IN ('PRICE', 'DISCOUNT', 'MARKUP')),
      break_basis text NOT NULL CHECK (break_basis IN ('QUANTITY', 'AMOUNT')),
      breaks jsonb NOT NULL CHECK (jsonb_typeof(breaks) = 'array' AND jsonb_array_length(breaks) > 0),
      valid_from date NOT NULL,
      valid_to date,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT price_rules_has_target CHECK (num_nonnulls(customer_id, customer_type, sku, category, ship_to_region, location_code) > 0),
      CONSTRAINT price_rules_dates CHECK (valid_to IS NULL OR valid_to >= valid_from)
    )`);
  }

  private async indexes(q: QueryRunner): Promise<void> {
    // Two rules with the same targets in the same currency are told apart by their start
    // date (the later one wins); the same start date would leave precedence undecided.
    await q.query(`CREATE UNIQUE INDEX price_rules_precedence ON pricing.price_rules
      (currency, customer_id, customer_type, sku, category, ship_to_region, location_code, valid_from) NULLS NOT DISTINCT`);
    // Pricing reads a request's candidate rules in three parts: by SKU, by category (rules
    // without a SKU), and rules with neither (by customer, type, region or location only).
    await q.query(`CREATE INDEX price_rules_sku ON pricing.price_rules (sku) WHERE sku IS NOT NULL`);
    await q.query(
      `CREATE INDEX price_rules_category ON pricing.price_rules (category) WHERE sku IS NULL AND category IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX price_rules_no_item ON pricing.price_rules (customer_id) WHERE sku IS NULL AND category IS NULL`,
    );
    await q.query(
      `CREATE INDEX price_rules_customer ON pricing.price_rules (customer_id) WHERE customer_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE pricing.price_rule_versions`);
    await q.query(`DROP TABLE pricing.price_rules`);
  }
}
