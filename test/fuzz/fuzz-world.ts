import type {
  BatchDraftView,
  BatchView,
  CustomerView,
  InvoiceView,
  OrderView,
  Page,
  PickTicketView,
  PriceRuleView,
  ShipmentView,
} from '#contracts';
import { type Api, eventually } from '#testing';

/** The real values a fuzz draws from, and the API keys it sends with. */
export interface FuzzWorld {
  pools: Record<string, string[]>;
  linked: Record<string, Record<string, string[]>>;
  keys: Record<string, string>;
}

/** POSTs reference data; a 503 (a service still starting) is retried after its Retry-After, as a careful client does. */
async function created<T>(api: Api, path: string, body: object, status = 201): Promise<T> {
  let response = await api.post(path, body);
  for (let attempt = 0; response.status === 503 && attempt < 20; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    response = await api.post(path, body);
  }
  if (response.status !== status)
    throw new Error(`POST ${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body as T;
}

/**
 * Reference data of every kind the API has, made through the gateway as admin: locations, a
 * supplier source with a mapped SKU, a product with items (one a kit), stock, prices, a price
 * rule, a tax rate, charge codes, customers with an address, orders and a quote, a shipped and
 * invoiced order with its pick ticket and shipment, a return, a batch with a draft, and keys of
 * each role. The fuzz sends real ids and codes from it most of the time, so its requests get
 * past the look-ups into the services' own rules.
 */
export async function buildFuzzWorld(admin: Api, tag = 'FZ'): Promise<FuzzWorld> {
  const code = (name: string) => `${tag}-${name}`;
  await created(admin, '/locations', { code: code('WH1'), name: 'Fuzz main', priority: 1 });
  await created(admin, '/locations', { code: code('WH2'), name: 'Fuzz second', priority: 2 });
  await created(admin, '/sources', { code: code('DIST'), name: 'Fuzz distributor', kind: 'SUPPLIER' });
  await created(admin, '/products', { code: code('P'), name: 'Fuzz product' });
  const skus = [code('1'), code('2'), code('3')];
  for (const [i, sku] of skus.entries()) {
    await created(admin, '/items', { sku, name: `Fuzz item ${i}`, productCode: code('P'), weightGrams: 100 * (i + 1) });
    await created(admin, '/stock/receipts', { sku, locationCode: code('WH1'), quantity: 1000 });
    await created(admin, '/prices', { sku, currency: 'EUR', unitPriceMinor: 500 + i });
  }
  await created(admin, '/items', {
    sku: code('KIT'),
    name: 'Fuzz kit',
    inventoried: false,
    components: [
      { sku: code('1'), quantity: 2 },
      { sku: code('2'), quantity: 1 },
    ],
  });
  await created(admin, '/prices', { sku: code('KIT'), currency: 'EUR', unitPriceMinor: 1500 });
  await created(admin, `/sources/${code('DIST')}/items`, { supplierSku: code('A1'), sku: code('3'), quantity: 50 });
  await created(admin, '/tax-rates', { region: 'NL', taxClass: 'STANDARD', percent: 21 });
  await created(admin, '/charge-codes', {
    code: 'RETURN_HANDLING',
    currency: 'EUR',
    description: 'Return handling',
    amountMinor: 500,
  });
  const rule = await created<PriceRuleView>(admin, '/price-rules', {
    code: code('RULE'),
    currency: 'EUR',
    sku: code('1'),
    method: 'PRICE',
    unitPriceMinor: 450,
  });
  const address = { kind: 'SHIP_TO', name: 'Dock', line1: '1 Road', city: 'Rotterdam', postalCode: '1', country: 'NL' };
  const c1 = await created<CustomerView>(admin, '/customers', { name: 'Fuzz One', addresses: [address] });
  const c2 = await created<CustomerView>(admin, '/customers', { name: 'Fuzz Two', prepaid: true });
  const order = (body: object) => created<OrderView>(admin, '/orders', body);
  const shipped = await order({ customerId: c1.id, lines: [{ sku: code('1'), quantity: 3 }] });
  const open = await order({
    customerId: c1.id,
    lines: [
      { sku: code('2'), quantity: 2 },
      { sku: code('KIT'), quantity: 1 },
    ],
  });
  const other = await order({ customerId: c2.id, lines: [{ sku: code('3'), quantity: 1 }] });
  const quote = await order({ customerId: c1.id, type: 'QUOTE', lines: [{ sku: code('1'), quantity: 1 }] });
  const toPack = await order({ customerId: c1.id, lines: [{ sku: code('3'), quantity: 1 }] });
  // Tickets in each state: shipped (with its invoice), packed (a shipment waiting to ship), open.
  const printed: PickTicketView[] = [];
  const ticketOf = (o: OrderView) => printed.find((t) => t.orderId === o.id);
  await eventually(
    async () => {
      const generated = (await admin.post('/pick-tickets/generate', { locationCode: code('WH1') })).body as
        PickTicketView[] | undefined;
      printed.push(...(generated ?? []));
      return [shipped, open, toPack].every(ticketOf) || undefined;
    },
    30_000,
    'pick tickets for the orders to ship, pack and leave open',
  );
  const ticket = ticketOf(shipped)!;
  await admin.post(`/pick-tickets/${ticket.id}/picks`, {}).expect(200);
  const shipment = await created<ShipmentView>(admin, `/pick-tickets/${ticket.id}/pack`, {});
  await admin.post(`/shipments/${shipment.id}/ship`, { carrier: 'DHL', trackingNumber: code('1') }).expect(200);
  await admin.post(`/pick-tickets/${ticketOf(toPack)!.id}/picks`, {}).expect(200);
  const packed = await created<ShipmentView>(admin, `/pick-tickets/${ticketOf(toPack)!.id}/pack`, {});
  const invoice = await eventually(
    async () =>
      ((await admin.get(`/invoices?orderId=${shipped.id}`)).body as Page<InvoiceView> | undefined)?.items?.[0],
    30_000,
    'the invoice of the shipped order',
  );
  const returned = await created<OrderView>(admin, '/returns', { originalOrderId: shipped.id });
  const batch = await created<BatchView>(admin, '/batches', { name: 'Fuzz batch' });
  const draft = await created<BatchDraftView>(admin, `/batches/${batch.id}/drafts`, {
    customerId: c1.id,
    lines: [{ sku: code('1'), quantity: 1 }],
  });
  const keys: Record<string, string> = { admin: admin.key! };
  const keyIds: string[] = [];
  for (const [role, customerId] of [
    ['sales', undefined],
    ['warehouse', undefined],
    ['finance', undefined],
    ['customer', c1.id],
  ] as const) {
    const key = await created<{ id: string; key: string }>(admin, '/api-keys', {
      name: `${tag.toLowerCase()}-${role}`,
      role,
      ...(customerId ? { customerId } : {}),
    });
    keys[role] = key.key;
    keyIds.push(key.id);
  }
  const orders = [shipped, open, other, quote, returned, toPack];
  const lineIds = orders.flatMap((o) => o.lines.map((l) => l.id));
  return {
    keys,
    linked: {
      lineId: Object.fromEntries(orders.map((o) => [o.id, o.lines.map((l) => l.id)])),
      draftId: { [batch.id]: [draft.id] },
    },
    pools: {
      customerId: [c1.id, c2.id],
      defaultCustomerId: [c1.id],
      orderId: orders.map((o) => o.id),
      originalOrderId: [shipped.id, open.id],
      lineId: lineIds,
      orderLineId: lineIds,
      shipToAddressId: c1.addresses.map((a) => a.id),
      invoiceId: [invoice.id],
      pickTicketId: printed.map((t) => t.id),
      shipmentId: [shipment.id, packed.id],
      returnId: [returned.id],
      batchId: [batch.id],
      draftId: [draft.id],
      ruleId: [rule.id],
      apiKeyId: keyIds,
      sku: [...skus, code('KIT')],
      supplierSku: [code('A1')],
      productCode: [code('P')],
      locationCode: [code('WH1'), code('WH2')],
      shipFromLocation: [code('WH1'), code('WH2')],
      fromLocationCode: [code('WH1')],
      toLocationCode: [code('WH2')],
      sourceCode: ['OWN', code('DIST')],
      currency: ['EUR'],
      region: ['NL'],
      shipToRegion: ['NL'],
      taxClass: ['STANDARD'],
    },
  };
}
