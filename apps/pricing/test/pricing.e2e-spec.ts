import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type ErrorPayload, type PriceView, PricingSubjects, type RequestOf } from '#contracts';
import { startTestApp, type TestApp, type TestDatabase, type TestRpcClient } from '#testing';
import { pricingService } from '../src/app.module.js';

const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

/** What a line priced at its list price (no rule, no tax) says besides its amounts. */
const listPriced = (price: PriceView, shown: string) => ({
  source: 'LIST_PRICE',
  listPriceMinor: price.unitPriceMinor,
  discountMinor: 0,
  taxClass: 'STANDARD',
  taxMinor: 0,
  reason: `list price ${shown} (no rule applies)`,
});

describe('pricing over NATS against Postgres', () => {
  let h: TestApp;
  let db: TestDatabase;
  let app: INestApplication;
  let rpc: TestRpcClient;
  const today = day(0);
  const later = day(30);
  const prices: Record<string, PriceView> = {};

  beforeAll(async () => {
    h = await startTestApp(pricingService);
    ({ db, app, rpc } = h);
    const set = (request: RequestOf<typeof PricingSubjects.setPrice>) => rpc.request(PricingSubjects.setPrice, request);
    prices.widgetNow = await set({ sku: 'WIDGET', currency: 'EUR', unitPriceMinor: 1999 });
    prices.widgetLater = await set({ sku: 'WIDGET', currency: 'EUR', unitPriceMinor: 2499, validFrom: later });
    prices.widgetUsd = await set({ sku: 'WIDGET', currency: 'USD', unitPriceMinor: 2199 });
    prices.bolt = await set({ sku: 'BOLT', currency: 'EUR', unitPriceMinor: 25, validFrom: day(-10) });
  });

  afterAll(async () => {
    await h?.close();
  });

  it('stores prices from today by default and replaces the amount when the same day is set again', async () => {
    expect(prices.widgetNow).toMatchObject({ sku: 'WIDGET', currency: 'EUR', unitPriceMinor: 1999, validFrom: today });
    const again = await rpc.request(PricingSubjects.setPrice, {
      sku: 'GADGET',
      currency: 'EUR',
      unitPriceMinor: 100,
      validFrom: later,
    });
    const replaced = await rpc.request(PricingSubjects.setPrice, {
      sku: 'GADGET',
      currency: 'EUR',
      unitPriceMinor: 120,
      validFrom: later,
    });
    expect(replaced).toEqual({ ...again, unitPriceMinor: 120 });
    const listed = await rpc.request(PricingSubjects.listPrices, { sku: 'GADGET' });
    expect(listed).toEqual({ items: [replaced], total: 1, limit: 50, offset: 0 });
  });

  it('lists prices by SKU, newest first per currency, in pages', async () => {
    const widget = await rpc.request(PricingSubjects.listPrices, { sku: 'WIDGET' });
    expect(widget.total).toBe(3);
    expect(widget.items).toEqual([prices.widgetLater, prices.widgetNow, prices.widgetUsd]);
    const second = await rpc.request(PricingSubjects.listPrices, {
      sku: 'WIDGET',
      limit: 2,
      offset: 2,
    });
    expect(second).toEqual({ items: [prices.widgetUsd], total: 3, limit: 2, offset: 2 });
    const all = await rpc.request(PricingSubjects.listPrices, {});
    expect(all.items.map((p) => p.sku)).toEqual(['BOLT', 'GADGET', 'WIDGET', 'WIDGET', 'WIDGET']);
  });

  it('prices every line of an order at the prices in force today and on a later day', async () => {
    const lines = [
      { lineId: 'l1', sku: 'WIDGET', quantity: 3 },
      { lineId: 'l2', sku: 'BOLT', quantity: 40 },
      { lineId: 'l3', sku: 'WIDGET', quantity: 1 },
    ];
    const now = await rpc.request(PricingSubjects.priceOrder, { currency: 'EUR', lines });
    expect(now).toEqual({
      currency: 'EUR',
      asOf: today,
      lines: [
        {
          lineId: 'l1',
          sku: 'WIDGET',
          quantity: 3,
          unitPriceMinor: 1999,
          lineTotalMinor: 5997,
          priceId: prices.widgetNow.id,
          ...listPriced(prices.widgetNow, '19.99'),
        },
        {
          lineId: 'l2',
          sku: 'BOLT',
          quantity: 40,
          unitPriceMinor: 25,
          lineTotalMinor: 1000,
          priceId: prices.bolt.id,
          ...listPriced(prices.bolt, '0.25'),
        },
        {
          lineId: 'l3',
          sku: 'WIDGET',
          quantity: 1,
          unitPriceMinor: 1999,
          lineTotalMinor: 1999,
          priceId: prices.widgetNow.id,
          ...listPriced(prices.widgetNow, '19.99'),
        },
      ],
      totalMinor: 8996,
      rules: [],
      charges: [],
      taxes: [],
      totals: { linesMinor: 8996, discountMinor: 0, chargesMinor: 0, taxMinor: 0, grandTotalMinor: 8996 },
      notes: ['no freight rule applies: freight is not included', 'no ship-to region: taxes are not included'],
    });
    const future = await rpc.request(PricingSubjects.priceOrder, {
      currency: 'EUR',
      asOf: later,
      lines,
    });
    expect(future.asOf).toBe(later);
    expect(future.lines.map((l) => [l.unitPriceMinor, l.lineTotalMinor, l.priceId])).toEqual([
      [2499, 7497, prices.widgetLater.id],
      [25, 1000, prices.bolt.id],
      [2499, 2499, prices.widgetLater.id],
    ]);
    expect(future.totalMinor).toBe(10996);
    const usd = await rpc.request(PricingSubjects.priceOrder, { currency: 'USD', lines: [lines[0]] });
    expect(usd.lines[0]).toMatchObject({ unitPriceMinor: 2199, priceId: prices.widgetUsd.id });
    expect(usd.totalMinor).toBe(6597);
  });

  it('refuses to price an order when a SKU has no price in that currency on that day, naming the SKU', async () => {
    const missing = await rpc
      .request(PricingSubjects.priceOrder, {
        currency: 'EUR',
        lines: [
          { lineId: 'l1', sku: 'WIDGET', quantity: 1 },
          { lineId: 'l2', sku: 'NOPRICE', quantity: 1 },
        ],
      })
      .catch((e: ErrorPayload) => e);
    expect(missing).toMatchObject({ code: 'PRICE_NOT_FOUND', details: { skus: ['NOPRICE'] } });
    expect((missing as ErrorPayload).message).toContain('NOPRICE');
    // BOLT is priced in EUR only, and only from ten days ago.
    const otherCurrency = rpc.request(PricingSubjects.priceOrder, {
      currency: 'USD',
      lines: [{ lineId: 'l1', sku: 'BOLT', quantity: 1 }],
    });
    await expect(otherCurrency).rejects.toMatchObject({ code: 'PRICE_NOT_FOUND', details: { skus: ['BOLT'] } });
    const tooEarly = rpc.request(PricingSubjects.priceOrder, {
      currency: 'EUR',
      asOf: day(-20),
      lines: [{ lineId: 'l1', sku: 'BOLT', quantity: 1 }],
    });
    await expect(tooEarly).rejects.toMatchObject({ code: 'PRICE_NOT_FOUND', details: { skus: ['BOLT'] } });
  });

  it('refuses bad prices and dates with VALIDATION_FAILED naming the field', async () => {
    const negative = rpc.request(PricingSubjects.setPrice, { sku: 'WIDGET', currency: 'EUR', unitPriceMinor: -1 });
    await expect(negative).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { fields: [{ field: 'unitPriceMinor' }] },
    });
    const unsafe = rpc.request(PricingSubjects.setPrice, { sku: 'WIDGET', currency: 'EUR', unitPriceMinor: 2 ** 60 });
    await expect(unsafe).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { fields: [{ field: 'unitPriceMinor' }] },
    });
    const noSuchDay = rpc.request(PricingSubjects.setPrice, {
      sku: 'WIDGET',
      currency: 'EUR',
      unitPriceMinor: 1,
      validFrom: '2026-02-30',
    });
    await expect(noSuchDay).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { fields: [{ field: 'validFrom' }] },
    });
    const widget = await rpc.request(PricingSubjects.listPrices, { sku: 'WIDGET' });
    expect(widget.items).toEqual([prices.widgetLater, prices.widgetNow, prices.widgetUsd]);
  });

  it('lets only admins set prices, while any role may price an order', async () => {
    const sales = { actorId: 's1', role: 'sales' } as const;
    const forbidden = rpc.request(
      PricingSubjects.setPrice,
      { sku: 'WIDGET', currency: 'EUR', unitPriceMinor: 1 },
      sales,
    );
    await expect(forbidden).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const priced = await rpc.request(
      PricingSubjects.priceOrder,
      { currency: 'EUR', lines: [{ lineId: 'l1', sku: 'WIDGET', quantity: 1 }] },
      { actorId: 'c1', role: 'customer' },
    );
    expect(priced.lines[0].unitPriceMinor).toBe(1999);
  });

  it('prices a 5,000-line order with one price lookup', async () => {
    await db.query(
      `INSERT INTO pricing.prices (sku, currency, unit_price_minor, valid_from)
       SELECT 'BULK-' || n, 'EUR', n, $1::date FROM generate_series(1, 5000) AS n`,
      [today],
    );
    const lines = Array.from({ length: 5000 }, (_, i) => ({ lineId: `line-${i}`, sku: `BULK-${i + 1}`, quantity: 2 }));
    const lookups = countPriceLookups(app);
    try {
      const reply = await rpc.request(PricingSubjects.priceOrder, { currency: 'EUR', lines });
      expect(reply.lines).toHaveLength(5000);
      expect(reply.lines[4999]).toMatchObject({
        lineId: 'line-4999',
        sku: 'BULK-5000',
        unitPriceMinor: 5000,
        lineTotalMinor: 10000,
      });
      expect(reply.totalMinor).toBe(5000 * 5001);
      expect(lookups.count).toBe(1);
    } finally {
      lookups.restore();
    }
  });
});

/** Counts SQL statements that read pricing.prices while installed, by wrapping the query runner. */
function countPriceLookups(app: INestApplication): { count: number; restore(): void } {
  const runner = app.get(DataSource).createQueryRunner();
  const prototype = Object.getPrototypeOf(runner) as { query: (sql: string, ...rest: unknown[]) => Promise<unknown> };
  void runner.release();
  const original = prototype.query;
  const counter = {
    count: 0,
    restore: () => {
      prototype.query = original;
    },
  };
  prototype.query = function (this: unknown, sql: string, ...rest: unknown[]) {
    if (/\bFROM pricing\.prices\b/i.test(sql)) counter.count++;
    return original.call(this, sql, ...rest);
  };
  return counter;
}
