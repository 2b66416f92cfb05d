import type { ApiKeyRole } from '#contracts';
import type { Api } from '#testing';
import { type GatewayHarness, startGateway } from './support.js';

interface RouteCase {
  method: 'get' | 'post';
  path: string;
  allowed: ApiKeyRole[];
  denied: ApiKeyRole[];
}

/**
 * A few routes of the policy table, each tried without a key, with a key that is not valid,
 * with every role it denies (403) and with one it allows. POSTs carry an empty body: a role
 * that passes the guard then gets 400 from validation, so nothing is ever created here.
 */
const ROUTES: RouteCase[] = [
  { method: 'post', path: '/orders', allowed: ['sales', 'customer'], denied: ['warehouse', 'finance'] },
  { method: 'post', path: '/customers', allowed: ['sales'], denied: ['warehouse', 'finance', 'customer'] },
  { method: 'get', path: '/customers', allowed: ['finance'], denied: ['warehouse', 'customer'] },
  { method: 'post', path: '/locations', allowed: ['warehouse'], denied: ['sales', 'finance', 'customer'] },
  { method: 'post', path: '/stock/receipts', allowed: ['warehouse'], denied: ['sales', 'finance', 'customer'] },
  { method: 'post', path: '/prices', allowed: ['admin'], denied: ['sales', 'warehouse', 'customer'] },
  { method: 'post', path: '/api-keys', allowed: ['admin'], denied: ['sales', 'warehouse', 'finance', 'customer'] },
];

describe('gateway: API keys and roles', () => {
  let h: GatewayHarness;
  const keys = new Map<ApiKeyRole, Api>();
  const call = (api: Api, route: RouteCase) =>
    route.method === 'get' ? api.get(route.path) : api.post(route.path, {});

  beforeAll(async () => {
    h = await startGateway();
    const customer = await h.fx.customer();
    keys.set('admin', h.admin);
    for (const role of ['sales', 'warehouse', 'finance'] as const) keys.set(role, await h.as(role));
    keys.set('customer', await h.as('customer', customer.id));
  });

  afterAll(async () => {
    await h?.close();
  });

  describe.each(ROUTES)('$method $path', (route) => {
    it('answers 401 without a key and with a key that is not valid', async () => {
      for (const api of [h.admin.as(undefined), h.admin.as('o2c_not_a_real_key_0000000000')]) {
        const response = await call(api, route).expect(401);
        expect(response.body).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
      }
    });

    it(`answers 403 to ${route.denied.join(', ')}, naming the role`, async () => {
      for (const role of route.denied) {
        const response = await call(keys.get(role)!, route);
        expect([role, response.status]).toEqual([role, 403]);
        expect(response.body).toMatchObject({ code: 'FORBIDDEN', detail: expect.stringContaining(`Role ${role}`) });
      }
    });

    it(`lets ${route.allowed.join(', ')} through`, async () => {
      for (const role of route.allowed) {
        const response = await call(keys.get(role)!, route);
        expect([role, response.status]).toEqual([role, route.method === 'get' ? 200 : 400]);
        if (route.method === 'post') expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED' });
      }
    });
  });

  it('accepts the key as a Bearer token too, and refuses it once revoked', async () => {
    const created = await h.admin.post('/api-keys', { name: 'to-revoke', role: 'finance' }).expect(201);
    const { id, key } = created.body as { id: string; key: string };
    await h.admin
      .as(undefined)
      .get('/customers', { Authorization: `Bearer ${key}` })
      .expect(200);
    await h.admin.post(`/api-keys/${id}/revoke`).expect(200);
    const refused = await h.admin.as(key).get('/customers').expect(401);
    expect(refused.body).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
