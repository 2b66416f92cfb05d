import type { Caller, Page, PriceOrderReply, PriceRuleView, PriceView, RequestOf } from '#contracts';
import { PricingSubjects } from '#contracts';
import { startTestApp, type TestApp, type TestDatabase, type TestRpcClient } from '#testing';
import { pricingService } from '../src/app.module.js';

const ACME = '7d3f6c1e-2b4a-4c8e-9f10-1a2b3c4d5e6f';
const GLOBEX = '9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d';
const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

/**
 * Price rules, taxes, freight and charges over NATS against the real Postgres: an order is
 * priced in one request and every line says which rule priced it.
 */
describe('pricing rules over NATS against Postgres', () => {
  let h: TestApp;
  let db: TestDatabase;
  let rpc: TestRpcClient;
  let list: PriceView;
  let boltList: PriceView;
  const rules: Record<string, PriceRuleView> = {};
  const createRule = (body: RequestOf<typeof PricingSubjects.createRule>, caller?: Caller) =>
    rpc.request(PricingSubjects.createRule, body, caller);
  const price = (body: RequestOf<typeof PricingSubjects.priceOrder>, caller?: Caller) =>
    rpc.request(PricingSubjects.priceOrder, body, caller);

  beforeAll(async () => {
    h = await startTestApp(pricingService);
    ({ db, rpc } = h);
    list = await rpc.request(PricingSubjects.setPrice, {
      sku: 'V123',
      currency: 'EUR',
      unitPriceMinor: 2000,
      validFrom: day(-60),
    });
    boltList = await rpc.request(PricingSubjects.setPrice, {
      sku: 'BOLT',
      currency: 'EUR',
      unitPriceMinor: 25,
      validFrom: day(-60),
    });
    await rpc.request(PricingSubjects.upsertItems, {
      items: [
        {
          sku: 'V123',
          category: 'WIDGETS',
          taxClass: 'STANDARD',
          weightGrams: 500,
          unitCosts: [{ currency: 'EUR', unitCostMinor: 1200 }],
        },
        { sku: 'BOLT', category: 'HARDWARE', taxClass: 'REDUCED', weightGrams: 10 },
      ],
    });
    await rpc.request(PricingSubjects.upsertCustomers, {
      customers: [{ customerId: ACME, customerType: 'WHOLESALE', shipToRegion: 'NL' }],
    });
    await rpc.request(PricingSubjects.setTaxRate, {
      region: 'NL',
      taxClass: 'STANDARD',
      percent: 21,
      validFrom: day(-60),
    });
    await rpc.request(PricingSubjects.setTaxRate, {
      region: 'NL',
      taxClass: 'REDUCED',
      percent: 9,
      validFrom: day(-60),
    });
    rules.wholesale = await createRule({
      code: 'WHOLESALE-WIDGETS',
      currency: 'EUR',
      customerType: 'WHOLESALE',
      category: 'WIDGETS',
      method: 'DISCOUNT',
      percent: 10,
      validFrom: day(-30),
    });
    rules.acme = await createRule({
      code: 'ACME-V123',
      description: 'Acme volume deal',
      currency: 'EUR',
      customerId: ACME,
      sku: 'V123',
      method: 'PRICE',
      breaks: [
        { from: 10, unitPriceMinor: 1700 },
        { from: 100, unitPriceMinor: 1500 },
      ],
      validFrom: day(-30),
    });
  });

  afterAll(async () => {
    await h?.close();
  });

  it('prices each line by its most specific rule, falling back through breaks, and says which rule it was', async () => {
    const lines = [
      { lineId: 'big', sku: 'V123', quantity: 120 },
      { lineId: 'mid', sku: 'V123', quantity: 10 },
      { lineId: 'small', sku: 'V123', quantity: 2 },
      { lineId: 'bolt', sku: 'BOLT', quantity: 100 },
    ];
    const reply = await price({ currency: 'EUR', customerId: ACME, lines });
    expect(reply).toMatchObject({ customerType: 'WHOLESALE', shipToRegion: 'NL' });
    expect(reply.lines.map((l) => [l.lineId, l.unitPriceMinor, l.priceId, l.breakFrom])).toEqual([
      ['big', 1500, rules.acme.id, 100],
      ['mid', 1700, rules.acme.id, 10],
      ['small', 1800, rules.wholesale.id, 1], // below Acme's first break: the wholesale discount, 10% off 20.00
      ['bolt', 25, expect.any(String), undefined], // no rule for hardware: the list price record
    ]);
    expect(reply.lines[0]).toMatchObject({
      listPriceMinor: 2000,
      discountMinor: 60_000,
      source: 'RULE',
      ruleCode: 'ACME-V123',
      ruleVersion: 1,
    });
    expect(reply.lines[3].priceId).toBe(boltList.id);
    expect(reply.rules.map((r) => r.code).sort()).toEqual(['ACME-V123', 'WHOLESALE-WIDGETS']);
    expect(reply.lines[3]).toMatchObject({ source: 'LIST_PRICE', taxClass: 'REDUCED', taxMinor: 225 });
    // Taxes per line at the NL rates; totals are sums of the lines.
    expect(reply.lines.map((l) => l.taxMinor)).toEqual([37_800, 3570, 756, 225]);
    expect(reply.totals).toEqual({
      linesMinor: 203_100,
      discountMinor: 63_400,
      chargesMinor: 0,
      taxMinor: 42_351,
      grandTotalMinor: 245_451,
    });
  });

  it('gives another customer only the general prices, and a customer key only its own', async () => {
    const lines = [{ lineId: 'l1', sku: 'V123', quantity: 120 }];
    const other = await price({ currency: 'EUR', customerId: GLOBEX, shipToRegion: 'NL', lines });
    expect(other.lines[0]).toMatchObject({ unitPriceMinor: 2000, source: 'LIST_PRICE' });
    const acmeKey: Caller = { actorId: 'key:acme-shop', role: 'customer', customerId: ACME };
    const own = await price({ currency: 'EUR', lines }, acmeKey);
    expect(own).toMatchObject({ customerId: ACME, lines: [{ unitPriceMinor: 1500, priceId: rules.acme.id }] });
    await expect(price({ currency: 'EUR', customerId: GLOBEX, lines }, acmeKey)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('prices as of a date, so a quote can be compared with today, and honours rule date ranges', async () => {
    const future = await createRule({
      code: 'ACME-V123-NEXT',
      currency: 'EUR',
      customerId: ACME,
      sku: 'V123',
      method: 'PRICE',
      unitPriceMinor: 1600,
      validFrom: day(10),
    });
    const lines = [{ lineId: 'l1', sku: 'V123', quantity: 50 }];
    const today = await price({ currency: 'EUR', customerId: ACME, lines });
    const later = await price({ currency: 'EUR', customerId: ACME, asOf: day(20), lines });
    const before = await price({ currency: 'EUR', customerId: ACME, asOf: day(-40), lines });
    expect([today, later, before].map((r) => [r.lines[0].unitPriceMinor, r.lines[0].priceId])).toEqual([
      [1700, rules.acme.id],
      [1600, future.id], // same targets, later start date: the newer rule wins from its start
      [2000, list.id], // before either rule began
    ]);
  });

  it('adds freight and a return handling charge whose amount and description a return overrides', async () => {
    await rpc.request(PricingSubjects.setFreightRule, {
      code: 'NL-PARCEL',
      currency: 'EUR',
      shipToRegion: 'NL',
      method: 'WEIGHT',
      perKgMinor: 120,
      taxClass: 'STANDARD',
    });
    await rpc.request(PricingSubjects.setChargeCode, {
      code: 'RETURN_HANDLING',
      currency: 'EUR',
      description: 'Return handling charge',
      amountMinor: 500,
    });
    const lines = [{ lineId: 'l1', sku: 'BOLT', quantity: 3 }];
    const order = await price({ currency: 'EUR', customerId: ACME, lines });
    expect(order.charges).toEqual([
      expect.objectContaining({ kind: 'FREIGHT', code: 'NL-PARCEL', amountMinor: 4, taxMinor: 1 }),
    ]);
    const charges = [{ code: 'RETURN_HANDLING', amountMinor: 250, description: 'Restocking, opened box' }];
    const ret = await price({ currency: 'EUR', customerId: ACME, includeFreight: false, charges, lines });
    expect(ret.charges).toEqual([
      expect.objectContaining({
        kind: 'MISC',
        code: 'RETURN_HANDLING',
        description: 'Restocking, opened box',
        amountMinor: 250,
        taxMinor: 0,
      }),
    ]);
    expect(ret.totals).toEqual({
      linesMinor: 75,
      discountMinor: 0,
      chargesMinor: 250,
      taxMinor: 7,
      grandTotalMinor: 332,
    });
    const unknown = price({ currency: 'EUR', charges: [{ code: 'GIFT_WRAP' }], lines });
    await expect(unknown).rejects.toMatchObject({ code: 'CHARGE_NOT_FOUND', details: { codes: ['GIFT_WRAP'] } });
  });

  it('refuses bad rules with 4xx codes naming the problem', async () => {
    const base = { code: 'BAD', currency: 'EUR', sku: 'V123', method: 'PRICE', unitPriceMinor: 100 } as const;
    const cases: Array<[object, string, string]> = [
      [{ ...base, sku: undefined }, 'VALIDATION_FAILED', 'targets'],
      [{ ...base, unitPriceMinor: -5 }, 'VALIDATION_FAILED', 'unitPriceMinor'],
      [{ ...base, method: 'DISCOUNT', unitPriceMinor: undefined, percent: 120 }, 'VALIDATION_FAILED', 'percent'],
      [{ ...base, validFrom: day(5), validTo: day(1) }, 'VALIDATION_FAILED', 'validTo'],
      [{ ...base, currency: 'XYZ' }, 'VALIDATION_FAILED', 'currency'],
    ];
    for (const [body, code, field] of cases) {
      await expect(rpc.send(PricingSubjects.createRule, body)).rejects.toMatchObject({
        code,
        details: { fields: expect.arrayContaining([expect.objectContaining({ field })]) },
      });
    }
    await expect(createRule({ ...base, code: 'ACME-V123' })).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
    const twin = createRule({ ...base, code: 'ACME-TWIN', customerId: ACME, validFrom: rules.acme.validFrom });
    await expect(twin).rejects.toMatchObject({ code: 'RULE_CONFLICT', details: { conflictsWith: 'ACME-V123' } });
    await expect(createRule(base, { actorId: 's', role: 'sales' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('changes and end-dates a rule, raising its version only when something changed', async () => {
    const rule = await createRule({
      code: 'BOLT-BULK',
      currency: 'EUR',
      sku: 'BOLT',
      method: 'PRICE',
      unitPriceMinor: 20,
      validFrom: day(-1),
    });
    const same = await rpc.request(PricingSubjects.updateRule, { id: rule.id, unitPriceMinor: 20 });
    expect(same.version).toBe(1);
    const changed = await rpc.request(PricingSubjects.updateRule, {
      id: rule.id,
      unitPriceMinor: 18,
      description: 'Bolts in bulk',
    });
    expect(changed).toMatchObject({
      version: 2,
      breaks: [{ from: 1, unitPriceMinor: 18 }],
      description: 'Bolts in bulk',
    });
    const lines = [{ lineId: 'l1', sku: 'BOLT', quantity: 1 }];
    expect((await price({ currency: 'EUR', lines })).lines[0]).toMatchObject({
      unitPriceMinor: 18,
      priceId: rule.id,
      ruleVersion: 2,
    });
    const ended = await rpc.request(PricingSubjects.endRule, { id: rule.id, validTo: day(-1) });
    expect(ended).toMatchObject({ version: 3, validTo: day(-1) });
    expect((await price({ currency: 'EUR', lines })).lines[0].unitPriceMinor).toBe(25);
    const history = await db.query<{ version: number }>(
      `SELECT version FROM pricing.price_rule_versions WHERE rule_id = $1 ORDER BY version`,
      [rule.id],
    );
    expect(history.map((h) => h.version)).toEqual([1, 2, 3]);
    const early = rpc.request(PricingSubjects.endRule, { id: rule.id, validTo: day(-5) });
    await expect(early).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { fields: [{ field: 'validTo' }] },
    });
    const missing = rpc.request(PricingSubjects.endRule, { id: '00000000-0000-4000-8000-000000000000' });
    await expect(missing).rejects.toMatchObject({ code: 'PRICE_RULE_NOT_FOUND' });
  });

  it('lists rules with filters, by code, for admin and sales', async () => {
    const sales: Caller = { actorId: 's', role: 'sales' };
    const acme = await rpc.request(PricingSubjects.listRules, { customerId: ACME }, sales);
    expect(acme.items.map((r) => r.code)).toEqual(['ACME-V123', 'ACME-V123-NEXT']);
    const activeLater = await rpc.request(PricingSubjects.listRules, {
      sku: 'V123',
      activeOn: day(20),
    });
    expect(activeLater.items.map((r) => r.code)).toEqual(['ACME-V123', 'ACME-V123-NEXT']);
    const discounts = await rpc.request(PricingSubjects.listRules, { method: 'DISCOUNT' });
    expect(discounts).toMatchObject({
      total: 1,
      items: [{ code: 'WHOLESALE-WIDGETS', breaks: [{ from: 1, percent: 10 }], specificity: 20 }],
    });
    await expect(
      rpc.request(PricingSubjects.listRules, {}, { actorId: 'c', role: 'customer', customerId: ACME }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses a pricing request with bad lines or options, naming each field', async () => {
    const lines = [
      { lineId: 'l1', sku: 'V123', quantity: 1 },
      { lineId: 'l2', sku: 'V123', quantity: 0, colour: 'red' },
    ];
    await expect(rpc.send(PricingSubjects.priceOrder, { currency: 'XYZ', lines })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: {
        fields: [
          { field: 'currency', problems: ['currency must be a supported ISO 4217 code'] },
          { field: 'lines[1].colour', problems: ['property colour should not exist'] },
          { field: 'lines[1].quantity', problems: ['quantity must not be less than 1'] },
        ],
      },
    });
  });

  it('refuses to price a taxed class with no rate in the region', async () => {
    await rpc.request(PricingSubjects.upsertItems, { items: [{ sku: 'V123', taxClass: 'LUXURY' }] });
    const reply = price({ currency: 'EUR', shipToRegion: 'NL', lines: [{ lineId: 'l1', sku: 'V123', quantity: 1 }] });
    await expect(reply).rejects.toMatchObject({
      code: 'TAX_RATE_NOT_FOUND',
      details: { region: 'NL', taxClasses: ['LUXURY'] },
    });
    await rpc.request(PricingSubjects.upsertItems, { items: [{ sku: 'V123', taxClass: 'STANDARD' }] });
  });
});
