import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { type Currency, DEFAULT_TAX_CLASS, type PriceOrderRequest } from '#contracts';
import { DomainError, maybeRow, rows } from '#platform';
import type { OrderPricingInputs } from '../engine/order-pricer.js';
import type { FreightRule, LineFacts, ListPrice, MiscCharge, OrderFacts, TaxRate } from '../engine/pricing-model.js';
import { RuleIndex } from '../engine/rule-index.js';
import {
  FREIGHT_COLUMNS,
  type FreightRow,
  optional,
  RULE_COLUMNS,
  type RuleRow,
  toFreightRule,
  toPriceRule,
} from '../store/pricing-rows.js';

interface ItemRow {
  sku: string;
  category: string | null;
  tax_class: string | null;
  weight_grams: number | null;
  unit_cost_minor: string | null;
}

/**
 * Reads everything one pricing request depends on in a fixed number of queries, whatever
 * the number of lines, inside one REPEATABLE READ transaction: a concurrent import is seen
 * entirely or not at all.
 */
@Injectable()
export class PricingInputsReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  read(request: PriceOrderRequest, customerId: string | undefined, asOf: string): Promise<OrderPricingInputs> {
    return this.dataSource.transaction('REPEATABLE READ', async (em) => {
      const customer = customerId === undefined ? undefined : await this.customer(em, customerId);
      const order: OrderFacts = {
        currency: request.currency,
        asOf,
        ...optional('customerId', customerId),
        ...optional('customerType', customer?.customer_type),
        ...optional('shipToRegion', request.shipToRegion ?? customer?.ship_to_region),
        ...optional('shipFromLocation', request.shipFromLocation),
      };
      const lines = await this.lineFacts(em, request, order);
      const includeFreight = request.includeFreight ?? true;
      return {
        order,
        lines,
        rules: await this.rules(em, order, lines),
        includeFreight,
        freightRules: includeFreight ? await this.freightRules(em, order) : [],
        charges: await this.charges(em, request),
        taxRates: order.shipToRegion === undefined ? [] : await this.taxRates(em, order.shipToRegion, asOf),
      };
    });
  }

  private async customer(em: EntityManager, customerId: string) {
    const row = await maybeRow<{ customer_type: string | null; ship_to_region: string | null }>(
      em,
      `SELECT customer_type, ship_to_region FROM pricing.customers WHERE customer_id = $1`,
      [customerId],
    );
    return row ?? undefined;
  }

  /** Each line with its item's facts and its list price on the day: two queries, whatever the number of lines. */
  private async lineFacts(em: EntityManager, request: PriceOrderRequest, order: OrderFacts): Promise<LineFacts[]> {
    const skus = [...new Set(request.lines.map((l) => l.sku))];
    const items = await rows<ItemRow>(
      em,
      `SELECT i.sku, i.category, i.tax_class, i.weight_grams, c.unit_cost_minor
         FROM pricing.items i LEFT JOIN pricing.item_costs c ON c.sku = i.sku AND c.currency = $2
        WHERE i.sku = ANY($1::text[])`,
      [skus, order.currency],
    );
    const bySku = new Map(items.map((i) => [i.sku, i]));
    const listPrices = await this.listPrices(em, skus, order.currency, order.asOf);
    return request.lines.map((line) => {
      const item = bySku.get(line.sku);
      return {
        lineId: line.lineId,
        sku: line.sku,
        quantity: line.quantity,
        category: item?.category ?? undefined,
        taxClass: item?.tax_class ?? DEFAULT_TAX_CLASS,
        weightGrams: item?.weight_grams ?? undefined,
        shipFromLocation: line.shipFromLocation ?? request.shipFromLocation,
        listPrice: listPrices.get(line.sku),
        unitCostMinor: item?.unit_cost_minor == null ? undefined : Number(item.unit_cost_minor),
      };
    });
  }

  /** The list price in force on `asOf` for each SKU that has one: the newest row not after that day. */
  private async listPrices(
    em: EntityManager,
    skus: string[],
    currency: Currency,
    asOf: string,
  ): Promise<Map<string, ListPrice>> {
    const found = await rows<{ id: string; sku: string; unit_price_minor: number }>(
      em,
      `SELECT DISTINCT ON (sku) id, sku, unit_price_minor
         FROM pricing.prices
        WHERE sku = ANY($1::text[]) AND currency = $2 AND valid_from <= $3::date
        ORDER BY sku, valid_from DESC`,
      [skus, currency, asOf],
    );
    return new Map(found.map((r) => [r.sku, { id: r.id, unitPriceMinor: r.unit_price_minor }]));
  }

  /**
   * Every rule in effect that could match some line: each target absent or equal to the
   * order's or a line's. Read as three index scans (by SKU, by category, by neither) rather
   * than one scan of the whole table.
   */
  private async rules(em: EntityManager, order: OrderFacts, lines: LineFacts[]): Promise<RuleIndex> {
    const distinct = (values: Array<string | undefined>) => [
      ...new Set(values.filter((v): v is string => v !== undefined)),
    ];
    const common = `currency = $1 AND valid_from <= $2::date AND (valid_to IS NULL OR valid_to >= $2::date)
      AND (customer_id IS NULL OR customer_id = $3) AND (customer_type IS NULL OR customer_type = $4)
      AND (ship_to_region IS NULL OR ship_to_region = $5) AND (location_code IS NULL OR location_code = ANY($8::text[]))`;
    const found = await rows<RuleRow>(
      em,
      `SELECT ${RULE_COLUMNS} FROM pricing.price_rules WHERE sku = ANY($6::text[]) AND (category IS NULL OR category = ANY($7::text[])) AND ${common}
       UNION ALL
       SELECT ${RULE_COLUMNS} FROM pricing.price_rules WHERE sku IS NULL AND category = ANY($7::text[]) AND ${common}
       UNION ALL
       SELECT ${RULE_COLUMNS} FROM pricing.price_rules WHERE sku IS NULL AND category IS NULL AND ${common}`,
      [
        order.currency,
        order.asOf,
        order.customerId ?? null,
        order.customerType ?? null,
        order.shipToRegion ?? null,
        distinct(lines.map((l) => l.sku)),
        distinct(lines.map((l) => l.category)),
        distinct(lines.map((l) => l.shipFromLocation)),
      ],
    );
    return new RuleIndex(found.map(toPriceRule));
  }

  private async freightRules(em: EntityManager, order: OrderFacts): Promise<FreightRule[]> {
    const found = await rows<FreightRow>(
      em,
      `SELECT ${FREIGHT_COLUMNS} FROM pricing.freight_rules
        WHERE currency = $1 AND valid_from <= $2::date AND (valid_to IS NULL OR valid_to >= $2::date)
          AND (ship_to_region IS NULL OR ship_to_region = $3) AND (location_code IS NULL OR location_code = $4)`,
      [order.currency, order.asOf, order.shipToRegion ?? null, order.shipFromLocation ?? null],
    );
    return found.map(toFreightRule);
  }

  /** The requested charges at their default amounts, or as the request overrides them. */
  private async charges(em: EntityManager, request: PriceOrderRequest): Promise<MiscCharge[]> {
    const wanted = request.charges ?? [];
    if (wanted.length === 0) return [];
    const found = await rows<{
      id: string;
      code: string;
      description: string;
      amount_minor: string;
      tax_class: string | null;
    }>(
      em,
      `SELECT id, code, description, amount_minor, tax_class FROM pricing.charge_codes WHERE code = ANY($1::text[]) AND currency = $2`,
      [wanted.map((c) => c.code), request.currency],
    );
    const byCode = new Map(found.map((r) => [r.code, r]));
    const unknown = [...new Set(wanted.filter((c) => !byCode.has(c.code)).map((c) => c.code))];
    if (unknown.length > 0) {
      throw new DomainError('CHARGE_NOT_FOUND', `No ${request.currency} charge code ${unknown.join(', ')}`, {
        codes: unknown,
        currency: request.currency,
      });
    }
    return wanted.map((c) => {
      const row = byCode.get(c.code)!;
      return {
        id: row.id,
        code: row.code,
        description: c.description ?? row.description,
        amountMinor: c.amountMinor ?? Number(row.amount_minor),
        ...optional('taxClass', row.tax_class),
        overridden: c.amountMinor !== undefined || c.description !== undefined,
      };
    });
  }

  /** The rate of each tax class in the region on the day: the newest row not after it. */
  private async taxRates(em: EntityManager, region: string, asOf: string): Promise<TaxRate[]> {
    const found = await rows<{ id: string; region: string; tax_class: string; rate_ppm: number }>(
      em,
      `SELECT DISTINCT ON (tax_class) id, region, tax_class, rate_ppm FROM pricing.tax_rates
        WHERE region = $1 AND valid_from <= $2::date ORDER BY tax_class, valid_from DESC`,
      [region, asOf],
    );
    return found.map((r) => ({ id: r.id, region: r.region, taxClass: r.tax_class, ppm: r.rate_ppm }));
  }
}
