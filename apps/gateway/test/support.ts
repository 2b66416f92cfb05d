import { randomBytes } from 'node:crypto';
import type { ApiKeyRole, OrderView, Page } from '#contracts';
import { Api, GatewayFixtures, startTestApp, type TestApp } from '#testing';
import { gatewayService } from '../src/app.module.js';

/**
 * The gateway in-process over HTTP, with the services behind the routes these tests call
 * (orders, and the pricing and inventory it calls) running for real as processes from dist/
 * on the same fresh database and private nats-server. Nothing is stubbed.
 */
export interface GatewayHarness extends TestApp {
  /** The gateway's base URL. */
  url: string;
  /** The API as the bootstrap admin key. */
  admin: Api;
  /** Reference data through the API, as admin. */
  fx: GatewayFixtures;
  /** A new API key of `role` (bound to `customerId` for the customer role), as an Api. */
  as(role: ApiKeyRole, customerId?: string): Promise<Api>;
}

let keys = 0;

export async function startGateway(env: Record<string, string> = {}): Promise<GatewayHarness> {
  const adminKey = `o2c_admin_${randomBytes(16).toString('hex')}`;
  const h = await startTestApp(
    gatewayService,
    { ADMIN_API_KEY: adminKey, ...env },
    { peers: ['orders', 'inventory', 'pricing'] },
  );
  const url = await h.app.getUrl();
  const admin = new Api(url, adminKey);
  const fx = new GatewayFixtures(admin);
  return Object.assign(h, {
    url,
    admin,
    fx,
    as: (role: ApiKeyRole, customerId?: string) => fx.apiKey(`${role}-${++keys}`, role, customerId),
  });
}

/** Every order of a customer, as admin sees them. */
export async function ordersOf(h: GatewayHarness, customerId: string): Promise<OrderView[]> {
  const response = await h.admin.get(`/orders?customerId=${customerId}&limit=100`).expect(200);
  return (response.body as Page<OrderView>).items;
}
