import {
  type Caller,
  type CreateCustomerRequest,
  type CreateItemRequest,
  type CreateLocationRequest,
  type CustomerView,
  InventorySubjects,
  type ItemView,
  type LocationView,
  OrdersSubjects,
  type OrderView,
  type PlaceOrderRequest,
  PricingSubjects,
  type PriceView,
  type ReceiveStockRequest,
  type SetPriceRequest,
  type StockChangeView,
} from '#contracts';
import type { Api } from './gateway-client.js';
import type { TestRpcClient } from './rpc-client.js';

/** One line of an order a factory places: SKU and quantity, and whatever else the request takes. */
export type OrderLineSpec = PlaceOrderRequest['lines'][number];

/** Reference data a test sets up: an item with its price and stock per location. */
export interface StockedItemSpec {
  sku: string;
  name?: string;
  /** List price in EUR minor units; no price is set when absent. */
  priceMinor?: number;
  /** Units received per location code. */
  stock?: Record<string, number>;
  /** Anything else the item request takes (kind, flags, warehouse link). */
  item?: Partial<CreateItemRequest>;
}

/**
 * Factories for what most tests set up first (locations, items, stock, prices, customers,
 * orders), over NATS on each owning service's own subjects, as `caller` (admin unless given).
 * Every method resolves with the service's reply and rejects with its error payload.
 */
export class RpcFixtures {
  private customers = 0;

  constructor(
    private readonly rpc: TestRpcClient,
    private readonly caller?: Caller,
  ) {}

  /** A stock location in inventory, named after its code unless `extra` says otherwise. */
  location(code: string, extra: Partial<CreateLocationRequest> = {}): Promise<LocationView> {
    return this.rpc.request(InventorySubjects.createLocation, { code, name: code, ...extra }, this.caller);
  }

  /** An item in inventory, named `Item <sku>` unless `extra` says otherwise. */
  item(sku: string, extra: Partial<CreateItemRequest> = {}): Promise<ItemView> {
    return this.rpc.request(InventorySubjects.createItem, { sku, name: `Item ${sku}`, ...extra }, this.caller);
  }

  /** Receives `quantity` of `sku` at `locationCode` in inventory. */
  receive(
    sku: string,
    locationCode: string,
    quantity: number,
    extra: Partial<ReceiveStockRequest> = {},
  ): Promise<StockChangeView> {
    return this.rpc.request(InventorySubjects.receiveStock, { sku, locationCode, quantity, ...extra }, this.caller);
  }

  /** A list price in pricing (EUR, from today unless `extra` says otherwise). */
  price(sku: string, unitPriceMinor: number, extra: Partial<SetPriceRequest> = {}): Promise<PriceView> {
    return this.rpc.request(PricingSubjects.setPrice, { sku, currency: 'EUR', unitPriceMinor, ...extra }, this.caller);
  }

  /** An item with its price and stock, in that order, over inventory and pricing. */
  async stockedItem(spec: StockedItemSpec): Promise<ItemView> {
    const item = await this.item(spec.sku, { ...(spec.name ? { name: spec.name } : {}), ...spec.item });
    for (const [locationCode, quantity] of Object.entries(spec.stock ?? {}))
      await this.receive(spec.sku, locationCode, quantity);
    if (spec.priceMinor !== undefined) await this.price(spec.sku, spec.priceMinor);
    return item;
  }

  /** A customer in orders, named `Customer <n>` unless `extra` says otherwise. */
  customer(extra: Partial<CreateCustomerRequest> = {}): Promise<CustomerView> {
    this.customers += 1;
    return this.rpc.request(
      OrdersSubjects.createCustomer,
      { name: `Customer ${this.customers}`, ...extra },
      this.caller,
    );
  }

  /** Places an order in orders (which prices it in pricing and reserves it in inventory). */
  order(
    customerId: string,
    lines: OrderLineSpec[],
    extra: Partial<PlaceOrderRequest> = {},
    options: { idempotencyKey?: string } = {},
  ): Promise<OrderView> {
    return this.rpc.request(OrdersSubjects.placeOrder, { customerId, lines, ...extra }, this.caller, options);
  }
}

/**
 * The same factories through the gateway's REST API, for tests that run the whole system:
 * each call must answer 201 (the test fails with the response otherwise) and resolves with its body.
 */
export class GatewayFixtures {
  private customers = 0;

  constructor(private readonly api: Api) {}

  private async created<T>(path: string, body: object): Promise<T> {
    const response = await this.api.post(path, body);
    if (response.status !== 201)
      throw new Error(`POST ${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body as T;
  }

  location(code: string, extra: Partial<CreateLocationRequest> = {}): Promise<LocationView> {
    return this.created('/locations', { code, name: code, ...extra });
  }

  item(sku: string, extra: Partial<CreateItemRequest> = {}): Promise<ItemView> {
    return this.created('/items', { sku, name: `Item ${sku}`, ...extra });
  }

  receive(
    sku: string,
    locationCode: string,
    quantity: number,
    extra: Partial<ReceiveStockRequest> = {},
  ): Promise<StockChangeView> {
    return this.created('/stock/receipts', { sku, locationCode, quantity, ...extra });
  }

  price(sku: string, unitPriceMinor: number, extra: Partial<SetPriceRequest> = {}): Promise<PriceView> {
    return this.created('/prices', { sku, currency: 'EUR', unitPriceMinor, ...extra });
  }

  async stockedItem(spec: StockedItemSpec): Promise<ItemView> {
    const item = await this.item(spec.sku, { ...(spec.name ? { name: spec.name } : {}), ...spec.item });
    for (const [locationCode, quantity] of Object.entries(spec.stock ?? {}))
      await this.receive(spec.sku, locationCode, quantity);
    if (spec.priceMinor !== undefined) await this.price(spec.sku, spec.priceMinor);
    return item;
  }

  customer(extra: Partial<CreateCustomerRequest> = {}): Promise<CustomerView> {
    this.customers += 1;
    return this.created('/customers', { name: `Customer ${this.customers}`, ...extra });
  }

  order(customerId: string, lines: OrderLineSpec[], extra: Partial<PlaceOrderRequest> = {}): Promise<OrderView> {
    return this.created('/orders', { customerId, lines, ...extra });
  }

  /** A new API key with `role` (and the customer it belongs to, for the customer role), as an Api. */
  async apiKey(name: string, role: string, customerId?: string): Promise<Api> {
    const body = await this.created<{ key: string }>('/api-keys', {
      name,
      role,
      ...(customerId ? { customerId } : {}),
    });
    return this.api.as(body.key);
  }
}
