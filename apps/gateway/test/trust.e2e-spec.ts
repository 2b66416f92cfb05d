import { Controller, Get, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import type { ApiKeyRole, ApiKeyRoles } from '#contracts';
import type { Api } from '#testing';
import { ApiKeysService } from '../src/auth/api-keys.service.js';
import { RoutePolicyCheck } from '../src/auth/route-policy.check.js';
import { PUBLIC, ROUTE_POLICY } from '../src/auth/route-policy.js';
import { type GatewayHarness, startGateway } from './support.js';

const ROLES: Array<(typeof ApiKeyRoles)[number]> = ['admin', 'sales', 'warehouse', 'finance', 'customer'];
const ID = '00000000-0000-4000-8000-000000000001';
/** The route's path with a value in every parameter (the guard answers before any handler looks at them). */
const concrete = (path: string) => path.replace(/:[A-Za-z]+/g, ID);
const randomKey = () => `o2c_${randomBytes(24).toString('base64url')}`;

async function call(api: Api, route: string) {
  const [method, path] = route.split(' ');
  const url = concrete(path);
  switch (method) {
    case 'GET':
      return api.get(url);
    case 'POST':
      return api.post(url, {});
    case 'PUT':
      return api.put(url, {});
    case 'PATCH':
      return api.patch(url, {});
    case 'DELETE':
      return api.delete(url);
    default:
      throw new Error(`no client method for ${method}`);
  }
}

describe('gateway trust boundary: the route policy table, key lifecycle and abuse limits', () => {
  let h: GatewayHarness;
  const keys = new Map<ApiKeyRole, Api>();

  beforeAll(async () => {
    h = await startGateway({ AUTH_FAILURE_LIMIT_PER_ADDRESS: '0', GATEWAY_KEY_CACHE_MAX: '100' });
    const customer = await h.fx.customer();
    keys.set('admin', h.admin);
    for (const role of ['sales', 'warehouse', 'finance'] as const) keys.set(role, await h.as(role));
    keys.set('customer', await h.as('customer', customer.id));
  });

  afterAll(async () => {
    await h?.close();
  });

  it('walks the whole policy table: every route refuses a missing key (401) and every role it does not list (403)', async () => {
    let checked = 0;
    for (const [route, rule] of Object.entries(ROUTE_POLICY)) {
      if (rule === PUBLIC) continue;
      const none = await call(h.admin.as(undefined), route);
      expect([route, none.status, none.body.code]).toEqual([route, 401, 'UNAUTHENTICATED']);
      for (const role of ROLES.filter((r) => !rule.includes(r))) {
        const denied = await call(keys.get(role)!, route);
        expect([route, role, denied.status, denied.body.code]).toEqual([route, role, 403, 'FORBIDDEN']);
        expect(denied.body.detail).toContain(`Role ${role} may not call ${route}`);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(150);
    // A customer key no longer reads the catalogue or the locations (these routes had no role before).
    for (const path of ['/items', '/products', '/locations']) await keys.get('customer')!.get(path).expect(403);
    // Health stays open.
    await h.admin.as(undefined).get('/health').expect(200);
  });

  it('stops the gateway at boot when a route has no entry in the policy table', async () => {
    @Controller('unlisted')
    class UnlistedController {
      @Get() list() {
        return [];
      }
    }
    @Module({ imports: [DiscoveryModule], controllers: [UnlistedController], providers: [RoutePolicyCheck] })
    class WithUnlistedRoute {}
    const module = await Test.createTestingModule({ imports: [WithUnlistedRoute] }).compile();
    await expect(module.createNestApplication().init()).rejects.toThrow('GET /unlisted has no entry in ROUTE_POLICY');
  });

  it('binds a customer key only to a customer that exists', async () => {
    const missing = await h.admin
      .post('/api-keys', { name: 'ghost-shop', role: 'customer', customerId: ID })
      .expect(404);
    expect(missing.body.code).toBe('CUSTOMER_NOT_FOUND');
    await h.admin.get('/api-keys').expect(200);
    const names = ((await h.admin.get('/api-keys').expect(200)).body as Array<{ name: string }>).map((k) => k.name);
    expect(names).not.toContain('ghost-shop');
  });

  it('refuses to revoke the key of the request itself and the last active admin key, and keeps the bootstrap key revoked across a restart', async () => {
    const list = async () => (await h.admin.get('/api-keys').expect(200)).body as Array<{ id: string; name: string }>;
    const bootstrap = (await list()).find((k) => k.name === 'bootstrap-admin')!;
    const self = await h.admin.post(`/api-keys/${bootstrap.id}/revoke`).expect(409);
    expect(self.body).toMatchObject({ code: 'KEY_IN_USE', detail: expect.stringContaining('the key of this request') });

    const second = await h.fx.apiKey('second-admin', 'admin');
    const secondId = (await list()).find((k) => k.name === 'second-admin')!.id;
    // The second admin revokes the bootstrap key; then it is the last admin key, and cannot go.
    await second.post(`/api-keys/${bootstrap.id}/revoke`).expect(200);
    await h.admin.get('/api-keys').expect(401);
    const last = await second.post(`/api-keys/${secondId}/revoke`).expect(409);
    expect(last.body.code).toBe('KEY_IN_USE');
    const third = await h.fx.apiKey('third-admin', 'admin').catch(() => undefined);
    expect(third).toBeUndefined(); // fx uses the bootstrap key, which is revoked now
    const made = await second.post('/api-keys', { name: 'third-admin', role: 'admin' }).expect(201);
    const thirdApi = second.as(made.body.key as string);
    await thirdApi.post(`/api-keys/${secondId}/revoke`).expect(200);

    // The start-up step that creates the bootstrap key runs again, as on a restart: it stays revoked.
    await h.app.get(ApiKeysService).onApplicationBootstrap();
    await new Promise((r) => setTimeout(r, 1100));
    await h.admin.get('/api-keys').expect(401);
    await thirdApi.get('/api-keys').expect(200);
    h.admin = thirdApi;
  });

  it('rotates a key: the new secret works at once, the old one until its grace ends', async () => {
    const created = await h.admin.post('/api-keys', { name: 'rotating', role: 'sales' }).expect(201);
    const old = h.admin.as(created.body.key as string);
    await old.get('/customers').expect(200);
    const rotated = await h.admin
      .post(`/api-keys/${created.body.id}/rotate`, { previousKeyValidSeconds: 2 })
      .expect(200);
    expect(rotated.body.previousKeyValidUntil).toEqual(expect.any(String));
    const fresh = h.admin.as(rotated.body.key as string);
    await fresh.get('/customers').expect(200);
    await old.get('/customers').expect(200);
    await new Promise((r) => setTimeout(r, 3200));
    await old.get('/customers').expect(401);
    await fresh.get('/customers').expect(200);
    const bad = await h.admin.post(`/api-keys/${created.body.id}/rotate`, { previousKeyValidSeconds: -1 }).expect(400);
    expect(bad.body.errors[0].field).toBe('previousKeyValidSeconds');
    // The refused rotation changed nothing: the current secret still works, and no rotation was recorded after it.
    await fresh.get('/customers').expect(200);
    const listed = (
      (await h.admin.get('/api-keys').expect(200)).body as Array<{ id: string; rotatedAt?: string }>
    ).find((k) => k.id === created.body.id);
    expect(listed?.rotatedAt).toBe(rotated.body.rotatedAt);
  });

  it('lets a key expire', async () => {
    const soon = new Date(Date.now() + 1500).toISOString();
    const created = await h.admin
      .post('/api-keys', { name: 'short-lived', role: 'sales', expiresAt: soon })
      .expect(201);
    expect(created.body.expiresAt).toBe(soon);
    const api = h.admin.as(created.body.key as string);
    await api.get('/customers').expect(200);
    await new Promise((r) => setTimeout(r, 2700));
    await api.get('/customers').expect(401);
    const past = await h.admin
      .post('/api-keys', { name: 'already-over', role: 'sales', expiresAt: '2020-01-01T00:00:00Z' })
      .expect(400);
    expect(past.body.errors[0].field).toBe('expiresAt');
  });

  it('keeps the memory for unknown keys bounded under 1,000 random keys, and still serves a real key', async () => {
    const service = h.app.get(ApiKeysService);
    for (let i = 0; i < 1000; i += 50) {
      const answers = await Promise.all(Array.from({ length: 50 }, () => h.admin.as(randomKey()).get('/customers')));
      for (const answer of answers) expect(answer.status).toBe(401);
      expect(service.cachedKeys).toBeLessThanOrEqual(100);
    }
    await h.admin.get('/customers').expect(200);
  });
});

describe('gateway abuse limits', () => {
  let h: GatewayHarness;

  beforeAll(async () => {
    // Windows are fixed (aligned to multiples of their length): an hour-long one keeps a window's end
    // from falling inside these few seconds, which would reset the counts the tests add up.
    h = await startGateway({
      AUTH_FAILURE_LIMIT_PER_ADDRESS: '30',
      RATE_LIMIT_PER_KEY: '200',
      RATE_LIMIT_WINDOW_MS: '3600000',
    });
  });

  afterAll(async () => {
    await h?.close();
  });

  it('answers 429 with Retry-After after 30 wrong keys from one address, while a real key is still served', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 1000; i += 50) {
      const answers = await Promise.all(Array.from({ length: 50 }, () => h.admin.as(randomKey()).get('/customers')));
      statuses.push(...answers.map((a) => a.status));
      const limited = answers.find((a) => a.status === 429);
      if (limited) {
        expect(limited.headers['content-type']).toContain('application/problem+json');
        expect(limited.body.code).toBe('RATE_LIMITED');
        expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      }
    }
    expect(statuses.filter((s) => s === 401)).toHaveLength(30);
    expect(statuses.filter((s) => s === 429)).toHaveLength(970);
    await h.admin.get('/customers').expect(200);
  });

  it('limits requests per key over all routes, with X-RateLimit headers', async () => {
    const api = await h.fx.apiKey('busy', 'sales');
    const first = await api.get('/customers').expect(200);
    expect(first.headers['x-ratelimit-limit']).toBe('200');
    let limited: { status: number; headers: Record<string, string>; body: { code?: string } } | undefined;
    for (let i = 0; i < 450 && !limited; i++) {
      const answer = await api.get(i % 2 ? '/customers' : '/tax-rates');
      if (answer.status === 429) limited = answer;
    }
    expect(limited?.body.code).toBe('RATE_LIMITED');
    expect(Number(limited?.headers['retry-after'])).toBeGreaterThan(0);
    // Another key from the same address is not held back by that one.
    await h.admin.get('/customers').expect(200);
  });
});
